// A tiny fork-join pool: the calling thread plus (threads - 1) persistent
// workers. Kernels split their work into `parts` pieces and run them at once.
#pragma once

#include <functional>

namespace fsn {

// Number of threads kernels use (default: hardware threads, capped at 8).
int pool_threads();
void set_pool_threads(int n);

// Runs fn(part) for part in [0, parts) spread over the pool; returns when all
// are done. If the pool is busy (a second JS thread calling in), runs every
// part on the calling thread instead of waiting.
void parallel_for(int parts, const std::function<void(int)>& fn);

// Same, also passing the executing thread's slot in [0, pool_threads()): slot 0 is
// the caller. Lets parts accumulate into per-thread buffers.
void parallel_for_slots(int parts, const std::function<void(int part, int slot)>& fn);

}  // namespace fsn
