/**
 * Where CheckpointLoaderSimple looks for `ckpt_name`, in order: `models/checkpoints/` next to
 * the workflow (ComfyUI's folder), then the checkpoints CheckpointSave wrote under any output
 * folder next to it (`flow-output/<workflow>/…`), then the name as a path relative to the
 * workflow. Pure file-system code: the language server lists the same names for completion (checkpoints/src)
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export const CHECKPOINT_EXTENSION = '.safetensors';
const MAX_DEPTH = 4;

function listUnder(root: string, depth = 0, prefix = ''): string[] {
    let entries: fs.Dirent[];
    try {
        entries = fs.readdirSync(root, { withFileTypes: true });
    } catch {
        return [];
    }
    const out: string[] = [];
    for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
        const rel = prefix ? `${prefix}/${e.name}` : e.name;
        if (e.isDirectory() && depth < MAX_DEPTH && !e.name.startsWith('.')) out.push(...listUnder(path.join(root, e.name), depth + 1, rel));
        else if (e.isFile() && e.name.endsWith(CHECKPOINT_EXTENSION)) out.push(rel);
    }
    return out;
}

/** Folders searched for checkpoints, most specific first. */
export function checkpointRoots(flowDir: string): string[] {
    const roots = [path.join(flowDir, 'models', 'checkpoints')];
    const outputs = path.join(flowDir, 'flow-output');
    try {
        for (const w of fs.readdirSync(outputs).sort()) roots.push(path.join(outputs, w, 'checkpoints'));
    } catch {
        // No outputs yet.
    }
    return roots;
}

export interface FoundCheckpoint {
    /** The name CheckpointLoaderSimple takes (relative to its root). */
    readonly name: string;
    readonly file: string;
}

/** Every checkpoint a workflow in `flowDir` can load by name, without duplicates of a name. */
export function listCheckpoints(flowDir: string): FoundCheckpoint[] {
    const seen = new Set<string>();
    const found: FoundCheckpoint[] = [];
    for (const root of checkpointRoots(flowDir)) {
        for (const name of listUnder(root)) {
            if (seen.has(name)) continue;
            seen.add(name);
            found.push({ name, file: path.join(root, name) });
        }
    }
    return found;
}

/** The file `ckpt_name` names, or undefined. */
export function resolveCheckpoint(flowDir: string, name: string): string | undefined {
    if (name.trim() === '') return undefined;
    for (const root of checkpointRoots(flowDir)) {
        const file = path.resolve(root, name);
        if (file.startsWith(path.resolve(root) + path.sep) && fs.existsSync(file) && fs.statSync(file).isFile()) return file;
    }
    const direct = path.resolve(flowDir, name);
    return fs.existsSync(direct) && fs.statSync(direct).isFile() ? direct : undefined;
}
