import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { RunEvent } from '../../../catalog/src/run-events.js';
import { engineFailureMessage, RunProcess } from '../../../client/src/run/run-process.js';

// A stand-in for `flowstudio run --json`: the same JSON Lines protocol, and SIGINT ends the
// run with a "cancelled" run-end, as the engine does.
const FAKE_ENGINE = `
const emit = (e) => process.stdout.write(JSON.stringify({ runId: 'r', time: Date.now(), ...e }) + '\\n');
console.error('engine: args ' + process.argv.slice(2).join(' '));
emit({ event: 'run-start', version: 1, workflow: 'W', file: 'f.flow', backend: 'cpu', outputDir: '/o', nodes: [] });
process.stdout.write('not an event\\n');
let step = 0;
const timer = setInterval(() => emit({ event: 'progress', node: 'n', value: ++step, max: 1000 }), 5);
process.on('SIGINT', () => {
  clearInterval(timer);
  emit({ event: 'run-end', status: 'cancelled', ms: 1, executed: 0, cached: 0 });
  process.exit(130);
});
if (process.argv.includes('--quick')) { clearInterval(timer); emit({ event: 'run-end', status: 'success', ms: 1, executed: 0, cached: 0 }); }
`;

function runFake(args: string[]) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'flowstudio-run-process-'));
    const cli = path.join(dir, 'fake-engine.cjs');
    fs.writeFileSync(cli, FAKE_ENGINE);
    const events: RunEvent[] = [];
    const text: string[] = [];
    let resolveExit: (v: { code: number | null }) => void = () => undefined;
    const exited = new Promise<{ code: number | null }>((r) => { resolveExit = r; });
    const proc = new RunProcess({ cli, args, cwd: dir, killAfterMs: 5000 }, {
        onEvent: (e) => events.push(e),
        onText: (t, stream) => text.push(`${stream}: ${t}`),
        onExit: (code) => resolveExit({ code }),
    });
    return { proc, events, text, exited, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

describe('client: run process', () => {
    it('reports events line by line and other output as text', async () => {
        const run = runFake(['run', 'f.flow', '--json', '--quick']);
        const { code } = await run.exited;
        run.cleanup();
        assert.equal(code, 0);
        assert.deepEqual(run.events.map((e) => e.event), ['run-start', 'run-end']);
        assert.ok(run.text.includes('stdout: not an event'));
        assert.ok(run.text.includes('stderr: engine: args run f.flow --json --quick'));
    });

    it('cancels with SIGINT: the engine ends the run as cancelled', async () => {
        const run = runFake(['run', 'f.flow', '--json']);
        while (!run.events.some((e) => e.event === 'progress')) await new Promise((r) => setTimeout(r, 10));
        run.proc.cancel();
        const { code } = await run.exited;
        run.cleanup();
        assert.equal(code, 130);
        assert.equal(run.proc.running, false);
        const end = run.events.at(-1);
        assert.equal(end?.event, 'run-end');
        assert.equal(end?.event === 'run-end' && end.status, 'cancelled');
    });
});

describe('client: what a failed engine start says', () => {
    it('quotes the engine line that names the error, without the CLI prefix', () => {
        assert.equal(engineFailureMessage('exited with code 1', ['loading…', 'flowstudio: Cannot find package \'langium\'', 'at x']),
            "the engine exited with code 1: Cannot find package 'langium'");
    });
    it('falls back to the last line, then to how it ended', () => {
        assert.equal(engineFailureMessage('was stopped by SIGKILL', ['', 'killed']), 'the engine was stopped by SIGKILL: killed');
        assert.equal(engineFailureMessage('exited with code -2', []), 'the engine exited with code -2 before finishing the run');
    });
});
