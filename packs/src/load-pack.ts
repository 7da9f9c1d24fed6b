/**
 * Loading a node pack file: it default-exports `{ label?, nodes, types? }` — nodes written like
 * built-in ones (`{ schema, run }`, what `defineNode` returns; `run` receives TensorFlow.js as
 * `ctx.tf`), wire types as `{ name, color, description, engine? }` — or a function returning that.
 * A pack that fails to load or is malformed becomes a problem naming the file, never an
 * exception. Each load imports the file's current content (the URL carries its hash), so an
 * edited pack is reloaded, and the hash enters its nodes' cache keys. A `.ts` pack is stripped of
 * its types first (strip-types.ts) and imported from a `data:` URL holding the result.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { NodePack, PackProblem } from '../../catalog/src/catalog.js';
import { wireTypeSpec } from '../../catalog/src/define.js';
import type { NodeSchema, WireTypeSpec } from '../../catalog/src/schema.js';
import { stripTypes } from './strip-types.js';

/** A pack's node as the engine gets it: the schema and, when it has one, its implementation. */
export interface PackNode {
    readonly schema: NodeSchema;
    readonly run?: (...args: never[]) => Promise<unknown>;
    readonly fingerprint?: (...args: never[]) => string;
}

export interface PackModule {
    readonly label?: string;
    readonly nodes: readonly PackNode[];
    readonly types?: ReadonlyArray<WireTypeSpec & { engine?: unknown }>;
}

export type PackLoad = { pack: NodePack; module: PackModule; hash: string } | { problem: PackProblem };

export async function loadPackFile(file: string): Promise<PackLoad> {
    const fail = (message: string): PackLoad => ({ problem: { packId: file, file, message: `node pack ${path.basename(file)}: ${message}` } });
    let bytes: Buffer;
    try {
        bytes = fs.readFileSync(file);
    } catch (e) {
        return fail(`cannot read it (${(e as Error).message})`);
    }
    const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 16);
    let url = `${pathToFileURL(file).href}?v=${hash}`;
    if (/\.[cm]?ts$/.test(file)) {
        const stripped = await stripTypes(bytes.toString('utf8'), file);
        if ('problem' in stripped) return fail(stripped.problem);
        url = `data:text/javascript;base64,${Buffer.from(stripped.code).toString('base64')}`;
    }
    let exported: unknown;
    try {
        const loaded = await import(url) as { default?: unknown };
        exported = typeof loaded.default === 'function' ? await (loaded.default as () => unknown)() : loaded.default;
    } catch (e) {
        const error = e as Error;
        // A `.ts` pack's URL is its whole code: the message names the file instead.
        const message = (error.message ?? String(e)).split('\n')[0].replace(/data:text\/javascript;base64,[\w+/=]+/g, path.basename(file));
        return fail(`it failed to load: ${message}`);
    }
    const problem = shapeProblem(exported);
    if (problem) return fail(problem);
    const module = exported as PackModule;
    const label = module.label ?? path.basename(file);
    return {
        hash,
        module,
        pack: {
            id: file, origin: 'workspace', label,
            nodes: module.nodes.map(n => n.schema),
            types: (module.types ?? []).map(wireTypeSpec),
        },
    };
}

/** Why `value` is not a pack module, or undefined. Checks what the language relies on. */
function shapeProblem(value: unknown): string | undefined {
    if (!value || typeof value !== 'object') return 'its default export must be { nodes: [...], types?: [...] } (or a function returning it)';
    const { nodes, types } = value as { nodes?: unknown; types?: unknown };
    if (!Array.isArray(nodes)) return 'its default export has no `nodes` array';
    for (const [i, node] of nodes.entries()) {
        const schema = (node as { schema?: Partial<NodeSchema> })?.schema;
        const where = `nodes[${i}]${schema?.name ? ` (${schema.name})` : ''}`;
        if (!schema || typeof schema !== 'object') return `${where} has no \`schema\``;
        if (typeof schema.name !== 'string' || !/^[A-Za-z_]\w*$/.test(schema.name)) return `${where}: \`name\` must be an identifier`;
        for (const key of ['inputs', 'params', 'outputs'] as const) {
            if (!Array.isArray(schema[key])) return `${where}: \`${key}\` must be an array`;
        }
        if (typeof schema.category !== 'string' || typeof schema.description !== 'string' || typeof schema.version !== 'number') {
            return `${where}: \`category\`, \`description\` (strings) and \`version\` (a number) are required`;
        }
        const run = (node as { run?: unknown }).run;
        if (run !== undefined && typeof run !== 'function') return `${where}: \`run\` must be a function`;
    }
    if (types !== undefined && !Array.isArray(types)) return '`types` must be an array';
    for (const [i, type] of ((types as unknown[]) ?? []).entries()) {
        const t = type as Partial<WireTypeSpec>;
        if (typeof t?.name !== 'string' || !/^[A-Z][A-Z0-9_]*$/.test(t.name)) return `types[${i}]: \`name\` must be an upper-case identifier (like MASK)`;
        if (typeof t.color !== 'string' || typeof t.description !== 'string') return `types[${i}] (${t.name}): \`color\` and \`description\` are required`;
    }
    return undefined;
}

/** Loads every file; the packs that loaded, in order, and the problems of the others. */
export async function loadPackFiles(files: readonly string[]): Promise<{ loaded: Array<{ pack: NodePack; module: PackModule; hash: string }>; problems: PackProblem[] }> {
    const loaded: Array<{ pack: NodePack; module: PackModule; hash: string }> = [];
    const problems: PackProblem[] = [];
    for (const file of files) {
        const result = await loadPackFile(file);
        if ('problem' in result) problems.push(result.problem);
        else loaded.push(result);
    }
    return { loaded, problems };
}
