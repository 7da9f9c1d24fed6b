#include "thread_pool.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define FSN_PAUSE() _mm_pause()
#else
#define FSN_PAUSE() ((void)0)
#endif

namespace fsn {

namespace {

// Parts are claimed dynamically, so the caller never waits for a worker to be
// scheduled: on a busy machine a worker that wakes late finds nothing left and
// the caller has done the work itself. The caller only waits for parts that a
// worker has already claimed (and is running).
//
// `ticket` packs (job generation << 32 | next part). A worker claims part i of
// job g with a CAS that succeeds only while the ticket still belongs to job g,
// so it never runs a function of a job that has finished.
struct Pool {
  std::mutex busy;  // held by the thread that currently drives a parallel_for
  std::mutex m;
  std::condition_variable cv_work;
  const std::function<void(int, int)>* fn = nullptr;
  int parts = 0;
  uint32_t generation = 0;
  int workers = 0;
  int active_helpers = 0;
  std::atomic<uint64_t> ticket{0};
  std::atomic<int> done{0};

  void claim_loop(const std::function<void(int, int)>* f, int n, uint32_t g, int slot) {
    for (;;) {
      uint64_t t = ticket.load(std::memory_order_acquire);
      if (static_cast<uint32_t>(t >> 32) != g) return;
      const uint32_t idx = static_cast<uint32_t>(t);
      if (idx >= static_cast<uint32_t>(n)) return;
      if (!ticket.compare_exchange_weak(t, t + 1, std::memory_order_acq_rel)) continue;
      (*f)(static_cast<int>(idx), slot);
      done.fetch_add(1, std::memory_order_release);
    }
  }

  void worker_loop(int index) {
    uint32_t seen = 0;
    for (;;) {
      const std::function<void(int, int)>* f;
      int n;
      uint32_t g;
      bool take;
      {
        std::unique_lock<std::mutex> lk(m);
        cv_work.wait(lk, [&] { return generation != seen; });
        seen = generation;
        f = fn;
        n = parts;
        g = generation;
        take = index < active_helpers;
      }
      if (take) claim_loop(f, n, g, index + 1);
    }
  }

  void ensure_workers(int n) {
    while (workers < n) {
      const int index = workers;
      std::thread([this, index] { worker_loop(index); }).detach();
      ++workers;
    }
  }
};

// The pool lives for the whole process and is never destroyed: its workers are
// detached, so no destructor may run under them at exit.
Pool* pool() {
  static Pool* p = new Pool();
  return p;
}

int default_threads() {
  unsigned hw = std::thread::hardware_concurrency();
  if (hw == 0) hw = 1;
  return static_cast<int>(std::min(hw, 8u));
}

std::atomic<int> g_threads{0};

}  // namespace

int pool_threads() {
  int t = g_threads.load(std::memory_order_relaxed);
  if (t <= 0) {
    t = default_threads();
    g_threads.store(t, std::memory_order_relaxed);
  }
  return t;
}

void set_pool_threads(int n) {
  g_threads.store(std::max(1, std::min(n, 64)), std::memory_order_relaxed);
}

void parallel_for(int parts, const std::function<void(int)>& fn) {
  parallel_for_slots(parts, [&](int part, int) { fn(part); });
}

void parallel_for_slots(int parts, const std::function<void(int, int)>& fn) {
  const int threads = std::min(pool_threads(), parts);
  Pool* p = pool();
  if (threads <= 1 || !p->busy.try_lock()) {
    for (int i = 0; i < parts; ++i) fn(i, 0);
    return;
  }
  std::lock_guard<std::mutex> own(p->busy, std::adopt_lock);
  uint32_t g;
  {
    std::lock_guard<std::mutex> lk(p->m);
    p->ensure_workers(threads - 1);
    p->active_helpers = threads - 1;
    p->fn = &fn;
    p->parts = parts;
    g = ++p->generation;
    p->done.store(0, std::memory_order_relaxed);
    p->ticket.store(static_cast<uint64_t>(g) << 32, std::memory_order_release);
  }
  p->cv_work.notify_all();
  p->claim_loop(&fn, parts, g, 0);
  // Only parts already running on a worker remain.
  for (int spins = 0; p->done.load(std::memory_order_acquire) < parts; ++spins) {
    if (spins < 4096) {
      FSN_PAUSE();
    } else {
      std::this_thread::yield();
    }
  }
}

}  // namespace fsn
