/**
 * The TextMate grammar (syntaxes/flow.tmLanguage.json), tokenized with the same engine and
 * versions VS Code 1.100 uses (vscode-textmate 9.2.0 + vscode-oniguruma 1.7.0).
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as Oniguruma from 'vscode-oniguruma';
import type * as TextMate from 'vscode-textmate';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const require = createRequire(import.meta.url);
// CommonJS packages whose named exports Node's ESM loader cannot see: load them with require.
const oniguruma = require('vscode-oniguruma') as typeof Oniguruma;
const textmate = require('vscode-textmate') as typeof TextMate;

let grammar: TextMate.IGrammar;

/** [text, innermost scope] of every non-blank token of each line. */
function tokenize(source: string): [string, string][][] {
    let stack = textmate.INITIAL;
    return source.split('\n').map((line) => {
        const result = grammar.tokenizeLine(line, stack);
        stack = result.ruleStack;
        return result.tokens
            .map((t): [string, string] => [line.slice(t.startIndex, t.endIndex), t.scopes[t.scopes.length - 1]])
            .filter(([text]) => text.trim() !== '');
    });
}

function scopeOf(source: string, token: string): string {
    const found = tokenize(source).flat().find(([text]) => text === token);
    assert.ok(found, `token ${JSON.stringify(token)} in ${JSON.stringify(tokenize(source))}`);
    return found[1];
}

describe('syntax: TextMate grammar', () => {
    before(async () => {
        const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
        await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
        const registry = new textmate.Registry({
            onigLib: Promise.resolve({
                createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
                createOnigString: (s: string) => new oniguruma.OnigString(s),
            }),
            loadGrammar: async (scope: string) => scope === 'source.flow'
                ? textmate.parseRawGrammar(fs.readFileSync(path.join(root, 'syntaxes/flow.tmLanguage.json'), 'utf8'), 'flow.tmLanguage.json')
                : null,
        });
        const loaded = await registry.loadGrammar('source.flow');
        assert.ok(loaded);
        grammar = loaded;
    });

    it('scopes comments, doc comments, keywords and names of workflows and subgraphs', () => {
        const src = 'import "lib/a.flow" // why\n/** Doc\n * more */\nworkflow Main {\n}\n/* block */ subgraph Twice { }';
        assert.equal(scopeOf(src, 'import'), 'keyword.control.import.flow');
        assert.equal(scopeOf(src, ' why'), 'comment.line.double-slash.flow');
        assert.equal(scopeOf(src, ' * more '), 'comment.block.documentation.flow');
        assert.equal(scopeOf(src, ' block '), 'comment.block.flow');
        assert.equal(scopeOf(src, 'workflow'), 'storage.type.workflow.flow');
        assert.equal(scopeOf(src, 'Main'), 'entity.name.type.workflow.flow');
        assert.equal(scopeOf(src, 'subgraph'), 'storage.type.subgraph.flow');
        assert.equal(scopeOf(src, 'Twice'), 'entity.name.type.subgraph.flow');
    });

    it('scopes nodes: name, PascalCase type before "(", argument names, references and outputs', () => {
        const src = 'workflow W {\n  t = TrainGAN(generator: gen, input: x.result)\n  SaveImages(images: t.generator)\n}';
        assert.equal(scopeOf(src, 't'), 'variable.other.definition.node.flow');
        assert.equal(scopeOf(src, 'TrainGAN'), 'entity.name.function.node-type.flow');
        assert.equal(scopeOf(src, 'SaveImages'), 'entity.name.function.node-type.flow');
        assert.equal(scopeOf(src, 'generator'), 'variable.parameter.argument.flow');
        assert.equal(scopeOf(src, 'input'), 'variable.parameter.argument.flow', 'keywords are valid argument names');
        assert.equal(scopeOf(src, 'gen'), 'variable.other.node.flow');
        assert.equal(scopeOf(src, 'images'), 'variable.parameter.argument.flow');
        assert.equal(scopeOf(src, 'result'), 'variable.other.property.output.flow');
        const line = tokenize(src)[2];
        assert.deepEqual(line.slice(-4), [['t', 'variable.other.node.flow'], ['.', 'punctuation.accessor.flow'],
            ['generator', 'variable.other.property.output.flow'], [')', 'punctuation.section.arguments.end.flow']]);
    });

    it('scopes numbers (negative, float, exponent), booleans, strings with escapes and lists', () => {
        const src = 'workflow W { n = N(a: -1, b: 2e-4, c: .5, d: 1.5E+3, e: 10, f: true, g: false, h: "x\\"y\\u00e9\\q", i: [1, 2]) }';
        assert.equal(scopeOf(src, '-1'), 'constant.numeric.integer.flow');
        assert.equal(scopeOf(src, '10'), 'constant.numeric.integer.flow');
        for (const n of ['2e-4', '.5', '1.5E+3']) assert.equal(scopeOf(src, n), 'constant.numeric.float.flow', n);
        assert.equal(scopeOf(src, 'true'), 'constant.language.boolean.true.flow');
        assert.equal(scopeOf(src, 'false'), 'constant.language.boolean.false.flow');
        assert.equal(scopeOf(src, '\\"'), 'constant.character.escape.flow');
        assert.equal(scopeOf(src, '\\u00e9'), 'constant.character.escape.flow');
        assert.equal(scopeOf(src, '\\q'), 'invalid.illegal.unknown-escape.flow');
        assert.equal(scopeOf(src, '['), 'punctuation.definition.list.begin.flow');
    });

    it('scopes subgraph ports and their types', () => {
        const src = 'subgraph S {\n  input factor: INT = 2\n  output result: IMAGE = up\n}';
        assert.deepEqual(tokenize(src)[1], [['input', 'keyword.other.input.flow'], ['factor', 'variable.parameter.port.flow'],
            [':', 'punctuation.separator.type.flow'], ['INT', 'support.type.port.flow'], ['=', 'keyword.operator.assignment.flow'],
            ['2', 'constant.numeric.integer.flow']]);
        assert.equal(scopeOf(src, 'IMAGE'), 'support.type.port.flow');
        for (const type of ['FLOAT', 'STRING', 'BOOLEAN', 'DATASET', 'GENERATOR', 'DISCRIMINATOR']) {
            assert.equal(scopeOf(`subgraph S { input p: ${type} }`, type), 'support.type.port.flow', type);
        }
    });

    it('leaves no token of the examples unscoped', () => {
        for (const file of ['digits-gan.flow', 'shapes-gan.flow', 'quickstart.flow', 'lib/blocks.flow']) {
            const unscoped = tokenize(fs.readFileSync(path.join(root, 'examples', file), 'utf8'))
                .flat().filter(([, scope]) => scope === 'source.flow');
            assert.deepEqual(unscoped, [], file);
        }
    });
    it('scopes a """ block over lines as one string, prompt escapes inside, and what follows it as code', () => {
        const src = 'workflow W {\n    p = CLIPTextEncode(text: """\n        a (red:1.3), "quoted" // no comment\n        \\(literal\\) workflow\n        """, clip: c)\n}';
        const lines = tokenize(src);
        assert.deepEqual(lines[1].slice(-1), [['"""', 'punctuation.definition.string.begin.flow']]);
        assert.deepEqual(lines[2], [['        a (red:1.3), "quoted" // no comment', 'string.quoted.triple.flow']]);
        assert.deepEqual(lines[3].map(([, scope]) => scope), ['constant.character.escape.prompt.flow', 'string.quoted.triple.flow', 'constant.character.escape.prompt.flow', 'string.quoted.triple.flow']);
        assert.deepEqual(lines[4].slice(0, 3), [['"""', 'punctuation.definition.string.end.flow'], [',', 'punctuation.separator.comma.flow'], ['clip', 'variable.parameter.argument.flow']]);
    });
});
