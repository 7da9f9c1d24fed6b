// Memory-bound kernels that the wasm backend runs slowly or in several passes.
#pragma once

namespace fsn {

// y = x >= 0 ? x : alpha * x   (branchless select, vectorized)
void leaky_relu(const float* x, float* y, long n, float alpha);

// dx = x > 0 ? dy : alpha * dy   (LeakyRelu's gradient in one pass)
void leaky_relu_grad(const float* dy, const float* x, float* dx, long n, float alpha);

// Reductions of x viewed as [outer x inner], scaled by `scale` (1 for Sum, 1/count for Mean):
// over the leading axes  -> y[inner] = scale * sum_i x[i][j]
// over the trailing axes -> y[outer] = scale * sum_j x[i][j]
void reduce_leading(const float* x, float* y, long outer, long inner, float scale);
void reduce_trailing(const float* x, float* y, long outer, long inner, float scale);

}  // namespace fsn
