#include "elementwise.h"

#include <algorithm>
#include <cmath>
#include <cstring>
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

namespace {

// Cephes' expf (ln 2 split in two, degree-5 polynomial, 2^n in the exponent bits; ~1.6e-7
// relative) for t in [-87, 0], the same steps as the engine's wasm SIMD kernel. V is a float
// vector type, VI the int vector of the same width.
// Vectors by reference: 32-byte vectors by value change the ABI outside AVX functions.
template <typename V, typename VI>
__attribute__((always_inline)) inline void exp_neg(const V& t, V& out) {
  // 1.5 * 2^23 plus the exponent bias: adding it rounds to an integer kept in the low bits.
  const V magic = V{} + (12582912.f + 127.f);
  V n = t * 1.44269504088896341f + magic;
  const VI bits = (VI)n << 23;
  n = n - magic;
  V r = t - n * 0.693359375f;
  r = r - n * -2.12194440e-4f;
  V p = r * 1.9875691500e-4f + 1.3981999507e-3f;
  p = p * r + 8.3334519073e-3f;
  p = p * r + 4.1665795894e-2f;
  p = p * r + 1.6666665459e-1f;
  p = p * r + 5.0000001201e-1f;
  p = p * r * r + r + 1.f;
  out = p * (V)bits;
}

template <typename V, typename VI, int W>
__attribute__((always_inline)) inline void silu_span_t(const float* x, float* y, float* m, long n) {
  long i = 0;
  for (; i + W <= n; i += W) {
    V v;
    std::memcpy(&v, x + i, sizeof v);
    const V a = (V)((VI)v & 0x7fffffff);
    const V lo = V{} - 87.f;
    // A NaN fails the comparison and is clamped; a = |x| carries it into y and m.
    const V t = -a > lo ? -a : lo;
    V e;
    exp_neg<V, VI>(t, e);
    const V small = e / (e + 1.f);
    const V pos = v > 0.f ? v : V{};
    // x * sigmoid(x): x * (1 - m) for x >= 0, x * m below.
    const V out = pos - a * small;
    std::memcpy(y + i, &out, sizeof out);
    if (m) std::memcpy(m + i, &small, sizeof small);
  }
  for (; i < n; ++i) {
    const float v = x[i];
    const double e = std::exp(-std::fabs(static_cast<double>(v)));
    const double small = e / (1 + e);
    y[i] = static_cast<float>(v >= 0 ? v - v * small : v * small);
    if (m) m[i] = static_cast<float>(small);
  }
}

template <typename V, typename VI, int W>
__attribute__((always_inline)) inline void silu_grad_span_t(const float* dy, const float* x, const float* m,
                                                             float* dx, long n) {
  long i = 0;
  for (; i + W <= n; i += W) {
    V g, v, mv;
    std::memcpy(&g, dy + i, sizeof g);
    std::memcpy(&v, x + i, sizeof v);
    std::memcpy(&mv, m + i, sizeof mv);
    const V one_minus = 1.f - mv;
    const auto nonneg = v >= 0.f;
    const V s = nonneg ? one_minus : mv;
    const V q = nonneg ? mv : one_minus;
    const V out = g * s * (v * q + 1.f);
    std::memcpy(dx + i, &out, sizeof out);
  }
  for (; i < n; ++i) {
    const float v = x[i], small = m[i];
    const float s = v >= 0 ? 1 - small : small;
    dx[i] = dy[i] * s * (1 + v * (v >= 0 ? small : 1 - small));
  }
}

typedef float v8f __attribute__((vector_size(32)));
typedef int v8i __attribute__((vector_size(32)));
typedef int v4i __attribute__((vector_size(16)));

__attribute__((target("avx2,fma"))) void silu_span_avx2(const float* x, float* y, float* m, long n) {
  silu_span_t<v8f, v8i, 8>(x, y, m, n);
}
__attribute__((target("avx2,fma"))) void silu_grad_span_avx2(const float* dy, const float* x, const float* m,
                                                             float* dx, long n) {
  silu_grad_span_t<v8f, v8i, 8>(dy, x, m, dx, n);
}
void silu_span_generic(const float* x, float* y, float* m, long n) { silu_span_t<v4f, v4i, 4>(x, y, m, n); }
void silu_grad_span_generic(const float* dy, const float* x, const float* m, float* dx, long n) {
  silu_grad_span_t<v4f, v4i, 4>(dy, x, m, dx, n);
}

bool use_avx2() {
  static const bool yes = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
  return yes;
}

}  // namespace

void silu(const float* x, float* y, float* m, long n) {
  split(n, [&](long b, long e) {
    if (use_avx2()) {
      silu_span_avx2(x + b, y + b, m ? m + b : nullptr, e - b);
    } else {
      silu_span_generic(x + b, y + b, m ? m + b : nullptr, e - b);
    }
  });
}

void silu_grad(const float* dy, const float* x, const float* m, float* dx, long n) {
  split(n, [&](long b, long e) {
    if (use_avx2()) {
      silu_grad_span_avx2(dy + b, x + b, m + b, dx + b, e - b);
    } else {
      silu_grad_span_generic(dy + b, x + b, m + b, dx + b, e - b);
    }
  });
}

namespace {

// Images per part: at least one image and ~kParallelElements values per part.
int image_parts(long n, long per_image) {
  if (n * per_image < kParallelElements) return 1;
  return static_cast<int>(std::max<long>(1, std::min<long>(pool_threads(), n)));
}

template <typename F>
void over_images(long n, long per_image, F body) {
  const int parts = image_parts(n, per_image);
  auto run = [&](int t) { body(t, n * t / parts, n * (t + 1) / parts); };
  if (parts <= 1) {
    run(0);
  } else {
    parallel_for(parts, run);
  }
}

}  // namespace

void group_norm(const float* x, const float* gamma, const float* beta, float* y, float* mean,
                float* rstd, long n, long hw, long c, long groups, float eps) {
  const long cpg = c / groups, count = hw * cpg, per = hw * c;
  over_images(n, per, [&](int, long b0, long b1) {
    std::vector<double> s(c), s2(c);
    std::vector<float> m(c), scale(c);
    for (long b = b0; b < b1; ++b) {
      const float* xb = x + b * per;
      std::fill(s.begin(), s.end(), 0.0);
      std::fill(s2.begin(), s2.end(), 0.0);
      for (long p = 0; p < hw; ++p) {
        const float* row = xb + p * c;
        for (long k = 0; k < c; ++k) {
          const double v = row[k];
          s[k] += v;
          s2[k] += v * v;
        }
      }
      for (long j = 0; j < groups; ++j) {
        double sum = 0, sum2 = 0;
        for (long k = j * cpg; k < (j + 1) * cpg; ++k) {
          sum += s[k];
          sum2 += s2[k];
        }
        const double mu = sum / count;
        const double var = std::max(0.0, sum2 / count - mu * mu);
        const float mf = static_cast<float>(mu);
        const float rf = static_cast<float>(1 / std::sqrt(var + eps));
        mean[b * groups + j] = mf;
        rstd[b * groups + j] = rf;
        for (long k = j * cpg; k < (j + 1) * cpg; ++k) {
          m[k] = mf;
          scale[k] = static_cast<float>(static_cast<double>(rf) * gamma[k]);
        }
      }
      float* yb = y + b * per;
      for (long p = 0; p < hw; ++p) {
        const float* row = xb + p * c;
        float* out = yb + p * c;
        for (long k = 0; k < c; ++k) out[k] = (row[k] - m[k]) * scale[k] + beta[k];
      }
    }
  });
}

void group_norm_grad(const float* dy, const float* x, const float* gamma, const float* mean,
                     const float* rstd, float* dx, float* dgamma, float* dbeta, long n, long hw,
                     long c, long groups) {
  const long cpg = c / groups, count = hw * cpg, per = hw * c;
  const int parts = image_parts(n, per);
  // Per part, not per thread: the final sums then add in a fixed order.
  std::vector<double> acc(static_cast<size_t>(parts) * 2 * c, 0.0);
  over_images(n, per, [&](int t, long b0, long b1) {
    double* dg = acc.data() + static_cast<size_t>(t) * 2 * c;
    double* db = dg + c;
    std::vector<double> s1(c), s2(c);
    std::vector<float> m(c), pk(c), qk(c), rk(c);
    for (long b = b0; b < b1; ++b) {
      const float* xb = x + b * per;
      const float* gb = dy + b * per;
      for (long j = 0; j < groups; ++j)
        for (long k = j * cpg; k < (j + 1) * cpg; ++k) m[k] = mean[b * groups + j];
      std::fill(s1.begin(), s1.end(), 0.0);
      std::fill(s2.begin(), s2.end(), 0.0);
      for (long p = 0; p < hw; ++p) {
        const float* xr = xb + p * c;
        const float* gr = gb + p * c;
        for (long k = 0; k < c; ++k) {
          const double g = gr[k];
          s1[k] += g;
          s2[k] += (static_cast<double>(xr[k]) - m[k]) * g;
        }
      }
      for (long j = 0; j < groups; ++j) {
        const double r = rstd[b * groups + j];
        double a = 0, bb = 0;
        for (long k = j * cpg; k < (j + 1) * cpg; ++k) {
          db[k] += s1[k];
          dg[k] += r * s2[k];
          a += gamma[k] * s1[k];
          bb += gamma[k] * s2[k];
        }
        bb *= r;
        for (long k = j * cpg; k < (j + 1) * cpg; ++k) {
          pk[k] = static_cast<float>(r * gamma[k]);
          qk[k] = static_cast<float>(-r * r * bb / count);
          rk[k] = static_cast<float>(-r * a / count);
        }
      }
      float* out = dx + b * per;
      for (long p = 0; p < hw; ++p) {
        const float* xr = xb + p * c;
        const float* gr = gb + p * c;
        float* o = out + p * c;
        for (long k = 0; k < c; ++k) o[k] = gr[k] * pk[k] + (xr[k] - m[k]) * qk[k] + rk[k];
      }
    }
  });
  for (long k = 0; k < c; ++k) {
    double g = 0, bsum = 0;
    for (int t = 0; t < parts; ++t) {
      g += acc[static_cast<size_t>(t) * 2 * c + k];
      bsum += acc[static_cast<size_t>(t) * 2 * c + c + k];
    }
    dgamma[k] = static_cast<float>(g);
    dbeta[k] = static_cast<float>(bsum);
  }
}

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

namespace fsn {

namespace {

// T is v4f (four lanes) or float (the tail).
template <BinaryOp op, typename T>
inline T apply(T a, T b) {
  if (op == BinaryOp::Add) return a + b;
  if (op == BinaryOp::Sub) return a - b;
  if (op == BinaryOp::Mul) return a * b;
  return a / b;
}

// One row: out[j] = op(x[j], y[j]) or with y a scalar broadcast.
template <BinaryOp op, bool swap>
inline void row_op(const float* big, const float* small, float* out, long n) {
  long j = 0;
  for (; j + 4 <= n; j += 4) {
    const v4f p = load4(big + j), q = load4(small + j);
    store4(out + j, swap ? apply<op>(q, p) : apply<op>(p, q));
  }
  for (; j < n; ++j) out[j] = swap ? apply<op>(small[j], big[j]) : apply<op>(big[j], small[j]);
}

template <BinaryOp op, bool swap>
inline void scalar_op(const float* big, float s, float* out, long n) {
  const v4f q = {s, s, s, s};
  long j = 0;
  for (; j + 4 <= n; j += 4) {
    const v4f p = load4(big + j);
    store4(out + j, swap ? apply<op>(q, p) : apply<op>(p, q));
  }
  for (; j < n; ++j) out[j] = swap ? apply<op>(s, big[j]) : apply<op>(big[j], s);
}

template <BinaryOp op, bool swap>
void binary_impl(const float* big, const float* small, float* out, long outer, long inner) {
  const long n = outer * inner;
  if (inner == 1) {
    const float s = small[0];
    split(n, [&](long b, long e) { scalar_op<op, swap>(big + b, s, out + b, e - b); });
    return;
  }
  if (outer == 1) {
    split(n, [&](long b, long e) { row_op<op, swap>(big + b, small + b, out + b, e - b); });
    return;
  }
  // Split whole rows so each part starts at a row boundary.
  const int parts = n >= kParallelElements ? std::min<long>(pool_threads(), outer) : 1;
  auto band = [&](int t) {
    for (long r = outer * t / parts; r < outer * (t + 1) / parts; ++r)
      row_op<op, swap>(big + r * inner, small, out + r * inner, inner);
  };
  if (parts <= 1) {
    band(0);
  } else {
    parallel_for(parts, band);
  }
}

template <BinaryOp op>
void binary_dispatch(const float* big, const float* small, float* out, long outer, long inner,
                     bool smallIsA) {
  if (smallIsA) {
    binary_impl<op, true>(big, small, out, outer, inner);
  } else {
    binary_impl<op, false>(big, small, out, outer, inner);
  }
}

}  // namespace

void binary_broadcast(BinaryOp op, const float* big, const float* small, float* out, long outer,
                      long inner, bool smallIsA) {
  switch (op) {
    case BinaryOp::Add: binary_dispatch<BinaryOp::Add>(big, small, out, outer, inner, smallIsA); break;
    case BinaryOp::Sub: binary_dispatch<BinaryOp::Sub>(big, small, out, outer, inner, smallIsA); break;
    case BinaryOp::Mul: binary_dispatch<BinaryOp::Mul>(big, small, out, outer, inner, smallIsA); break;
    case BinaryOp::Div: binary_dispatch<BinaryOp::Div>(big, small, out, outer, inner, smallIsA); break;
  }
}

void batch_norm(const float* x, const float* mean, const float* var, const float* offset,
                const float* scale, float eps, float* y, long rows, long channels) {
  // Folded to y = x * s + o per channel: one multiply-add per element.
  std::vector<float> s(channels), o(channels);
  for (long c = 0; c < channels; ++c) {
    const float k = (scale ? scale[c] : 1.f) / std::sqrt(var[c] + eps);
    s[c] = k;
    o[c] = (offset ? offset[c] : 0.f) - mean[c] * k;
  }
  const int parts = rows * channels >= kParallelElements ? std::min<long>(pool_threads(), rows) : 1;
  auto band = [&](int t) {
    for (long r = rows * t / parts; r < rows * (t + 1) / parts; ++r) {
      const float* xr = x + r * channels;
      float* yr = y + r * channels;
      long c = 0;
      for (; c + 4 <= channels; c += 4) store4(yr + c, load4(xr + c) * load4(&s[c]) + load4(&o[c]));
      for (; c < channels; ++c) yr[c] = xr[c] * s[c] + o[c];
    }
  };
  if (parts <= 1) {
    band(0);
  } else {
    parallel_for(parts, band);
  }
}

}  // namespace fsn
