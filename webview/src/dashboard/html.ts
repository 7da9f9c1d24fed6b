/** The training dashboard's HTML: the shared strict-CSP page with this view's styles. */
import { buildPanelHtml } from '../shared/csp.js';
import { DASHBOARD_CSS } from './styles.js';

export const DASHBOARD_ROOT_ID = 'dashboard-root';

export function buildDashboardHtml(options: { scriptUri: string; cspSource: string; nonce: string }): string {
    return buildPanelHtml({ ...options, title: 'Flow Training', css: DASHBOARD_CSS, rootId: DASHBOARD_ROOT_ID });
}
