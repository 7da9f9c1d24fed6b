/**
 * The view's stylesheet. It is inlined by `html.ts` in a `<style nonce>` element, so the CSP
 * needs no 'unsafe-inline'. Colors come from VS Code's theme variables (with fallbacks for
 * the test page); category and type colors are set per element as custom properties.
 */
import { HEADER_HEIGHT, ROW_HEIGHT, BODY_PADDING, THUMB_HEIGHT } from './geometry.js';

export const GRAPH_CSS = `
:root { color-scheme: light dark; }
html, body { margin: 0; padding: 0; height: 100%; overflow: hidden; }
body {
  background: var(--vscode-editor-background, #1e1e1e);
  color: var(--vscode-foreground, #cccccc);
  font-family: var(--vscode-font-family, system-ui, sans-serif);
  font-size: var(--vscode-font-size, 13px);
}
.graph-app { position: relative; height: 100vh; display: flex; flex-direction: column; }
.toolbar {
  display: flex; gap: 6px; align-items: center; padding: 4px 8px; flex: none;
  border-bottom: 1px solid var(--vscode-panel-border, #444);
  background: var(--vscode-editorWidget-background, #252526);
}
.toolbar .spacer { flex: 1; }
.toolbar .status { opacity: 0.8; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.toolbar select, .toolbar button, .palette input {
  font: inherit; color: var(--vscode-dropdown-foreground, inherit);
  background: var(--vscode-dropdown-background, #3c3c3c);
  border: 1px solid var(--vscode-dropdown-border, #555); border-radius: 2px; padding: 2px 6px;
}
.toolbar button { cursor: pointer; background: var(--vscode-button-secondaryBackground, #3a3d41); color: var(--vscode-button-secondaryForeground, #fff); }
.toolbar button:hover { background: var(--vscode-button-secondaryHoverBackground, #45494e); }
:focus-visible { outline: 1px solid var(--vscode-focusBorder, #007fd4); outline-offset: 1px; }
.banner { flex: none; padding: 4px 8px; color: var(--vscode-errorForeground, #f48771); border-bottom: 1px solid var(--vscode-panel-border, #444); }
.banner:empty { display: none; }
.canvas { position: relative; flex: 1; overflow: hidden; cursor: grab; outline: none; touch-action: none; }
.canvas.panning { cursor: grabbing; }
.world { position: absolute; left: 0; top: 0; transform-origin: 0 0; }
.wires, .drag-wire { position: absolute; left: 0; top: 0; overflow: visible; pointer-events: none; }
.wire { fill: none; stroke-width: 2.5; stroke: var(--wire-color); opacity: 0.85; }
.wire-hit { fill: none; stroke: transparent; stroke-width: 12; pointer-events: stroke; cursor: pointer; }
.wire.selected { stroke-width: 5; opacity: 1; }
.drag-wire path { fill: none; stroke-width: 3; stroke-dasharray: 6 4; stroke: var(--wire-color); }
.drag-wire path.refused { stroke: var(--vscode-errorForeground, #f48771); }
.node {
  position: absolute; left: 0; top: 0; box-sizing: border-box;
  background: var(--vscode-editorWidget-background, #252526);
  border: 1px solid var(--vscode-editorWidget-border, #454545); border-radius: 6px;
  box-shadow: 0 2px 6px rgba(0,0,0,0.35); cursor: default;
  /* Each node is independent for layout and paint: 500 nodes restyle and repaint cheaply. */
  contain: layout style;
}
/* Low detail when zoomed far out (text would be unreadable anyway): headers only. */
.world.lod .node-body, .world.lod .thumb, .world.lod .node-header button, .world.lod .node-type { display: none; }
.world.lod .node { box-shadow: none; }
.world.lod .wire-hit { display: none; }
.node.selected { border-color: var(--vscode-focusBorder, #007fd4); box-shadow: 0 0 0 2px var(--vscode-focusBorder, #007fd4); }
.node.highlighted { box-shadow: 0 0 0 3px var(--vscode-editor-findMatchHighlightBorder, #ea5c00); }
.node.has-error { border: 2px solid var(--vscode-errorForeground, #f48771); }
.node.has-warning { border-color: var(--vscode-editorWarning-foreground, #cca700); }
.node.readonly { opacity: 0.92; }
.node.expanded { background: color-mix(in srgb, var(--vscode-editorWidget-background, #252526) 70%, transparent); border-style: dashed; }
.node-header {
  height: ${HEADER_HEIGHT}px; box-sizing: border-box; display: flex; align-items: center; gap: 6px; padding: 0 6px;
  background: var(--cat); color: #fff; border-radius: 5px 5px 0 0; position: relative; cursor: move; user-select: none;
}
.node-title { font-weight: 600; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.node-type { opacity: 0.8; font-size: 0.9em; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; flex: 1; }
.node-header button {
  background: transparent; border: none; color: inherit; cursor: pointer; padding: 0 3px; font: inherit; opacity: 0.75;
}
.node-header button:hover, .node-header button:focus-visible { opacity: 1; }
.run-badge { font-size: 0.8em; padding: 0 4px; border-radius: 3px; background: rgba(0,0,0,0.3); white-space: nowrap; }
.run-badge:empty { display: none; }
.progress { position: absolute; left: 0; right: 0; bottom: 0; height: 3px; background: rgba(0,0,0,0.25); display: none; }
.progress > div { height: 100%; width: 0; background: var(--vscode-progressBar-background, #0e70c0); }
.node.run-running .progress { display: block; }
.node.run-queued { opacity: 0.75; }
.node.run-running { box-shadow: 0 0 0 2px var(--vscode-progressBar-background, #0e70c0); }
.node.run-done .run-badge { background: var(--vscode-testing-iconPassed, #388a34); }
.node.run-cached .run-badge { background: var(--vscode-charts-blue, #3794ff); }
.node.run-error { border: 2px solid var(--vscode-testing-iconFailed, #f14c4c); }
.node-body { padding: ${BODY_PADDING}px 0; }
.row { height: ${ROW_HEIGHT}px; display: flex; align-items: center; position: relative; padding: 0 12px; gap: 6px; box-sizing: border-box; }
.row .label { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.row .out-label { margin-left: auto; }
.row .required::after { content: " *"; opacity: 0.6; }
.widget-value {
  margin-left: auto; max-width: 60%; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; cursor: text;
  padding: 0 4px; border-radius: 2px; background: var(--vscode-input-background, #3c3c3c); color: var(--vscode-input-foreground, #ccc);
}
.widget-value.defaulted { opacity: 0.6; font-style: italic; }
.widget-value.reference { background: transparent; color: var(--vscode-textLink-foreground, #3794ff); cursor: default; }
.readonly .widget-value { cursor: default; }
.row vscode-text-field, .row vscode-dropdown { margin-left: auto; width: 58%; min-width: 0; }
.row vscode-checkbox { margin: 0; }
.row textarea.text-editor {
  position: absolute; right: 8px; top: 0; z-index: 5; width: calc(100% - 16px); min-height: 7em; resize: vertical; box-sizing: border-box;
  font: inherit; padding: 4px; border-radius: 2px; border: 1px solid var(--vscode-focusBorder, #007fd4);
  background: var(--vscode-input-background, #3c3c3c); color: var(--vscode-input-foreground, #ccc);
}
.port {
  position: absolute; top: 50%; width: 10px; height: 10px; margin-top: -5px; border-radius: 50%; box-sizing: border-box;
  background: var(--port-color); border: 1px solid rgba(0,0,0,0.5);
}
.port.in { left: -5px; }
.port.out { right: -5px; cursor: crosshair; }
.readonly:not([data-node-id="#inputs"]) .port.out { cursor: default; }
.port.widget-port { width: 8px; height: 8px; margin-top: -4px; left: -4px; opacity: 0.55; }
.port.connected { opacity: 1; box-shadow: 0 0 0 2px rgba(255,255,255,0.25); }
.dragging .port.in.compatible { box-shadow: 0 0 0 3px var(--port-color); opacity: 1; transform: scale(1.3); }
.dragging .port.in.incompatible { opacity: 0.15; }
.dragging .node.no-target { opacity: 0.55; }
.diag { color: var(--vscode-errorForeground, #f48771); font-size: 0.9em; }
.diag.warning { color: var(--vscode-editorWarning-foreground, #cca700); }
.diag .label { white-space: nowrap; }
.metrics { font-family: var(--vscode-editor-font-family, monospace); font-size: 0.85em; opacity: 0.9; }
.thumb { height: ${THUMB_HEIGHT}px; margin: 0 8px 6px; display: flex; align-items: center; justify-content: center;
  border: 1px dashed var(--vscode-editorWidget-border, #454545); border-radius: 4px; font-size: 0.85em; opacity: 0.9; overflow: hidden; }
.thumb img { width: 100%; height: 100%; object-fit: contain; image-rendering: pixelated; }
.minimap {
  position: absolute; right: 10px; bottom: 10px; width: 200px; height: 140px; cursor: pointer;
  background: var(--vscode-editorWidget-background, #252526); border: 1px solid var(--vscode-editorWidget-border, #454545); opacity: 0.9;
}
.legend {
  position: absolute; left: 10px; bottom: 10px; padding: 6px 10px; max-width: 260px;
  background: var(--vscode-editorWidget-background, #252526); border: 1px solid var(--vscode-editorWidget-border, #454545); border-radius: 4px;
}
.legend[hidden], .palette[hidden] { display: none; }
.legend h3 { margin: 2px 0 4px; font-size: 0.9em; }
.legend ul { list-style: none; margin: 0 0 6px; padding: 0; display: grid; grid-template-columns: 1fr 1fr; gap: 2px 12px; }
.swatch { display: inline-block; width: 10px; height: 10px; border-radius: 50%; margin-right: 6px; background: var(--swatch); vertical-align: middle; }
.swatch.square { border-radius: 2px; }
.palette {
  position: absolute; left: 50%; top: 48px; transform: translateX(-50%); width: 420px; max-width: 90vw; z-index: 10;
  background: var(--vscode-quickInput-background, #252526); color: var(--vscode-quickInput-foreground, inherit);
  border: 1px solid var(--vscode-widget-border, #454545); border-radius: 6px; box-shadow: 0 4px 16px rgba(0,0,0,0.5); padding: 6px;
}
.palette vscode-text-field { width: 100%; }
.palette ul { list-style: none; margin: 6px 0 0; padding: 0; max-height: 50vh; overflow: auto; }
.palette li { padding: 4px 6px; border-radius: 3px; cursor: pointer; display: flex; gap: 8px; align-items: baseline; }
.palette li .desc { opacity: 0.7; font-size: 0.9em; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.palette li[aria-selected="true"] { background: var(--vscode-list-activeSelectionBackground, #04395e); color: var(--vscode-list-activeSelectionForeground, #fff); }
.toast {
  position: absolute; left: 50%; bottom: 24px; transform: translateX(-50%); padding: 6px 12px; border-radius: 4px;
  background: var(--vscode-inputValidation-errorBackground, #5a1d1d); border: 1px solid var(--vscode-inputValidation-errorBorder, #be1100);
}
.toast:empty { display: none; }
.empty { position: absolute; inset: 0; display: flex; align-items: center; justify-content: center; opacity: 0.7; pointer-events: none; }
`;
