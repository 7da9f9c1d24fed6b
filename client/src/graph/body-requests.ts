/**
 * The workflow or subgraph a graph view should show, asked for by whoever opened it (the
 * "Open Graph" CodeLens names its workflow). `vscode.openWith` cannot carry it to the custom
 * editor, so the request waits here, keyed by document URI, until a view of that document
 * posts its next update; views already open are told at once.
 */
type Listener = (uri: string) => void;

export class BodyRequests {
    private readonly pending = new Map<string, string>();
    private readonly listeners = new Set<Listener>();

    request(uri: string, body: string): void {
        this.pending.set(uri, body);
        for (const listener of [...this.listeners]) listener(uri);
    }

    /** The pending request for `uri`, removed (one view acts on it). */
    take(uri: string): string | undefined {
        const body = this.pending.get(uri);
        this.pending.delete(uri);
        return body;
    }

    /** Called with the document URI whenever a request arrives. Returns the unsubscribe. */
    onRequest(listener: Listener): () => void {
        this.listeners.add(listener);
        return () => this.listeners.delete(listener);
    }
}

/** The extension's one instance, shared by the Open Graph command and the graph views. */
export const bodyRequests = new BodyRequests();
