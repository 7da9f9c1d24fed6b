#include "gemm.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>

#include "cpu_features.h"
#include "scratch.h"
#include "thread_pool.h"
#include "vec.h"

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define FSN_X86 1
#endif

namespace fsn {

namespace {

// Micro-kernel: C[MR x NR] (ldc) = or += A(MR x kc) * Bp(kc x NR), Bp packed.
// kRows = false: A holds MR consecutive values per k step, a(r, p) = A[p*lda + r]:
//                a packed panel (lda = MR) or a transposed A read in place.
// kRows = true:  A is read in place, a(r, p) = A[r*lda + p] (no packing: the
// rows are streamed and each element broadcast, which suits the tall, skinny
// products of convolutions where packing A would cost as much as the FMAs).
using Ukr = void (*)(int kc, const float* A, long lda, const float* Bp, float* C, long ldc, bool acc);

struct KernelSet {
  int mr, nr;
  Ukr packed, rows;
};

// ---------------------------------------------------------------- generic
// GCC/Clang vector extensions (SSE2 on x86-64, NEON on arm64). 6 x 8 keeps
// 12 accumulators + 2 for B in 16 vector registers.
constexpr int kGenMR = 6, kGenNR = 8;

template <bool kRows>
void ukr_generic(int kc, const float* A, long lda, const float* B, float* C, long ldc, bool acc) {
  v4f c[kGenMR][2];
  for (int r = 0; r < kGenMR; ++r) c[r][0] = c[r][1] = v4f{0.f, 0.f, 0.f, 0.f};
  for (int p = 0; p < kc; ++p) {
    const v4f b0 = load4(B), b1 = load4(B + 4);
#pragma GCC unroll 6
    for (int r = 0; r < kGenMR; ++r) {
      const float a = kRows ? A[r * lda + p] : A[p * lda + r];
      const v4f av = {a, a, a, a};
      c[r][0] += av * b0;
      c[r][1] += av * b1;
    }
    B += kGenNR;
  }
  for (int r = 0; r < kGenMR; ++r) {
    float* cr = C + r * ldc;
    if (acc) {
      store4(cr, load4(cr) + c[r][0]);
      store4(cr + 4, load4(cr + 4) + c[r][1]);
    } else {
      store4(cr, c[r][0]);
      store4(cr + 4, c[r][1]);
    }
  }
}

#ifdef FSN_X86
// ---------------------------------------------------------------- AVX2+FMA
// 6 x 16: 12 ymm accumulators + 2 for B + 1 broadcast = 15 of 16 registers.
constexpr int kAvx2MR = 6, kAvx2NR = 16;

template <bool kRows>
__attribute__((target("avx2,fma")))
void ukr_avx2(int kc, const float* A, long lda, const float* B, float* C, long ldc, bool acc) {
  __m256 c[kAvx2MR][2];
#pragma GCC unroll 6
  for (int r = 0; r < kAvx2MR; ++r) c[r][0] = c[r][1] = _mm256_setzero_ps();
  for (int p = 0; p < kc; ++p) {
    const __m256 b0 = _mm256_load_ps(B);
    const __m256 b1 = _mm256_load_ps(B + 8);
#pragma GCC unroll 6
    for (int r = 0; r < kAvx2MR; ++r) {
      const __m256 a = _mm256_broadcast_ss(kRows ? A + r * lda + p : A + p * lda + r);
      c[r][0] = _mm256_fmadd_ps(a, b0, c[r][0]);
      c[r][1] = _mm256_fmadd_ps(a, b1, c[r][1]);
    }
    B += kAvx2NR;
  }
#pragma GCC unroll 6
  for (int r = 0; r < kAvx2MR; ++r) {
    float* cr = C + r * ldc;
    __m256 x0 = c[r][0], x1 = c[r][1];
    if (acc) {
      x0 = _mm256_add_ps(x0, _mm256_loadu_ps(cr));
      x1 = _mm256_add_ps(x1, _mm256_loadu_ps(cr + 8));
    }
    _mm256_storeu_ps(cr, x0);
    _mm256_storeu_ps(cr + 8, x1);
  }
}

// ---------------------------------------------------------------- AVX-512
// 12 x 32: 24 zmm accumulators + 2 for B; A comes as embedded broadcasts.
constexpr int kAvx512MR = 12, kAvx512NR = 32;

template <bool kRows>
__attribute__((target("avx512f")))
void ukr_avx512(int kc, const float* A, long lda, const float* B, float* C, long ldc, bool acc) {
  __m512 c[kAvx512MR][2];
#pragma GCC unroll 12
  for (int r = 0; r < kAvx512MR; ++r) {
    c[r][0] = _mm512_setzero_ps();
    c[r][1] = _mm512_setzero_ps();
  }
  for (int p = 0; p < kc; ++p) {
    const __m512 b0 = _mm512_load_ps(B);
    const __m512 b1 = _mm512_load_ps(B + 16);
    _mm_prefetch(reinterpret_cast<const char*>(B + 8 * kAvx512NR), _MM_HINT_T0);
#pragma GCC unroll 12
    for (int r = 0; r < kAvx512MR; ++r) {
      const __m512 a = _mm512_set1_ps(kRows ? A[r * lda + p] : A[p * lda + r]);
      c[r][0] = _mm512_fmadd_ps(a, b0, c[r][0]);
      c[r][1] = _mm512_fmadd_ps(a, b1, c[r][1]);
    }
    B += kAvx512NR;
  }
#pragma GCC unroll 12
  for (int r = 0; r < kAvx512MR; ++r) {
    float* cr = C + r * ldc;
    __m512 x0 = c[r][0], x1 = c[r][1];
    if (acc) {
      x0 = _mm512_add_ps(x0, _mm512_loadu_ps(cr));
      x1 = _mm512_add_ps(x1, _mm512_loadu_ps(cr + 16));
    }
    _mm512_storeu_ps(cr, x0);
    _mm512_storeu_ps(cr + 16, x1);
  }
}
#endif  // FSN_X86

KernelSet kernels_for(Isa isa) {
#ifdef FSN_X86
  if (isa == Isa::Avx512) return {kAvx512MR, kAvx512NR, ukr_avx512<false>, ukr_avx512<true>};
  if (isa == Isa::Avx2) return {kAvx2MR, kAvx2NR, ukr_avx2<false>, ukr_avx2<true>};
#endif
  (void)isa;
  return {kGenMR, kGenNR, ukr_generic<false>, ukr_generic<true>};
}

// Cache blocking: an A block (MC x KC) stays in L2 while the micro-kernel
// streams one B micro-panel (KC x NR, <= 32 KiB) from L1.
constexpr int kKC = 256;
constexpr int kMC = 192;  // multiple of 4, 6 and 12
constexpr int kNC = 4096;

// Packs op(A)[i0 .. i0+mc) x [p0 .. p0+kc) into MR-row panels, zero-padded.
void pack_a(bool transA, const float* A, long lda, int i0, int mc, int p0, int kc,
            int MR, float* dst) {
  for (int ir = 0; ir < mc; ir += MR) {
    const int mr = std::min(MR, mc - ir);
    float* d = dst + static_cast<long>(ir) * kc;
    if (transA) {
      // Row p of the stored matrix holds column p of op(A): MR contiguous floats.
      for (int p = 0; p < kc; ++p) {
        const float* s = A + static_cast<long>(p0 + p) * lda + i0 + ir;
        float* dp = d + static_cast<long>(p) * MR;
        int r = 0;
        for (; r < mr; ++r) dp[r] = s[r];
        for (; r < MR; ++r) dp[r] = 0.f;
      }
    } else {
      const float* s = A + static_cast<long>(i0 + ir) * lda + p0;
      for (int p = 0; p < kc; ++p) {
        float* dp = d + static_cast<long>(p) * MR;
        int r = 0;
        for (; r < mr; ++r) dp[r] = s[r * lda + p];
        for (; r < MR; ++r) dp[r] = 0.f;
      }
    }
  }
}

// Packs op(B)[p0 .. p0+kc) x [j0 .. j0+nc) into NR-column panels, zero-padded.
void pack_b(bool transB, const float* B, long ldb, int p0, int kc, int j0, int nc,
            int NR, float* dst) {
  for (int jr = 0; jr < nc; jr += NR) {
    const int nr = std::min(NR, nc - jr);
    float* d = dst + static_cast<long>(jr) * kc;
    if (!transB) {
      for (int p = 0; p < kc; ++p) {
        const float* s = B + static_cast<long>(p0 + p) * ldb + j0 + jr;
        float* dp = d + static_cast<long>(p) * NR;
        int j = 0;
        for (; j < nr; ++j) dp[j] = s[j];
        for (; j < NR; ++j) dp[j] = 0.f;
      }
    } else {
      // Sequential writes, NR strided read streams (all in L1 for one panel).
      const float* s = B + static_cast<long>(j0 + jr) * ldb + p0;
      for (int p = 0; p < kc; ++p) {
        float* dp = d + static_cast<long>(p) * NR;
        int j = 0;
        for (; j < nr; ++j) dp[j] = s[j * ldb + p];
        for (; j < NR; ++j) dp[j] = 0.f;
      }
    }
  }
}

}  // namespace

int gemm_mr() { return kernels_for(active_isa()).mr; }

namespace {

// The GEMM driver. With `bPre` (from pack_b_all) op(B) is already packed and
// N <= kNC; otherwise B is packed block by block here.
void gemm_core(bool transA, bool transB, int M, int N, int K,
               const float* A, long lda, const float* B, long ldb, const float* bPre,
               float* C, long ldc, bool accumulate) {
  if (M <= 0 || N <= 0) return;
  if (K <= 0) {
    if (!accumulate)
      for (int i = 0; i < M; ++i) std::memset(C + static_cast<long>(i) * ldc, 0, sizeof(float) * N);
    return;
  }
  const KernelSet ks = kernels_for(active_isa());
  const int MR = ks.mr, NR = ks.nr;
  const int kcMax = std::min(K, kKC);
  const int ncMax = std::min(N, kNC);
  const int mcMax = std::min(M, kMC);
  const long ncPad = (ncMax + NR - 1) / NR * NR;
  const long mcPad = (mcMax + MR - 1) / MR * MR;
  float* bp = bPre ? nullptr : scratch(ScratchSlot::PackB, ncPad * kcMax);
  float* ap = scratch(ScratchSlot::PackA, mcPad * kcMax);
  alignas(64) float tile[16 * 32];

  for (int jc = 0; jc < N; jc += kNC) {
    const int nc = std::min(kNC, N - jc);
    for (int pc = 0; pc < K; pc += kKC) {
      const int kc = std::min(kKC, K - pc);
      const bool acc = accumulate || pc > 0;
      if (bPre) {
        bp = const_cast<float*>(bPre) + static_cast<long>(pc) * ncPad;
      } else {
        pack_b(transB, B, ldb, pc, kc, jc, nc, NR, bp);
      }
      for (int ic = 0; ic < M; ic += kMC) {
        const int mc = std::min(kMC, M - ic);
        // Row-major A is read in place for whole MR-row panels (MR row
        // streams); only a ragged last panel is packed. A transposed A is
        // packed: reading it in place touches a new cache line per k step
        // and measured slower (filter gradients).
        const int direct = transA ? 0 : mc / MR * MR;
        if (direct < mc) {
          pack_a(transA, A, lda, ic + direct, mc - direct, pc, kc, MR, ap);
        }
        for (int jr = 0; jr < nc; jr += NR) {
          const int nr = std::min(NR, nc - jr);
          const float* bpan = bp + static_cast<long>(jr) * kc;
          for (int ir = 0; ir < mc; ir += MR) {
            const int mr = std::min(MR, mc - ir);
            float* c = C + static_cast<long>(ic + ir) * ldc + jc + jr;
            const bool inPlace = ir < direct;
            const float* apan;
            long astride;
            Ukr ukr;
            if (!inPlace) {
              apan = ap + static_cast<long>(ir - direct) * kc;
              astride = MR;
              ukr = ks.packed;
            } else {
              apan = A + static_cast<long>(ic + ir) * lda + pc;
              astride = lda;
              ukr = ks.rows;
            }
            if (mr == MR && nr == NR) {
              ukr(kc, apan, astride, bpan, c, ldc, acc);
            } else {
              ukr(kc, apan, astride, bpan, tile, NR, false);
              for (int r = 0; r < mr; ++r) {
                float* cr = c + static_cast<long>(r) * ldc;
                const float* tr = tile + r * NR;
                if (acc) {
                  for (int j = 0; j < nr; ++j) cr[j] += tr[j];
                } else {
                  for (int j = 0; j < nr; ++j) cr[j] = tr[j];
                }
              }
            }
          }
        }
      }
    }
  }
}

}  // namespace

void sgemm(bool transA, bool transB, int M, int N, int K,
           const float* A, long lda, const float* B, long ldb,
           float* C, long ldc, bool accumulate) {
  gemm_core(transA, transB, M, N, K, A, lda, B, ldb, nullptr, C, ldc, accumulate);
}

size_t packed_b_floats(int K, int N) {
  const int NR = kernels_for(active_isa()).nr;
  return static_cast<size_t>((N + NR - 1) / NR * NR) * static_cast<size_t>(K > 0 ? K : 1);
}

bool pack_b_all(bool transB, const float* B, long ldb, int K, int N, float* dst) {
  if (N > kNC) return false;
  const int NR = kernels_for(active_isa()).nr;
  const long ncPad = (N + NR - 1) / NR * NR;
  for (int pc = 0; pc < K; pc += kKC) {
    pack_b(transB, B, ldb, pc, std::min(kKC, K - pc), 0, N, NR, dst + static_cast<long>(pc) * ncPad);
  }
  return true;
}

void sgemm_packed_b(bool transA, int M, int N, int K, const float* A, long lda, const float* Bp,
                    float* C, long ldc, bool accumulate) {
  gemm_core(transA, false, M, N, K, A, lda, nullptr, 0, Bp, C, ldc, accumulate);
}

void sgemm_parallel(bool transA, bool transB, int M, int N, int K,
                    const float* A, long lda, const float* B, long ldb,
                    float* C, long ldc, bool accumulate) {
  const int threads = pool_threads();
  const double work = static_cast<double>(M) * N * K;
  if (threads <= 1 || work < 2.0e6) {
    sgemm(transA, transB, M, N, K, A, lda, B, ldb, C, ldc, accumulate);
    return;
  }
  const KernelSet ks = kernels_for(active_isa());
  // Split the larger output dimension in tile-aligned stripes; each thread
  // packs its own operands, so stripes never share writes.
  const bool splitM = M >= N || N < 2 * ks.nr;
  const int unit = splitM ? ks.mr : ks.nr;
  const int dim = splitM ? M : N;
  const int units = (dim + unit - 1) / unit;
  // A few stripes per thread, claimed dynamically, keep both threads busy when
  // the OS preempts one of them.
  const int parts = std::min(threads * 4, units);
  if (parts <= 1) {
    sgemm(transA, transB, M, N, K, A, lda, B, ldb, C, ldc, accumulate);
    return;
  }
  parallel_for(parts, [&](int t) {
    const int u0 = static_cast<int>(static_cast<long>(units) * t / parts);
    const int u1 = static_cast<int>(static_cast<long>(units) * (t + 1) / parts);
    const int s0 = u0 * unit;
    const int s1 = std::min(dim, u1 * unit);
    if (s1 <= s0) return;
    if (splitM) {
      const float* a = transA ? A + s0 : A + static_cast<long>(s0) * lda;
      sgemm(transA, transB, s1 - s0, N, K, a, lda, B, ldb, C + static_cast<long>(s0) * ldc, ldc,
            accumulate);
    } else {
      const float* b = transB ? B + static_cast<long>(s0) * ldb : B + s0;
      sgemm(transA, transB, M, s1 - s0, K, A, lda, b, ldb, C + s0, ldc, accumulate);
    }
  });
}

}  // namespace fsn
