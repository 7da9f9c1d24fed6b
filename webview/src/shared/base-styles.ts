/**
 * Styles both panels share. Colors come from VS Code's theme variables (`--vscode-*`, set on
 * the webview's <html>), with fallbacks for pages outside VS Code (the browser tests).
 */
export const BASE_CSS = `
:root { color-scheme: light dark; }
html, body { margin: 0; padding: 0; }
body {
  background: var(--vscode-editor-background, #1e1e1e);
  color: var(--vscode-foreground, #cccccc);
  font-family: var(--vscode-font-family, system-ui, sans-serif);
  font-size: var(--vscode-font-size, 13px);
  line-height: 1.4;
}
main { padding: 8px 12px 24px; }
h1, h2, h3 { font-weight: 600; margin: 0; }
h1 { font-size: 1.15em; }
h2 { font-size: 1em; }
h3 { font-size: 0.95em; }
:focus-visible { outline: 1px solid var(--vscode-focusBorder, #007fd4); outline-offset: 1px; }
.toolbar {
  display: flex; gap: 8px; align-items: center; flex-wrap: wrap;
  padding: 4px 0 8px; border-bottom: 1px solid var(--vscode-panel-border, #444); margin-bottom: 8px;
}
.toolbar .spacer { flex: 1; }
.muted { color: var(--vscode-descriptionForeground, #9d9d9d); }
.empty { padding: 24px 0; color: var(--vscode-descriptionForeground, #9d9d9d); }
.error-text { color: var(--vscode-errorForeground, #f48771); }
.status-success { color: var(--vscode-testing-iconPassed, #73c991); }
.status-error { color: var(--vscode-testing-iconFailed, #f14c4c); }
.status-cancelled { color: var(--vscode-editorWarning-foreground, #cca700); }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
img.pixelated { image-rendering: pixelated; }
/* Like vscode-tag, whose template has a style attribute the CSP blocks. */
.status-tag {
  display: inline-block; padding: 1px 6px; border-radius: 2px; font-size: 0.85em; text-transform: uppercase; letter-spacing: 0.03em;
  background: var(--vscode-badge-background, #4d4d4d); color: var(--vscode-badge-foreground, #ffffff);
}
.status-tag.status-success { background: var(--vscode-testing-iconPassed, #388a34); color: var(--vscode-editor-background, #1e1e1e); }
.status-tag.status-error { background: var(--vscode-testing-iconFailed, #c72e0f); color: #ffffff; }
.status-tag.status-cancelled { background: var(--vscode-editorWarning-foreground, #cca700); color: var(--vscode-editor-background, #1e1e1e); }
vscode-progress-ring { height: 16px; width: 16px; }
`;
