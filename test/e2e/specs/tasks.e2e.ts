/**
 * The `flowstudio` task type in a real VS Code: one auto-detected task per workflow, listed by
 * Run Task, and tasks.json entries resolved by the provider, with clear messages in the task
 * terminal when a definition is wrong. (Runs themselves: see the run specs.)
 */
import assert from 'node:assert/strict';
import { sessionHooks, startSession, workbench as wb, SELECTORS, type Session } from '../driver/index.js';

const TASKS_JSON = JSON.stringify({
    version: '2.0.0',
    tasks: [
        { label: 'digits: unknown workflow', type: 'flowstudio', file: 'digits-gan.flow', workflow: 'Nope' },
        { label: 'missing file', type: 'flowstudio', file: 'nowhere.flow' },
    ],
}, null, 2);

describe('e2e: flowstudio tasks in VS Code', function () {
    let vs: Session;

    before(async function () {
        vs = await startSession({ name: 'tasks', files: { '.vscode/tasks.json': TASKS_JSON } });
        await vs.waitForFlowStudio();
        await vs.openFile('digits-gan.flow');
    });

    sessionHooks(() => vs);

    it('detects one task per workflow in the workspace', async function () {
        const tasks = await vs.bridge.tasks('flowstudio');
        const detected = tasks.filter((t) => t.source === 'Flow Studio').map((t) => t.name).sort();
        // lib/blocks.flow only declares a subgraph: nothing to run there
        assert.deepEqual(detected, ['run DigitsDiffusion', 'run DigitsGan', 'run Img2Img', 'run Quickstart', 'run ShapesDiffusion', 'run ShapesGan', 'run Txt2Img']);
        const digits = tasks.find((t) => t.name === 'run DigitsGan')!;
        assert.deepEqual(digits.definition, { type: 'flowstudio', file: 'digits-gan.flow', workflow: 'DigitsGan' });

        // and the user sees them under Run Task > flowstudio
        await wb.runCommand(vs.page, 'Tasks: Run Task', { opensQuickPick: true });
        const group = vs.page.locator(SELECTORS.quickInputRows).filter({ hasText: 'flowstudio' }).first();
        await group.waitFor({ state: 'visible' });
        await group.click();
        const row = vs.page.locator(SELECTORS.quickInputRows).filter({ hasText: 'run DigitsGan' }).first();
        await row.waitFor({ state: 'visible', timeout: 20_000 });
        await vs.screenshot('run-task-flowstudio');
        await vs.page.keyboard.press('Escape');
    });

    it('explains a wrong workflow name of a tasks.json entry in the task terminal', async function () {
        await vs.bridge.runTask('digits: unknown workflow');
        const text = (await wb.waitForTerminalText(vs.page, /has no workflow "Nope"/)).replace(/\n/g, '');
        assert.match(text, /Flow Studio: digits-gan\.flow has no workflow "Nope"; it declares: DigitsGan\./);
        await vs.screenshot('task-unknown-workflow');
    });

    it('explains a missing file of a tasks.json entry', async function () {
        await vs.bridge.runTask('missing file');
        // The terminal wraps long lines, and a space at a wrap point is not in the text read back.
        const text = (await wb.waitForTerminalText(vs.page, /exist\?/)).replace(/\n/g, '');
        assert.match(text, /nowhere\.flow: does the task's ?"file" exist\?/);
    });
});
