/**
 * Test helpers for the edit computation: parse with the real language (server/src/api.ts),
 * compute and apply edits, and compare graphs without source ranges.
 */
import assert from 'node:assert/strict';
import type { FlowGraph, GraphBody } from '../../../catalog/src/graph.js';
import { NODE_SCHEMAS } from '../../../catalog/src/index.js';
import { parseFlowText } from '../../../server/src/api.js';
import { applyTextEdits, computeEdits, type TextEdit } from '../../../editing/src/index.js';
import type { EditIntent } from '../../../webview/src/graph/contract.js';

const URI = 'file:///memory/editing-test.flow';

export async function graphOf(text: string): Promise<FlowGraph> {
    return (await parseFlowText(text, URI)).graph;
}

export interface Applied {
    before: string;
    after: string;
    edits: TextEdit[];
    graphBefore: FlowGraph;
    graphAfter: FlowGraph;
}

/** Distributes Omit over the intent union, so tests can leave out `documentVersion`. */
export type IntentInput = EditIntent extends infer I ? I extends EditIntent ? Omit<I, 'documentVersion'> : never : never;

export async function applyIntent(text: string, intent: IntentInput): Promise<Applied> {
    const graphBefore = await graphOf(text);
    const edits = computeEdits(text, graphBefore, { ...intent, documentVersion: 1 } as EditIntent, { catalog: NODE_SCHEMAS });
    const after = applyTextEdits(text, edits);
    assertUntouchedLinesIdentical(text, after, edits);
    return { before: text, after, edits, graphBefore, graphAfter: await graphOf(after) };
}

/** Every line no edit touches is byte-identical in the result (at its shifted position). */
export function assertUntouchedLinesIdentical(before: string, after: string, edits: readonly TextEdit[]): void {
    const a = before.split('\n'), b = after.split('\n');
    const sorted = [...edits].sort((x, y) => x.range.start.line - y.range.start.line || x.range.start.character - y.range.start.character);
    const touched = new Set<number>();
    for (const e of sorted) for (let l = e.range.start.line; l <= e.range.end.line; l++) touched.add(l);
    let delta = 0, k = 0;
    for (let line = 0; line < a.length; line++) {
        while (k < sorted.length && sorted[k].range.end.line < line) {
            const e = sorted[k++];
            delta += e.newText.split('\n').length - 1 - (e.range.end.line - e.range.start.line);
        }
        if (touched.has(line)) continue;
        assert.equal(b[line + delta], a[line], `untouched line ${line + 1} changed`);
    }
    assert.equal(b.length, a.length + sorted.reduce((d, e) => d + e.newText.split('\n').length - 1 - (e.range.end.line - e.range.start.line), 0));
}

export interface NodeShape { type: string; isOutput: boolean; args: Record<string, string> }

/** A body as comparable data: node id -> type and written arguments (`=literal` or `<-node.output`). */
export function bodyShape(graph: FlowGraph, name?: string): Record<string, NodeShape> {
    const body: GraphBody | undefined = name === undefined ? graph.workflows[0]
        : graph.workflows.find(w => w.name === name) ?? graph.subgraphs.find(s => s.name === name);
    assert.ok(body, `no body ${name}`);
    const out: Record<string, NodeShape> = {};
    for (const n of body.nodes) {
        const args: Record<string, string> = {};
        for (const [k, v] of Object.entries(n.args)) {
            if (v.kind === 'literal' && v.defaulted) continue;
            args[k] = v.kind === 'literal' ? `=${JSON.stringify(v.value)}` : v.kind === 'wire' ? `<-${v.node}.${v.output}` : `<-input ${v.input}`;
        }
        out[n.id] = { type: n.type, isOutput: n.isOutput, args };
    }
    return out;
}

/** The first body after the edit is its shape before, changed as `change` says (and nothing else). */
export function assertShapeChanged(r: Applied, change: (expected: Record<string, NodeShape>) => void): void {
    const expected = bodyShape(r.graphBefore);
    change(expected);
    assert.deepEqual(bodyShape(r.graphAfter), expected);
}

export function errorCodes(graph: FlowGraph): string[] {
    return graph.diagnostics.filter(d => d.severity === 'error').map(d => d.code ?? d.message).sort();
}

/** Lines of `after` that differ from `before` when edits only replaced within lines. */
export function changedLines(before: string, after: string): string[] {
    const a = before.split('\n'), b = after.split('\n');
    return b.filter((line, i) => a[i] !== line);
}
