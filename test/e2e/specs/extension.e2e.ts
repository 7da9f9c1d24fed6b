/**
 * Flow Studio loads in a real VS Code: the `flow` language with its grammar, the commands in the
 * palette, the graph view opening beside the text, and the Outputs panel on demand.
 */
import assert from 'node:assert/strict';
import { sessionHooks, startSession, workbench as wb, SELECTORS, type Session } from '../driver/index.js';

describe('e2e: extension in VS Code', function () {
    let vs: Session;

    before(async function () {
        vs = await startSession({ name: 'extension' });
    });

    sessionHooks(() => vs);

    it('opens .flow files as the Flow language, coloured by the TextMate grammar', async function () {
        await vs.openFile('digits-gan.flow');
        await vs.bridge.waitFor((s) => s.activeEditor?.languageId === 'flow', 'the editor to be in language flow');
        assert.equal(await wb.statusBarText(vs.page, SELECTORS.languageStatus), 'Flow');

        // Distinct colours for a keyword, a node type, a number and a string: the grammar is applied.
        const samples = ['workflow', 'LoadMNIST', '10000', '"digits/sample"'];
        // tokenization is asynchronous: the first frames show the text uncoloured
        const classes = await wb.waitForTokenClasses(vs.page, samples);
        for (const token of samples) assert.ok(classes[token], `token ${token} rendered (saw ${JSON.stringify(classes)})`);
        assert.equal(new Set(samples.map((t) => classes[t])).size, samples.length,
            `keyword, node type, number and string have distinct colours: ${JSON.stringify(classes)}`);
        await vs.screenshot('highlighted');
    });

    it('lists its commands in the palette under "Flow Studio"', async function () {
        const titles = await wb.listCommands(vs.page, 'Flow Studio: ');
        for (const title of ['Flow Studio: Run Workflow', 'Flow Studio: Open Graph View to the Side', 'Flow Studio: Restart Language Server',
            'Flow Studio: Show Outputs', 'Flow Studio: Show Training Dashboard']) {
            assert.ok(titles.some((t) => t.startsWith(title)), `${title} in ${JSON.stringify(titles)}`);
        }
    });

    it('opens the graph view to the side of the text', async function () {
        await wb.runCommand(vs.page, 'Flow Studio: Open Graph View to the Side');
        // the custom editor's document lives in the webview's inner frame
        const graph = vs.page.frameLocator('iframe.webview').frameLocator('iframe#active-frame');
        await graph.locator('.node[data-node-id="trained"]').waitFor({ timeout: 60_000 });
        assert.equal(await graph.locator('.node[data-node-id]').count(), 10, 'the ten nodes of DigitsGan');
        assert.equal(await vs.page.locator('.editor-group-container').count(), 2, 'text and graph side by side');
        const state = await vs.bridge.state();
        assert.ok(state.visibleEditors.includes(vs.uri('digits-gan.flow')), 'the text editor stays visible');
        await vs.screenshot('graph-view-beside');
    });

    it('shows the Outputs panel on demand', async function () {
        await wb.runCommand(vs.page, 'Flow Studio: Show Outputs');
        await vs.page.locator('.tab', { hasText: 'Flow Outputs' }).waitFor({ timeout: 20_000 });
        await vs.screenshot('outputs-panel');
    });
});
