/**
 * Fused conv2d / matMul compute every input's gradient eagerly: tfjs-core wraps them in a
 * customGrad that always returns dx, dFilter and dBias, where kernel-level gradients are only
 * evaluated for inputs on a path to the trained variables. In a GAN that wastes whole
 * convolutions: the G step computes D's filter gradients, the D step the gradient of the
 * real images (~17 ms of a ~250 ms wasm DCGAN step).
 *
 * tfjs-core itself runs these ops unfused while recording gradients unless the activation is
 * linear; this extends that to linear activations: conv2d/matMul + add, whose registered
 * gradients are pruned per input. Outside gradient recording (inference) the fused kernels run
 * as before. tfjs-layers reaches the ops through the mutable `fused` namespace object, which is
 * what gets patched.
 */
import * as tf from '@tensorflow/tfjs-core';

type FusedConv2dArgs = Parameters<typeof tf.fused.conv2d>[0];
type FusedMatMulArgs = Parameters<typeof tf.fused.matMul>[0];

const recording = (): boolean => tf.engine().state.gradientDepth > 0;
const isLinear = (activation: string | undefined): boolean => !activation || activation === 'linear';

let installed = false;

/** Idempotent. Returns the ops whose training path changed. */
export function installLazyFusedGradients(): string[] {
    const fused = tf.fused as { conv2d: typeof tf.fused.conv2d; matMul: typeof tf.fused.matMul };
    if (!installed) {
        const conv2d = fused.conv2d;
        const matMul = fused.matMul;
        fused.conv2d = ((args: FusedConv2dArgs) => {
            if (!recording() || !isLinear(args.activation) || (args.dataFormat ?? 'NHWC') !== 'NHWC') return conv2d(args);
            const y = tf.conv2d(args.x, args.filter, args.strides, args.pad, 'NHWC', args.dilations ?? [1, 1], args.dimRoundingMode);
            return args.bias == null ? y : tf.add(y, args.bias);
        }) as typeof fused.conv2d;
        fused.matMul = (args: FusedMatMulArgs) => {
            if (!recording() || !isLinear(args.activation)) return matMul(args);
            const y = tf.matMul(args.a, args.b, args.transposeA ?? false, args.transposeB ?? false);
            return args.bias == null ? y : tf.add(y, args.bias);
        };
        installed = true;
    }
    return ['fused.conv2d', 'fused.matMul'];
}
