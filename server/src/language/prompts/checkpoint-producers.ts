/**
 * The checkpoint names the workspace's own CheckpointSave nodes will write, so a workflow may
 * load a checkpoint another one (or itself) has yet to produce without a false
 * `checkpoint-not-found`, and completion can offer it. CheckpointSave writes
 * `flow-output/<workflow>/<filename_prefix>_NNNNN_.safetensors` next to its .flow file;
 * CheckpointLoaderSimple finds it by the part after `checkpoints/` when the prefix starts so,
 * and always by that path relative to the workflow. Loaded documents are read from their AST;
 * other .flow files of the folder (the CLI loads only one file and its imports) by a light scan
 * of their text, cached by modification time.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { AstUtils, type LangiumDocuments } from 'langium';
import { isSubgraph, type Document, type Node } from '../generated/ast.js';
import type { NodeTypeResolver } from '../semantics/node-types.js';
import { bodyNodes } from '../semantics/bodies.js';
import type { InstanceStack, WireFollower } from './follow-wires.js';

export interface ProducedCheckpoint {
    /** The first file's name as CheckpointLoaderSimple takes it. */
    readonly name: string;
    /** Every number the saver may write. */
    readonly pattern: RegExp;
    readonly workflow: string;
    readonly file: string;
    /** Offered by completion and did-you-mean (the path form is not when a short name exists). */
    readonly offered: boolean;
}

const DEFAULT_PREFIX = 'checkpoints/flow';
const MAX_DEPTH = 16;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function produced(prefix: string, workflow: string, file: string): ProducedCheckpoint[] {
    const clean = prefix.split(/[\\/]+/).filter(p => p && p !== '.').join('/');
    const out: ProducedCheckpoint[] = [];
    if (clean.startsWith('checkpoints/')) {
        const rest = clean.slice('checkpoints/'.length);
        out.push({ name: `${rest}_00001_.safetensors`, pattern: new RegExp(`^${escape(rest)}_\\d{5,}_\\.safetensors$`), workflow, file, offered: true });
    }
    const full = `flow-output/${workflow}/${clean}`;
    out.push({ name: `${full}_00001_.safetensors`, pattern: new RegExp(`^(\\./)?${escape(full)}_\\d{5,}_\\.safetensors$`), workflow, file, offered: out.length === 0 });
    return out;
}

export class CheckpointProducers {
    private readonly byDocument = new WeakMap<Document, ProducedCheckpoint[]>();
    private readonly scanned = new Map<string, { mtimeMs: number; size: number; found: ProducedCheckpoint[] }>();

    constructor(private readonly documents: LangiumDocuments, private readonly types: NodeTypeResolver, private readonly wires: WireFollower) {}

    /** What the .flow files of `flowDir` will save. */
    forFolder(flowDir: string): ProducedCheckpoint[] {
        const found: ProducedCheckpoint[] = [];
        const loaded = new Set<string>();
        for (const document of this.documents.all) {
            if (document.uri.scheme !== 'file' || path.dirname(document.uri.fsPath) !== flowDir) continue;
            loaded.add(document.uri.fsPath);
            found.push(...this.ofDocument(document.parseResult.value as Document));
        }
        let names: string[] = [];
        try {
            names = fs.readdirSync(flowDir).filter(n => n.endsWith('.flow'));
        } catch {
            // No such folder (an unsaved document): nothing more.
        }
        for (const name of names) {
            const file = path.join(flowDir, name);
            if (!loaded.has(file)) found.push(...this.scanFile(file));
        }
        return found;
    }

    private ofDocument(root: Document): ProducedCheckpoint[] {
        const cached = this.byDocument.get(root);
        if (cached) return cached;
        const file = AstUtils.getDocument(root).uri.fsPath;
        const found: ProducedCheckpoint[] = [];
        const visit = (nodes: Node[], workflow: string, stack: InstanceStack, seen: Set<unknown>) => {
            for (const node of nodes) {
                const resolved = this.types.resolve(node);
                if (resolved?.kind === 'builtin' && resolved.schema.name === 'CheckpointSave') {
                    const prefix = this.wires.stringParam(node, resolved.schema, 'filename_prefix', stack);
                    if (prefix !== undefined) found.push(...produced(prefix, workflow, file));
                } else if (resolved?.kind === 'subgraph' && stack.length < MAX_DEPTH && !seen.has(resolved.subgraph)) {
                    visit(bodyNodes(resolved.subgraph), workflow, [...stack, node], new Set([...seen, resolved.subgraph]));
                }
            }
        };
        for (const element of root.elements) {
            if (!isSubgraph(element) && element.name) visit(bodyNodes(element), element.name, [], new Set());
        }
        this.byDocument.set(root, found);
        return found;
    }

    /** A file no document holds: its workflows' CheckpointSave prefixes, read from the text. */
    private scanFile(file: string): ProducedCheckpoint[] {
        let stat: fs.Stats;
        try {
            stat = fs.statSync(file);
        } catch {
            return [];
        }
        const hit = this.scanned.get(file);
        if (hit && hit.mtimeMs === stat.mtimeMs && hit.size === stat.size) return hit.found;
        let text = '';
        try {
            text = stat.size < 4 * 1024 * 1024 ? fs.readFileSync(file, 'utf8') : '';
        } catch {
            text = '';
        }
        const found: ProducedCheckpoint[] = [];
        const blocks = text.split(/\b(?=workflow\s+[_a-zA-Z]\w*\s*\{|subgraph\s+[_a-zA-Z]\w*\s*\{)/);
        for (const block of blocks) {
            const workflow = /^workflow\s+([_a-zA-Z]\w*)/.exec(block)?.[1];
            if (!workflow) continue;
            for (const call of block.matchAll(/\bCheckpointSave\s*\(([^)]*)\)/g)) {
                const prefix = /\bfilename_prefix\s*:\s*"((?:\\.|[^"\\\n])*)"/.exec(call[1])?.[1];
                found.push(...produced(prefix === undefined ? DEFAULT_PREFIX : prefix, workflow, file));
            }
        }
        this.scanned.set(file, { mtimeMs: stat.mtimeMs, size: stat.size, found });
        return found;
    }
}
