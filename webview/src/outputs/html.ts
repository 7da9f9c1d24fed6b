/** The Outputs webview's HTML: the shared strict-CSP page with this view's styles. */
import { buildPanelHtml } from '../shared/csp.js';
import { OUTPUTS_CSS } from './styles.js';

export const OUTPUTS_ROOT_ID = 'outputs-root';

export function buildOutputsHtml(options: { scriptUri: string; cspSource: string; nonce: string }): string {
    return buildPanelHtml({ ...options, title: 'Flow Outputs', css: OUTPUTS_CSS, rootId: OUTPUTS_ROOT_ID });
}
