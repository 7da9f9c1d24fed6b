/**
 * The graph webview's HTML: the shared strict-CSP page (../shared/csp.ts) with this view's
 * styles. The host passes the bundle's webview URI, `webview.cspSource` and a fresh nonce.
 */
import { buildPanelHtml } from '../shared/csp.js';
import { GRAPH_CSS } from './styles.js';

export const GRAPH_ROOT_ID = 'graph-root';

export interface GraphHtmlOptions {
    /** `webview.asWebviewUri(.../dist/webview/graph.js)` as a string. */
    scriptUri: string;
    /** `webview.cspSource`. */
    cspSource: string;
    /** A fresh random nonce (16+ letters or digits) per page. */
    nonce: string;
    /** Page title (the file name). */
    title?: string;
}

export function buildGraphHtml(options: GraphHtmlOptions): string {
    return buildPanelHtml({ ...options, title: options.title ?? 'Flow Graph', css: GRAPH_CSS, rootId: GRAPH_ROOT_ID });
}
