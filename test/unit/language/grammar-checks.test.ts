/**
 * The server builds its parser without Chevrotain's grammar checks (start-up time; the grammar
 * is fixed at build time). This builds one with the checks, in a fresh process, so a grammar
 * change that makes the parser ambiguous still fails here.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

describe('grammar checks', () => {
    it('the parser builds with Chevrotain\'s grammar validations on', () => {
        const api = path.join(REPO, 'out', 'server', 'src', 'api.js');
        const script = `const { parseFlowText } = await import(${JSON.stringify(api)});
const loaded = await parseFlowText('workflow W {\\n    digits = LoadMNIST(limit: 4)\\n}\\n');
if (loaded.diagnostics.some(d => d.code === 'syntax-error')) throw new Error('a valid file did not parse');`;
        const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
            encoding: 'utf8', env: { ...process.env, FLOWSTUDIO_PARSER_CHECKS: '1' },
        });
        assert.equal(result.status, 0, result.stderr);
    });
});
