import assert from 'node:assert/strict';
import { buildGraphHtml } from '../../../webview/src/graph/html.js';
import { makeNonce } from '../../../webview/src/shared/csp.js';
import { panelContentSecurityPolicy } from '../../../webview/src/shared/csp.js';

describe('graph webview: HTML and content security policy', () => {
    it('allows only the nonce for scripts and styles, webview resources and data: for images, nothing remote', () => {
        const csp = panelContentSecurityPolicy('https://abc.vscode-cdn.net', 'N0nceN0nceN0nceN0nce');
        assert.equal(csp, "default-src 'none'; script-src 'nonce-N0nceN0nceN0nceN0nce'; style-src https://abc.vscode-cdn.net 'nonce-N0nceN0nceN0nceN0nce'; img-src https://abc.vscode-cdn.net data:; font-src https://abc.vscode-cdn.net");
        assert.ok(!csp.includes('unsafe'));
    });

    it('puts the nonce on the one script, the one style element and the toolkit meta tag', () => {
        const nonce = makeNonce();
        assert.match(nonce, /^[A-Za-z0-9]{32}$/);
        assert.notEqual(nonce, makeNonce());
        const html = buildGraphHtml({ scriptUri: 'https://r.example/dist/webview/graph.js?a=1&b=2', cspSource: 'https://r.example', nonce, title: '<x>.flow' });
        assert.equal(html.match(/<script /g)?.length, 1);
        assert.ok(html.includes(`<script nonce="${nonce}" src="https://r.example/dist/webview/graph.js?a=1&amp;b=2"></script>`));
        assert.ok(html.includes(`<style nonce="${nonce}">`));
        assert.ok(html.includes(`<meta property="csp-nonce" content="${nonce}">`));
        assert.ok(html.includes('<title>&lt;x>.flow</title>'));
        assert.ok(!/https?:\/\/(?!r\.example)/.test(html.replace(/http:\/\/www\.w3\.org\/2000\/svg/g, '')), 'no other origin');
        assert.throws(() => buildGraphHtml({ scriptUri: 'x', cspSource: 'y', nonce: "a' 'unsafe-inline" }), /nonce/);
    });
});
