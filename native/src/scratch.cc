#include "scratch.h"

#include <cstdlib>
#include <new>

namespace fsn {

namespace {

struct Buffers {
  float* ptr[static_cast<int>(ScratchSlot::Count)] = {};
  size_t cap[static_cast<int>(ScratchSlot::Count)] = {};
  ~Buffers() {
    for (float* p : ptr) std::free(p);
  }
};

thread_local Buffers t_buffers;

}  // namespace

float* scratch(ScratchSlot slot, size_t floats) {
  const int i = static_cast<int>(slot);
  if (floats == 0) floats = 1;
  if (t_buffers.cap[i] < floats) {
    std::free(t_buffers.ptr[i]);
    // Round up to whole cache lines; aligned_alloc wants a multiple of 64.
    size_t bytes = (floats * sizeof(float) + 63) / 64 * 64;
    void* p = std::aligned_alloc(64, bytes);
    if (p == nullptr) throw std::bad_alloc();
    t_buffers.ptr[i] = static_cast<float*>(p);
    t_buffers.cap[i] = bytes / sizeof(float);
  }
  return t_buffers.ptr[i];
}

}  // namespace fsn
