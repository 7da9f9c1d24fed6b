/**
 * Resolved bodies as `.flow` text: one statement per node in data-flow order, named from the
 * node's title when it is an identifier and else from its type; notes, groups and nodes that
 * cannot run (muted, bypassed, not connected) as comments, so the file says everything the
 * workflow said.
 */
import type { ParamValue } from '../../../catalog/src/schema.js';
import { argName, isIdentifier, lowerCamel, NameSet } from './names.js';
import type { RawGroup } from './raw-graph.js';
import { passthrough, type ArgValue, type ResolvedBody, type ResolvedNode } from './resolve-body.js';

const LINE = 100;

export function literalText(v: ParamValue): string {
    if (Array.isArray(v)) return `[${v.map(literalText).join(', ')}]`;
    if (typeof v === 'string') return JSON.stringify(v);
    return String(v);
}

export function commentLines(text: string, indent: string): string[] {
    return text.split(/\r\n|\r|\n/).map(l => `${indent}//${l ? ` ${l}` : ''}`);
}

export class BodyWriter {
    private readonly byId: Map<string, ResolvedNode>;
    private readonly inputNames: string[];

    constructor(private readonly body: ResolvedBody, private readonly groups: readonly RawGroup[]) {
        this.byId = new Map(body.nodes.map(n => [n.raw.id, n]));
        const names = new NameSet();
        this.inputNames = body.inputs.map(i => names.take(argName(i.name)));
        for (const node of order(body.nodes)) {
            const title = node.raw.title?.trim();
            const titled = title && isIdentifier(title) && title !== node.raw.type && title !== node.target?.flowType;
            node.name = names.take(titled ? title : lowerCamel(node.target?.flowType ?? node.raw.type));
        }
    }

    write(header: string): string[] {
        const lines: string[] = [`${header} {`];
        const indent = '    ';
        for (const g of this.groups) {
            const inside = this.body.nodes.filter(n => within(n.raw.pos, g.bounding)).map(n => n.name);
            lines.push(`${indent}// group "${oneLine(g.title)}"${inside.length ? `: ${inside.join(', ')}` : ' (empty)'}`);
        }
        for (const note of this.body.notes) {
            lines.push(`${indent}// ${note.raw.type}${note.raw.title && note.raw.title !== note.raw.type ? ` "${oneLine(note.raw.title)}"` : ''}:`);
            lines.push(...commentLines(note.text, indent).map(l => l.replace('//', '//  ')));
        }
        this.body.inputs.forEach((input, i) => {
            const def = input.default === undefined ? '' : ` = ${literalText(input.default)}`;
            lines.push(`${indent}input ${this.inputNames[i]}: ${argName(input.type)}${def}`);
        });
        for (const node of order(this.body.nodes)) {
            const title = node.raw.title?.trim();
            if (title && title !== node.name && title !== node.raw.type) lines.push(`${indent}// "${oneLine(title)}"`);
            const statement = this.statement(node, node.status === 'active' ? indent : `${indent}//   `);
            if (node.status === 'active') {
                lines.push(...statement);
            } else {
                lines.push(`${indent}// ${this.why(node)}:`);
                lines.push(...statement);
            }
        }
        for (const out of this.body.outputs) lines.push(`${indent}output ${argName(out.name)}: ${argName(out.type)} = ${this.ref(out.value)}`);
        lines.push('}');
        return lines;
    }

    private why(node: ResolvedNode): string {
        if (node.status === 'muted') return 'muted in ComfyUI (never runs)';
        if (node.status === 'bypassed') {
            const passes = node.raw.outputs.flatMap((o, slot) => {
                const link = passthrough(node.raw, slot);
                const input = node.raw.inputs.find(i => i.link === link);
                return input ? [`${input.name} → ${o.name}`] : [];
            });
            return `bypassed in ComfyUI (${passes.length ? `passes ${passes.join(', ')} through` : 'passes nothing through'})`;
        }
        return `not imported: ${oneLine(node.reason ?? '')}`;
    }

    private statement(node: ResolvedNode, indent: string): string[] {
        const args = [...node.args].sort((a, b) => rank(a.value) - rank(b.value)).map(a => `${a.target?.name ?? argName(a.comfy)}: ${this.ref(a.value)}`);
        const head = `${node.name} = ${node.target?.flowType ?? typeName(node.raw.type)}(`;
        const lines: string[] = [];
        let line = indent + head;
        args.forEach((arg, i) => {
            const piece = arg + (i < args.length - 1 ? ',' : ')');
            if (line.length + 1 + piece.length > LINE && line.trim() !== head.trim()) {
                lines.push(line);
                line = `${indent}    ${piece}`;
            } else {
                line += (line.endsWith('(') ? '' : ' ') + piece;
            }
        });
        if (args.length === 0) line += ')';
        lines.push(line);
        return lines;
    }

    ref(v: ArgValue): string {
        if (v.kind === 'literal') return literalText(v.value);
        if (v.kind === 'input') return this.inputNames[v.index] ?? `input${v.index}`;
        const src = this.byId.get(v.node);
        if (!src) return `node${v.node}`;
        const count = src.target ? src.target.outputCount() : src.raw.outputs.length;
        const output = src.target?.outputName(v.slot) ?? src.raw.outputs[v.slot]?.name ?? `output${v.slot}`;
        return count === 1 ? src.name! : `${src.name}.${argName(output)}`;
    }
}

/** A type name the grammar accepts, for nodes the catalog lacks. */
export function typeName(type: string): string {
    return isIdentifier(type) ? type : argName(type.replace(/\s+(\w)/g, (_, c: string) => c.toUpperCase()));
}

/** Wires before constants, as people write them. */
function rank(v: ArgValue): number {
    return v.kind === 'literal' ? 1 : 0;
}

function oneLine(s: string): string {
    return s.replace(/\s+/g, ' ').trim();
}

function within(pos: [number, number] | undefined, [x, y, w, h]: [number, number, number, number]): boolean {
    return !!pos && pos[0] >= x && pos[1] >= y && pos[0] <= x + w && pos[1] <= y + h;
}

/** Data-flow order (sources first), left to right as drawn where the wires leave a choice. */
export function order(nodes: readonly ResolvedNode[]): ResolvedNode[] {
    const byId = new Map(nodes.map(n => [n.raw.id, n]));
    const deps = new Map(nodes.map(n => [n, new Set(n.args.flatMap(a => (a.value.kind === 'wire' && byId.has(a.value.node) ? [byId.get(a.value.node)!] : [])))]));
    const key = (n: ResolvedNode) => [n.raw.pos?.[0] ?? 0, n.raw.pos?.[1] ?? 0, Number(n.raw.id) || 0];
    const before = (a: ResolvedNode, b: ResolvedNode) => {
        const [ka, kb] = [key(a), key(b)];
        return ka[0] - kb[0] || ka[1] - kb[1] || ka[2] - kb[2];
    };
    const done = new Set<ResolvedNode>();
    const out: ResolvedNode[] = [];
    while (out.length < nodes.length) {
        const ready = nodes.filter(n => !done.has(n) && [...deps.get(n)!].every(d => done.has(d)));
        // A cycle (which ComfyUI refuses too) is written in file order; the checker reports it.
        const next = ready.length ? ready.sort(before)[0] : nodes.find(n => !done.has(n))!;
        done.add(next);
        out.push(next);
    }
    return out;
}
