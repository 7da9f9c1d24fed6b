/**
 * What reaches a run, in arrival order, consumed one at a time: websocket frames, the socket's
 * end, the user's cancel. Frames can arrive while the run is still busy (fetching an image);
 * queuing them keeps ComfyUI's order, which the run events must follow.
 */
import type { WsHandlers } from './ws-client.js';

export type InboxItem =
    | { kind: 'text'; text: string }
    | { kind: 'binary'; data: Buffer }
    | { kind: 'closed'; error?: Error }
    | { kind: 'cancel' }
    | { kind: 'timeout' };

export class Inbox {
    private readonly items: InboxItem[] = [];
    private waiter: ((item: InboxItem) => void) | undefined;

    readonly handlers: WsHandlers = {
        onText: text => this.push({ kind: 'text', text }),
        onBinary: data => this.push({ kind: 'binary', data }),
        onClose: error => this.push({ kind: 'closed', ...(error ? { error } : {}) }),
    };

    push(item: InboxItem): void {
        const waiter = this.waiter;
        if (waiter) {
            this.waiter = undefined;
            waiter(item);
        } else {
            this.items.push(item);
        }
    }

    /** The next item, or `timeout` when nothing arrives within `timeoutMs`. */
    next(timeoutMs: number): Promise<InboxItem> {
        const item = this.items.shift();
        if (item) return Promise.resolve(item);
        return new Promise(resolve => {
            const timer = setTimeout(() => { this.waiter = undefined; resolve({ kind: 'timeout' }); }, timeoutMs);
            this.waiter = it => { clearTimeout(timer); resolve(it); };
        });
    }
}
