/**
 * Each node's outputs, obtained once per run and shared by its consumers: from memory, from its
 * disk cache entry, or by running it after obtaining its inputs. Nodes served from the cache are
 * reported once each; every value is disposed when the run ends. The backend is initialized
 * (once, on demand) before the first node runs or the first stored value is read.
 */
import type { ExecNode } from '../../../catalog/src/graph.js';
import type { ReplayEvent } from '../cache/disk-cache.js';
import { NodeError } from '../errors.js';
import { ResultMemory } from '../result-memory.js';
import type { Outputs, Value } from '../values.js';
import { nodeTitle, type RunPlan } from './plan.js';
import { runNode, type RunScope } from './run-node.js';

export class NodeOutputs {
    /** Ids of nodes that executed, in order. */
    readonly executed: string[] = [];
    /** Ids of nodes served from the cache (or not needed because their consumers were). */
    readonly cached: string[] = [];
    private readonly memo: ResultMemory;
    /** Whether this run made `memo` (and so frees it); a sweep's shared one is freed by the sweep. */
    private readonly ownsMemo: boolean;
    private readonly reported = new Set<string>();

    constructor(private readonly scope: RunScope, private readonly plan: RunPlan, private readonly backend: () => Promise<unknown>, memory?: ResultMemory) {
        this.memo = memory ?? new ResultMemory();
        this.ownsMemo = memory === undefined;
    }

    /** Whether `id` has executed or been reported as cached. */
    settled(id: string): boolean {
        return this.reported.has(id);
    }

    reportCached(node: ExecNode, source: 'memory' | 'disk'): void {
        if (this.reported.has(node.id)) return;
        this.reported.add(node.id);
        this.cached.push(node.id);
        this.scope.emit({ event: 'node-cached', node: node.id, type: node.type, source });
    }

    async obtain(node: ExecNode): Promise<Outputs> {
        const key = this.plan.keys.get(node.id)!;
        const inMemory = this.memo.get(key);
        if (inMemory) {
            this.reportCached(node, 'memory');
            // Like a disk hit: an output node reached again shows its images again.
            for (const image of inMemory.images) this.scope.emit({ ...image, node: node.id });
            return inMemory.outputs;
        }
        const { diskCache } = this.scope;
        let outputs: Outputs | undefined;
        // 'skip' nodes get here only when a consumer's entry proved unreadable: look theirs up now.
        const entry = this.plan.work.get(node.id) === 'run' ? undefined : this.plan.entries.get(node.id) ?? diskCache?.lookup(key);
        if (entry) {
            try {
                if (Object.keys(entry.outputs).length > 0) await this.backend();
                outputs = await diskCache!.load(entry);
                this.reportCached(node, 'disk');
                for (const event of entry.events) this.scope.emit(event);
            } catch {
                outputs = undefined; // unreadable entry: compute it again
            }
        }
        let images = entry?.events ?? [];
        if (!outputs) ({ outputs, images } = await this.execute(node, key));
        this.memo.set(key, outputs, images);
        return outputs;
    }

    private async execute(node: ExecNode, key: string): Promise<{ outputs: Outputs; images: ReplayEvent[] }> {
        const inputs: Record<string, Value> = {};
        for (const [arg, wire] of Object.entries(node.wires)) {
            const source = this.scope.byId.get(wire.node)!;
            const value = (await this.obtain(source))[wire.output];
            if (!value) throw new NodeError(`${nodeTitle(node)}: ${source.label} has no output ${wire.output}`, node.id, node.label, node.uri, node.range);
            inputs[arg] = value;
        }
        await this.backend();
        const result = await runNode(this.scope, node, key, inputs);
        this.reported.add(node.id);
        this.executed.push(node.id);
        return result;
    }

    /** Frees every value obtained, unless the memory is shared (a sweep frees it when it ends). */
    dispose(): void {
        if (this.ownsMemo) this.memo.dispose();
    }
}
