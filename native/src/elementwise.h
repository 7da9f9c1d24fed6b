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

// SiLU, y = x * sigmoid(x); when m is not null also m = sigmoid(-|x|), from which the gradient
// takes s = sigmoid(x) and 1 - s (m or 1 - m by the sign of x), both accurate in float32.
void silu(const float* x, float* y, float* m, long n);

// dx = dy * s * (1 + x * (1 - s)) with s, 1 - s from m = sigmoid(-|x|).
void silu_grad(const float* dy, const float* x, const float* m, float* dx, long n);

// GroupNorm of NHWC x ([n, hw, c], `groups` groups of consecutive channels), the engine's
// FlowStudioGroupNorm: y = (x - mean) * (rstd * gamma) + beta, mean and rstd = 1/sqrt(var + eps)
// per (image, group) out ([n, groups]). Sums in double; images split over the threads.
void group_norm(const float* x, const float* gamma, const float* beta, float* y, float* mean,
                float* rstd, long n, long hw, long c, long groups, float eps);

// Its gradient (FlowStudioGroupNormGrad): dx, dgamma, dbeta from dy, x, gamma and the saved
// mean and rstd, one reading and one writing pass per image.
void group_norm_grad(const float* dy, const float* x, const float* gamma, const float* mean,
                     const float* rstd, float* dx, float* dgamma, float* dbeta, long n, long hw,
                     long c, long groups);

}  // namespace fsn

namespace fsn {

enum class BinaryOp : int { Add = 0, Sub = 1, Mul = 2, Div = 3 };

// out[i*inner + j] = op(a, b) where the "big" operand has outer*inner values and the "small"
// one has inner values repeated for every outer index (inner = 1: a scalar; outer = 1: same
// shape). smallIsA says which side the small operand is on (the order matters for Sub, Div).
void binary_broadcast(BinaryOp op, const float* big, const float* small, float* out, long outer,
                      long inner, bool smallIsA);

// Batch norm on the last axis: y = (x - mean) * scale / sqrt(var + eps) + offset, with each
// parameter holding `channels` values (offset / scale may be null: 0 / 1).
void batch_norm(const float* x, const float* mean, const float* var, const float* offset,
                const float* scale, float eps, float* y, long rows, long channels);

}  // namespace fsn
