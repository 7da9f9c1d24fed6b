/**
 * Which vocabulary a prompt meets: follows the `clip` of the CLIPTextEncode a prompt string
 * reaches (directly, or as a subgraph instance's argument that the subgraph passes on as a
 * `text`) back through wires and subgraphs to CheckpointLoaderSimple (the checkpoint's
 * vocabulary) or TrainDiffusion (its dataset's, dataset-vocabulary.ts). Undefined whenever it
 * cannot be known without running: callers then offer nothing and warn about nothing.
 */
import { isNodeRef, isSubgraphInput, type Node, type NodeRef, type Subgraph } from '../generated/ast.js';
import type { NodeTypeResolver } from '../semantics/node-types.js';
import { bodyNodes } from '../semantics/bodies.js';
import { CheckpointIndex } from './checkpoint-index.js';
import { DatasetVocabularies } from './dataset-vocabulary.js';
import { flowDirOf, WireFollower, type Carried, type InstanceStack } from './follow-wires.js';

export { flowDirOf };
import type { PromptVocabulary } from './prompt-vocabulary.js';

const MAX_DEPTH = 32;

/** Where a subgraph passes one of its inputs: a node of its body and that node's argument. */
interface InputUse { readonly node: Node; readonly argument: string }

export class PromptVocabularies {
    readonly checkpoints = new CheckpointIndex();
    readonly wires: WireFollower;
    private readonly datasets: DatasetVocabularies;
    private readonly inputUses = new WeakMap<Subgraph, Map<string, InputUse[]>>();

    constructor(private readonly types: NodeTypeResolver) {
        this.wires = new WireFollower(types);
        this.datasets = new DatasetVocabularies(this.wires);
    }

    /** The vocabulary a string given as `argument` of `node` is encoded with, when it is a prompt and that is known. */
    forArgument(node: Node, argument: string, stack: InstanceStack = [], depth = 0): PromptVocabulary | undefined {
        if (depth > MAX_DEPTH) return undefined;
        const resolved = this.types.resolve(node);
        if (!resolved) return undefined;
        if (resolved.kind === 'builtin') {
            if (resolved.schema.name !== 'CLIPTextEncode' || argument !== 'text') return undefined;
            const clip = node.args.find(a => a.name === 'clip')?.value;
            return isNodeRef(clip) ? this.forClip(clip, stack) : undefined;
        }
        for (const use of this.usesOf(resolved.subgraph).get(argument) ?? []) {
            const found = this.forArgument(use.node, use.argument, [...stack, node], depth + 1);
            if (found) return found;
        }
        return undefined;
    }

    /** Whether `argument` of `node` is a prompt (a CLIPTextEncode text, or a subgraph input passed on to one). */
    isPrompt(node: Node, argument: string, depth = 0): boolean {
        const resolved = this.types.resolve(node);
        if (!resolved || depth > MAX_DEPTH) return false;
        if (resolved.kind === 'builtin') return resolved.schema.name === 'CLIPTextEncode' && argument === 'text';
        return (this.usesOf(resolved.subgraph).get(argument) ?? []).some(use => this.isPrompt(use.node, use.argument, depth + 1));
    }

    /** The vocabulary of the text encoder `ref` carries. */
    forClip(ref: NodeRef, stack: InstanceStack): PromptVocabulary | undefined {
        const carried = this.wires.follow(ref, stack);
        const found = carried.map(c => this.fromEncoder(c));
        // A subgraph used with several encoders: known only when they are one.
        if (found.length === 0 || found.some(v => !v) || new Set(found.map(v => v!.key)).size !== 1) return undefined;
        return found[0];
    }

    /** The checkpoint a CheckpointLoaderSimple names, and its file when found. */
    checkpointOf(node: Node, stack: InstanceStack = []): { name: string; file: string | undefined; flowDir: string } | undefined {
        const schema = this.types.resolve(node)?.schema;
        const name = schema && this.wires.stringParam(node, schema, 'ckpt_name', stack);
        if (name === undefined) return undefined;
        const flowDir = flowDirOf(node);
        if (flowDir === undefined) return undefined;
        return { name, file: name.trim() ? this.checkpoints.resolve(flowDir, name) : undefined, flowDir };
    }

    private fromEncoder({ node, schema, output, stack }: Carried): PromptVocabulary | undefined {
        if (output.type !== 'CLIP') return undefined;
        if (schema.name === 'CheckpointLoaderSimple') {
            const found = this.checkpointOf(node, stack);
            return found?.file ? this.checkpoints.vocabulary(found.file, found.name) : undefined;
        }
        if (schema.name === 'TrainDiffusion') {
            const dataset = node.args.find(a => a.name === 'dataset')?.value;
            return isNodeRef(dataset) ? this.datasets.vocabulary(dataset, stack, `TrainDiffusion${node.name ? ` '${node.name}'` : ''}`) : undefined;
        }
        return undefined;
    }

    /** Which body arguments each input of a subgraph is passed to (once per parse of the subgraph). */
    private usesOf(subgraph: Subgraph): Map<string, InputUse[]> {
        let uses = this.inputUses.get(subgraph);
        if (uses) return uses;
        uses = new Map();
        for (const node of bodyNodes(subgraph)) {
            for (const arg of node.args) {
                const target = isNodeRef(arg.value) && arg.value.output === undefined ? arg.value.target?.ref : undefined;
                if (!isSubgraphInput(target) || target.$container !== subgraph) continue;
                const list = uses.get(target.name) ?? [];
                list.push({ node, argument: arg.name });
                uses.set(target.name, list);
            }
        }
        this.inputUses.set(subgraph, uses);
        return uses;
    }
}
