/**
 * IntelliSense in a real VS Code, on a copy of examples/: a clean file has no diagnostics, a type
 * error shows as a squiggle and a Problems entry with its code, and completion at an input offers
 * only the references whose type fits.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { sessionHooks, startSession, workbench as wb, SELECTORS, type Session } from '../driver/index.js';

const FILE = 'digits-gan.flow';
/** The SampleGAN line: `samples = SampleGAN(generator: trained.generator, ...)`. */
const SAMPLE_REF = 'trained.generator';

describe('e2e: editing .flow files in VS Code', function () {
    let vs: Session;
    let original: string;
    let refLine: number;
    let refColumn: number;

    before(async function () {
        vs = await startSession({ name: 'editing' });
        original = fs.readFileSync(path.join(vs.workspace, FILE), 'utf8');
        refLine = original.split('\n').findIndex((l) => l.includes(`generator: ${SAMPLE_REF}`));
        refColumn = original.split('\n')[refLine].indexOf(SAMPLE_REF);
        assert.ok(refLine >= 0, `${FILE} still has a SampleGAN fed by ${SAMPLE_REF}`);
        await vs.waitForFlowStudio();
        await vs.openFile(FILE);
    });

    sessionHooks(() => vs);

    afterEach(async function () {
        // back to the file as on disk for the next test
        if (vs && (await vs.bridge.state()).activeEditor?.text !== original) await revertActiveEditor(vs);
    });

    it('opens digits-gan.flow with no diagnostics', async function () {
        // The server answers requests about the document once it has built it...
        await waitForSymbols(vs, FILE);
        // ...and then publishes its diagnostics; none may appear.
        assert.deepEqual(await vs.settledDiagnostics(FILE), []);
        assert.equal((await wb.readSquiggles(vs.page)).length, 0, 'no squiggles in the editor');
        assert.match((await vs.page.locator(SELECTORS.problemsStatus).getAttribute('aria-label')) ?? '', /No Problems/i);
        await vs.screenshot('clean');
    });

    it('shows a type error as a squiggle and a Problems entry with code type-mismatch', async function () {
        // feed the discriminator to SampleGAN's GENERATOR input
        await wb.selectText(vs.page, SAMPLE_REF);
        await vs.page.keyboard.type('disc');

        const diagnostics = await vs.waitForDiagnostics(FILE, (ds) => ds.some((d) => d.code === 'type-mismatch'), 'a type-mismatch diagnostic');
        const mismatch = diagnostics.find((d) => d.code === 'type-mismatch')!;
        assert.equal(mismatch.severity, 'error');
        assert.equal(mismatch.range[0], refLine, 'on the SampleGAN line');
        assert.match(mismatch.message, /GENERATOR/);
        assert.match(mismatch.message, /DISCRIMINATOR/);

        const squiggle = vs.page.locator(SELECTORS.errorSquiggle).first();
        await squiggle.waitFor({ state: 'visible', timeout: 15_000 });
        const hover = await wb.hoverText(vs.page, squiggle);
        assert.match(hover, /GENERATOR/);
        await vs.screenshot('type-error-hover');
        await vs.page.keyboard.press('Escape');

        const problems = await wb.readProblems(vs.page);
        const row = problems.find((p) => /type-mismatch/.test(p.text));
        assert.ok(row, `a Problems row with code type-mismatch: ${JSON.stringify(problems)}`);
        assert.match(row.text, /DISCRIMINATOR/);
        assert.match(row.text, new RegExp(`Ln ${refLine + 1}`));
        await vs.screenshot('type-error-problems');
    });

    it('completes a GENERATOR input with generator references only', async function () {
        await wb.selectText(vs.page, SAMPLE_REF);
        await vs.page.keyboard.press('Backspace');

        const visible = await wb.readCompletions(vs.page);
        await vs.screenshot('completion-generator-input');
        await vs.page.keyboard.press('Escape');
        // the full list, exactly, from the same provider the widget used
        const items = await vs.bridge.completions(vs.uri(FILE), refLine, refColumn);
        const labels = items.map((i) => i.label);
        const seen = `widget: ${JSON.stringify(visible)}, provider: ${JSON.stringify(labels)}`;

        const shown = visible.map(firstWord);
        for (const expected of ['gen', 'trained.generator']) {
            assert.ok(shown.includes(expected) && labels.includes(expected), `${expected} offered; ${seen}`);
        }
        for (const wrong of ['disc', 'trained.discriminator', 'digits', 'norm', 'samples']) {
            assert.ok(!shown.includes(wrong) && !labels.includes(wrong), `${wrong} must not be offered at a GENERATOR input; ${seen}`);
        }
    });
});

/** A suggestion row's aria-label starts with its label ("gen, ..."). */
function firstWord(ariaLabel: string): string {
    return ariaLabel.split(/[,\s]/)[0];
}

async function waitForSymbols(vs: Session, file: string, timeout = 60_000): Promise<void> {
    const deadline = Date.now() + timeout;
    for (;;) {
        const symbols = await vs.bridge.executeCommand<unknown[]>('vscode.executeDocumentSymbolProvider', { $uri: vs.uri(file) });
        if (symbols?.length) return;
        if (Date.now() > deadline) throw new Error(`no document symbols for ${file} within ${timeout} ms`);
        await vs.page.waitForTimeout(300);
    }
}

async function revertActiveEditor(vs: Session): Promise<void> {
    await vs.page.keyboard.press('Escape');
    await wb.runCommand(vs.page, 'File: Revert File');
}
