/**
 * The human view of a run: one line per node (✓ ran, ↺ cached, ✗ failed), a live progress bar
 * with losses and ETA on terminals (a line every 10% elsewhere), saved images summarized per
 * node, and errors as FILE:LINE:COL: error: MESSAGE [code].
 */
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PlannedNode, RunEvent } from '../../../catalog/src/run-events.js';

export interface HumanOptions {
    out: NodeJS.WritableStream;
    err: NodeJS.WritableStream;
    tty: boolean;
    /** Paths are shown relative to this folder. */
    cwd?: string;
}

export function formatDuration(ms: number): string {
    if (ms < 1000) return `${ms}ms`;
    const s = ms / 1000;
    if (s < 60) return `${s.toFixed(1)}s`;
    const m = Math.floor(s / 60);
    if (m < 60) return `${m}m${String(Math.round(s % 60)).padStart(2, '0')}s`;
    return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}

export function progressBar(value: number, max: number, width = 24): string {
    const filled = max > 0 ? Math.round((Math.min(value, max) / max) * width) : 0;
    return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}]`;
}

function fmt(n: number): string {
    return Math.abs(n) >= 100 || Number.isInteger(n) ? String(Math.round(n * 100) / 100) : n.toFixed(3);
}

export function uriToPath(uri: string | undefined): string | undefined {
    if (!uri) return undefined;
    try {
        return uri.startsWith('file:') ? fileURLToPath(uri) : uri;
    } catch {
        return uri;
    }
}

export class HumanRenderer {
    private nodes = new Map<string, PlannedNode>();
    private width = 0;
    private live = false;
    private lastDecile = new Map<string, number>();
    private images = new Map<string, { count: number; first: string; saved: boolean }>();
    private outputDir = '';
    /** The run is a combination of a sweep (which ends with its own summary). */
    private inSweep = false;

    constructor(private readonly options: HumanOptions) {}

    private rel(p: string): string {
        const r = path.relative(this.options.cwd ?? process.cwd(), p);
        return r && !r.startsWith('..') ? r : p;
    }

    private name(id: string): string {
        const n = this.nodes.get(id);
        return n ? `${n.label.padEnd(this.width)}  ${n.type}` : id;
    }

    private clearLive(): void {
        if (this.live) {
            this.options.out.write('\r\x1b[2K');
            this.live = false;
        }
    }

    private line(text: string, stream = this.options.out): void {
        this.clearLive();
        stream.write(`${text}\n`);
    }

    handle(event: RunEvent): void {
        switch (event.event) {
            case 'sweep-start':
                this.line(`Sweeping ${event.workflow}: ${event.combinations} combination${event.combinations === 1 ? '' : 's'} of ${event.axes.map(a => `${a.node}.${a.arg} (${a.values.length})`).join(' x ')}`);
                break;
            case 'sweep-end': {
                const done = `${event.completed}/${event.combinations} combinations`;
                if (event.status === 'success') this.line(`Sweep done in ${formatDuration(event.ms)} (${done}). Outputs: ${this.rel(this.outputDir)}; grid${event.grids.length === 1 ? '' : 's'}: ${event.grids.map(g => this.rel(g)).join(', ')}`);
                else this.line(`Sweep ${event.status === 'cancelled' ? 'cancelled' : 'failed'} after ${formatDuration(event.ms)} (${done}); finished combinations are saved and cached.`);
                break;
            }
            case 'run-start':
                // Each combination of a sweep is a run of its own: its images are counted afresh.
                this.images.clear();
                this.inSweep = event.sweep !== undefined;
                if (event.sweep) this.line(`Combination ${event.sweep.index + 1}/${event.sweep.count}: ${event.sweep.values.map(v => `${v.arg}=${v.value}`).join(', ')}`);
                for (const n of event.nodes) this.nodes.set(n.id, n);
                this.width = Math.max(0, ...event.nodes.map(n => n.label.length));
                this.outputDir = event.outputDir;
                // The sweep's first combination says what runs where; the others need only their values.
                if (!event.sweep || event.sweep.index === 0) this.line(`Running ${event.workflow} (${this.rel(event.file)}) ${event.backend === 'none' ? 'from the cache' : `on ${event.backend}`}: ${event.nodes.length} node${event.nodes.length === 1 ? '' : 's'}`);
                break;
            case 'node-cached':
                this.line(`  ↺ ${this.name(event.node)}  cached`);
                break;
            case 'node-start':
                if (this.options.tty) {
                    this.clearLive();
                    this.options.out.write(`  ▸ ${this.name(event.node)}  …`);
                    this.live = true;
                }
                break;
            case 'progress': {
                const m = event.metrics ?? {};
                const parts = [`${event.value}/${event.max}`];
                if (m.epoch !== undefined) parts.push(`epoch ${m.epoch}`);
                for (const [k, v] of Object.entries(m)) if (k !== 'epoch' && k !== 'step') parts.push(`${k} ${fmt(v)}`);
                if (event.etaMs !== undefined && event.value < event.max) parts.push(`ETA ${formatDuration(event.etaMs)}`);
                const text = `  ▸ ${this.name(event.node)}  ${progressBar(event.value, event.max)} ${parts.join('  ')}`;
                if (this.options.tty) {
                    this.clearLive();
                    this.options.out.write(text);
                    this.live = true;
                } else {
                    const decile = Math.floor((event.value / Math.max(1, event.max)) * 10);
                    if (decile !== this.lastDecile.get(event.node)) {
                        this.lastDecile.set(event.node, decile);
                        this.line(text);
                    }
                }
                break;
            }
            case 'image': {
                if (event.grid) break; // the sweep's grid: in its sweep-end line
                const seen = this.images.get(event.node);
                if (seen) seen.count++;
                else this.images.set(event.node, { count: 1, first: event.path, saved: event.saved });
                break;
            }
            case 'node-end': {
                const imgs = this.images.get(event.node);
                const what = imgs
                    ? `  ${imgs.count} image${imgs.count === 1 ? '' : 's'} ${imgs.saved ? 'saved' : 'previewed'}: ${this.rel(imgs.count === 1 ? imgs.first : path.dirname(imgs.first))}`
                    : '';
                this.line(`  ✓ ${this.name(event.node)}  ${formatDuration(event.ms)}${what}`);
                break;
            }
            case 'error': {
                const file = uriToPath(event.uri);
                const where = file && event.range ? `${this.rel(file)}:${event.range.start.line + 1}:${event.range.start.character + 1}: ` : file ? `${this.rel(file)}: ` : '';
                if (event.node && this.nodes.has(event.node)) this.line(`  ✗ ${this.name(event.node)}`);
                this.line(`${where}error: ${event.message}${event.code ? ` [${event.code}]` : ''}`, this.options.err);
                break;
            }
            case 'warning': {
                this.line(`  ! ${this.name(event.node)}: ${event.message}${event.code ? ` [${event.code}]` : ''}`, this.options.err);
                for (const item of (event.items ?? []).slice(0, 20)) this.line(`      ${item}`, this.options.err);
                if ((event.items?.length ?? 0) > 20) this.line(`      … and ${event.items!.length - 20} more`, this.options.err);
                break;
            }
            case 'run-end': {
                const counts = `${event.executed} ran, ${event.cached} cached`;
                if (event.status === 'success') this.line(`Done in ${formatDuration(event.ms)} (${counts})${this.inSweep ? '' : `. Outputs: ${this.rel(this.outputDir)}`}`);
                else if (event.status === 'cancelled') this.line(`Cancelled after ${formatDuration(event.ms)} (${counts}); finished nodes are cached.`);
                else if (this.nodes.size > 0) this.line(`Failed after ${formatDuration(event.ms)} (${counts}).`);
                break;
            }
            case 'preview':
                break; // Shown by the editor; the terminal keeps to progress.
        }
    }
}
