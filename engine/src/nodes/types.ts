/** What a node implementation is given and must provide. */
import type * as tf from '@tensorflow/tfjs-core';
import type { ExecGraph, ExecNode } from '../../../catalog/src/graph.js';
import type { NodeSchema } from '../../../catalog/src/schema.js';
import type { ParamValue } from '../../../catalog/src/schema.js';
import type { ImageEvent, PreviewEvent } from '../../../catalog/src/run-events.js';
import type { Outputs, Value } from '../values.js';

export type Params = Record<string, ParamValue | undefined>;

/** Where a run happens: enough to compute cache keys without executing anything. */
export interface RunPlace {
    workflow: string;
    /** Absolute path of the .flow file. */
    flowFile: string;
    flowDir: string;
    /** Output folder of the run (absolute). */
    outputDir: string;
}

export interface NodeContext extends RunPlace {
    node: ExecNode;
    graph: ExecGraph;
    /** The .flow source text (embedded in saved PNGs). */
    flowSource: string;
    /** Folder for temporary files of this run (previews). */
    tempDir: string;
    /**
     * Where a training node keeps its checkpoint (engine/src/train/checkpoint.ts): unique to its
     * cache key, so a re-run of the same node with the same inputs finds it. Absent without a
     * disk cache (`--no-cache`).
     */
    checkpointDir?: string;
    signal: AbortSignal;
    /** TensorFlow.js on the run's backend: how node packs reach it without importing it. */
    tf: typeof tf;
    progress(value: number, max: number, metrics?: Record<string, number>, etaMs?: number): void;
    preview(event: Omit<PreviewEvent, 'event' | 'runId' | 'time' | 'node'>): void;
    /** Emits an `image` event; output nodes' images are replayed when the node comes from the cache. */
    image(event: Omit<ImageEvent, 'event' | 'runId' | 'time' | 'node'>): void;
    /** Emits a `warning` event: something the user should know that does not stop the node. */
    warn(message: string, options?: { code?: string; items?: string[] }): void;
    /** Records a file this output node wrote (its cache entry is valid only while the files exist). */
    wrote(file: string): void;
    /** Resolved arguments of the node whose output feeds input `arg` (for image metadata). */
    producerArgs(arg: string): Record<string, unknown> | undefined;
}

export interface NodeImpl {
    readonly type: string;
    /** Its schema, when it comes from a node folder or a pack (the cache key takes its version). */
    readonly schema?: NodeSchema;
    run(ctx: NodeContext, inputs: Record<string, Value>, params: Params): Promise<Outputs>;
    /**
     * Extra cache-key material beyond type, version, constant arguments and input keys: what
     * else the result depends on (files read, the output folder written to).
     */
    fingerprint?(place: RunPlace, params: Params): string;
}
