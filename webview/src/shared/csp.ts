/**
 * The HTML page of every webview (graph, Outputs, Dashboard): a strict Content Security Policy with
 * a per-page nonce, one nonce'd `<style>` element and one nonce'd script from the extension's
 * `dist/`. Nothing else can load: images only from the webview's resource roots or `data:`.
 * The toolkit (FAST) reads the nonce from `<meta property="csp-nonce">` for its own probes.
 * Pure string building (no DOM), so the host and the Node tests use it as is.
 */

export interface WebviewPageOptions {
    /** `webview.asWebviewUri(<extension>/dist/webview/<name>.js)` as a string. */
    scriptUri: string;
    /** `webview.cspSource`. */
    cspSource: string;
    /** A fresh random nonce (16+ letters or digits) per page. */
    nonce: string;
    title: string;
    /** The page's stylesheet (goes into the nonce'd `<style>`). */
    css: string;
    /** Id of the element the script renders into. */
    rootId: string;
}

export function panelContentSecurityPolicy(cspSource: string, nonce: string): string {
    return [
        `default-src 'none'`,
        `script-src 'nonce-${nonce}'`,
        `style-src ${cspSource} 'nonce-${nonce}'`,
        `img-src ${cspSource} data:`,
        `font-src ${cspSource}`,
    ].join('; ');
}

export function buildPanelHtml(options: WebviewPageOptions): string {
    if (!/^[A-Za-z0-9]{16,}$/.test(options.nonce)) throw new Error('webview page: the nonce must be 16+ letters or digits');
    const attr = escapeHtml;
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attr(panelContentSecurityPolicy(options.cspSource, options.nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<meta property="csp-nonce" content="${options.nonce}">
<title>${attr(options.title)}</title>
<style nonce="${options.nonce}">${options.css}</style>
</head>
<body>
<main id="${attr(options.rootId)}"></main>
<script nonce="${options.nonce}" src="${attr(options.scriptUri)}"></script>
</body>
</html>
`;
}

/** For double-quoted attribute values and the title: `&`, `"` and `<` are all that can break out. */
export function escapeHtml(text: string): string {
    return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

/** 32 letters and digits from a cryptographic source (Web Crypto exists in Node 20 and browsers). */
export function makeNonce(random: (n: number) => Uint8Array = n => crypto.getRandomValues(new Uint8Array(n))): string {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
    return Array.from(random(32), b => alphabet[b % alphabet.length]).join('');
}
