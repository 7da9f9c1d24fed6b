#include "thread_pool.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

namespace fsn {

namespace {

// The pool lives for the whole process and is never destroyed: its workers are
// detached, so no destructor may run under them at exit.
struct Pool {
  std::mutex busy;  // held by the thread that currently drives a parallel_for
  std::mutex m;
  std::condition_variable cv_work;
  std::condition_variable cv_done;
  const std::function<void(int)>* fn = nullptr;
  std::atomic<int> next{0};
  int parts = 0;
  int pending_workers = 0;
  unsigned generation = 0;
  int workers = 0;
  int active_helpers = 0;  // workers with a smaller index take parts

  void run_parts() {
    for (;;) {
      int p = next.fetch_add(1, std::memory_order_relaxed);
      if (p >= parts) break;
      (*fn)(p);
    }
  }

  void worker_loop(int index) {
    unsigned seen = 0;
    for (;;) {
      bool take;
      {
        std::unique_lock<std::mutex> lk(m);
        cv_work.wait(lk, [&] { return generation != seen; });
        seen = generation;
        take = index < active_helpers;
      }
      if (take) run_parts();
      {
        std::lock_guard<std::mutex> lk(m);
        if (--pending_workers == 0) cv_done.notify_one();
      }
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
  int threads = std::min(pool_threads(), parts);
  Pool* p = pool();
  if (threads <= 1 || !p->busy.try_lock()) {
    for (int i = 0; i < parts; ++i) fn(i);
    return;
  }
  std::lock_guard<std::mutex> own(p->busy, std::adopt_lock);
  const int helpers = threads - 1;
  {
    std::lock_guard<std::mutex> lk(p->m);
    p->ensure_workers(helpers);
    p->fn = &fn;
    p->parts = parts;
    p->next.store(0, std::memory_order_relaxed);
    // Every worker wakes on a new generation; all of them must check in
    // before fn goes out of scope, even those that find no part left.
    p->pending_workers = p->workers;
    p->active_helpers = helpers;
    ++p->generation;
  }
  p->cv_work.notify_all();
  p->run_parts();
  std::unique_lock<std::mutex> lk(p->m);
  p->cv_done.wait(lk, [&] { return p->pending_workers == 0; });
  p->fn = nullptr;
}

}  // namespace fsn
