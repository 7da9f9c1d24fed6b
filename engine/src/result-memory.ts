/**
 * Node results kept in memory by cache key, with the image events of output nodes so that a
 * hit can replay them as a disk cache hit does. One run makes its own and frees it at the end;
 * a sweep hands the same one to every combination (everything upstream of the swept
 * arguments is computed once) and frees it when the sweep ends.
 */
import type { ReplayEvent } from './cache/disk-cache.js';
import { disposeValue, type Outputs, type Value } from './values.js';

export interface RememberedResult {
    outputs: Outputs;
    /** `image` events the node reported when it ran (output nodes). */
    images: ReplayEvent[];
}

export class ResultMemory {
    private readonly entries = new Map<string, RememberedResult>();

    get(key: string): RememberedResult | undefined {
        return this.entries.get(key);
    }

    set(key: string, outputs: Outputs, images: ReplayEvent[] = []): void {
        this.entries.set(key, { outputs, images });
    }

    /** Frees every value (each once: several keys may hold the same tensor). */
    dispose(): void {
        const seen = new Set<Value>();
        for (const { outputs } of this.entries.values()) {
            for (const value of Object.values(outputs)) {
                if (seen.has(value)) continue;
                seen.add(value);
                disposeValue(value);
            }
        }
        this.entries.clear();
    }
}
