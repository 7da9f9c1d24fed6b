/**
 * Following a wire back to the built-in node output it carries, through subgraphs: into a
 * subgraph instance's output, and out of a subgraph input to what its instance passes in. The
 * instances entered so far are the context (`InstanceStack`), so a subgraph used twice resolves
 * per use. A subgraph input seen without a context resolves through every instance of its
 * subgraph in the same document (each, when there are several). Bounded depth: cycles and
 * absurd nesting resolve to nothing, never to a stack overflow.
 */
import * as path from 'node:path';
import { AstUtils } from 'langium';
import type { NodeSchema, OutputSpec } from '../../../../catalog/src/index.js';
import {
    isNode, isNodeRef, isStringLiteral, isSubgraph, isSubgraphInput, isSubgraphOutput,
    type Document, type Node, type NodeRef, type Subgraph,
} from '../generated/ast.js';
import type { NodeTypeResolver } from '../semantics/node-types.js';
import { bodyNodes } from '../semantics/bodies.js';

/** Subgraph instances entered, outermost first. */
export type InstanceStack = readonly Node[];

/** A built-in node's output, with the instances it was reached through. */
export interface Carried { readonly node: Node; readonly schema: NodeSchema; readonly output: OutputSpec; readonly stack: InstanceStack }

const MAX_DEPTH = 32;
/** A subgraph input seen without context follows at most this many of its instances. */
const MAX_INSTANCES = 16;

export class WireFollower {
    private readonly instances = new WeakMap<Document, Map<Subgraph, Node[]>>();

    constructor(private readonly types: NodeTypeResolver) {}

    /** What `ref` carries: one output per way it can be reached (none when unknown). */
    follow(ref: NodeRef, stack: InstanceStack, depth = 0): Carried[] {
        if (depth > MAX_DEPTH) return [];
        const target = ref.target?.ref;
        if (isSubgraphInput(target)) {
            const subgraph = target.$container;
            const outer = stack.length > 0 ? [stack[stack.length - 1]] : this.instancesOf(subgraph).slice(0, MAX_INSTANCES);
            const rest = stack.slice(0, -1);
            return outer.flatMap(instance => {
                const given = instance.args.find(a => a.name === target.name)?.value;
                return isNodeRef(given) ? this.follow(given, rest, depth + 1) : [];
            });
        }
        if (!isNode(target)) return [];
        const resolved = this.types.resolve(target);
        if (!resolved) return [];
        const outputName = ref.output ?? resolved.schema.outputs[0]?.name;
        if (resolved.kind === 'subgraph') {
            const output = resolved.subgraph.members.find(m => isSubgraphOutput(m) && m.name === outputName);
            return isSubgraphOutput(output) && output.value ? this.follow(output.value, [...stack, target], depth + 1) : [];
        }
        const output = resolved.schema.outputs.find(o => o.name === outputName);
        return output ? [{ node: target, schema: resolved.schema, output, stack }] : [];
    }

    /** A STRING parameter's constant value, through subgraph inputs (their instance's argument, else their default). */
    stringParam(node: Node, schema: NodeSchema, name: string, stack: InstanceStack, depth = 0): string | undefined {
        const value = node.args.find(a => a.name === name)?.value;
        if (!value) {
            const fallback = schema.params.find(p => p.name === name)?.default;
            return typeof fallback === 'string' ? fallback : undefined;
        }
        if (isStringLiteral(value)) return value.value;
        const input = isNodeRef(value) ? value.target?.ref : undefined;
        if (!isSubgraphInput(input) || stack.length === 0 || depth > MAX_DEPTH) return undefined;
        const instance = stack[stack.length - 1];
        const given = instance.args.find(a => a.name === input.name)?.value;
        if (given === undefined) return isStringLiteral(input.default) ? input.default.value : undefined;
        if (isStringLiteral(given)) return given.value;
        const instanceSchema = this.types.resolve(instance)?.schema;
        return instanceSchema ? this.stringParam(instance, instanceSchema, input.name, stack.slice(0, -1), depth + 1) : undefined;
    }

    /** The instances of `subgraph` in its own document (cached per parse of that document). */
    instancesOf(subgraph: Subgraph): Node[] {
        const root = AstUtils.getDocument(subgraph).parseResult.value as Document;
        let bySubgraph = this.instances.get(root);
        if (!bySubgraph) {
            bySubgraph = new Map();
            for (const element of root.elements) {
                for (const node of bodyNodes(element)) {
                    const resolved = this.types.resolve(node);
                    if (resolved?.kind !== 'subgraph') continue;
                    const list = bySubgraph.get(resolved.subgraph) ?? [];
                    list.push(node);
                    bySubgraph.set(resolved.subgraph, list);
                }
            }
            this.instances.set(root, bySubgraph);
        }
        return bySubgraph.get(subgraph) ?? [];
    }
}

/** The subgraph around a node, if any. */
export function enclosingSubgraph(node: Node): Subgraph | undefined {
    return isSubgraph(node.$container) ? node.$container : undefined;
}

/** The folder of the node's file; undefined for a document not on disk (an untitled editor): no checkpoints there. */
export function flowDirOf(node: Node): string | undefined {
    const uri = AstUtils.getDocument(node).uri;
    return uri.scheme === 'file' ? path.dirname(uri.fsPath) : undefined;
}
