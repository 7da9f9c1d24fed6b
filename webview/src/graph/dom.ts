/** A tiny element builder: the view creates thousands of elements and needs no framework. */
type Child = Node | string | undefined | null | false;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: Record<string, string | number | boolean | undefined> = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
    const el = document.createElement(tag);
    setProps(el, props);
    for (const c of children) if (c !== undefined && c !== null && c !== false) el.append(c);
    return el;
}

/** Custom elements (toolkit components) by tag name. */
export function hx(tag: string, props: Record<string, string | number | boolean | undefined> = {}, ...children: Child[]): HTMLElement {
    return h(tag as keyof HTMLElementTagNameMap, props, ...children);
}

function setProps(el: HTMLElement, props: Record<string, string | number | boolean | undefined>): void {
    for (const [k, v] of Object.entries(props)) {
        if (v === undefined || v === false) continue;
        if (k === 'class') el.className = String(v);
        else if (k === 'text') el.textContent = String(v);
        else el.setAttribute(k, v === true ? '' : String(v));
    }
}

const SVG_NS = 'http://www.w3.org/2000/svg';

export function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number> = {}): SVGElementTagNameMap[K] {
    const el = document.createElementNS(SVG_NS, tag);
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
    return el;
}
