/**
 * Entry of the training dashboard bundle (`dist/webview/dashboard.js`, an iife built by
 * scripts/bundle.mjs): registers the toolkit components, connects the view to the host and
 * says `ready` (the host answers with `init`).
 */
import {
    provideVSCodeDesignSystem, vsCodeButton, vsCodeDataGrid, vsCodeDataGridCell, vsCodeDataGridRow, vsCodePanels, vsCodePanelTab,
    vsCodePanelView, vsCodeProgressRing,
} from '@vscode/webview-ui-toolkit';
import { vscodeApi } from '../shared/dom.js';
import type { DashboardHostMessage, DashboardPersistedState, DashboardViewMessage } from './contract.js';
import { DASHBOARD_ROOT_ID } from './html.js';
import { DashboardView } from './view.js';

provideVSCodeDesignSystem().register(
    vsCodeButton(), vsCodeDataGrid(), vsCodeDataGridRow(), vsCodeDataGridCell(), vsCodePanels(), vsCodePanelTab(), vsCodePanelView(),
    vsCodeProgressRing(),
);

const vscode = vscodeApi<DashboardViewMessage, DashboardPersistedState>();
const root = document.getElementById(DASHBOARD_ROOT_ID) ?? document.body.appendChild(document.createElement('main'));
const view = new DashboardView(root, {
    post: m => vscode.postMessage(m),
    getState: () => vscode.getState(),
    setState: s => vscode.setState(s),
});
window.addEventListener('message', (event: MessageEvent<DashboardHostMessage>) => {
    const data = event.data;
    if (data && typeof data === 'object' && (data.type === 'init' || data.type === 'event')) view.handle(data);
});
// Tests read the state and the chart data from here.
(globalThis as { flowDashboardView?: DashboardView }).flowDashboardView = view;
vscode.postMessage({ type: 'ready' });
