/**
 * What "Run With Values…" offers and what it passes to the engine: the workflow's nodes that
 * have widget arguments written or defaulted as constants (from the `flowstudio/graph` data),
 * and the `--set` / `--sweep` texts for the values the user gives. Pure (no vscode import).
 */
import type { WorkflowGraph } from '../../../catalog/src/graph.js';
import type { ParamValue } from '../../../catalog/src/schema.js';

export interface ValueArgument { name: string; value: ParamValue; defaulted: boolean }
export interface ValueTarget { node: string; type: string; args: ValueArgument[] }

/**
 * Nodes of `workflow` with constant widget arguments (wired ones cannot take values). Subgraph
 * instances are left out: their inner nodes run as `instance/inner`, which the CLI addresses.
 */
export function valueTargets(workflow: WorkflowGraph): ValueTarget[] {
    const targets: ValueTarget[] = [];
    for (const node of workflow.nodes) {
        if (node.subgraph || node.category === 'subgraph' || node.category === 'unknown') continue;
        const args: ValueArgument[] = [];
        for (const [name, source] of Object.entries(node.args)) {
            if (source.kind === 'literal') args.push({ name, value: source.value, defaulted: source.defaulted === true });
        }
        if (args.length) targets.push({ node: node.id, type: node.type, args });
    }
    return targets;
}

/** A value as the user would type it back: strings as they are, lists as `[a, b]`. */
export function formatValue(value: ParamValue): string {
    if (Array.isArray(value)) return `[${value.map(v => (typeof v === 'string' ? JSON.stringify(v) : String(v))).join(', ')}]`;
    return String(value);
}

/** `--set` text for one value (a value starting with `@` is not a file name here: escaped). */
export function setText(node: string, arg: string, value: string): string {
    return `${node}.${arg}=${value.startsWith('@') ? `@${value}` : value}`;
}

/** `--sweep` text for comma-separated values as typed (quote a value that holds a comma). */
export function sweepText(node: string, arg: string, values: string): string {
    return `${node}.${arg}=${values.startsWith('@') ? `@${values}` : values}`;
}

/** `--sweep` text for a file with one value per non-empty line. */
export function sweepFileText(node: string, arg: string, file: string): string {
    return `${node}.${arg}=@${file}`;
}
