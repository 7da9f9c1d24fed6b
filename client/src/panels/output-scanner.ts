/**
 * Finds the images of earlier runs in an output folder, so the Outputs panel survives a
 * reload: every PNG below the folder, with its size and the `workflow` / `prompt` text chunks
 * the engine's SaveImages writes (nodes/save-images/run.ts). Pure Node (no `vscode`):
 * the host turns the result into panel runs with `groupIntoRuns`.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { inflateSync } from 'node:zlib';

export interface PngInfo {
    width: number;
    height: number;
    /** tEXt, zTXt and iTXt chunks, keyword -> text. */
    text: Record<string, string>;
}

/** The `prompt` chunk: the whole workflow's resolved arguments, as SaveImages writes them. */
export interface PromptRecord {
    workflow?: string;
    /** Base name of the .flow file. */
    file?: string;
    /** Exec id of the SaveImages node that wrote the image. */
    node?: string;
    nodes?: Record<string, { type?: string; label?: string; params?: Record<string, unknown>; wires?: Record<string, { node: string; output: string }> }>;
}

/** The `sweep` chunk of a sweep's comparison grid (cli/src/run/sweep-grid.ts): what it compares. */
export interface SweepRecord {
    workflow?: string;
    rows?: string;
    columns?: string;
}

export interface ScannedImage {
    path: string;
    /** Relative to the scanned folder, `/`-separated. */
    relativePath: string;
    mtimeMs: number;
    width: number;
    height: number;
    prompt?: PromptRecord;
    /** Present on a sweep's comparison grid. */
    sweep?: SweepRecord;
}

export interface ScanOptions {
    /** Stop after this many PNGs (newest are not preferred: a folder walk has no order). */
    maxFiles?: number;
    maxDepth?: number;
    /** Larger files are listed without reading their chunks. */
    maxBytes?: number;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Reads IHDR and the text chunks; throws on a file that is not a PNG. */
export function readPngInfo(bytes: Uint8Array): PngInfo {
    const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (buf.length < 33 || !buf.subarray(0, 8).equals(PNG_SIGNATURE)) throw new Error('not a PNG file');
    const text: Record<string, string> = {};
    let width = 0;
    let height = 0;
    for (let pos = 8; pos + 8 <= buf.length;) {
        const length = buf.readUInt32BE(pos);
        const type = buf.toString('latin1', pos + 4, pos + 8);
        const end = pos + 8 + length;
        if (end + 4 > buf.length) break; // truncated file: keep what was read
        const body = buf.subarray(pos + 8, end);
        if (type === 'IHDR') {
            width = body.readUInt32BE(0);
            height = body.readUInt32BE(4);
        } else if (type === 'tEXt') {
            const nul = body.indexOf(0);
            if (nul > 0) text[body.toString('latin1', 0, nul)] = body.toString('latin1', nul + 1);
        } else if (type === 'zTXt') {
            const nul = body.indexOf(0);
            if (nul > 0) text[body.toString('latin1', 0, nul)] = inflateSync(body.subarray(nul + 2)).toString('latin1');
        } else if (type === 'iTXt') {
            // keyword \0 compressionFlag compressionMethod languageTag \0 translatedKeyword \0 text
            const nul = body.indexOf(0);
            const compressed = body[nul + 1] === 1;
            const lang = body.indexOf(0, nul + 3);
            const translated = body.indexOf(0, lang + 1);
            if (nul > 0 && lang > 0 && translated > 0) {
                const raw = body.subarray(translated + 1);
                text[body.toString('latin1', 0, nul)] = (compressed ? inflateSync(raw) : raw).toString('utf8');
            }
        } else if (type === 'IEND') {
            break;
        }
        pos = end + 4;
    }
    if (width === 0 || height === 0) throw new Error('PNG without IHDR');
    return { width, height, text };
}

export function parsePrompt(text: string | undefined): PromptRecord | undefined {
    if (!text) return undefined;
    try {
        const value = JSON.parse(text) as unknown;
        return value && typeof value === 'object' && !Array.isArray(value) ? value as PromptRecord : undefined;
    } catch {
        return undefined;
    }
}

/**
 * The arguments of the node that produced the image (what the live `image` event's `args`
 * carry): the producer wired into the saving node's `images` input.
 */
export function producerArgs(prompt: PromptRecord | undefined): Record<string, unknown> | undefined {
    const saver = prompt?.node ? prompt.nodes?.[prompt.node] : undefined;
    const wire = saver?.wires?.images;
    const producer = wire ? prompt?.nodes?.[wire.node] : undefined;
    if (!producer) return undefined;
    return { node: producer.label ?? wire!.node, type: producer.type, ...(producer.params ?? {}) };
}

/** Every PNG below `root` (missing folder: none). Unreadable files are skipped, not fatal. */
export async function scanOutputFolder(root: string, options: ScanOptions = {}): Promise<ScannedImage[]> {
    const maxFiles = options.maxFiles ?? 2000;
    const maxDepth = options.maxDepth ?? 4;
    const maxBytes = options.maxBytes ?? 32 * 1024 * 1024;
    const found: ScannedImage[] = [];
    const walk = async (dir: string, depth: number): Promise<void> => {
        let entries;
        try {
            entries = await fs.readdir(dir, { withFileTypes: true });
        } catch {
            return;
        }
        entries.sort((a, b) => a.name.localeCompare(b.name));
        for (const entry of entries) {
            if (found.length >= maxFiles) return;
            const full = path.join(dir, entry.name);
            if (entry.isDirectory()) {
                if (depth < maxDepth && !entry.name.startsWith('.')) await walk(full, depth + 1);
                continue;
            }
            if (!entry.isFile() || !/\.png$/i.test(entry.name) || entry.name.includes('.tmp')) continue;
            const image = await scanFile(root, full, maxBytes);
            if (image) found.push(image);
        }
    };
    await walk(root, 0);
    return found;
}

async function scanFile(root: string, file: string, maxBytes: number): Promise<ScannedImage | undefined> {
    try {
        const stat = await fs.stat(file);
        const relativePath = path.relative(root, file).split(path.sep).join('/');
        if (stat.size > maxBytes) return undefined;
        const info = readPngInfo(await fs.readFile(file));
        const prompt = parsePrompt(info.text.prompt);
        const sweep = parsePrompt(info.text.sweep) as SweepRecord | undefined;
        return { path: file, relativePath, mtimeMs: stat.mtimeMs, width: info.width, height: info.height, ...(prompt ? { prompt } : {}), ...(sweep ? { sweep } : {}) };
    } catch {
        return undefined; // being written, deleted meanwhile, or not a PNG
    }
}
