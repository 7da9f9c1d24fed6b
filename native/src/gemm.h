// Self-contained blocked, packed SGEMM (Goto/BLIS loop order) on row-major
// matrices, with micro-kernels chosen at run time (AVX-512 / AVX2+FMA / generic).
#pragma once

#include <cstddef>

namespace fsn {

// C[M x N] (row stride ldc) = op(A)[M x K] * op(B)[K x N]  (+ C if accumulate)
// op(A)[i][p] = transA ? A[p*lda + i] : A[i*lda + p]
// op(B)[p][j] = transB ? B[j*ldb + p] : B[p*ldb + j]
// Runs on the calling thread only.
void sgemm(bool transA, bool transB, int M, int N, int K,
           const float* A, long lda, const float* B, long ldb,
           float* C, long ldc, bool accumulate);

// Same, split over the thread pool when the product is large enough.
void sgemm_parallel(bool transA, bool transB, int M, int N, int K,
                    const float* A, long lda, const float* B, long ldb,
                    float* C, long ldc, bool accumulate);

// op(B) packed once and reused by many products (a convolution's filter is
// the B of every im2col tile): pack_b_all fills packed_b_floats(K, N) floats,
// 64-byte aligned, and returns false when N is too wide for it (use sgemm).
size_t packed_b_floats(int K, int N);
bool pack_b_all(bool transB, const float* B, long ldb, int K, int N, float* dst);
void sgemm_packed_b(bool transA, int M, int N, int K, const float* A, long lda, const float* Bp,
                    float* C, long ldc, bool accumulate);

// Micro-tile rows of the active ISA (callers align row splits to it).
int gemm_mr();

}  // namespace fsn
