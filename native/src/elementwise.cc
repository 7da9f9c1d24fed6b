#include "elementwise.h"

#include <algorithm>
#include <vector>

#include "thread_pool.h"
#include "vec.h"

namespace fsn {

namespace {

// Below this many elements a second thread costs more than it saves.
constexpr long kParallelElements = 1L << 16;

int parts_for(long n) {
  if (n < kParallelElements) return 1;
  return static_cast<int>(std::min<long>(pool_threads(), n / (kParallelElements / 2)));
}

// Runs body(begin, end) over [0, n) in cache-line-aligned chunks, one per part.
template <typename F>
void split(long n, F body) {
  const int parts = parts_for(n);
  if (parts <= 1) {
    body(0L, n);
    return;
  }
  parallel_for(parts, [&](int t) {
    const long b = n * t / parts / 16 * 16;
    const long e = t + 1 == parts ? n : n * (t + 1) / parts / 16 * 16;
    body(b, e);
  });
}

}  // namespace

void leaky_relu(const float* x, float* y, long n, float alpha) {
  split(n, [&](long b, long e) { leaky_relu_span(x + b, y + b, e - b, alpha); });
}

void leaky_relu_grad(const float* dy, const float* x, float* dx, long n, float alpha) {
  // Signs of activations are random, so a branch mispredicts half the time
  // (~4 ns per element); vector selects cost a fraction of that.
  split(n, [&](long b, long e) {
    const v4f va = {alpha, alpha, alpha, alpha};
    const v4f zero = {0.f, 0.f, 0.f, 0.f};
    long i = b;
    for (; i + 4 <= e; i += 4) {
      const v4f g = load4(dy + i);
      store4(dx + i, load4(x + i) > zero ? g : g * va);
    }
    for (; i < e; ++i) dx[i] = x[i] > 0.f ? dy[i] : dy[i] * alpha;
  });
}

void reduce_leading(const float* x, float* y, long outer, long inner, float scale) {
  // Each part sums a band of rows into its own accumulator row (double would
  // halve the vector width; float with per-part partials matches tfjs's float32).
  const int parts = outer * inner >= kParallelElements ? std::min<long>(pool_threads(), outer) : 1;
  std::vector<float> acc(static_cast<size_t>(parts) * inner, 0.f);
  auto band = [&](int t) {
    float* a = acc.data() + static_cast<size_t>(t) * inner;
    const long r0 = outer * t / parts, r1 = outer * (t + 1) / parts;
    for (long r = r0; r < r1; ++r) {
      const float* xr = x + r * inner;
      for (long j = 0; j < inner; ++j) a[j] += xr[j];
    }
  };
  if (parts <= 1) {
    band(0);
  } else {
    parallel_for(parts, band);
  }
  for (long j = 0; j < inner; ++j) {
    float s = 0.f;
    for (int t = 0; t < parts; ++t) s += acc[static_cast<size_t>(t) * inner + j];
    y[j] = s * scale;
  }
}

void reduce_trailing(const float* x, float* y, long outer, long inner, float scale) {
  split(outer, [&](long b, long e) {
    for (long r = b; r < e; ++r) {
      const float* xr = x + r * inner;
      // Eight interleaved partial sums vectorize and keep rounding error low.
      float s[8] = {0, 0, 0, 0, 0, 0, 0, 0};
      long j = 0;
      for (; j + 8 <= inner; j += 8)
        for (int k = 0; k < 8; ++k) s[k] += xr[j + k];
      float total = ((s[0] + s[4]) + (s[1] + s[5])) + ((s[2] + s[6]) + (s[3] + s[7]));
      for (; j < inner; ++j) total += xr[j];
      y[r] = total * scale;
    }
  });
}

}  // namespace fsn
