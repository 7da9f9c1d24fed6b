/**
 * Which folders the Outputs panel may load images from and scans for earlier runs. With
 * `flowstudio.outputDirectory` set, that folder; empty (the default), the engine writes to
 * `flow-output/<workflow>/` next to each .flow file, so the roots are the `flow-output`
 * folders found in the workspace folder, never the whole workspace (a webview's
 * `localResourceRoots` should open no more than it shows). Pure Node (no `vscode`).
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';

/** The engine's default output folder name (`flow-output/<workflow>/` beside the .flow file). */
export const DEFAULT_OUTPUT_FOLDER = 'flow-output';

export interface FindOptions {
    /** Folder levels below the workspace folder to look into. */
    maxDepth?: number;
    /** Stop after reading this many folders (a huge workspace must not stall the panel). */
    maxFolders?: number;
}

/** Folders never holding a workflow's outputs, and expensive to walk. */
const SKIPPED = new Set(['node_modules']);

/** The output roots of one workspace folder for the given `outputDirectory` setting. */
export async function outputRoots(workspaceFolder: string, setting: string, options: FindOptions = {}): Promise<string[]> {
    const configured = setting.trim();
    if (configured) return [path.resolve(workspaceFolder, configured)];
    return findOutputFolders(workspaceFolder, options);
}

/** Every `flow-output` folder below `root` (not descending into one, nor into dot folders). */
export async function findOutputFolders(root: string, options: FindOptions = {}): Promise<string[]> {
    const maxDepth = options.maxDepth ?? 6;
    let budget = options.maxFolders ?? 5000;
    const found: string[] = [];
    let level = [root];
    for (let depth = 0; depth <= maxDepth && level.length > 0 && budget > 0; depth++) {
        const next: string[] = [];
        for (const dir of level) {
            if (budget-- <= 0) break;
            let entries;
            try {
                entries = await fs.readdir(dir, { withFileTypes: true });
            } catch {
                continue; // unreadable or gone: not an output folder anyway
            }
            for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
                if (!entry.isDirectory() || entry.name.startsWith('.') || SKIPPED.has(entry.name)) continue;
                const full = path.join(dir, entry.name);
                if (entry.name === DEFAULT_OUTPUT_FOLDER) found.push(full);
                else next.push(full);
            }
        }
        level = next;
    }
    return found;
}
