/**
 * The one syntax table (catalog/src/syntax.ts) against the grammar it stands for, and the
 * TextMate grammar's generated lists against the table and the catalog.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { KEYWORDS, PUNCTUATION, TERMINALS } from '../../../catalog/src/syntax.js';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const GRAMMAR = fs.readFileSync(path.join(REPO, 'server/src/language/flow.langium'), 'utf8');

describe('syntax table', () => {
    it('its terminals are the grammar\'s, character for character', () => {
        const inGrammar = Object.fromEntries([...GRAMMAR.matchAll(/terminal (\w+): \/(.*)\/;/g)].map(([, name, source]) => [name, source]));
        assert.deepEqual(inGrammar, { ...TERMINALS });
    });

    it('its keywords and punctuation are the grammar\'s literals', () => {
        const literals = new Set([...GRAMMAR.matchAll(/'([^']+)'/g)].map(m => m[1]));
        assert.deepEqual([...literals].filter(l => /^\w+$/.test(l)).sort(), [...KEYWORDS].sort());
        assert.deepEqual([...literals].filter(l => !/^\w+$/.test(l)).sort(), [...PUNCTUATION].sort());
    });

    it('the TextMate grammar\'s generated lists are up to date, and it knows every keyword', () => {
        const result = spawnSync(process.execPath, [path.join(REPO, 'scripts/gen-tmlanguage.mjs'), '--check'], { encoding: 'utf8' });
        assert.equal(result.status, 0, result.stderr);
        const matches = JSON.stringify(JSON.parse(fs.readFileSync(path.join(REPO, 'syntaxes/flow.tmLanguage.json'), 'utf8')));
        for (const keyword of KEYWORDS) assert.match(matches, new RegExp(`\\b${keyword}\\b`), `the TextMate grammar highlights ${keyword}`);
    });
});
