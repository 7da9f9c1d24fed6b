/**
 * Checkpoint headers read once per file version: entries are keyed by path and reused while
 * the file's mtime and size are unchanged, so a workflow that names one checkpoint ten
 * thousand times reads its header once. A file is stat'ed again only after `recheckMs`
 * (or after `forget`, when a watcher says it changed), which bounds the system calls of a
 * validation pass too. Failures are cached like successes: a damaged file is not re-read on
 * every keystroke.
 */
import * as fs from 'node:fs';
import { readCheckpointInfo, type CheckpointInfo } from './metadata.js';

export type CheckpointRead = { readonly info: CheckpointInfo; readonly error?: undefined } | { readonly info?: undefined; readonly error: string };

interface Entry { mtimeMs: number; size: number; checkedAt: number; read: CheckpointRead }

const MAX_ENTRIES = 256;

export class CheckpointInfoCache {
    private readonly entries = new Map<string, Entry>();

    constructor(private readonly recheckMs = 2000, private readonly now: () => number = Date.now) {}

    read(file: string): CheckpointRead {
        const entry = this.entries.get(file);
        const now = this.now();
        if (entry && now - entry.checkedAt < this.recheckMs) return entry.read;
        let stat: fs.Stats;
        try {
            stat = fs.statSync(file);
        } catch (e) {
            this.entries.delete(file);
            return { error: `cannot read it (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})` };
        }
        if (entry && entry.mtimeMs === stat.mtimeMs && entry.size === stat.size) {
            entry.checkedAt = now;
            return entry.read;
        }
        let read: CheckpointRead;
        try {
            read = { info: readCheckpointInfo(file) };
        } catch (e) {
            read = { error: (e as Error).message };
        }
        this.entries.delete(file);
        if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
        this.entries.set(file, { mtimeMs: stat.mtimeMs, size: stat.size, checkedAt: now, read });
        return read;
    }

    /** The file changed (a watcher said so): the next read checks it at once. */
    forget(file?: string): void {
        if (file === undefined) this.entries.clear();
        else this.entries.delete(file);
    }
}
