/** Pointer capture for the canvas gestures (pan, move, connect). */
import type { GraphView } from '../view.js';

/**
 * Follows a pointer gesture. `lazy` captures the pointer only once it has moved, so that a
 * plain click or double-click still reaches the element under it (captured clicks go to the canvas).
 */
export function capture(view: GraphView, e: PointerEvent, move: (m: PointerEvent) => void, up: (u: PointerEvent) => void, lazy = false): void {
    const c = view.dom.canvas;
    if (!lazy) c.setPointerCapture(e.pointerId);
    const onMove = (m: PointerEvent) => {
        if (lazy && !c.hasPointerCapture(m.pointerId) && Math.hypot(m.clientX - e.clientX, m.clientY - e.clientY) > 3) c.setPointerCapture(m.pointerId);
        move(m);
    };
    const onUp = (u: PointerEvent) => {
        c.removeEventListener('pointermove', onMove);
        c.removeEventListener('pointerup', onUp);
        c.removeEventListener('pointercancel', onUp);
        if (c.hasPointerCapture(u.pointerId)) c.releasePointerCapture(u.pointerId);
        up(u);
    };
    c.addEventListener('pointermove', onMove);
    c.addEventListener('pointerup', onUp);
    c.addEventListener('pointercancel', onUp);
}
