/**
 * Node geometry is computed, not measured: every row has a fixed height, so layout can
 * run before anything is in the DOM and wire end points are known without reflow.
 */
export const NODE_WIDTH = 240;
export const HEADER_HEIGHT = 30;
export const ROW_HEIGHT = 24;
export const BODY_PADDING = 6;
export const THUMB_HEIGHT = 112;
/** Inner graph padding inside an expanded subgraph instance. */
export const INNER_PADDING = 16;

export interface Point { x: number; y: number }
export interface Rect { x: number; y: number; width: number; height: number }

export function rowCenter(row: number): number {
    return HEADER_HEIGHT + BODY_PADDING + row * ROW_HEIGHT + ROW_HEIGHT / 2;
}

export function rowsHeight(rows: number): number {
    return HEADER_HEIGHT + BODY_PADDING * 2 + rows * ROW_HEIGHT;
}
