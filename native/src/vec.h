// Portable 128-bit float vectors (GCC/Clang vector extensions: SSE2 on x86-64,
// NEON on arm64) for branch-free elementwise loops.
#pragma once

#include <cstring>

namespace fsn {

typedef float v4f __attribute__((vector_size(16)));

inline v4f load4(const float* p) {
  v4f v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

inline void store4(float* p, v4f v) { std::memcpy(p, &v, sizeof v); }

// y = x >= 0 ? x : alpha * x, without branches.
inline void leaky_relu_span(const float* x, float* y, long n, float alpha) {
  const v4f va = {alpha, alpha, alpha, alpha};
  const v4f zero = {0.f, 0.f, 0.f, 0.f};
  long i = 0;
  for (; i + 4 <= n; i += 4) {
    const v4f v = load4(x + i);
    store4(y + i, v >= zero ? v : v * va);
  }
  for (; i < n; ++i) y[i] = x[i] >= 0.f ? x[i] : x[i] * alpha;
}

inline void relu_span(float* y, long n, float cap) {
  const v4f zero = {0.f, 0.f, 0.f, 0.f};
  const v4f vc = {cap, cap, cap, cap};
  long i = 0;
  for (; i + 4 <= n; i += 4) {
    v4f v = load4(y + i);
    v = v > zero ? v : zero;
    v = v < vc ? v : vc;
    store4(y + i, v);
  }
  for (; i < n; ++i) y[i] = y[i] > 0.f ? (y[i] < cap ? y[i] : cap) : 0.f;
}

}  // namespace fsn
