/**
 * Named trainable weights of a functional network. The diffusion networks are written as plain
 * functions of tensors (tfjs-layers has no GroupNorm, attention or multi-input residual blocks
 * worth bending), so their weights live here: created once with seeded initialisers, read by
 * name in the forward pass, and saved as flat float32 arrays (cache entries, safetensors
 * checkpoints) in creation order so every file lists them the same way.
 */
import * as tf from '@tensorflow/tfjs-core';
import { createRng, normalArray, type Rng } from '../../util/rng.js';
import type { WeightArray } from '../contracts.js';

export type { WeightArray };

export class WeightSet {
    private readonly byName = new Map<string, tf.Variable>();

    /** Names in creation order (the order files store them in). */
    get names(): string[] {
        return [...this.byName.keys()];
    }

    get variables(): tf.Variable[] {
        return [...this.byName.values()];
    }

    get parameterCount(): number {
        let n = 0;
        for (const v of this.byName.values()) n += v.size;
        return n;
    }

    get(name: string): tf.Variable {
        const v = this.byName.get(name);
        if (!v) throw new Error(`network has no weight ${name}`);
        return v;
    }

    has(name: string): boolean {
        return this.byName.has(name);
    }

    add(name: string, shape: number[], values: Float32Array): tf.Variable {
        if (this.byName.has(name)) throw new Error(`weight ${name} defined twice`);
        const v = tf.tidy(() => tf.variable(tf.tensor(values, shape), true));
        this.byName.set(name, v);
        return v;
    }

    /** Copies every weight's current values out (for saving). */
    async toArrays(): Promise<Map<string, WeightArray>> {
        const out = new Map<string, WeightArray>();
        for (const [name, v] of this.byName) out.set(name, { shape: v.shape, data: await v.data() as Float32Array });
        return out;
    }

    /** A copy with its own variables (training never modifies a wire's input value). */
    clone(): WeightSet {
        const copy = new WeightSet();
        for (const [name, v] of this.byName) copy.byName.set(name, tf.tidy(() => tf.variable(v.clone(), true)));
        return copy;
    }

    /** Weights from saved arrays: every weight of `shapes` (a network's declaration) must be there with its shape. */
    static fromArrays(arrays: ReadonlyMap<string, WeightArray>, shapes: ReadonlyMap<string, readonly number[]>): WeightSet {
        const set = new WeightSet();
        for (const [name, want] of shapes) {
            const a = arrays.get(name);
            if (!a) throw new Error(`saved weights lack ${name}`);
            if (a.shape.join('x') !== want.join('x')) throw new Error(`saved weight ${name} has shape [${a.shape.join(', ')}], the network needs [${want.join(', ')}]`);
            set.add(name, [...a.shape], a.data);
        }
        return set;
    }

    dispose(): void {
        for (const v of this.byName.values()) v.dispose();
        this.byName.clear();
    }
}

/**
 * What a network's `declare*` function calls for each weight. Two implementations: Initializer
 * creates the variables with seeded values; ShapeRecorder only notes the shapes, which is all that
 * loading saved weights needs to check them (no random numbers drawn, no tensors made).
 */
export interface WeightDeclarer {
    /** He-normal scaled by `gain` (fan-in: every axis but the last). */
    normal(name: string, shape: number[], gain?: number): void;
    /** N(0, std²) regardless of fan-in (embeddings). */
    normalStd(name: string, shape: number[], std: number): void;
    constant(name: string, shape: number[], value: number): void;
}

export class ShapeRecorder implements WeightDeclarer {
    readonly shapes = new Map<string, number[]>();

    normal(name: string, shape: number[]): void {
        this.shapes.set(name, shape);
    }

    normalStd(name: string, shape: number[]): void {
        this.shapes.set(name, shape);
    }

    constant(name: string, shape: number[]): void {
        this.shapes.set(name, shape);
    }
}

/** Seeded initialisers, so the same config and seed give the same fresh network on every backend. */
export class Initializer implements WeightDeclarer {
    private readonly rng: Rng;

    constructor(readonly weights: WeightSet, seed: number) {
        this.rng = createRng(seed);
    }

    normal(name: string, shape: number[], gain = 1): void {
        const fanIn = shape.slice(0, -1).reduce((a, b) => a * b, 1) || 1;
        const std = gain * Math.sqrt(1 / fanIn);
        const values = normalArray(shape.reduce((a, b) => a * b, 1), this.rng);
        for (let i = 0; i < values.length; i++) values[i] *= std;
        this.weights.add(name, shape, values);
    }

    normalStd(name: string, shape: number[], std: number): void {
        const values = normalArray(shape.reduce((a, b) => a * b, 1), this.rng);
        for (let i = 0; i < values.length; i++) values[i] *= std;
        this.weights.add(name, shape, values);
    }

    constant(name: string, shape: number[], value: number): void {
        this.weights.add(name, shape, new Float32Array(shape.reduce((a, b) => a * b, 1)).fill(value));
    }
}
