/**
 * Entry of the Outputs webview bundle (`dist/webview/outputs.js`, an iife built by
 * scripts/bundle.mjs): registers the toolkit components, connects the view to the host and
 * says `ready` (the host answers with `init`).
 */
import {
    provideVSCodeDesignSystem, vsCodeButton, vsCodeDataGrid, vsCodeDataGridCell, vsCodeDataGridRow, vsCodeProgressRing,
} from '@vscode/webview-ui-toolkit';
import { vscodeApi } from '../shared/dom.js';
import type { OutputsHostMessage, OutputsPersistedState, OutputsViewMessage } from './contract.js';
import { OUTPUTS_ROOT_ID } from './html.js';
import { OutputsView } from './view.js';

provideVSCodeDesignSystem().register(vsCodeButton(), vsCodeDataGrid(), vsCodeDataGridRow(), vsCodeDataGridCell(), vsCodeProgressRing());

const vscode = vscodeApi<OutputsViewMessage, OutputsPersistedState>();
const root = document.getElementById(OUTPUTS_ROOT_ID) ?? document.body.appendChild(document.createElement('main'));
const view = new OutputsView(root, {
    post: m => vscode.postMessage(m),
    getState: () => vscode.getState(),
    setState: s => vscode.setState(s),
});
window.addEventListener('message', (event: MessageEvent<OutputsHostMessage>) => {
    const data = event.data;
    if (data && typeof data === 'object' && (data.type === 'init' || data.type === 'event' || data.type === 'restored')) view.handle(data);
});
// Tests read the view's state from here.
(globalThis as { flowOutputsView?: OutputsView }).flowOutputsView = view;
vscode.postMessage({ type: 'ready' });
