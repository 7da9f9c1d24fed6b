/**
 * The language server at scale, over the real protocol (`flowstudio lsp --stdio`): time from an
 * edit (didChange) to the fresh diagnostics of a 1,000-node and a 10,000-node workflow; and the
 * wall time of `flowstudio check` and of a fully cached `flowstudio run` on a small file (start-up
 * included, through bin/flowstudio.js as users start it). Targets (issue 11): 1,000 nodes
 * <= 100 ms, 10,000 nodes <= 1 s, check and cached run <= 300 ms. Each figure is the median and
 * the minimum of several rounds: on a shared machine the minimum is the least disturbed one.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient } from '../test/lsp/lsp-client.js';
import { generateWorkflow } from './generate-workflow.js';
import { median } from './stats.js';

const ROUNDS = 7;

/** `median (min)` of `times`, in ms. */
function figure(times: number[]): string {
    return `${median(times).toFixed(0)} ms (min ${Math.min(...times).toFixed(0)})`;
}

function wallTimes(args: string[], cwd: string): number[] {
    const walls: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
        const started = performance.now();
        const result = spawnSync(process.execPath, [join(cwd, 'bin/flowstudio.js'), ...args], { stdio: 'ignore' });
        walls.push(performance.now() - started);
        if (result.status !== 0) throw new Error(`flowstudio ${args.join(' ')} exited with ${result.status}`);
    }
    return walls;
}

async function editToDiagnostics(client: LspClient, dir: string, nodes: number): Promise<number[]> {
    const uri = pathToFileURL(join(dir, `big-${nodes}.flow`)).toString();
    const text = generateWorkflow(nodes);
    await client.open(uri, text, 1);
    await client.waitForDiagnostics(uri, undefined, 120_000);
    const times: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
        const before = client.publications(uri);
        const started = performance.now();
        // A real edit: a changed argument in the middle of the file.
        await client.change(uri, text.replace('seed: 1)', `seed: ${100 + round})`), round + 2);
        await client.waitForNextDiagnostics(uri, before, 120_000);
        times.push(performance.now() - started);
    }
    return times;
}

export async function main(): Promise<string[]> {
    const dir = mkdtempSync(join(tmpdir(), 'flow-lsp-scale-'));
    const client = new LspClient(process.cwd());
    const lines: string[] = [];
    try {
        await client.initialize(pathToFileURL(dir).toString());
        for (const [nodes, target] of [[1000, 100], [10000, 1000]] as const) {
            const times = await editToDiagnostics(client, dir, nodes);
            lines.push(`lsp-edit-to-diagnostics-${nodes} ${figure(times)} (median of ${ROUNDS}; target <= ${target} ms)`);
        }
    } finally {
        await client.shutdown();
    }
    const small = join(dir, 'small.flow');
    writeFileSync(small, 'workflow Small {\n    digits = LoadMNIST(limit: 16)\n    images = DatasetImages(dataset: digits, count: 4)\n    SaveImages(images: images, prefix: "s")\n}\n');
    const repo = process.cwd();
    lines.push(`cli-check-small ${figure(wallTimes(['check', small], repo))} wall (median of ${ROUNDS}, start-up included; target <= 300 ms)`);
    // The first run fills the cache; every later one loads nothing but the language (ADR 0012).
    const fill = spawnSync(process.execPath, [join(repo, 'bin/flowstudio.js'), 'run', small], { stdio: 'ignore' });
    if (fill.status !== 0) throw new Error(`flowstudio run ${small} exited with ${fill.status}`);
    lines.push(`cli-run-cached-small ${figure(wallTimes(['run', small], repo))} wall (median of ${ROUNDS}, every node cached, start-up included; target <= 300 ms)`);
    return lines;
}
