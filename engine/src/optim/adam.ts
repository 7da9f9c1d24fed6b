/**
 * Adam with the hyper-parameters, defaults and results of tf.train.adam (epsilon defaults to
 * the backend's, 1e-7; bias correction through the accBeta variables; same saved weights), whose
 * per-variable update is ONE kernel where Flow Studio registers it (wasm, cpu; adam-kernel.ts),
 * and tfjs' own op graph elsewhere. tfjs' version runs ~13 kernels per variable, a sizeable
 * share of a small model's training step on wasm.
 *
 * A subclass of tfjs' AdamOptimizer, so getWeights / setWeights / getConfig / dispose and the
 * serialized class name ('Adam') are tfjs' own.
 */
import * as tf from '@tensorflow/tfjs-core';
import { ADAM_UPDATE, registerAdamKernels, type AdamUpdateAttrs } from './adam-kernel.js';

registerAdamKernels();

interface OptimizerVariable { originalName: string; variable: tf.Variable }

/** AdamOptimizer's private state, which the fused update reads and advances like the base class. */
interface AdamState {
    learningRate: number;
    beta1: number;
    beta2: number;
    epsilon: number;
    accBeta1: tf.Variable;
    accBeta2: tf.Variable;
    accumulatedFirstMoment: OptimizerVariable[];
    accumulatedSecondMoment: OptimizerVariable[];
    incrementIterations(): void;
}

export class FusedAdamOptimizer extends tf.AdamOptimizer {
    constructor(learningRate: number, beta1 = 0.9, beta2 = 0.999, epsilon: number | null = null) {
        super(learningRate, beta1, beta2, epsilon as number);
    }

    /** True when the active backend runs the one-kernel update. */
    static fusedOnCurrentBackend(): boolean {
        return tf.getKernel(ADAM_UPDATE, tf.getBackend()) !== undefined;
    }

    override applyGradients(variableGradients: Parameters<tf.AdamOptimizer['applyGradients']>[0]): void {
        if (!FusedAdamOptimizer.fusedOnCurrentBackend()) {
            super.applyGradients(variableGradients);
            return;
        }
        const self = this as unknown as AdamState;
        const names = Array.isArray(variableGradients) ? variableGradients.map(v => v.name) : Object.keys(variableGradients);
        const registered = tf.engine().registeredVariables;
        const attrs: AdamUpdateAttrs = {
            learningRate: self.learningRate, beta1: self.beta1, beta2: self.beta2, epsilon: self.epsilon,
            accBeta1: self.accBeta1.dataSync()[0], accBeta2: self.accBeta2.dataSync()[0],
        };
        tf.tidy(() => {
            names.forEach((name, i) => {
                const value = registered[name];
                self.accumulatedFirstMoment[i] ??= { originalName: `${name}/m`, variable: tf.tidy(() => tf.zerosLike(value).variable(false)) };
                self.accumulatedSecondMoment[i] ??= { originalName: `${name}/v`, variable: tf.tidy(() => tf.zerosLike(value).variable(false)) };
                const gradient: tf.Tensor | undefined = Array.isArray(variableGradients) ? variableGradients[i].tensor : variableGradients[name];
                if (gradient == null) return;
                const m = self.accumulatedFirstMoment[i].variable;
                const v = self.accumulatedSecondMoment[i].variable;
                if (value.dtype !== 'float32' || gradient.dtype !== 'float32') {
                    throw new Error(`FusedAdamOptimizer: variable ${name} is ${value.dtype}, gradient ${gradient.dtype}; Adam trains float32 only`);
                }
                const [newValue, newM, newV] = tf.engine().runKernel(ADAM_UPDATE,
                    { value, m, v, g: gradient }, attrs as unknown as tf.NamedAttrMap) as tf.Tensor[];
                m.assign(newM);
                v.assign(newV);
                value.assign(newValue);
            });
            self.accBeta1.assign(tf.mul(self.accBeta1, self.beta1));
            self.accBeta2.assign(tf.mul(self.accBeta2, self.beta2));
        });
        self.incrementIterations();
    }
}

/** Drop-in for tf.train.adam(learningRate, beta1, beta2, epsilon). */
export function adam(learningRate = 0.001, beta1 = 0.9, beta2 = 0.999, epsilon: number | null = null): FusedAdamOptimizer {
    return new FusedAdamOptimizer(learningRate, beta1, beta2, epsilon);
}
