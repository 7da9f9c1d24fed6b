/**
 * The bounded fuzz run of `npm test` (about 90 s): generated and mutated inputs against the real
 * language server, which must never crash, hang, answer with an unexpected error, log an
 * exception or answer for an older text. The seed changes daily (FLOWSTUDIO_FUZZ_SEED fixes it);
 * a failure prints the seed and the failing inputs. Longer runs: `npm run fuzz -- --n 10000`.
 */
import assert from 'node:assert/strict';
import { fuzzServer } from './fuzz-server.js';

describe('language server fuzzing (bounded run)', function () {
    const budgetMs = Number(process.env.FLOWSTUDIO_FUZZ_MS ?? 90_000);
    this.timeout(budgetMs + 120_000);

    it('survives generated and mutated inputs with a random request each', async () => {
        const seed = Number(process.env.FLOWSTUDIO_FUZZ_SEED ?? Math.floor(Date.now() / 86_400_000));
        const stats = await fuzzServer({ n: 20_000, seed, timeBudgetMs: budgetMs });
        const line = `${stats.inputs} inputs, ${stats.crashes} crashes, ${stats.hangs} hangs, ${stats.errors} unexpected errors, ` +
            `${stats.logged} logged exceptions, ${stats.stale} stale answers (seed ${seed})`;
        console.log(`      ${line}`);
        assert.ok(stats.inputs >= 100, `only ${stats.inputs} inputs in ${budgetMs} ms`);
        assert.deepEqual(stats.failures.slice(0, 3).map(f => ({ kind: f.kind, input: f.input, method: f.method, detail: f.detail.slice(0, 400), text: f.text.slice(0, 400) })), [], line);
    });
});
