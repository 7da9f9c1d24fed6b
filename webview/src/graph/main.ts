/**
 * Entry of the graph webview bundle (`dist/webview/graph.js`, an iife built by
 * scripts/bundle.mjs). Registers the toolkit's web components, connects the view to the
 * host through `acquireVsCodeApi`, and says `ready`.
 */
import {
    provideVSCodeDesignSystem, vsCodeButton, vsCodeCheckbox, vsCodeDropdown, vsCodeOption, vsCodeTextField,
} from '@vscode/webview-ui-toolkit';
import { vscodeApi } from '../shared/dom.js';
import { GraphApp } from './app.js';
import type { HostToViewMessage, ViewToHostMessage } from './contract.js';
import { GRAPH_ROOT_ID } from './html.js';

provideVSCodeDesignSystem().register(vsCodeButton(), vsCodeCheckbox(), vsCodeDropdown(), vsCodeOption(), vsCodeTextField());

const vscode = vscodeApi<ViewToHostMessage, unknown>();
const root = document.getElementById(GRAPH_ROOT_ID) ?? document.body.appendChild(document.createElement('main'));
root.classList.add('graph-app');
const app = new GraphApp(root, {
    post: m => vscode.postMessage(m),
    getState: () => vscode.getState(),
    setState: s => vscode.setState(s),
});
window.addEventListener('message', (event: MessageEvent<HostToViewMessage>) => {
    if (event.data && typeof event.data === 'object' && 'type' in event.data) app.handle(event.data);
});
// Tests and the benchmark read render timings from here.
(globalThis as { flowGraphView?: GraphApp }).flowGraphView = app;
app.ready();
