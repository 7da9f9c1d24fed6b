/**
 * Seeded, grammar-aware `.flow` inputs for the fuzzer: well-formed documents built from the
 * catalog (workflows, subgraphs, imports, wires, values of every kind, comments), then mutated at
 * the character and token level (deletions, duplications, insertions of brackets, quotes, odd
 * Unicode, CRLF, deep nesting). Same seed, same inputs: a failure is reproducible by its seed.
 */
import { NODE_SCHEMAS, PORT_TYPES, type NodeSchema, type ParamSpec } from '../../catalog/src/index.js';

/** mulberry32: small, fast and good enough to spread inputs. */
export class Random {
    private state: number;
    constructor(seed: number) { this.state = seed >>> 0; }
    next(): number {
        let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    }
    int(max: number): number { return Math.floor(this.next() * max); }
    chance(p: number): boolean { return this.next() < p; }
    pick<T>(items: readonly T[]): T { return items[this.int(items.length)]; }
}

const ODD_STRINGS = ['README.md', 'lib/shapes.flow', '\ud800', '\udfff', '../../../etc/passwd', '', ' ', 'a.flow\u0000', 'x'.repeat(300), '😀.flow', 'C:\\\\x.flow', '%zz', 'file:///x.flow'];
const NOISE = ['(', ')', '[', ']', '{', '}', ',', ':', '=', '.', '"', '"""', '/*', '*/', '//', '\n', '\r\n', '\t', ' ', '-', '1e', '0x', '.5', '1e999', 'NaN', 'true', 'workflow', 'subgraph', 'import', 'input', 'output', '\ud800', '\u200b', '😀', 'é', '\\', '$', '#'];

function identifier(random: Random): string {
    return random.pick(['a', 'b', 'x', 'data', 'gen', 'disc', 'trained', 'n', 'img', 'out', 'grid']) + (random.chance(0.5) ? String(random.int(20)) : '');
}

function literal(random: Random, spec: ParamSpec | undefined, depth = 0): string {
    const kind = spec && random.chance(0.8) ? spec.type : random.pick(['INT', 'FLOAT', 'STRING', 'BOOLEAN', 'LIST']);
    switch (kind) {
        case 'INT': return String(random.chance(0.1) ? -random.int(1e6) : random.int(spec?.max !== undefined ? spec.max + 2 : 200));
        case 'FLOAT': return random.pick(['0.5', '2e-4', '1', '-1', '3.25', '1e-9', '.5']);
        case 'BOOLEAN': return random.pick(['true', 'false']);
        case 'STRING': {
            if (spec?.choices && random.chance(0.7)) return JSON.stringify(random.pick(spec.choices));
            if (random.chance(spec?.prompt ? 0.6 : 0.1)) return promptLiteral(random);
            return JSON.stringify(random.pick(['digits/sample', 'x', '', 'nearest', 'a b', 'ü', 'a (red:1.3) \\(x\\)']));
        }
        default: {
            const n = random.int(4);
            const item = spec?.item;
            return `[${Array.from({ length: n }, () => (depth < 3 && random.chance(0.2) ? literal(random, undefined, depth + 1) : literal(random, item as ParamSpec | undefined, depth + 1))).join(', ')}]`;
        }
    }
}

/** A prompt, often a """ block over lines, with ComfyUI weighting right and wrong. */
function promptLiteral(random: Random): string {
    const pieces = ['a', 'red circle', '(red:1.3)', '((blue))', '(x:1,3)', '(16:9)', '\\(lit\\)', '(open', 'close)', '(a:-2)', ',', 'é', '😀', '(b:inf)'];
    const words = Array.from({ length: 1 + random.int(12) }, () => random.pick(pieces));
    if (random.chance(0.3)) return JSON.stringify(words.join(' '));
    const indent = random.pick(['', '    ', '        ', '\t']);
    const lines = words.map(w => (random.chance(0.2) ? '' : indent + w));
    return `"""${random.chance(0.7) ? '\n' : ''}${lines.join(random.pick(['\n', '\r\n']))}${random.chance(0.7) ? `\n${indent}` : ''}"""`;
}

function nodeStatement(random: Random, schema: NodeSchema, names: string[]): string {
    const args: string[] = [];
    for (const input of schema.inputs) {
        if (random.chance(0.85) && names.length) {
            const source = random.pick(names);
            args.push(`${input.name}: ${source}${random.chance(0.2) ? '.' + random.pick(['generator', 'dataset', 'images', 'image', 'out']) : ''}`);
        }
    }
    for (const param of schema.params) {
        if (random.chance(0.5)) args.push(`${param.name}: ${literal(random, param)}`);
    }
    if (random.chance(0.05)) args.push(`${identifier(random)}: ${literal(random, undefined)}`);
    const name = random.chance(0.9) ? `${identifier(random)} = ` : '';
    const comment = random.chance(0.1) ? ' // ' + random.pick(['note', 'todo', 'é😀']) : '';
    const split = random.chance(0.2);
    return `    ${name}${schema.name}(${split ? '\n        ' : ''}${args.join(split ? ',\n        ' : ', ')}${split && random.chance(0.5) ? ',\n    ' : ''})${comment}`;
}

/** A well-formed (mostly valid) document. */
export function generateDocument(random: Random): string {
    const parts: string[] = [];
    if (random.chance(0.2)) parts.push(`import "${random.pick(ODD_STRINGS)}"`);
    const subgraphs: string[] = [];
    for (let s = 0; s < random.int(3); s++) {
        const name = random.pick(['Prep', 'Block', 'D', 'S']) + s;
        subgraphs.push(name);
        const type = random.pick(PORT_TYPES);
        const body = [`subgraph ${name} {`, `    input d: ${type}`];
        for (let i = 0; i < random.int(4); i++) body.push(nodeStatement(random, random.pick(NODE_SCHEMAS), ['d', ...subgraphs.slice(0, -1)]));
        body.push(`    output out: ${random.pick(PORT_TYPES)} = d`, '}');
        parts.push(body.join('\n'));
    }
    for (let w = 0; w < 1 + random.int(2); w++) {
        if (random.chance(0.3)) parts.push('/** A workflow. */');
        const body = [`workflow W${w} {`];
        const names: string[] = [];
        for (let i = 0; i < random.int(12); i++) {
            if (subgraphs.length && random.chance(0.15)) {
                const name = identifier(random);
                body.push(`    ${name} = ${random.pick(subgraphs)}(d: ${names.length ? random.pick(names) : 'x'})`);
                names.push(name);
                continue;
            }
            const line = nodeStatement(random, random.pick(NODE_SCHEMAS), names);
            body.push(line);
            const assigned = /^\s+(\w+) =/.exec(line);
            if (assigned) names.push(assigned[1]);
        }
        body.push('}');
        parts.push(body.join('\n'));
    }
    return parts.join('\n\n') + (random.chance(0.8) ? '\n' : '');
}

/** Character- and token-level damage: what a user mid-edit, a bad paste or a broken file produce. */
export function mutate(random: Random, text: string): string {
    let out = text;
    const edits = 1 + random.int(4);
    for (let e = 0; e < edits; e++) {
        const at = random.int(out.length + 1);
        switch (random.int(8)) {
            case 0: out = out.slice(0, at) + out.slice(at + 1 + random.int(20)); break;
            case 1: { const end = Math.min(out.length, at + random.int(60)); out = out.slice(0, end) + out.slice(at, end) + out.slice(end); break; }
            case 2: out = out.slice(0, at) + random.pick(NOISE) + out.slice(at); break;
            case 3: out = out.replace(/\n/g, '\r\n'); break;
            case 4: { const depth = random.pick([10, 70, 300, 2000]); out = out.slice(0, at) + '['.repeat(depth) + '1' + ']'.repeat(random.chance(0.7) ? depth : random.int(depth)) + out.slice(at); break; }
            case 5: out = out.slice(0, at); break;
            case 6: out = out.slice(0, at) + `\nimport "${random.pick(ODD_STRINGS)}"\n` + out.slice(at); break;
            default: out = out.slice(0, at) + String.fromCharCode(random.int(0x10000)) + out.slice(at); break;
        }
    }
    return out;
}

/** One fuzz input: a generated document, mutated most of the time. */
export function generateInput(random: Random): string {
    const doc = generateDocument(random);
    return random.chance(0.75) ? mutate(random, doc) : doc;
}
