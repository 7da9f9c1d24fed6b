/** Pan and zoom of the world element inside the canvas; fit to a rectangle. */
import type { Point, Rect } from './geometry.js';

export interface ViewTransform { x: number; y: number; k: number }

const MIN_ZOOM = 0.05, MAX_ZOOM = 2.5;

export class Viewport {
    transform: ViewTransform = { x: 0, y: 0, k: 1 };
    private listeners: Array<() => void> = [];

    constructor(private readonly canvas: HTMLElement, private readonly world: HTMLElement) {}

    onChange(listener: () => void): void { this.listeners.push(listener); }

    set(t: ViewTransform): void {
        this.transform = { ...t, k: Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, t.k)) };
        const { x, y, k } = this.transform;
        this.world.style.transform = `translate(${x}px, ${y}px) scale(${k})`;
        for (const l of this.listeners) l();
    }

    panBy(dx: number, dy: number): void {
        this.set({ ...this.transform, x: this.transform.x + dx, y: this.transform.y + dy });
    }

    /** Zooms by `factor` keeping the screen point `at` (canvas coordinates) fixed. */
    zoomBy(factor: number, at?: Point): void {
        const { x, y, k } = this.transform;
        const p = at ?? { x: this.canvas.clientWidth / 2, y: this.canvas.clientHeight / 2 };
        const nk = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, k * factor));
        const wx = (p.x - x) / k, wy = (p.y - y) / k;
        this.set({ x: p.x - wx * nk, y: p.y - wy * nk, k: nk });
    }

    fit(bounds: Rect, margin = 40): void {
        const w = this.canvas.clientWidth || 800, h = this.canvas.clientHeight || 600;
        if (bounds.width <= 0 || bounds.height <= 0) { this.set({ x: margin, y: margin, k: 1 }); return; }
        const k = Math.min(1, (w - 2 * margin) / bounds.width, (h - 2 * margin) / bounds.height);
        this.set({
            k,
            x: (w - bounds.width * k) / 2 - bounds.x * k,
            y: (h - bounds.height * k) / 2 - bounds.y * k,
        });
    }

    /** Centers the world point `p` in the canvas. */
    centerOn(p: Point): void {
        const { k } = this.transform;
        this.set({ k, x: this.canvas.clientWidth / 2 - p.x * k, y: this.canvas.clientHeight / 2 - p.y * k });
    }

    /** Canvas (screen) point -> world point. */
    toWorld(p: Point): Point {
        const { x, y, k } = this.transform;
        return { x: (p.x - x) / k, y: (p.y - y) / k };
    }

    /** The world rectangle currently visible. */
    visibleWorld(): Rect {
        const a = this.toWorld({ x: 0, y: 0 });
        const { k } = this.transform;
        return { x: a.x, y: a.y, width: this.canvas.clientWidth / k, height: this.canvas.clientHeight / k };
    }
}
