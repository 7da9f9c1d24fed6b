/**
 * A ComfyUI server as an `Executor` (catalog/src/executor.ts): the `ExecGraph` becomes an API
 * prompt, `POST /prompt` queues it under our client and prompt ids, and the `/ws` messages
 * about it become run events (docs/run-events.md has the table), so everything that shows a
 * local run shows this one. Images come back through `/view` into the output folder with the
 * `.flow` source and the prompt embedded; cancel is `/interrupt` plus removal from the queue.
 */
import * as os from 'node:os';
import * as path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { ExecRequest, ExecResult, Executor } from '../../../catalog/src/executor.js';
import type { ExecGraph, ExecNode } from '../../../catalog/src/graph.js';
import type { NodeSchema } from '../../../catalog/src/schema.js';
import type { RunEvent } from '../../../catalog/src/run-events.js';
import { confinedPath, nextCounter, numberedName } from '../../../engine/src/nodes/output-paths.js';
import { writeFileAtomic, writeNewFile } from '../../../engine/src/util/fs-atomic.js';
import { ApiPromptError, toApiPrompt, type ApiPromptResult } from '../api-prompt.js';
import { ComfyClient, ComfyError, PromptRefused, type ImageRef } from './comfy-client.js';
import { Inbox } from './inbox.js';
import { parsePreviewFrame, parseTextMessage, promptIdOf, type ExecutedOutput } from './messages.js';
import { mapNodeErrors, type ArgRangeLookup } from './node-errors.js';
import { uploadInputImages } from './upload-inputs.js';
import { imageSize, isPng, withTextChunks } from './png-text.js';
import { WsClient } from './ws-client.js';

export interface ComfyUIExecutorOptions {
    /** Base URL of the server, e.g. http://127.0.0.1:8188. */
    server: string;
    /** ComfyUI nodes the language knows (the pack from `/object_info`), for nodes without a built-in mapping. */
    comfyNode?: (type: string) => NodeSchema | undefined;
    /** Where written arguments are, to point `node_errors` at the argument's line. */
    argRange?: ArgRangeLookup;
    /** Each HTTP request (default 30 s; image transfers 4x). */
    requestTimeoutMs?: number;
    /** Longest silence from the server while our prompt is queued or running (default 10 min). */
    idleTimeoutMs?: number;
    /** After a cancel, how long to wait for the server to confirm before giving up waiting (default 15 s). */
    cancelWaitMs?: number;
}

type Body = RunEvent extends infer E ? E extends RunEvent ? Omit<E, 'runId' | 'time'> : never : never;

export class ComfyUIExecutor implements Executor {
    readonly name = 'comfyui';

    constructor(private readonly options: ComfyUIExecutorOptions) {}

    async execute(request: ExecRequest): Promise<ExecResult> {
        const started = Date.now();
        const emit = (body: Body): void => request.emit({ ...body, runId: request.runId, time: Date.now() } as RunEvent);
        const done = (status: ExecResult['status'], executed: string[] = [], cached: string[] = [], message?: string): ExecResult => {
            const ms = Date.now() - started;
            emit({ event: 'run-end', status, ms, executed: executed.length, cached: cached.length });
            return { status, executed, cached, ms, ...(message ? { message } : {}) };
        };
        const fail = (message: string, code: string, node?: ExecNode): ExecResult => {
            emit({ event: 'error', message, code, ...(node ? { node: node.id, uri: node.uri, range: node.range } : {}) });
            return done('error', [], [], message);
        };

        let api: ApiPromptResult;
        try {
            api = toApiPrompt(request.graph, { comfyNode: this.options.comfyNode });
        } catch (e) {
            if (!(e instanceof ApiPromptError)) throw e;
            for (const p of e.problems) emit({ event: 'error', node: p.node, message: p.message, uri: p.uri, range: p.range, code: p.code });
            return done('error', [], [], e.message);
        }
        if (request.signal?.aborted) return done('cancelled');

        let client: ComfyClient;
        try {
            client = new ComfyClient(this.options.server, this.options.requestTimeoutMs);
        } catch (e) {
            return fail((e as Error).message, (e as ComfyError).code);
        }
        const clientId = randomUUID();
        const promptId = randomUUID();
        const inbox = new Inbox();
        let ws: WsClient;
        try {
            ws = await WsClient.connect(client.wsUrl(clientId), inbox.handlers, this.options.requestTimeoutMs);
        } catch (e) {
            const error = client.networkError(e as Error, 'the /ws connection');
            return fail(error.message, error.code);
        }
        try {
            try {
                await uploadInputImages(client, api, request.graph, request.flowDir);
                if (request.signal?.aborted) return done('cancelled');
                await client.queuePrompt(api.prompt, clientId, promptId);
            } catch (e) {
                if (e instanceof PromptRefused) {
                    const mapped = mapNodeErrors(e.nodeErrors, request.graph, api, this.options.argRange);
                    for (const m of mapped) emit({ event: 'error', ...m });
                    if (mapped.length === 0) emit({ event: 'error', message: e.message, code: 'comfyui-invalid' });
                    return done('error', [], [], e.message);
                }
                const node = (e as { node?: ExecNode }).node;
                return fail((e as Error).message, (e as { code?: string }).code ?? 'comfyui-http', node);
            }
            emit({
                event: 'run-start', version: 1, workflow: request.workflow, file: request.flowFile,
                backend: `ComfyUI at ${client.baseUrl}`, engine: 'comfyui', outputDir: request.outputDir,
                nodes: [...api.ids.values()].map(id => planned(request.graph, id)),
            });
            return await new RunFollower(request, api, client, promptId, inbox, this.options, emit, done).follow();
        } finally {
            ws.close();
        }
    }
}

function planned(graph: ExecGraph, id: string): { id: string; type: string; label: string; uri: string; range: ExecNode['range'] } {
    const n = graph.nodes.find(x => x.id === id)!;
    return { id: n.id, type: n.type, label: n.label, uri: n.uri, range: n.range };
}

/** One queued prompt, from `run-start` to `run-end`: ComfyUI's messages in, run events out. */
class RunFollower {
    private readonly byId: Map<string, ExecNode>;
    private readonly executed: string[] = [];
    private readonly cached: string[] = [];
    private current: { id: string; since: number } | undefined;
    private started = false;
    private cancelling = false;
    private previews = 0;
    private readonly lastProgress = new Map<string, string>();
    private readonly tempDir: string;

    constructor(
        private readonly request: ExecRequest,
        private readonly api: ApiPromptResult,
        private readonly client: ComfyClient,
        private readonly promptId: string,
        private readonly inbox: Inbox,
        private readonly options: ComfyUIExecutorOptions,
        private readonly emit: (body: Body) => void,
        private readonly done: (status: ExecResult['status'], executed?: string[], cached?: string[], message?: string) => ExecResult,
    ) {
        this.byId = new Map(request.graph.nodes.map(n => [n.id, n]));
        this.tempDir = path.join(os.tmpdir(), 'flowstudio', request.runId);
    }

    async follow(): Promise<ExecResult> {
        const signal = this.request.signal;
        const onAbort = (): void => this.inbox.push({ kind: 'cancel' });
        signal?.addEventListener('abort', onAbort, { once: true });
        if (signal?.aborted) onAbort();
        const idleMs = this.options.idleTimeoutMs ?? 600_000;
        let cancelDeadline = Infinity;
        try {
            for (;;) {
                const wait = Math.max(1, Math.min(idleMs, cancelDeadline - Date.now()));
                const item = await this.inbox.next(wait);
                switch (item.kind) {
                    case 'cancel':
                        if (this.cancelling) break;
                        this.cancelling = true;
                        // Out of the queue if it has not started; interrupted if it is the one running.
                        await this.client.deleteQueued(this.promptId).catch(() => undefined);
                        await this.client.interrupt(this.promptId).catch(() => undefined);
                        if (!this.started) return this.end('cancelled');
                        cancelDeadline = Date.now() + (this.options.cancelWaitMs ?? 15_000);
                        break;
                    case 'timeout':
                        if (this.cancelling) return this.end('cancelled');
                        await this.client.interrupt(this.promptId).catch(() => undefined);
                        await this.client.deleteQueued(this.promptId).catch(() => undefined);
                        return this.error(`no word from the ComfyUI server at ${this.client.baseUrl} for ${Math.round(idleMs / 1000)} s: the run was stopped`, 'comfyui-timeout');
                    case 'closed':
                        if (this.cancelling) return this.end('cancelled');
                        return this.error(`the ComfyUI server at ${this.client.baseUrl} went away during the run (${item.error?.message ?? 'the connection closed'})`, 'comfyui-unreachable');
                    case 'binary':
                        if (!this.cancelling) this.preview(item.data);
                        break;
                    case 'text': {
                        const result = await this.message(item.text);
                        if (result) return result;
                        break;
                    }
                }
            }
        } finally {
            signal?.removeEventListener('abort', onAbort);
        }
    }

    /** Handles one JSON message; returns the result when it ends the run. */
    private async message(text: string): Promise<ExecResult | undefined> {
        const message = parseTextMessage(text);
        if (!message || promptIdOf(message) !== this.promptId) return undefined;
        switch (message.type) {
            case 'execution_start':
                this.started = true;
                return undefined;
            case 'execution_cached':
                for (const comfyId of message.data.nodes) {
                    const node = this.node(comfyId);
                    if (!node || this.cached.includes(node.id)) continue;
                    this.cached.push(node.id);
                    this.emit({ event: 'node-cached', node: node.id, type: node.type, source: 'memory' });
                }
                return undefined;
            case 'executing': {
                this.started = true;
                const node = message.data.node === null ? undefined : this.node(message.data.node);
                if (!node || this.current?.id === node.id) return undefined;
                this.endCurrent();
                this.current = { id: node.id, since: Date.now() };
                if (!this.executed.includes(node.id)) this.executed.push(node.id);
                this.emit({ event: 'node-start', node: node.id, type: node.type });
                return undefined;
            }
            case 'progress':
                this.progress(message.data.node ?? undefined, message.data.value, message.data.max);
                return undefined;
            case 'progress_state':
                // Nodes without a progress bar of their own still go 0/1 → 1/1 here.
                for (const [comfyId, state] of Object.entries(message.data.nodes ?? {})) {
                    if (state.state === 'running' || state.state === 'finished') this.progress(comfyId, state.value, state.max);
                }
                return undefined;
            case 'executed': {
                const node = this.node(message.data.node);
                if (!node || this.cancelling) return undefined;
                try {
                    await this.saveImages(node, message.data.output);
                } catch (e) {
                    await this.client.interrupt(this.promptId).catch(() => undefined);
                    return this.error(`${node.label}: ${(e as Error).message}`, (e as { code?: string }).code ?? 'comfyui-output', node);
                }
                return undefined;
            }
            case 'execution_success':
                this.endCurrent();
                return this.end('success');
            case 'execution_error': {
                const node = this.node(message.data.node_id);
                const label = node?.label ?? `ComfyUI node ${message.data.node_id} (${message.data.node_type})`;
                return this.error(`${label}: ${message.data.exception_type}: ${message.data.exception_message.trim()}`, 'comfyui-error', node);
            }
            case 'execution_interrupted':
                if (this.cancelling) return this.end('cancelled');
                return this.error(`the run was interrupted on the ComfyUI server at ${this.client.baseUrl} (by another client of the server?)`, 'comfyui-interrupted');
            default:
                return undefined;
        }
    }

    /** A `progress` event for the running node, once per distinct value (both messages report the same steps). */
    private progress(comfyId: string | undefined, value: number, max: number): void {
        const node = comfyId ? this.node(comfyId) : this.current && this.byId.get(this.current.id);
        if (!node || node.id !== this.current?.id || this.cancelling) return;
        const key = `${value}/${max}`;
        if (this.lastProgress.get(node.id) === key) return;
        this.lastProgress.set(node.id, key);
        this.emit({ event: 'progress', node: node.id, value, max });
    }

    private node(comfyId: string): ExecNode | undefined {
        const id = this.api.ids.get(comfyId);
        return id ? this.byId.get(id) : undefined;
    }

    private endCurrent(): void {
        if (!this.current) return;
        const node = this.byId.get(this.current.id)!;
        this.emit({ event: 'node-end', node: node.id, type: node.type, ms: Date.now() - this.current.since });
        this.current = undefined;
    }

    private end(status: ExecResult['status'], message?: string): ExecResult {
        return this.done(status, this.executed, this.cached, message);
    }

    private error(message: string, code: string, node?: ExecNode): ExecResult {
        this.emit({ event: 'error', message, code, ...(node ? { node: node.id, uri: node.uri, range: node.range } : {}) });
        return this.end('error', message);
    }

    /** ComfyUI's preview frames (samplers' latent previews) as `preview` events of the running node. */
    private preview(frame: Buffer): void {
        const preview = parsePreviewFrame(frame);
        if (!preview || (preview.promptId && preview.promptId !== this.promptId)) return;
        const node = (preview.node && this.node(preview.node)) || (this.current && this.byId.get(this.current.id));
        const size = imageSize(preview.image);
        if (!node || !size) return;
        const step = ++this.previews;
        const file = path.join(this.tempDir, `${node.id.replace(/[^\w.-]+/g, '_')}-preview-${String(step).padStart(6, '0')}.${preview.extension}`);
        writeFileAtomic(file, preview.image);
        this.emit({ event: 'preview', node: node.id, path: file, step, width: size.width, height: size.height });
    }

    /** Fetches an output node's images into the output folder (saved) or the run's temp folder (previews). */
    private async saveImages(node: ExecNode, output: ExecutedOutput | null): Promise<void> {
        const images = output?.images ?? [];
        if (images.length === 0) return;
        const comfyId = this.api.comfyIds.get(node.id)!;
        const prefix = this.api.prompt[comfyId].inputs.filename_prefix;
        const text = { workflow: this.request.flowSource, prompt: JSON.stringify(this.api.prompt) };
        const args = this.producerArgs(node);
        for (const ref of images) {
            const bytes = await this.client.view(ref);
            const data = isPng(bytes) ? withTextChunks(bytes, text) : bytes;
            const size = imageSize(bytes) ?? { width: 0, height: 0 };
            const saved = ref.type === 'output';
            const file = saved ? this.savePath(ref, typeof prefix === 'string' ? prefix : undefined, data) : this.tempPath(node, data);
            this.emit({ event: 'image', node: node.id, path: file, width: size.width, height: size.height, saved, ...(args ? { args } : {}) });
        }
    }

    /** `<prefix>_00001.png`, numbered as a local SaveImages does, never overwriting. */
    private savePath(ref: ImageRef, prefix: string | undefined, data: Buffer): string {
        const extension = path.extname(ref.filename) || '.png';
        const target = prefix !== undefined
            ? confinedPath(this.request.outputDir, prefix, 'filename prefix')
            : confinedPath(this.request.outputDir, path.join(ref.subfolder, path.basename(ref.filename, extension)), 'ComfyUI output name');
        const dir = path.dirname(target);
        const base = path.basename(target);
        return writeNewFile(dir, n => numberedName(base, n, extension), nextCounter(dir, base, extension), data).file;
    }

    private tempPath(node: ExecNode, data: Buffer): string {
        const stem = node.id.replace(/[^\w.-]+/g, '_');
        return writeNewFile(this.tempDir, n => numberedName(stem, n, '.png'), 1, data).file;
    }

    /** The node feeding `images` and its arguments, as a local run's image events carry them. */
    private producerArgs(node: ExecNode): Record<string, unknown> | undefined {
        const wire = node.wires.images ?? node.wires.image;
        const producer = wire ? this.byId.get(wire.node) : undefined;
        return producer ? { node: producer.label, type: producer.type, ...producer.params } : undefined;
    }
}
