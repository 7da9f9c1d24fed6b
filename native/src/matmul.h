// Batched matrix products with optional bias and activation epilogue.
#pragma once

#include "conv.h"

namespace fsn {

// c[batch][M x N] = act(op(a[batch or 0]) * op(b[batch or 0]) + bias)
// a is [batchA][M x K] (or [K x M] when transA), b is [batchB][K x N] (or
// [N x K] when transB); batchA and batchB are equal or one of them is 1.
// bias has N values (per column) or 1 value, or is null.
void batch_matmul(const float* a, const float* b, float* c, int batchA, int batchB, int M,
                  int N, int K, bool transA, bool transB, const float* bias, int biasSize,
                  Activation act, float alpha);

}  // namespace fsn
