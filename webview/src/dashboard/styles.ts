/** The training dashboard's stylesheet (inlined in a nonce'd <style> by html.ts). */
import { BASE_CSS } from '../shared/base-styles.js';

export const DASHBOARD_CSS = `${BASE_CSS}
.training { padding: 4px 0 12px; border-bottom: 1px solid var(--vscode-panel-border, #444); }
.training-header { display: flex; align-items: baseline; gap: 8px; flex-wrap: wrap; margin-bottom: 6px; }
.stats { display: flex; flex-wrap: wrap; gap: 4px 16px; margin: 0 0 6px; }
.stats div { display: flex; gap: 4px; }
.stats dt { color: var(--vscode-descriptionForeground, #9d9d9d); }
.stats dd { margin: 0; font-variant-numeric: tabular-nums; }
progress.training-progress { width: 100%; height: 4px; accent-color: var(--vscode-progressBar-background, #0e70c0); }
.training-body { display: grid; grid-template-columns: minmax(260px, 2fr) minmax(180px, 1fr); gap: 12px; align-items: start; }
@media (max-width: 620px) { .training-body { grid-template-columns: 1fr; } }
.charts { display: flex; flex-direction: column; gap: 12px; min-width: 0; }
.card { margin: 0; padding: 8px; background: var(--vscode-editorWidget-background, #252526); border: 1px solid var(--vscode-widget-border, #454545); border-radius: 3px; min-width: 0; }
.chart-box { position: relative; height: 260px; width: 100%; min-width: 0; }
vscode-panel-view > vscode-data-grid { width: 100%; }
.preview-box { display: flex; flex-direction: column; align-items: center; gap: 6px; }
.preview-frame { display: flex; align-items: center; justify-content: center; width: 100%; min-height: 160px; padding: 0; border: none; background: none; cursor: zoom-in; }
.preview-frame img { width: 100%; max-width: 320px; height: auto; image-rendering: pixelated; }
.preview-controls { display: flex; align-items: center; gap: 8px; width: 100%; }
.preview-controls input[type="range"] { flex: 1; accent-color: var(--vscode-button-background, #0e639c); }
.preview-caption { font-variant-numeric: tabular-nums; }
vscode-panels { width: 100%; }
vscode-panel-view { padding: 6px 0 0; }
vscode-panel-view[hidden] { display: none; }
`;
