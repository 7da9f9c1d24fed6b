/**
 * A tiny element builder for the panel views. Attributes go through setAttribute and text
 * through textContent (never innerHTML), and there is no `style` attribute: the CSP has no
 * 'unsafe-inline' for styles, so dynamic sizes are set through the CSSOM (element.style).
 */

type Child = Node | string | undefined | false | null;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs?: Record<string, string | number | boolean | undefined>, ...children: Child[]): HTMLElementTagNameMap[K];
export function h(tag: string, attrs?: Record<string, string | number | boolean | undefined>, ...children: Child[]): HTMLElement;
export function h(tag: string, attrs: Record<string, string | number | boolean | undefined> = {}, ...children: Child[]): HTMLElement {
    const el = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs)) {
        if (value === undefined || value === false) continue;
        if (name === 'style') throw new Error('h(): inline style attributes are blocked by the CSP; use classes or element.style');
        el.setAttribute(name, value === true ? '' : String(value));
    }
    for (const child of children) {
        if (child === undefined || child === null || child === false) continue;
        el.append(typeof child === 'string' ? document.createTextNode(child) : child);
    }
    return el;
}

/** `text` made safe for an element id (run ids and node ids carry `#`, `:` and the like). */
export function cssId(text: string): string {
    return text.replace(/[^A-Za-z0-9_-]/g, '_');
}

/** The VS Code webview API (`acquireVsCodeApi` may be called once per page). */
export interface VsCodeApi<Out, S> {
    postMessage(message: Out): void;
    getState(): S | undefined;
    setState(state: S): void;
}

declare function acquireVsCodeApi(): unknown;

export function vscodeApi<Out, S>(): VsCodeApi<Out, S> {
    return acquireVsCodeApi() as VsCodeApi<Out, S>;
}
