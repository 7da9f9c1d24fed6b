// NHWC 2-D convolutions as im2col + SGEMM, tiled so an im2col tile stays in
// cache, and split across the thread pool.
#pragma once

namespace fsn {

struct ConvShape {
  int batch, inH, inW, inC;     // x / dx: [batch, inH, inW, inC]
  int outH, outW, outC;         // y / dy: [batch, outH, outW, outC]
  int fH, fW;                   // filter: [fH, fW, inC, outC]
  int strideH, strideW;
  int dilH, dilW;
  int padTop, padLeft;
};

// Must match tfjs-backend-wasm's FusableActivation numbering.
enum class Activation : int {
  Linear = 0, Relu = 1, Relu6 = 2, Prelu = 3, LeakyRelu = 4, Sigmoid = 5, Elu = 6
};

// Applies bias (per column, may be null) and activation to rows x cols, in place.
void bias_activation(float* y, long rows, int cols, const float* bias, Activation act,
                     float alpha);

// y = act(conv(x, w) + bias)
void conv2d_forward(const ConvShape& s, const float* x, const float* w, const float* bias,
                    Activation act, float alpha, float* y);

// dx = gradient of conv2d w.r.t. its input (also: the transposed convolution)
void conv2d_backprop_input(const ConvShape& s, const float* dy, const float* w, float* dx);

// dw = gradient of conv2d w.r.t. its filter
void conv2d_backprop_filter(const ConvShape& s, const float* x, const float* dy, float* dw);

}  // namespace fsn
