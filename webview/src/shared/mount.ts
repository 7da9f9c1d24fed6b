/**
 * Starts a panel view in its page: the view gets the VS Code API as its host, host messages
 * of the types it accepts, and is published on `globalThis` for the browser tests; then the
 * page says `ready` (the host answers with `init`).
 */
import { vscodeApi } from './dom.js';

export interface PanelHost<Out, S> {
    post(message: Out): void;
    getState(): S | undefined;
    setState(state: S): void;
}

export function mountPanel<In extends { type: string }, Out extends { type: string }, S, V extends { handle(message: In): void }>(
    rootId: string,
    accepts: ReadonlyArray<In['type']>,
    create: (root: HTMLElement, host: PanelHost<Out, S>) => V,
    globalName: string,
): V {
    const vscode = vscodeApi<Out | { type: 'ready' }, S>();
    const root = document.getElementById(rootId) ?? document.body.appendChild(document.createElement('main'));
    const view = create(root, {
        post: m => vscode.postMessage(m),
        getState: () => vscode.getState(),
        setState: s => vscode.setState(s),
    });
    window.addEventListener('message', (event: MessageEvent<In>) => {
        const data = event.data;
        if (data && typeof data === 'object' && accepts.includes(data.type)) view.handle(data);
    });
    (globalThis as Record<string, unknown>)[globalName] = view;
    vscode.postMessage({ type: 'ready' });
    return view;
}
