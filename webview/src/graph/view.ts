/**
 * What the view's modules share: its state, its DOM, its widgets and the host. Modules are
 * functions of a `GraphView` rather than methods of one class, so each concern can be read
 * (and changed) on its own; `app.ts` builds the one instance.
 */
import type { EditIntent, ViewToHostMessage } from './contract.js';
import type { Minimap } from './minimap.js';
import type { GraphDom } from './page.js';
import type { Palette } from './palette.js';
import type { GraphState } from './state.js';
import type { Toast } from './toast.js';
import type { Viewport } from './viewport.js';

export interface HostBridge {
    post(message: ViewToHostMessage): void;
    getState(): unknown;
    setState(state: unknown): void;
}

export interface GraphView {
    readonly root: HTMLElement;
    readonly host: HostBridge;
    readonly state: GraphState;
    readonly dom: GraphDom;
    readonly viewport: Viewport;
    readonly minimap: Minimap;
    readonly palette: Palette;
    readonly toast: Toast;
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** Sends an edit of the shown body; the host drops it if the document changed since. */
export function intent(view: GraphView, i: DistributiveOmit<EditIntent, 'body' | 'documentVersion'>): void {
    const { bodyName, documentVersion } = view.state;
    if (!bodyName) return;
    view.host.post({ ...i, body: bodyName, documentVersion } as EditIntent);
}
