/** Edit computation for the graph view: graph edit intents -> minimal `.flow` text edits. */
export { computeEdits } from './compute-edits.js';
export type { EditContext } from './graph-lookup.js';
export { EditError } from './edit-error.js';
export { applyTextEdits, LineIndex, type TextEdit } from './text-edit.js';
export { formatValue, isValidNodeName, uniqueName, baseNameForType } from './format.js';
