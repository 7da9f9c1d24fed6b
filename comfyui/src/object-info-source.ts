/**
 * Where a ComfyUI node list comes from: a server's `GET /object_info` (short timeout) or an
 * `object_info.json` saved in the workspace (`.flowstudio/comfyui/object_info.json`). Used by the
 * language server and the CLI; file and network I/O only (no TensorFlow.js). Every failure — an
 * unreachable server, an HTTP error, a timeout, a missing or broken file — is a pack problem
 * naming the URL or the file, never an exception.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { PackProblem } from '../../catalog/src/catalog.js';
import { objectInfoToPack, type ObjectInfoPack } from './object-info.js';

/** The saved node list of a workspace, relative to its folder. */
export const OBJECT_INFO_FILE = path.join('.flowstudio', 'comfyui', 'object_info.json');
export const DEFAULT_FETCH_TIMEOUT_MS = 5000;

export type ObjectInfoOrigin = { readonly file: string } | { readonly server: string };

/** A loaded pack, or only problems (`pack` absent) when nothing usable was found. */
export type ObjectInfoLoad = { pack?: ObjectInfoPack['pack']; problems: PackProblem[] };

export function isObjectInfoFile(file: string): boolean {
    return file.endsWith(OBJECT_INFO_FILE) || file.endsWith(OBJECT_INFO_FILE.split(path.sep).join('/'));
}

/** The saved node list of the first workspace folder that has one. */
export function findObjectInfoFile(workspaceDirs: readonly string[]): string | undefined {
    return workspaceDirs.map(d => path.join(d, OBJECT_INFO_FILE)).find(f => fs.existsSync(f));
}

/** `http://host:port` without a trailing slash; undefined when it is not an http(s) URL. */
export function normalizeServerUrl(url: string): string | undefined {
    try {
        const parsed = new URL(url.trim());
        if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return undefined;
        return parsed.href.replace(/\/+$/, '');
    } catch {
        return undefined;
    }
}

export function readObjectInfoFile(file: string): ObjectInfoLoad {
    const id = file;
    const fail = (message: string): ObjectInfoLoad => ({ problems: [{ packId: id, file, message: `ComfyUI node list ${file}: ${message}` }] });
    let text: string;
    try {
        text = fs.readFileSync(file, 'utf8');
    } catch (e) {
        return fail(`cannot read it (${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message})`);
    }
    let json: unknown;
    try {
        json = JSON.parse(text);
    } catch (e) {
        return fail(`it is not JSON (${(e as Error).message})`);
    }
    return objectInfoToPack(json, { id, label: file });
}

export async function fetchObjectInfo(server: string, timeoutMs = DEFAULT_FETCH_TIMEOUT_MS): Promise<ObjectInfoLoad> {
    const base = normalizeServerUrl(server);
    const id = `comfyui:${base ?? server}`;
    if (!base) return { problems: [{ packId: id, message: `ComfyUI server "${server}" is not an http:// or https:// URL` }] };
    const url = `${base}/object_info`;
    const fail = (message: string): ObjectInfoLoad => ({ problems: [{ packId: id, message: `ComfyUI node list from ${url}: ${message}` }] });
    let response: Response;
    try {
        response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), headers: { accept: 'application/json' } });
    } catch (e) {
        const error = e as Error & { cause?: { code?: string; message?: string } };
        if (error.name === 'TimeoutError' || error.name === 'AbortError') return fail(`no answer within ${timeoutMs / 1000} s`);
        return fail(`cannot connect (${error.cause?.code ?? error.cause?.message ?? error.message}); is the server running?`);
    }
    if (!response.ok) return fail(`the server answered HTTP ${response.status} ${response.statusText}`.trim());
    let json: unknown;
    try {
        json = await response.json();
    } catch (e) {
        return fail(`the answer is not JSON (${(e as Error).message})`);
    }
    return objectInfoToPack(json, { id, label: base });
}

/**
 * The node list of a server when one is configured, else of the saved file. When the server
 * cannot be reached and a saved file exists, the file is used and the server's problem kept.
 */
export async function loadObjectInfo(options: { server?: string; file?: string; timeoutMs?: number }): Promise<ObjectInfoLoad> {
    if (options.server) {
        const fetched = await fetchObjectInfo(options.server, options.timeoutMs);
        if (fetched.pack || !options.file) return fetched;
        const saved = readObjectInfoFile(options.file);
        return { pack: saved.pack, problems: [...fetched.problems, ...saved.problems] };
    }
    return options.file ? readObjectInfoFile(options.file) : { problems: [] };
}
