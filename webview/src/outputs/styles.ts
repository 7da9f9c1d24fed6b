/** The Outputs view's stylesheet (inlined in a nonce'd <style> by html.ts). */
import { BASE_CSS } from '../shared/base-styles.js';

export const OUTPUTS_CSS = `${BASE_CSS}
.run { border-bottom: 1px solid var(--vscode-panel-border, #444); padding: 4px 0 8px; }
.run-header { display: flex; align-items: center; gap: 8px; }
.run-toggle {
  flex: 1; display: flex; align-items: center; gap: 8px; min-width: 0; text-align: left;
  font: inherit; color: inherit; background: none; border: none; padding: 4px 2px; cursor: pointer;
}
.run-toggle:hover { background: var(--vscode-list-hoverBackground, #2a2d2e); }
.run-toggle .chevron { display: inline-block; width: 1em; transition: transform 0.1s; }
.run-toggle[aria-expanded="true"] .chevron { transform: rotate(90deg); }
.run-title { font-weight: 600; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.run-meta { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.run-body[hidden] { display: none; }
.run-errors { margin: 4px 0 4px 1.5em; padding: 0; list-style: none; }
.node-group { margin: 6px 0 4px 1.5em; }
.node-heading { display: flex; gap: 8px; align-items: baseline; flex-wrap: wrap; margin-bottom: 4px; }
.node-args { font-size: 0.9em; }
.thumbs { display: flex; flex-wrap: wrap; gap: 6px; margin: 0; padding: 0; list-style: none; }
.thumb {
  display: flex; align-items: center; justify-content: center; width: 84px; height: 84px; padding: 2px;
  background: var(--vscode-editorWidget-background, #252526);
  border: 1px solid var(--vscode-widget-border, #454545); border-radius: 3px; cursor: zoom-in;
}
.thumb:hover { border-color: var(--vscode-focusBorder, #007fd4); }
.thumb img { max-width: 78px; max-height: 78px; }
.thumb .missing { font-size: 0.8em; }
.lightbox {
  position: fixed; inset: 0; z-index: 10; display: flex; flex-direction: column; gap: 8px; padding: 12px;
  background: var(--vscode-editor-background, #1e1e1e);
}
.lightbox[hidden] { display: none; }
.lightbox-bar { display: flex; align-items: center; gap: 6px; flex-wrap: wrap; }
.lightbox-title { font-weight: 600; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.lightbox-stage { flex: 1; min-height: 0; display: flex; align-items: center; justify-content: center; overflow: auto; }
.lightbox-stage img { background: var(--vscode-editorWidget-background, #252526); }
.lightbox-details { display: flex; gap: 12px; align-items: flex-start; flex-wrap: wrap; }
.lightbox-details vscode-data-grid { max-width: 480px; }
.lightbox-path { font-family: var(--vscode-editor-font-family, monospace); font-size: 0.9em; word-break: break-all; }
`;
