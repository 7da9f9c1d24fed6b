/**
 * Entry of the training dashboard bundle (`dist/webview/dashboard.js`, an iife built by
 * scripts/bundle.mjs): registers the toolkit components, connects the view to the host and
 * says `ready` (the host answers with `init`).
 */
import {
    provideVSCodeDesignSystem, vsCodeButton, vsCodeDataGrid, vsCodeDataGridCell, vsCodeDataGridRow, vsCodePanels, vsCodePanelTab,
    vsCodePanelView, vsCodeProgressRing,
} from '@vscode/webview-ui-toolkit';
import { mountPanel } from '../shared/mount.js';
import type { DashboardHostMessage, DashboardPersistedState, DashboardViewMessage } from './contract.js';
import { DASHBOARD_ROOT_ID } from './html.js';
import { DashboardView } from './view.js';

provideVSCodeDesignSystem().register(
    vsCodeButton(), vsCodeDataGrid(), vsCodeDataGridRow(), vsCodeDataGridCell(), vsCodePanels(), vsCodePanelTab(), vsCodePanelView(),
    vsCodeProgressRing(),
);

// Tests read the state and the chart data from globalThis.flowDashboardView.
mountPanel<DashboardHostMessage, DashboardViewMessage, DashboardPersistedState, DashboardView>(
    DASHBOARD_ROOT_ID, ['init', 'event'], (root, host) => new DashboardView(root, host), 'flowDashboardView');
