/** An overview of the whole graph with the visible area; click or drag in it to navigate. */
import type { Point, Rect } from './geometry.js';
import type { Viewport } from './viewport.js';

export interface MinimapItem { rect: Rect; color: string }

export class Minimap {
    private items: MinimapItem[] = [];
    private graphBounds: Rect = { x: 0, y: 0, width: 1, height: 1 };
    /** What the minimap shows: the graph and the visible area together. */
    private bounds: Rect = { x: 0, y: 0, width: 1, height: 1 };
    private scheduled = false;

    constructor(private readonly canvas: HTMLCanvasElement, private readonly viewport: Viewport) {
        const navigate = (e: PointerEvent) => {
            const r = canvas.getBoundingClientRect();
            viewport.centerOn(this.toWorld({ x: e.clientX - r.left, y: e.clientY - r.top }));
        };
        canvas.addEventListener('pointerdown', e => {
            e.stopPropagation();
            canvas.setPointerCapture(e.pointerId);
            navigate(e);
            const move = (m: PointerEvent) => navigate(m);
            canvas.addEventListener('pointermove', move);
            canvas.addEventListener('pointerup', () => canvas.removeEventListener('pointermove', move), { once: true });
        });
        viewport.onChange(() => this.schedule());
    }

    setItems(items: MinimapItem[], bounds: Rect): void {
        this.items = items;
        const pad = 40;
        this.graphBounds = { x: bounds.x - pad, y: bounds.y - pad, width: Math.max(1, bounds.width + 2 * pad), height: Math.max(1, bounds.height + 2 * pad) };
        this.schedule();
    }

    private scale(): number {
        return Math.min(this.canvas.width / this.bounds.width, this.canvas.height / this.bounds.height);
    }

    private toWorld(p: Point): Point {
        const s = this.scale();
        return { x: this.bounds.x + p.x * (this.canvas.width / this.canvas.clientWidth) / s, y: this.bounds.y + p.y * (this.canvas.height / this.canvas.clientHeight) / s };
    }

    private schedule(): void {
        if (this.scheduled) return;
        this.scheduled = true;
        requestAnimationFrame(() => { this.scheduled = false; this.draw(); });
    }

    draw(): void {
        const ctx = this.canvas.getContext('2d');
        if (!ctx) return;
        const v = this.viewport.visibleWorld();
        const g = this.graphBounds;
        const x = Math.min(g.x, v.x), y = Math.min(g.y, v.y);
        this.bounds = { x, y, width: Math.max(g.x + g.width, v.x + v.width) - x, height: Math.max(g.y + g.height, v.y + v.height) - y };
        const s = this.scale();
        ctx.clearRect(0, 0, this.canvas.width, this.canvas.height);
        for (const item of this.items) {
            ctx.fillStyle = item.color;
            ctx.fillRect((item.rect.x - this.bounds.x) * s, (item.rect.y - this.bounds.y) * s, Math.max(1, item.rect.width * s), Math.max(1, item.rect.height * s));
        }
        ctx.strokeStyle = getComputedStyle(this.canvas).getPropertyValue('--vscode-focusBorder').trim() || '#007fd4';
        ctx.lineWidth = 2;
        ctx.strokeRect((v.x - this.bounds.x) * s, (v.y - this.bounds.y) * s, v.width * s, v.height * s);
    }
}
