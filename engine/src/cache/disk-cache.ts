/**
 * The disk cache: one folder per cache key holding `entry.json` and the serialized outputs.
 * Entries are written in a temp folder and renamed into place, so an interrupted run never
 * leaves a half-written entry. Least-recently-used entries are evicted beyond the size limit
 * (an entry's use time is its entry.json mtime, touched on every hit).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { ImageEvent } from '../../../catalog/src/run-events.js';
import type { Outputs } from '../values.js';
import type { StoredValue } from './serialize.js';

export const DEFAULT_CACHE_LIMIT_BYTES = 2 * 1024 ** 3;
const ENTRY = 'entry.json';
const FORMAT = 1;

/** Events an output node emitted, replayed when it is served from the cache. */
export type ReplayEvent = Omit<ImageEvent, 'runId' | 'time'>;

export interface CacheEntry {
    format: typeof FORMAT;
    key: string;
    type: string;
    created: number;
    bytes: number;
    outputs: Record<string, StoredValue>;
    /** Files an output node wrote: the entry is only valid while they all exist. */
    files: string[];
    events: ReplayEvent[];
}

export class DiskCache {
    constructor(readonly dir: string, readonly limitBytes = DEFAULT_CACHE_LIMIT_BYTES) {}

    private entryDir(key: string): string {
        return path.join(this.dir, key);
    }

    /** The entry for `key` if present, complete and its written files still exist. */
    lookup(key: string): CacheEntry | undefined {
        let entry: CacheEntry;
        try {
            entry = JSON.parse(fs.readFileSync(path.join(this.entryDir(key), ENTRY), 'utf8')) as CacheEntry;
        } catch {
            return undefined;
        }
        if (entry.format !== FORMAT || entry.key !== key) return undefined;
        if (!entry.files.every(f => fs.existsSync(f))) return undefined;
        return entry;
    }

    /** Marks the entry as just used (LRU order). */
    touch(key: string): void {
        const now = new Date();
        try {
            fs.utimesSync(path.join(this.entryDir(key), ENTRY), now, now);
        } catch {
            // Evicted meanwhile by another run: nothing to do.
        }
    }

    async load(entry: CacheEntry): Promise<Outputs> {
        const outputs: Outputs = {};
        const dir = this.entryDir(entry.key);
        const stored = Object.entries(entry.outputs);
        if (stored.length > 0) {
            // Values are tensors and models: TensorFlow.js loads with the first entry that has any.
            const { readValue } = await import('./serialize.js');
            for (const [name, value] of stored) outputs[name] = await readValue(dir, value);
        }
        this.touch(entry.key);
        return outputs;
    }

    async store(key: string, type: string, outputs: Outputs, files: string[], events: ReplayEvent[]): Promise<void> {
        fs.mkdirSync(this.dir, { recursive: true });
        const tmp = path.join(this.dir, `.tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
        fs.mkdirSync(tmp);
        try {
            const { writeValue } = await import('./serialize.js');
            const stored: Record<string, StoredValue> = {};
            let bytes = 0;
            for (const [name, value] of Object.entries(outputs)) {
                const written = await writeValue(tmp, name, value);
                stored[name] = written.stored;
                bytes += written.bytes;
            }
            const entry: CacheEntry = { format: FORMAT, key, type, created: Date.now(), bytes, outputs: stored, files, events };
            fs.writeFileSync(path.join(tmp, ENTRY), JSON.stringify(entry));
            const final = this.entryDir(key);
            fs.rmSync(final, { recursive: true, force: true }); // a stale or invalid entry
            fs.renameSync(tmp, final);
        } catch (e) {
            fs.rmSync(tmp, { recursive: true, force: true });
            throw e;
        }
        this.evict();
    }

    /** Removes least-recently-used entries until the cache fits its limit. */
    evict(): void {
        const entries: Array<{ dir: string; bytes: number; used: number }> = [];
        let total = 0;
        let names: string[];
        try {
            names = fs.readdirSync(this.dir);
        } catch {
            return;
        }
        for (const name of names) {
            if (name.startsWith('.tmp-')) {
                removeIfAbandoned(path.join(this.dir, name));
                continue;
            }
            if (name.startsWith('.')) continue;
            const file = path.join(this.dir, name, ENTRY);
            try {
                const used = fs.statSync(file).mtimeMs;
                const bytes = (JSON.parse(fs.readFileSync(file, 'utf8')) as CacheEntry).bytes ?? 0;
                entries.push({ dir: path.join(this.dir, name), bytes, used });
                total += bytes;
            } catch {
                // Not an entry (or being written): leave it.
            }
        }
        entries.sort((a, b) => a.used - b.used);
        for (const e of entries) {
            if (total <= this.limitBytes) break;
            fs.rmSync(e.dir, { recursive: true, force: true });
            total -= e.bytes;
        }
    }
}

/** Temp folders of runs that were killed mid-write: removed once clearly abandoned (an hour old). */
function removeIfAbandoned(dir: string): void {
    try {
        if (Date.now() - fs.statSync(dir).mtimeMs > 3_600_000) fs.rmSync(dir, { recursive: true, force: true });
    } catch {
        // Gone already.
    }
}
