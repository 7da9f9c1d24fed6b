#include "conv.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <vector>

#include "gemm.h"
#include "scratch.h"
#include "thread_pool.h"
#include "vec.h"

namespace fsn {

namespace {

inline void copy_floats(float* d, const float* s, int n) {
  if (n <= 8) {
    for (int i = 0; i < n; ++i) d[i] = s[i];
  } else {
    std::memcpy(d, s, sizeof(float) * n);
  }
}

inline void zero_floats(float* d, int n) {
  if (n <= 8) {
    for (int i = 0; i < n; ++i) d[i] = 0.f;
  } else {
    std::memset(d, 0, sizeof(float) * n);
  }
}

inline void add_floats(float* d, const float* s, int n) {
  for (int i = 0; i < n; ++i) d[i] += s[i];
}

long patch_size(const ConvShape& s) { return static_cast<long>(s.fH) * s.fW * s.inC; }
long out_rows(const ConvShape& s) { return static_cast<long>(s.batch) * s.outH * s.outW; }

// Output position of im2col row m.
struct RowPos {
  long b;
  int oh, ow;
};

inline RowPos row_pos(const ConvShape& s, long m) {
  const long hw = static_cast<long>(s.outH) * s.outW;
  RowPos p;
  p.b = m / hw;
  const long rem = m - p.b * hw;
  p.oh = static_cast<int>(rem / s.outW);
  p.ow = static_cast<int>(rem - static_cast<long>(p.oh) * s.outW);
  return p;
}

inline void next_pos(const ConvShape& s, RowPos& p) {
  if (++p.ow == s.outW) {
    p.ow = 0;
    if (++p.oh == s.outH) {
      p.oh = 0;
      ++p.b;
    }
  }
}

// Writes rows [m0, m0+cnt) of the im2col matrix of x ([rows x fH*fW*inC],
// column order (kh, kw, c) = the filter's) to dst.
void im2col_rows(const ConvShape& s, const float* x, long m0, int cnt, float* dst) {
  const int C = s.inC;
  const long K = patch_size(s);
  const long rowStride = static_cast<long>(s.inW) * C;
  const long imgStride = static_cast<long>(s.inH) * rowStride;
  RowPos p = row_pos(s, m0);
  for (int i = 0; i < cnt; ++i, next_pos(s, p)) {
    float* d = dst + i * K;
    const float* xb = x + p.b * imgStride;
    const int ih0 = p.oh * s.strideH - s.padTop;
    const int iw0 = p.ow * s.strideW - s.padLeft;
    const bool rowInside = s.dilW == 1 && iw0 >= 0 && iw0 + s.fW <= s.inW;
    for (int kh = 0; kh < s.fH; ++kh) {
      const int ih = ih0 + kh * s.dilH;
      if (ih < 0 || ih >= s.inH) {
        zero_floats(d, s.fW * C);
        d += s.fW * C;
        continue;
      }
      const float* xr = xb + ih * rowStride;
      if (rowInside) {
        copy_floats(d, xr + static_cast<long>(iw0) * C, s.fW * C);
        d += s.fW * C;
        continue;
      }
      for (int kw = 0; kw < s.fW; ++kw, d += C) {
        const int iw = iw0 + kw * s.dilW;
        if (iw < 0 || iw >= s.inW) {
          zero_floats(d, C);
        } else {
          copy_floats(d, xr + static_cast<long>(iw) * C, C);
        }
      }
    }
  }
}

// Adds rows [m0, m0+cnt) of an im2col-shaped matrix back into the image dx.
void col2im_rows(const ConvShape& s, const float* cols, long m0, int cnt, float* dx) {
  const int C = s.inC;
  const long K = patch_size(s);
  const long rowStride = static_cast<long>(s.inW) * C;
  const long imgStride = static_cast<long>(s.inH) * rowStride;
  RowPos p = row_pos(s, m0);
  for (int i = 0; i < cnt; ++i, next_pos(s, p)) {
    const float* c = cols + i * K;
    float* xb = dx + p.b * imgStride;
    const int ih0 = p.oh * s.strideH - s.padTop;
    const int iw0 = p.ow * s.strideW - s.padLeft;
    const bool rowInside = s.dilW == 1 && iw0 >= 0 && iw0 + s.fW <= s.inW;
    for (int kh = 0; kh < s.fH; ++kh) {
      const int ih = ih0 + kh * s.dilH;
      if (ih < 0 || ih >= s.inH) {
        c += s.fW * C;
        continue;
      }
      float* xr = xb + ih * rowStride;
      if (rowInside) {
        // The patch row is fW*C consecutive floats of dx.
        add_floats(xr + static_cast<long>(iw0) * C, c, s.fW * C);
        c += s.fW * C;
        continue;
      }
      for (int kw = 0; kw < s.fW; ++kw, c += C) {
        const int iw = iw0 + kw * s.dilW;
        if (iw >= 0 && iw < s.inW) add_floats(xr + static_cast<long>(iw) * C, c, C);
      }
    }
  }
}

bool is_pointwise(const ConvShape& s) {
  return s.fH == 1 && s.fW == 1 && s.strideH == 1 && s.strideW == 1 && s.padTop == 0 &&
         s.padLeft == 0 && s.inH == s.outH && s.inW == s.outW;
}

// Rows per im2col tile: at least one GEMM row block, about `floats` in size.
int tile_rows(long K, long rows, long floats) {
  const int mr = gemm_mr();
  long t = std::max<long>(192, floats / std::max<long>(K, 1));
  t = (t + mr - 1) / mr * mr;
  return static_cast<int>(std::min(t, rows));
}

int parts_for(double fmas, long units) {
  if (fmas < 2.0e6) return 1;
  return static_cast<int>(std::max<long>(1, std::min<long>(pool_threads(), units)));
}

}  // namespace

void bias_activation(float* y, long rows, int cols, const float* bias, Activation act,
                     float alpha) {
  if (bias == nullptr && act == Activation::Linear) return;
  for (long r = 0; r < rows; ++r) {
    float* v = y + r * cols;
    if (bias != nullptr)
      for (int j = 0; j < cols; ++j) v[j] += bias[j];
    switch (act) {
      case Activation::Relu:
        relu_span(v, cols, 3.4e38f);
        break;
      case Activation::Relu6:
        relu_span(v, cols, 6.f);
        break;
      case Activation::LeakyRelu:
        leaky_relu_span(v, v, cols, alpha);
        break;
      case Activation::Sigmoid:
        for (int j = 0; j < cols; ++j) v[j] = 1.f / (1.f + std::exp(-v[j]));
        break;
      case Activation::Elu:
        for (int j = 0; j < cols; ++j) v[j] = v[j] >= 0.f ? v[j] : std::expm1(v[j]);
        break;
      default:
        break;
    }
  }
}

void conv2d_forward(const ConvShape& s, const float* x, const float* w, const float* bias,
                    Activation act, float alpha, float* y) {
  const long M = out_rows(s);
  const long K = patch_size(s);
  const int N = s.outC;
  if (M == 0 || N == 0) return;
  if (is_pointwise(s)) {
    sgemm_parallel(false, false, static_cast<int>(M), N, static_cast<int>(K), x, K, w, N, y, N,
                   false);
    bias_activation(y, M, N, bias, act, alpha);
    return;
  }
  const int tile = tile_rows(K, M, 64 * 1024);
  const long tiles = (M + tile - 1) / tile;
  // One part per tile: threads claim tiles as they go, so a thread that the OS
  // preempts delays only the tile it holds.
  const int parts = parts_for(static_cast<double>(M) * N * K, tiles) > 1 ? static_cast<int>(tiles) : 1;
  // The filter is the B of every tile: pack it once for all of them.
  float* wp = tiles > 1 ? scratch(ScratchSlot::SharedB, packed_b_floats(static_cast<int>(K), N)) : nullptr;
  if (wp && !pack_b_all(false, w, N, static_cast<int>(K), N, wp)) wp = nullptr;
  parallel_for(parts, [&](int t) {
    const long r0 = parts == 1 ? 0 : t * static_cast<long>(tile);
    const long r1 = parts == 1 ? M : std::min(M, r0 + tile);
    float* cols = scratch(ScratchSlot::Cols, static_cast<size_t>(tile) * K);
    for (long m = r0; m < r1; m += tile) {
      const int cnt = static_cast<int>(std::min<long>(tile, r1 - m));
      im2col_rows(s, x, m, cnt, cols);
      float* yt = y + m * N;
      if (wp) {
        sgemm_packed_b(false, cnt, N, static_cast<int>(K), cols, K, wp, yt, N, false);
      } else {
        sgemm(false, false, cnt, N, static_cast<int>(K), cols, K, w, N, yt, N, false);
      }
      bias_activation(yt, cnt, N, bias, act, alpha);
    }
  });
}

void conv2d_backprop_input(const ConvShape& s, const float* dy, const float* w, float* dx) {
  const long M = out_rows(s);
  const long K = patch_size(s);
  const int N = s.outC;
  const long dxSize = static_cast<long>(s.batch) * s.inH * s.inW * s.inC;
  if (is_pointwise(s)) {
    // dx = dy * w^T with w viewed as [inC x outC].
    sgemm_parallel(false, true, static_cast<int>(M), static_cast<int>(K), N, dy, N, w, N, dx, K,
                   false);
    return;
  }
  std::memset(dx, 0, sizeof(float) * dxSize);
  if (M == 0 || K == 0) return;
  const long hw = static_cast<long>(s.outH) * s.outW;
  const int tile = tile_rows(K, M, 64 * 1024);
  // Rows of different images scatter into disjoint parts of dx, so threads
  // split by image; a single image runs its GEMMs on the pool instead.
  const int threads = parts_for(static_cast<double>(M) * N * K, s.batch);
  // Up to 4 image groups per thread, claimed dynamically.
  const int parts = threads > 1 ? std::min(s.batch, threads * 4) : 1;
  const bool innerParallel = parts == 1 && static_cast<double>(M) * N * K >= 2.0e6;
  // w^T is the B of every tile: pack it once (transposing is the slow part).
  float* wp = innerParallel ? nullptr : scratch(ScratchSlot::SharedB, packed_b_floats(N, static_cast<int>(K)));
  if (wp && !pack_b_all(true, w, N, N, static_cast<int>(K), wp)) wp = nullptr;
  parallel_for(parts, [&](int t) {
    const long b0 = static_cast<long>(s.batch) * t / parts;
    const long b1 = static_cast<long>(s.batch) * (t + 1) / parts;
    const long r0 = b0 * hw, r1 = b1 * hw;
    float* cols = scratch(ScratchSlot::Cols, static_cast<size_t>(tile) * K);
    for (long m = r0; m < r1; m += tile) {
      const int cnt = static_cast<int>(std::min<long>(tile, r1 - m));
      if (innerParallel) {
        sgemm_parallel(false, true, cnt, static_cast<int>(K), N, dy + m * N, N, w, N, cols, K,
                       false);
      } else if (wp) {
        sgemm_packed_b(false, cnt, static_cast<int>(K), N, dy + m * N, N, wp, cols, K, false);
      } else {
        sgemm(false, true, cnt, static_cast<int>(K), N, dy + m * N, N, w, N, cols, K, false);
      }
      col2im_rows(s, cols, m, cnt, dx);
    }
  });
}

void conv2d_backprop_filter(const ConvShape& s, const float* x, const float* dy, float* dw) {
  const long M = out_rows(s);
  const long K = patch_size(s);
  const int N = s.outC;
  if (K == 0 || N == 0) return;
  if (M == 0) {
    std::memset(dw, 0, sizeof(float) * K * N);
    return;
  }
  if (is_pointwise(s)) {
    sgemm_parallel(true, false, static_cast<int>(K), N, static_cast<int>(M), x, K, dy, N, dw, N,
                   false);
    return;
  }
  // The reduction runs over all output positions: tiles are claimed dynamically
  // and each thread sums its tiles into its own buffer; the buffers are added
  // at the end.
  const int tile = tile_rows(K, M, 256 * 1024);
  const long tiles = (M + tile - 1) / tile;
  const int threads = parts_for(static_cast<double>(M) * N * K, tiles);
  if (threads <= 1) {
    float* cols = scratch(ScratchSlot::Cols, static_cast<size_t>(tile) * K);
    for (long m = 0; m < M; m += tile) {
      const int cnt = static_cast<int>(std::min<long>(tile, M - m));
      im2col_rows(s, x, m, cnt, cols);
      sgemm(true, false, static_cast<int>(K), N, cnt, cols, K, dy + m * N, N, dw, N, m > 0);
    }
    return;
  }
  const size_t kn = static_cast<size_t>(K) * N;
  std::vector<float> partial(static_cast<size_t>(pool_threads() - 1) * kn);
  std::vector<char> used(pool_threads(), 0);
  parallel_for_slots(static_cast<int>(tiles), [&](int t, int slot) {
    float* out = slot == 0 ? dw : partial.data() + static_cast<size_t>(slot - 1) * kn;
    const long m = t * static_cast<long>(tile);
    const int cnt = static_cast<int>(std::min<long>(tile, M - m));
    float* cols = scratch(ScratchSlot::Cols, static_cast<size_t>(tile) * K);
    im2col_rows(s, x, m, cnt, cols);
    sgemm(true, false, static_cast<int>(K), N, cnt, cols, K, dy + m * N, N, out, N, used[slot] != 0);
    used[slot] = 1;
  });
  if (!used[0]) std::memset(dw, 0, sizeof(float) * kn);
  for (int slot = 1; slot < pool_threads(); ++slot) {
    if (used[slot]) add_floats(dw, partial.data() + static_cast<size_t>(slot - 1) * kn, static_cast<int>(kn));
  }
}

}  // namespace fsn
