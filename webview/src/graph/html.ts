/**
 * The graph webview's HTML. The host passes the bundle's webview URI, `webview.cspSource`
 * and a fresh nonce; nothing is loaded from elsewhere. Styles are one nonce'd element, so
 * the policy needs no 'unsafe-inline'; images are webview resources (run thumbnails) or data:.
 * The toolkit (FAST) reads the nonce from `<meta property="csp-nonce">` for its own probes.
 */
import { GRAPH_CSS } from './styles.js';

export interface GraphHtmlOptions {
    /** `webview.asWebviewUri(.../dist/webview/graph.js)` as a string. */
    scriptUri: string;
    /** `webview.cspSource`. */
    cspSource: string;
    /** A fresh random nonce (letters and digits) per HTML. */
    nonce: string;
    /** Page title (the file name). */
    title?: string;
}

export function graphContentSecurityPolicy(cspSource: string, nonce: string): string {
    return [
        `default-src 'none'`,
        `script-src 'nonce-${nonce}'`,
        `style-src ${cspSource} 'nonce-${nonce}'`,
        `img-src ${cspSource} data:`,
        `font-src ${cspSource}`,
    ].join('; ');
}

export function buildGraphHtml(options: GraphHtmlOptions): string {
    if (!/^[A-Za-z0-9+/=_-]{16,}$/.test(options.nonce)) throw new Error('graph webview: the nonce must be 16+ letters or digits');
    const attr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attr(graphContentSecurityPolicy(options.cspSource, options.nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<meta property="csp-nonce" content="${options.nonce}">
<title>${attr(options.title ?? 'Flow Graph')}</title>
<style nonce="${options.nonce}">${GRAPH_CSS}</style>
</head>
<body>
<div id="graph-root" class="graph-app" data-nonce="${options.nonce}"></div>
<script nonce="${options.nonce}" src="${attr(options.scriptUri)}"></script>
</body>
</html>
`;
}

/** A nonce for `buildGraphHtml` (the host may use its own generator). */
export function makeNonce(random: (n: number) => Uint8Array = n => crypto.getRandomValues(new Uint8Array(n))): string {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
    return Array.from(random(32), b => alphabet[b % alphabet.length]).join('');
}
