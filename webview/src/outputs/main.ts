/**
 * Entry of the Outputs webview bundle (`dist/webview/outputs.js`, an iife built by
 * scripts/bundle.mjs): registers the toolkit components, connects the view to the host and
 * says `ready` (the host answers with `init`).
 */
import {
    provideVSCodeDesignSystem, vsCodeButton, vsCodeDataGrid, vsCodeDataGridCell, vsCodeDataGridRow, vsCodeProgressRing,
} from '@vscode/webview-ui-toolkit';
import { mountPanel } from '../shared/mount.js';
import type { OutputsHostMessage, OutputsPersistedState, OutputsViewMessage } from './contract.js';
import { OUTPUTS_ROOT_ID } from './html.js';
import { OutputsView } from './view.js';

provideVSCodeDesignSystem().register(vsCodeButton(), vsCodeDataGrid(), vsCodeDataGridRow(), vsCodeDataGridCell(), vsCodeProgressRing());

// Tests read the view's state from globalThis.flowOutputsView.
mountPanel<OutputsHostMessage, OutputsViewMessage, OutputsPersistedState, OutputsView>(
    OUTPUTS_ROOT_ID, ['init', 'event', 'restored'], (root, host) => new OutputsView(root, host), 'flowOutputsView');
