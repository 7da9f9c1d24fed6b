/**
 * ComfyUI's HTTP API, as a run uses it: `/object_info`, `POST /prompt`, `/interrupt`, `/queue`,
 * `/view`, `/upload/image`. Every failure is a `ComfyError` whose message says what went wrong
 * with which server and what to check (a wrong URL, a server that is down, an HTTP error, a
 * timeout), never a bare `fetch failed`.
 */
import type { ApiPrompt } from '../api-prompt.js';

/** One problem ComfyUI found with an input of a node (`node_errors[id].errors[]`). */
export interface ComfyNodeError {
    type: string;
    message: string;
    details: string;
    extra_info?: { input_name?: string; [key: string]: unknown };
}

export type NodeErrors = Record<string, { errors: ComfyNodeError[]; class_type: string; dependent_outputs?: string[] }>;

export class ComfyError extends Error {
    constructor(message: string, readonly code: 'comfyui-unreachable' | 'comfyui-http' | 'comfyui-timeout' | 'comfyui-protocol' = 'comfyui-http') {
        super(message);
        this.name = 'ComfyError';
    }
}

/** `POST /prompt` answered 400: the prompt did not validate. */
export class PromptRefused extends ComfyError {
    constructor(readonly error: { type?: string; message?: string; details?: string }, readonly nodeErrors: NodeErrors) {
        super(`ComfyUI refused the prompt: ${error.message ?? 'invalid prompt'}${error.details ? ` (${error.details})` : ''}`, 'comfyui-http');
        this.name = 'PromptRefused';
    }
}

export interface ImageRef { filename: string; subfolder: string; type: string }

export class ComfyClient {
    readonly baseUrl: string;

    constructor(server: string, private readonly timeoutMs = 30_000) {
        let url: URL;
        try {
            url = new URL(server);
        } catch {
            throw new ComfyError(`"${server}" is not a URL: give the ComfyUI server as http://host:port (flowstudio.comfyui.server or --server)`, 'comfyui-unreachable');
        }
        if (url.protocol !== 'http:' && url.protocol !== 'https:') {
            throw new ComfyError(`"${server}" is not an http(s) URL: give the ComfyUI server as http://host:port`, 'comfyui-unreachable');
        }
        this.baseUrl = url.href.replace(/\/+$/, '');
    }

    /** The `/ws` URL for a client id. */
    wsUrl(clientId: string): string {
        return `${this.baseUrl.replace(/^http/, 'ws')}/ws?clientId=${encodeURIComponent(clientId)}`;
    }

    async objectInfo(): Promise<Record<string, unknown>> {
        return this.json('GET', '/object_info');
    }

    /** Queues a prompt under our own id (so messages about it are recognised from the first). */
    async queuePrompt(prompt: ApiPrompt, clientId: string, promptId: string): Promise<void> {
        const response = await this.request('POST', '/prompt', { body: JSON.stringify({ prompt, client_id: clientId, prompt_id: promptId }), json: true });
        const body = await this.readJson(response, 'POST /prompt');
        if (response.status === 400) {
            const b = body as { error?: PromptRefused['error'] | string; node_errors?: NodeErrors };
            const error = typeof b.error === 'string' ? { message: b.error } : b.error ?? {};
            throw new PromptRefused(error, b.node_errors ?? {});
        }
        if (!response.ok) throw this.httpError('POST /prompt', response.status, JSON.stringify(body));
    }

    /** Interrupts our prompt if it is the one running (ComfyUI ignores the id otherwise). */
    async interrupt(promptId: string): Promise<void> {
        await this.expectOk('POST', '/interrupt', { prompt_id: promptId });
    }

    /** Removes our prompt from the queue if it has not started. */
    async deleteQueued(promptId: string): Promise<void> {
        await this.expectOk('POST', '/queue', { delete: [promptId] });
    }

    async view(image: ImageRef): Promise<Buffer> {
        const query = new URLSearchParams({ filename: image.filename, subfolder: image.subfolder, type: image.type });
        const response = await this.request('GET', `/view?${query}`, { timeoutMs: this.timeoutMs * 4 });
        if (!response.ok) throw this.httpError(`GET /view of ${image.filename}`, response.status, await response.text().catch(() => ''));
        return Buffer.from(await response.arrayBuffer());
    }

    /** Uploads an input image; returns the name LoadImage should use (ComfyUI may rename it). */
    async uploadImage(bytes: Uint8Array, name: string, subfolder: string): Promise<string> {
        const form = new FormData();
        form.append('image', new Blob([bytes]), name);
        form.append('subfolder', subfolder);
        form.append('type', 'input');
        const response = await this.request('POST', '/upload/image', { body: form, timeoutMs: this.timeoutMs * 4 });
        const body = await this.readJson(response, 'POST /upload/image') as { name?: string; subfolder?: string };
        if (!response.ok || typeof body.name !== 'string') throw this.httpError(`POST /upload/image of ${name}`, response.status, JSON.stringify(body));
        return body.subfolder ? `${body.subfolder}/${body.name}` : body.name;
    }

    private async expectOk(method: string, path: string, payload: unknown): Promise<void> {
        const response = await this.request(method, path, { body: JSON.stringify(payload), json: true });
        if (!response.ok) throw this.httpError(`${method} ${path}`, response.status, await response.text().catch(() => ''));
    }

    private async json<T>(method: string, path: string): Promise<T> {
        const response = await this.request(method, path, {});
        if (!response.ok) throw this.httpError(`${method} ${path}`, response.status, await response.text().catch(() => ''));
        return this.readJson(response, `${method} ${path}`) as Promise<T>;
    }

    private async readJson(response: Response, what: string): Promise<unknown> {
        const text = await response.text();
        try {
            return JSON.parse(text);
        } catch {
            throw new ComfyError(`${this.baseUrl} answered ${what} with something that is not JSON (HTTP ${response.status}): is this a ComfyUI server?`, 'comfyui-protocol');
        }
    }

    private httpError(what: string, status: number, body: string): ComfyError {
        const excerpt = body.replace(/\s+/g, ' ').trim().slice(0, 200);
        const hint = status === 404 ? ': is this a ComfyUI server?' : '';
        return new ComfyError(`ComfyUI at ${this.baseUrl} answered HTTP ${status} to ${what}${excerpt ? ` (${excerpt})` : ''}${hint}`, 'comfyui-http');
    }

    private async request(method: string, path: string, options: { body?: string | FormData; json?: boolean; timeoutMs?: number }): Promise<Response> {
        const timeoutMs = options.timeoutMs ?? this.timeoutMs;
        try {
            return await fetch(`${this.baseUrl}${path}`, {
                method,
                body: options.body,
                headers: options.json ? { 'Content-Type': 'application/json' } : undefined,
                signal: AbortSignal.timeout(timeoutMs),
            });
        } catch (e) {
            throw this.networkError(e as Error, `${method} ${path.split('?')[0]}`, timeoutMs);
        }
    }

    networkError(e: Error, what: string, timeoutMs = this.timeoutMs): ComfyError {
        if (e instanceof ComfyError) return e;
        const status = (e as { status?: number }).status;
        if (status !== undefined) return this.httpError(what, status, '');
        if (e.name === 'TimeoutError' || e.name === 'AbortError') {
            return new ComfyError(`ComfyUI at ${this.baseUrl} did not answer ${what} within ${Math.round(timeoutMs / 1000)} s`, 'comfyui-timeout');
        }
        const cause = (e as { cause?: { code?: string; message?: string } }).cause;
        const code = cause?.code ?? (e as NodeJS.ErrnoException).code;
        const why = code === 'ECONNREFUSED' ? 'connection refused'
            : code === 'ENOTFOUND' || code === 'EAI_AGAIN' ? 'no such host'
                : code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' ? 'the connection was dropped'
                    : cause?.message ?? e.message;
        return new ComfyError(`cannot reach the ComfyUI server at ${this.baseUrl} (${why}): is it running, and is the URL right? (flowstudio.comfyui.server or --server)`, 'comfyui-unreachable');
    }
}
