/**
 * Rebuilds Outputs panel runs from what is on disk after a reload. Runs the view had
 * persisted keep their identity (run id, status, grouping) for the images still on disk;
 * images no persisted run knows are grouped into runs by their `prompt` chunk: one run is
 * a stretch of files written close together with the same workflow and arguments. PNGs
 * carry no run id, so that grouping is a reconstruction, marked `restored`. Pure: no `vscode`.
 */
import * as path from 'node:path';
import type { OutputImage, OutputNodeGroup, OutputRun } from '../../../webview/src/outputs/contract.js';
import { SWEEP_GRID_GROUP } from '../../../webview/src/outputs/state.js';
import { producerArgs, type ScannedImage } from './output-scanner.js';

/** Files of one run are written within seconds; a pause this long starts another run. */
export const RUN_GAP_MS = 5 * 60_000;

export interface FolderScan { root: string; images: ScannedImage[] }

export function restoreRuns(persisted: OutputRun[], scans: FolderScan[], gapMs = RUN_GAP_MS): OutputRun[] {
    const onDisk = new Set(scans.flatMap(s => s.images.map(i => i.path)));
    const claimed = new Set<string>();
    const kept: OutputRun[] = [];
    for (const run of persisted) {
        const nodes = run.nodes
            .map(n => ({ ...n, images: n.images.filter(i => i.saved && onDisk.has(i.path)).map(i => ({ ...i, src: '' })) }))
            .filter(n => n.images.length > 0);
        for (const n of nodes) for (const i of n.images) claimed.add(i.path);
        // A run still "running" when the window went away did not finish in this window.
        const status = run.status === 'running' ? 'cancelled' : run.status;
        if (nodes.length > 0) kept.push({ ...run, status, nodes, currentNode: undefined });
    }
    const loose = scans.flatMap(s => groupIntoRuns(s.images.filter(i => !claimed.has(i.path)), s.root, gapMs));
    return [...kept, ...loose].sort((a, b) => b.startedAt - a.startedAt);
}

/** Groups loose images (oldest first by mtime) into `restored` runs. */
export function groupIntoRuns(images: ScannedImage[], root: string, gapMs = RUN_GAP_MS): OutputRun[] {
    const sorted = [...images].sort((a, b) => a.mtimeMs - b.mtimeMs || a.relativePath.localeCompare(b.relativePath));
    const runs: OutputRun[] = [];
    let current: { run: OutputRun; signature: string; last: number } | undefined;
    for (const image of sorted) {
        const signature = runSignature(image);
        if (!current || current.signature !== signature || image.mtimeMs - current.last > gapMs) {
            const workflow = image.prompt?.workflow ?? image.sweep?.workflow ?? path.basename(root);
            current = {
                signature,
                last: image.mtimeMs,
                run: {
                    runId: `restored:${workflow}:${Math.round(image.mtimeMs)}`, workflow,
                    ...(image.prompt?.file ? { file: image.prompt.file } : {}), outputDir: root,
                    status: 'restored', startedAt: Math.round(image.mtimeMs), errors: [], nodes: [], planned: {},
                },
            };
            runs.push(current.run);
        }
        current.last = image.mtimeMs;
        current.run.endedAt = Math.round(image.mtimeMs);
        nodeGroup(current.run, image).images.push(toOutputImage(image));
    }
    for (const run of runs) for (const n of run.nodes) n.images.sort((a, b) => a.path.localeCompare(b.path, undefined, { numeric: true }));
    return runs;
}

/** Same workflow and the same resolved arguments of every node (the saving node aside). */
function runSignature(image: ScannedImage): string {
    if (image.sweep) return `sweep:${JSON.stringify([image.sweep.workflow, image.sweep.rows, image.sweep.columns])}`;
    const p = image.prompt;
    return p ? JSON.stringify([p.workflow, p.file, p.nodes]) : `folder:${path.posix.dirname(image.relativePath)}`;
}

function nodeGroup(run: OutputRun, image: ScannedImage): OutputNodeGroup {
    if (image.sweep) {
        // A sweep's grid, labelled as the live panel labels it.
        let grid = run.nodes.find(n => n.id === SWEEP_GRID_GROUP);
        if (!grid) run.nodes.push(grid = { id: SWEEP_GRID_GROUP, label: 'Sweep grid', type: [image.sweep.rows, image.sweep.columns].filter(Boolean).join(' × '), images: [] });
        return grid;
    }
    const id = image.prompt?.node ?? path.posix.dirname(image.relativePath);
    let group = run.nodes.find(n => n.id === id);
    if (!group) {
        const info = image.prompt?.nodes?.[id];
        group = { id, label: info?.label ?? (id === '.' ? path.basename(run.outputDir ?? '') : id), type: info?.type ?? '', images: [] };
        run.nodes.push(group);
        if (info) run.planned[id] = { label: group.label, type: group.type };
    }
    return group;
}

function toOutputImage(image: ScannedImage): OutputImage {
    const args = producerArgs(image.prompt);
    return {
        path: image.path, src: '', width: image.width, height: image.height, saved: true,
        ...(args ? { args } : {}), time: Math.round(image.mtimeMs),
    };
}
