/**
 * The language server at scale, over the real protocol (`flowstudio lsp --stdio`): time from an
 * edit (didChange) to the fresh diagnostics of a 1,000-node and a 10,000-node workflow, and the
 * wall time of `flowstudio check` on a small file (start-up included). Targets (issue 11):
 * 1,000 nodes <= 100 ms, 10,000 nodes <= 1 s, check <= 300 ms.
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

async function editToDiagnostics(client: LspClient, dir: string, nodes: number): Promise<number> {
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
    return median(times);
}

export async function main(): Promise<string[]> {
    const dir = mkdtempSync(join(tmpdir(), 'flow-lsp-scale-'));
    const client = new LspClient(process.cwd());
    const lines: string[] = [];
    try {
        await client.initialize(pathToFileURL(dir).toString());
        for (const [nodes, target] of [[1000, 100], [10000, 1000]] as const) {
            const ms = await editToDiagnostics(client, dir, nodes);
            lines.push(`lsp-edit-to-diagnostics-${nodes} ${ms.toFixed(0)} ms (median of ${ROUNDS}; target <= ${target} ms)`);
        }
    } finally {
        await client.shutdown();
    }
    const small = join(dir, 'small.flow');
    writeFileSync(small, 'workflow Small {\n    digits = LoadMNIST(limit: 16)\n    images = DatasetImages(dataset: digits, count: 4)\n    SaveImages(images: images, prefix: "s")\n}\n');
    const walls: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
        const started = performance.now();
        spawnSync(process.execPath, ['bin/flowstudio.js', 'check', small], { stdio: 'ignore' });
        walls.push(performance.now() - started);
    }
    lines.push(`cli-check-small ${median(walls).toFixed(0)} ms wall (median of ${ROUNDS}, start-up included; target <= 300 ms)`);
    return lines;
}
