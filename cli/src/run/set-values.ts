/**
 * `--set NODE.ARG=VALUE` and `--sweep NODE.ARG=V1,V2,...`: command-line values for widget
 * arguments of the workflow being run, typed and checked against the catalog with the
 * validator's own value checks (catalog/src/value-checks.ts), then written into the
 * ExecGraph the language produced. NODE is an ExecGraph id: the written name, `Type#n` for
 * an anonymous node, `instance/inner` for a node inside a subgraph instance. Wired arguments
 * cannot be replaced (that would change the graph, not a value).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ExecGraph, ExecNode } from '../../../catalog/src/graph.js';
import { outputPathProblem, type NodeSchema, type ParamSpec, type ParamValue, type ScalarValue } from '../../../catalog/src/index.js';
import { expectedValue, listLengthProblem, scalarProblem, type ItemSpec } from '../../../catalog/src/value-checks.js';
import { suggest } from '../../../server/src/language/semantics/suggestions.js';

/** A command-line value that cannot be used; `code` is a diagnostic code (`unknown-node`, `out-of-range`, ...). */
export class SetValueError extends Error {
    constructor(message: string, readonly code: string) {
        super(message);
    }
}

/** One argument given values on the command line. */
export interface ArgValues {
    node: string;
    arg: string;
    values: ParamValue[];
    /** How each value reads in labels: the text as given (a file's line, a number as typed). */
    labels: string[];
}

export type SchemaLookup = (type: string) => NodeSchema | undefined;

interface Target { node: ExecNode; spec: ParamSpec; subject: string }

/** `--set` values, checked; `cwd` resolves `@file`. Throws SetValueError. */
export function parseSetValues(texts: readonly string[], graph: ExecGraph, schemaOf: SchemaLookup, cwd: string): ArgValues[] {
    return noDuplicates(texts.map(text => {
        const { target, raw, flag } = resolve('--set', text, graph, schemaOf);
        const single = raw.startsWith('@') && !raw.startsWith('@@') ? readValueFile(flag, raw.slice(1), cwd).replace(/\r?\n$/, '') : unescapeAt(raw);
        return { node: target.node.id, arg: target.spec.name, values: [typedValue(single, target, flag)], labels: [single] };
    }));
}

/** `--sweep` axes, checked: comma-separated values, or `@file` with one value per non-empty line. */
export function parseSweeps(texts: readonly string[], graph: ExecGraph, schemaOf: SchemaLookup, cwd: string): ArgValues[] {
    return noDuplicates(texts.map(text => {
        const { target, raw, flag } = resolve('--sweep', text, graph, schemaOf);
        const items = raw.startsWith('@') && !raw.startsWith('@@')
            ? readValueFile(flag, raw.slice(1), cwd).split(/\r?\n/).map(l => l.trim()).filter(Boolean)
            : splitTopLevel(unescapeAt(raw)).map(v => v.trim());
        if (items.length === 0 || items.some(v => v === '')) {
            throw new SetValueError(`${flag}: give one or more values separated by commas (or @FILE with one per line)`, 'invalid-sweep');
        }
        const labels = items.map(v => unquote(v));
        return { node: target.node.id, arg: target.spec.name, values: items.map(v => typedValue(v, target, flag)), labels };
    }));
}

/** A copy of `graph` with `values` (one per argument) written into its nodes' params. */
export function withValues(graph: ExecGraph, values: ReadonlyArray<{ node: string; arg: string; value: ParamValue }>): ExecGraph {
    if (values.length === 0) return graph;
    return {
        ...graph,
        nodes: graph.nodes.map(n => {
            const mine = values.filter(v => v.node === n.id);
            return mine.length ? { ...n, params: { ...n.params, ...Object.fromEntries(mine.map(v => [v.arg, v.value])) } } : n;
        }),
    };
}

function resolve(option: string, text: string, graph: ExecGraph, schemaOf: SchemaLookup): { target: Target; raw: string; flag: string } {
    const flag = `${option} ${text}`;
    const eq = text.indexOf('=');
    const lhs = eq < 0 ? text : text.slice(0, eq);
    const dot = lhs.lastIndexOf('.');
    if (eq < 0 || dot <= 0 || dot === lhs.length - 1) {
        throw new SetValueError(`${flag}: expected NODE.ARG=VALUE (e.g. ${option} sampler.cfg=${option === '--sweep' ? '1,3,5' : '7.5'})`, 'invalid-set');
    }
    const nodeId = lhs.slice(0, dot);
    const argName = lhs.slice(dot + 1);
    const node = graph.nodes.find(n => n.id === nodeId);
    if (!node) {
        throw new SetValueError(`${flag}: workflow ${graph.workflow} has no node '${nodeId}'${didYouMean(nodeId, graph.nodes.map(n => n.id))}`, 'unknown-node');
    }
    const schema = schemaOf(node.type);
    const who = `${node.type} '${node.id}'`;
    if (!schema) throw new SetValueError(`${flag}: ${who} is not a node type this run knows`, 'unknown-node');
    const spec = schema.params.find(p => p.name === argName);
    if (!spec) {
        if (schema.inputs.some(i => i.name === argName)) {
            throw new SetValueError(`${flag}: ${who} argument '${argName}' is an input wire; wires cannot be set from the command line (edit the workflow)`, 'wired-argument');
        }
        throw new SetValueError(`${flag}: ${who} has no argument '${argName}'${didYouMean(argName, schema.params.map(p => p.name))}`, 'unknown-argument');
    }
    const wire = node.wires[argName];
    if (wire) {
        throw new SetValueError(`${flag}: ${who} argument '${argName}' is wired from ${wire.node}.${wire.output}; wires cannot be set from the command line (edit the workflow)`, 'wired-argument');
    }
    return { target: { node, spec, subject: `${who} argument '${argName}'` }, raw: text.slice(eq + 1), flag };
}

/** The value `raw` (as typed) for the target's parameter, or a SetValueError naming node and argument. */
function typedValue(raw: string, target: Target, flag: string): ParamValue {
    const { spec, subject } = target;
    if (spec.type === 'LIST') {
        const inner = raw.trim().replace(/^\[(.*)\]$/s, '$1');
        const items = inner.trim() === '' ? [] : splitTopLevel(inner).map(v => v.trim());
        const length = listLengthProblem(items.length, spec);
        if (length) throw new SetValueError(`${flag}: ${subject} ${length.message}`, length.code);
        const itemSpec: ItemSpec = spec.item ?? { type: 'STRING' };
        return items.map((item, i) => scalarValue(item, itemSpec, `${subject} item ${i + 1}`, flag));
    }
    const value = scalarValue(raw, spec, subject, flag);
    if (spec.withinOutput && typeof value === 'string') {
        const problem = outputPathProblem(value);
        if (problem) throw new SetValueError(`${flag}: ${subject} ${problem}: outputs stay inside the run's output folder`, 'path-escape');
    }
    return value;
}

function scalarValue(raw: string, spec: ItemSpec, subject: string, flag: string): ScalarValue {
    const text = raw.trim();
    let value: ScalarValue | undefined;
    switch (spec.type) {
        case 'INT': value = /^[+-]?\d+$/.test(text) ? Number(text) : undefined; break;
        case 'FLOAT': value = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text) ? Number(text) : undefined; break;
        case 'BOOLEAN': value = text === 'true' ? true : text === 'false' ? false : undefined; break;
        case 'STRING': value = unquote(raw); break;
        default: value = undefined;
    }
    if (value === undefined || (typeof value === 'number' && !Number.isFinite(value))) {
        const expected = expectedValue(spec);
        throw new SetValueError(`${flag}: ${subject} expects ${/^[A-Z]/.test(expected) ? `${/^[AEIOU]/.test(expected) ? 'an' : 'a'} ${expected}` : expected}, got ${JSON.stringify(raw)}`, 'wrong-value-type');
    }
    const problem = scalarProblem(value, spec);
    if (problem) {
        const close = problem.code === 'invalid-choice' && typeof value === 'string' ? didYouMean(value, (spec.choices ?? []).map(String)) : '';
        throw new SetValueError(`${flag}: ${subject} ${problem.message}${close}`, problem.code);
    }
    return value;
}

/** Splits at commas outside double quotes and brackets (`"a, b",c` → two values). */
export function splitTopLevel(text: string): string[] {
    const parts: string[] = [];
    let depth = 0, quoted = false, start = 0;
    for (let i = 0; i < text.length; i++) {
        const ch = text[i];
        if (quoted) {
            if (ch === '\\') i++;
            else if (ch === '"') quoted = false;
        } else if (ch === '"') quoted = true;
        else if (ch === '[') depth++;
        else if (ch === ']') depth = Math.max(0, depth - 1);
        else if (ch === ',' && depth === 0) {
            parts.push(text.slice(start, i));
            start = i + 1;
        }
    }
    parts.push(text.slice(start));
    return parts;
}

/** A JSON string literal (`"a, b"`) as its text; anything else as written. */
function unquote(text: string): string {
    const t = text.trim();
    if (t.length >= 2 && t.startsWith('"') && t.endsWith('"')) {
        try {
            const value = JSON.parse(t) as unknown;
            if (typeof value === 'string') return value;
        } catch {
            // not a JSON string: the text as written
        }
    }
    return text;
}

/** `@@text` is the literal `@text`. */
function unescapeAt(raw: string): string {
    return raw.startsWith('@@') ? raw.slice(1) : raw;
}

function readValueFile(flag: string, file: string, cwd: string): string {
    const full = path.resolve(cwd, file);
    try {
        return fs.readFileSync(full, 'utf8');
    } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        throw new SetValueError(`${flag}: cannot read ${full}${code === 'ENOENT' ? ' (no such file)' : code ? ` (${code})` : ''}`, 'not-found');
    }
}

function didYouMean(name: string, candidates: string[]): string {
    const close = suggest(name, candidates);
    return close.length ? ` (did you mean ${close.map(c => `'${c}'`).join(' or ')}?)` : '';
}

function noDuplicates(values: ArgValues[]): ArgValues[] {
    const seen = new Set<string>();
    for (const v of values) {
        const key = `${v.node}.${v.arg}`;
        if (seen.has(key)) throw new SetValueError(`${key} is given more than once`, 'invalid-set');
        seen.add(key);
    }
    return values;
}

/**
 * The run's `--set` values written into `graph`, and its `--sweep` axes, checked against the
 * language's current catalog (built-in nodes and the workspace's packs).
 */
export function commandLineValues(graph: ExecGraph, set: readonly string[], sweep: readonly string[], schemaOf: SchemaLookup, cwd = process.cwd()): { graph: ExecGraph; axes: ArgValues[] } {
    const fixed = parseSetValues(set, graph, schemaOf, cwd);
    const axes = parseSweeps(sweep, graph, schemaOf, cwd);
    const both = fixed.find(f => axes.some(a => a.node === f.node && a.arg === f.arg));
    if (both) throw new SetValueError(`${both.node}.${both.arg} is both set and swept: give it one or the other`, 'invalid-set');
    return { graph: withValues(graph, fixed.map(f => ({ node: f.node, arg: f.arg, value: f.values[0] }))), axes };
}
