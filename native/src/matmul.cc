#include "matmul.h"

#include <algorithm>
#include <vector>

#include "gemm.h"
#include "thread_pool.h"

namespace fsn {

void batch_matmul(const float* a, const float* b, float* c, int batchA, int batchB, int M,
                  int N, int K, bool transA, bool transB, const float* bias, int biasSize,
                  Activation act, float alpha) {
  const int batch = std::max(batchA, batchB);
  const long aStride = batchA == 1 ? 0 : static_cast<long>(M) * K;
  const long bStride = batchB == 1 ? 0 : static_cast<long>(K) * N;
  const long cStride = static_cast<long>(M) * N;
  const long lda = transA ? M : K;
  const long ldb = transB ? K : N;
  std::vector<float> wideBias;
  if (bias != nullptr && biasSize == 1 && N > 1) {
    wideBias.assign(N, bias[0]);
    bias = wideBias.data();
  }
  const double each = static_cast<double>(M) * N * K;
  auto one = [&](int i, bool parallel) {
    float* ci = c + i * cStride;
    if (parallel) {
      sgemm_parallel(transA, transB, M, N, K, a + i * aStride, lda, b + i * bStride, ldb, ci, N,
                     false);
    } else {
      sgemm(transA, transB, M, N, K, a + i * aStride, lda, b + i * bStride, ldb, ci, N, false);
    }
    bias_activation(ci, M, N, bias, act, alpha);
  };
  if (batch > 1 && each < 2.0e6 && each * batch >= 2.0e6) {
    // Many small products: spread whole matrices over the pool.
    const int parts = std::min(pool_threads(), batch);
    parallel_for(parts, [&](int t) {
      for (int i = batch * t / parts; i < batch * (t + 1) / parts; ++i) one(i, false);
    });
    return;
  }
  for (int i = 0; i < batch; ++i) one(i, true);
}

}  // namespace fsn
