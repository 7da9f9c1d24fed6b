// N-API entry points. Tensors live in the tfjs wasm backend's heap: every
// kernel receives that heap (an ArrayBuffer) and byte offsets into it, so the
// kernels read and write tensors in place, without copies. Offsets and sizes
// are checked against the heap so a wrong call throws instead of corrupting.
#define NAPI_VERSION 8
#include <node_api.h>

#include <cstdint>
#include <exception>
#include <new>
#include <string>

#include "conv.h"
#include "cpu_features.h"
#include "elementwise.h"
#include "gemm.h"
#include "matmul.h"
#include "thread_pool.h"

namespace {

using namespace fsn;

// Bumped whenever an entry point's arguments change; the JS loader checks it.
constexpr int kAbiVersion = 3;

struct CallError {
  std::string message;
};

struct Args {
  napi_env env;
  size_t argc = 32;
  napi_value argv[32];

  Args(napi_env e, napi_callback_info info, size_t expected) : env(e) {
    if (napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr) != napi_ok)
      throw CallError{"cannot read arguments"};
    if (argc < expected)
      throw CallError{"expected " + std::to_string(expected) + " arguments, got " +
                      std::to_string(argc)};
  }

  double num(size_t i) const {
    double v;
    if (napi_get_value_double(env, argv[i], &v) != napi_ok)
      throw CallError{"argument " + std::to_string(i) + " must be a number"};
    return v;
  }
  int i32(size_t i) const {
    const double v = num(i);
    if (!(v >= -2147483648.0 && v <= 2147483647.0))
      throw CallError{"argument " + std::to_string(i) + " is not a 32-bit integer"};
    return static_cast<int>(v);
  }
  bool flag(size_t i) const {
    bool b;
    if (napi_get_value_bool(env, argv[i], &b) == napi_ok) return b;
    return num(i) != 0;
  }
  std::string str(size_t i) const {
    char buf[64];
    size_t len = 0;
    if (napi_get_value_string_utf8(env, argv[i], buf, sizeof buf, &len) != napi_ok)
      throw CallError{"argument " + std::to_string(i) + " must be a string"};
    return std::string(buf, len);
  }
};

// The wasm heap: an ArrayBuffer, or any typed array over it.
struct Heap {
  uint8_t* base = nullptr;
  size_t bytes = 0;

  Heap(napi_env env, napi_value v) {
    bool isAb = false;
    napi_is_arraybuffer(env, v, &isAb);
    if (isAb) {
      void* data;
      if (napi_get_arraybuffer_info(env, v, &data, &bytes) != napi_ok)
        throw CallError{"cannot read the heap ArrayBuffer"};
      base = static_cast<uint8_t*>(data);
      return;
    }
    bool isTa = false;
    napi_is_typedarray(env, v, &isTa);
    if (!isTa) throw CallError{"heap must be an ArrayBuffer or a typed array"};
    napi_typedarray_type type;
    size_t length, offset;
    void* data;
    napi_value ab;
    if (napi_get_typedarray_info(env, v, &type, &length, &data, &ab, &offset) != napi_ok)
      throw CallError{"cannot read the heap typed array"};
    // Offsets are relative to the start of the underlying buffer.
    void* abData;
    if (napi_get_arraybuffer_info(env, ab, &abData, &bytes) != napi_ok)
      throw CallError{"cannot read the heap's buffer"};
    base = static_cast<uint8_t*>(abData);
  }

  // A float32 region of `count` elements at byte offset `off`.
  float* f32(double off, double count, const char* what) const {
    if (!(off >= 0)) throw CallError{std::string(what) + " has no heap offset"};
    const double end = off + count * 4.0;
    if (end > static_cast<double>(bytes) || static_cast<uint64_t>(off) % 4 != 0)
      throw CallError{std::string(what) + " lies outside the heap or is misaligned"};
    return reinterpret_cast<float*>(base + static_cast<size_t>(off));
  }

  // Same, for optional tensors: a negative offset means "none" (null).
  float* opt_f32(double off, double count, const char* what) const {
    return off < 0 ? nullptr : f32(off, count, what);
  }
};

// A standalone Float32Array (for the raw GEMM entry point used by benchmarks).
float* float_array(napi_env env, napi_value v, size_t need, const char* what) {
  bool isTa = false;
  napi_is_typedarray(env, v, &isTa);
  if (!isTa) throw CallError{std::string(what) + " must be a Float32Array"};
  napi_typedarray_type type;
  size_t length, offset;
  void* data;
  napi_value ab;
  napi_get_typedarray_info(env, v, &type, &length, &data, &ab, &offset);
  if (type != napi_float32_array) throw CallError{std::string(what) + " must be a Float32Array"};
  if (length < need) throw CallError{std::string(what) + " is too small"};
  return static_cast<float*>(data);
}

template <typename F>
napi_value guarded(napi_env env, F&& body) {
  try {
    return body();
  } catch (const CallError& e) {
    napi_throw_error(env, "FLOWSTUDIO_NATIVE_ARG", e.message.c_str());
  } catch (const std::bad_alloc&) {
    napi_throw_error(env, "FLOWSTUDIO_NATIVE_OOM", "native kernel ran out of memory");
  } catch (const std::exception& e) {
    napi_throw_error(env, "FLOWSTUDIO_NATIVE", e.what());
  }
  return nullptr;
}

napi_value undefined(napi_env env) {
  napi_value u;
  napi_get_undefined(env, &u);
  return u;
}

// A kernel entry point: `argc` arguments, the wasm heap first; returns undefined.
template <typename F>
napi_value heap_kernel(napi_env env, napi_callback_info info, size_t argc, F&& body) {
  return guarded(env, [&] {
    Args a(env, info, argc);
    Heap h(env, a.argv[0]);
    body(a, h);
    return undefined(env);
  });
}

ConvShape read_conv_shape(const Args& a, size_t i) {
  ConvShape s;
  s.batch = a.i32(i + 0);
  s.inH = a.i32(i + 1);
  s.inW = a.i32(i + 2);
  s.inC = a.i32(i + 3);
  s.outH = a.i32(i + 4);
  s.outW = a.i32(i + 5);
  s.outC = a.i32(i + 6);
  s.fH = a.i32(i + 7);
  s.fW = a.i32(i + 8);
  s.strideH = a.i32(i + 9);
  s.strideW = a.i32(i + 10);
  s.dilH = a.i32(i + 11);
  s.dilW = a.i32(i + 12);
  s.padTop = a.i32(i + 13);
  s.padLeft = a.i32(i + 14);
  if (s.batch < 0 || s.inH < 0 || s.inW < 0 || s.inC < 0 || s.outH < 0 || s.outW < 0 ||
      s.outC < 0 || s.fH <= 0 || s.fW <= 0 || s.strideH <= 0 || s.strideW <= 0 || s.dilH <= 0 ||
      s.dilW <= 0)
    throw CallError{"invalid convolution geometry"};
  return s;
}

double x_size(const ConvShape& s) { return 1.0 * s.batch * s.inH * s.inW * s.inC; }
double y_size(const ConvShape& s) { return 1.0 * s.batch * s.outH * s.outW * s.outC; }
double w_size(const ConvShape& s) { return 1.0 * s.fH * s.fW * s.inC * s.outC; }

Activation read_activation(const Args& a, size_t i) {
  const int v = a.i32(i);
  if (v < 0 || v > 6 || v == static_cast<int>(Activation::Prelu))
    throw CallError{"unsupported fused activation " + std::to_string(v)};
  return static_cast<Activation>(v);
}

// conv2d(heap, x, w, bias|-1, y, ...geometry(15), activation, alpha)
napi_value Conv2d(napi_env env, napi_callback_info info) {
  return heap_kernel(env, info, 22, [&](const Args& a, const Heap& h) {
    ConvShape s = read_conv_shape(a, 5);
    float* x = h.f32(a.num(1), x_size(s), "x");
    float* w = h.f32(a.num(2), w_size(s), "filter");
    float* bias = h.opt_f32(a.num(3), s.outC, "bias");
    float* y = h.f32(a.num(4), y_size(s), "output");
    conv2d_forward(s, x, w, bias, read_activation(a, 20), static_cast<float>(a.num(21)), y);
  });
}

// conv2dBackpropInput(heap, dy, w, dx, ...geometry(15))
napi_value Conv2dBackpropInput(napi_env env, napi_callback_info info) {
  return heap_kernel(env, info, 19, [&](const Args& a, const Heap& h) {
    ConvShape s = read_conv_shape(a, 4);
    float* dy = h.f32(a.num(1), y_size(s), "dy");
    float* w = h.f32(a.num(2), w_size(s), "filter");
    float* dx = h.f32(a.num(3), x_size(s), "dx");
    conv2d_backprop_input(s, dy, w, dx);
  });
}

// conv2dBackpropFilter(heap, x, dy, dw, ...geometry(15))
napi_value Conv2dBackpropFilter(napi_env env, napi_callback_info info) {
  return heap_kernel(env, info, 19, [&](const Args& a, const Heap& h) {
    ConvShape s = read_conv_shape(a, 4);
    float* x = h.f32(a.num(1), x_size(s), "x");
    float* dy = h.f32(a.num(2), y_size(s), "dy");
    float* dw = h.f32(a.num(3), w_size(s), "dw");
    conv2d_backprop_filter(s, x, dy, dw);
  });
}

// matmul(heap, a, b, c, batchA, batchB, M, N, K, transA, transB, bias|-1, biasSize, act, alpha)
napi_value Matmul(napi_env env, napi_callback_info info) {
  return heap_kernel(env, info, 15, [&](const Args& a, const Heap& h) {
    const int batchA = a.i32(4), batchB = a.i32(5), M = a.i32(6), N = a.i32(7), K = a.i32(8);
    if (batchA <= 0 || batchB <= 0 || M < 0 || N < 0 || K < 0 ||
        (batchA != batchB && batchA != 1 && batchB != 1))
      throw CallError{"invalid matmul geometry"};
    const int batch = batchA > batchB ? batchA : batchB;
    float* pa = h.f32(a.num(1), 1.0 * batchA * M * K, "a");
    float* pb = h.f32(a.num(2), 1.0 * batchB * K * N, "b");
    float* pc = h.f32(a.num(3), 1.0 * batch * M * N, "output");
    const int biasSize = a.i32(12);
    if (a.num(11) >= 0 && biasSize != 1 && biasSize != N)
      throw CallError{"bias must have 1 or N values"};
    float* bias = h.opt_f32(a.num(11), biasSize, "bias");
    batch_matmul(pa, pb, pc, batchA, batchB, M, N, K, a.flag(9), a.flag(10), bias, biasSize,
                 read_activation(a, 13), static_cast<float>(a.num(14)));
  });
}

// sgemm(transA, transB, M, N, K, A, B, C, accumulate, parallel): row-major, dense.
napi_value Sgemm(napi_env env, napi_callback_info info) {
  return guarded(env, [&] {
    Args a(env, info, 10);
    const bool tA = a.flag(0), tB = a.flag(1);
    const int M = a.i32(2), N = a.i32(3), K = a.i32(4);
    if (M < 0 || N < 0 || K < 0) throw CallError{"invalid sgemm geometry"};
    float* A = float_array(env, a.argv[5], static_cast<size_t>(M) * K, "A");
    float* B = float_array(env, a.argv[6], static_cast<size_t>(K) * N, "B");
    float* C = float_array(env, a.argv[7], static_cast<size_t>(M) * N, "C");
    const long lda = tA ? M : K, ldb = tB ? K : N;
    if (a.flag(9)) {
      sgemm_parallel(tA, tB, M, N, K, A, lda, B, ldb, C, N, a.flag(8));
    } else {
      sgemm(tA, tB, M, N, K, A, lda, B, ldb, C, N, a.flag(8));
    }
    return undefined(env);
  });
}

// leakyRelu(heap, x, y, n, alpha)
napi_value LeakyRelu(napi_env env, napi_callback_info info) {
  return heap_kernel(env, info, 5, [&](const Args& a, const Heap& h) {
    const double n = a.num(3);
    if (n < 0) throw CallError{"invalid size"};
    leaky_relu(h.f32(a.num(1), n, "x"), h.f32(a.num(2), n, "output"), static_cast<long>(n),
               static_cast<float>(a.num(4)));
  });
}

// leakyReluGrad(heap, dy, x, dx, n, alpha)
napi_value LeakyReluGrad(napi_env env, napi_callback_info info) {
  return heap_kernel(env, info, 6, [&](const Args& a, const Heap& h) {
    const double n = a.num(4);
    if (n < 0) throw CallError{"invalid size"};
    leaky_relu_grad(h.f32(a.num(1), n, "dy"), h.f32(a.num(2), n, "x"), h.f32(a.num(3), n, "dx"),
                    static_cast<long>(n), static_cast<float>(a.num(5)));
  });
}

// silu(heap, x, y, m, n): y = x * sigmoid(x), and m = sigmoid(-|x|) unless m is -1.
napi_value Silu(napi_env env, napi_callback_info info) {
  return heap_kernel(env, info, 5, [&](const Args& a, const Heap& h) {
    const double n = a.num(4);
    if (n < 0) throw CallError{"invalid size"};
    float* m = a.num(3) < 0 ? nullptr : h.f32(a.num(3), n, "m");
    silu(h.f32(a.num(1), n, "x"), h.f32(a.num(2), n, "output"), m, static_cast<long>(n));
  });
}

// siluGrad(heap, dy, x, m, dx, n)
napi_value SiluGrad(napi_env env, napi_callback_info info) {
  return heap_kernel(env, info, 6, [&](const Args& a, const Heap& h) {
    const double n = a.num(5);
    if (n < 0) throw CallError{"invalid size"};
    silu_grad(h.f32(a.num(1), n, "dy"), h.f32(a.num(2), n, "x"), h.f32(a.num(3), n, "m"),
              h.f32(a.num(4), n, "dx"), static_cast<long>(n));
  });
}

// groupNorm(heap, x, gamma, beta, y, mean, rstd, n, hw, c, groups, eps)
napi_value GroupNorm(napi_env env, napi_callback_info info) {
  return heap_kernel(env, info, 12, [&](const Args& a, const Heap& h) {
    const double n = a.num(7), hw = a.num(8), c = a.num(9), groups = a.num(10);
    if (!(n >= 0 && hw >= 0 && c >= 1 && groups >= 1) || static_cast<long>(c) % static_cast<long>(groups) != 0)
      throw CallError{"invalid group norm geometry"};
    const double size = n * hw * c;
    group_norm(h.f32(a.num(1), size, "x"), h.f32(a.num(2), c, "gamma"), h.f32(a.num(3), c, "beta"),
               h.f32(a.num(4), size, "output"), h.f32(a.num(5), n * groups, "mean"),
               h.f32(a.num(6), n * groups, "rstd"), static_cast<long>(n), static_cast<long>(hw),
               static_cast<long>(c), static_cast<long>(groups), static_cast<float>(a.num(11)));
  });
}

// groupNormGrad(heap, dy, x, gamma, mean, rstd, dx, dgamma, dbeta, n, hw, c, groups)
napi_value GroupNormGrad(napi_env env, napi_callback_info info) {
  return heap_kernel(env, info, 13, [&](const Args& a, const Heap& h) {
    const double n = a.num(9), hw = a.num(10), c = a.num(11), groups = a.num(12);
    if (!(n >= 0 && hw >= 0 && c >= 1 && groups >= 1) || static_cast<long>(c) % static_cast<long>(groups) != 0)
      throw CallError{"invalid group norm geometry"};
    const double size = n * hw * c;
    group_norm_grad(h.f32(a.num(1), size, "dy"), h.f32(a.num(2), size, "x"), h.f32(a.num(3), c, "gamma"),
                    h.f32(a.num(4), n * groups, "mean"), h.f32(a.num(5), n * groups, "rstd"),
                    h.f32(a.num(6), size, "dx"), h.f32(a.num(7), c, "dgamma"), h.f32(a.num(8), c, "dbeta"),
                    static_cast<long>(n), static_cast<long>(hw), static_cast<long>(c), static_cast<long>(groups));
  });
}

// reduce(heap, x, y, outer, inner, leading, scale): sums x viewed as [outer x inner] over
// the leading (outer) or the trailing (inner) dimension, times scale.
napi_value Reduce(napi_env env, napi_callback_info info) {
  return heap_kernel(env, info, 7, [&](const Args& a, const Heap& h) {
    const double outer = a.num(3), inner = a.num(4);
    if (outer < 0 || inner < 0) throw CallError{"invalid reduce geometry"};
    const bool leading = a.flag(5);
    const float* x = h.f32(a.num(1), outer * inner, "x");
    float* y = h.f32(a.num(2), leading ? inner : outer, "output");
    const float scale = static_cast<float>(a.num(6));
    if (leading) {
      reduce_leading(x, y, static_cast<long>(outer), static_cast<long>(inner), scale);
    } else {
      reduce_trailing(x, y, static_cast<long>(outer), static_cast<long>(inner), scale);
    }
  });
}

// binary(heap, op, big, small, out, outer, inner, smallIsA)
napi_value Binary(napi_env env, napi_callback_info info) {
  return heap_kernel(env, info, 8, [&](const Args& a, const Heap& h) {
    const int op = a.i32(1);
    const double outer = a.num(5), inner = a.num(6);
    if (op < 0 || op > 3 || outer < 0 || inner < 1) throw CallError{"invalid binary op geometry"};
    binary_broadcast(static_cast<BinaryOp>(op), h.f32(a.num(2), outer * inner, "big operand"),
                     h.f32(a.num(3), inner, "small operand"), h.f32(a.num(4), outer * inner, "output"),
                     static_cast<long>(outer), static_cast<long>(inner), a.flag(7));
  });
}

// batchNorm(heap, x, mean, var, offset|-1, scale|-1, y, rows, channels, eps)
napi_value BatchNorm(napi_env env, napi_callback_info info) {
  return heap_kernel(env, info, 10, [&](const Args& a, const Heap& h) {
    const double rows = a.num(7), ch = a.num(8);
    if (rows < 0 || ch < 1) throw CallError{"invalid batch norm geometry"};
    batch_norm(h.f32(a.num(1), rows * ch, "x"), h.f32(a.num(2), ch, "mean"), h.f32(a.num(3), ch, "variance"),
               h.opt_f32(a.num(4), ch, "offset"), h.opt_f32(a.num(5), ch, "scale"), static_cast<float>(a.num(9)),
               h.f32(a.num(6), rows * ch, "output"), static_cast<long>(rows), static_cast<long>(ch));
  });
}

napi_value make_string(napi_env env, const char* s) {
  napi_value v;
  napi_create_string_utf8(env, s, NAPI_AUTO_LENGTH, &v);
  return v;
}

napi_value make_int(napi_env env, int i) {
  napi_value v;
  napi_create_int32(env, i, &v);
  return v;
}

// info() -> { abi, isa, bestIsa, threads, arch }
napi_value Info(napi_env env, napi_callback_info) {
  napi_value o;
  napi_create_object(env, &o);
  napi_set_named_property(env, o, "abi", make_int(env, kAbiVersion));
  napi_set_named_property(env, o, "isa", make_string(env, isa_name(active_isa())));
  napi_set_named_property(env, o, "bestIsa", make_string(env, isa_name(detect_isa())));
  napi_set_named_property(env, o, "threads", make_int(env, pool_threads()));
#if defined(__x86_64__)
  const char* arch = "x64";
#elif defined(__aarch64__)
  const char* arch = "arm64";
#else
  const char* arch = "other";
#endif
  napi_set_named_property(env, o, "arch", make_string(env, arch));
  return o;
}

// setIsa(name) -> boolean (false when the CPU lacks it)
napi_value SetIsa(napi_env env, napi_callback_info info) {
  return guarded(env, [&] {
    Args a(env, info, 1);
    Isa isa;
    if (!parse_isa(a.str(0).c_str(), &isa)) throw CallError{"unknown ISA (avx512|avx2|generic)"};
    napi_value r;
    napi_get_boolean(env, set_isa(isa), &r);
    return r;
  });
}

// setThreads(n)
napi_value SetThreads(napi_env env, napi_callback_info info) {
  return guarded(env, [&] {
    Args a(env, info, 1);
    set_pool_threads(a.i32(0));
    return undefined(env);
  });
}

napi_property_descriptor method(const char* name, napi_callback fn) {
  return {name, nullptr, fn, nullptr, nullptr, nullptr, napi_default, nullptr};
}

napi_value Init(napi_env env, napi_value exports) {
  const napi_property_descriptor props[] = {
      method("conv2d", Conv2d),
      method("conv2dBackpropInput", Conv2dBackpropInput),
      method("conv2dBackpropFilter", Conv2dBackpropFilter),
      method("matmul", Matmul),
      method("leakyRelu", LeakyRelu),
      method("leakyReluGrad", LeakyReluGrad),
      method("silu", Silu),
      method("siluGrad", SiluGrad),
      method("groupNorm", GroupNorm),
      method("groupNormGrad", GroupNormGrad),
      method("reduce", Reduce),
      method("binary", Binary),
      method("batchNorm", BatchNorm),
      method("sgemm", Sgemm),
      method("info", Info),
      method("setIsa", SetIsa),
      method("setThreads", SetThreads),
  };
  napi_define_properties(env, exports, sizeof props / sizeof props[0], props);
  return exports;
}

}  // namespace

NAPI_MODULE(NODE_GYP_MODULE_NAME, Init)
