/**
 * Drives the real language server (`flowstudio lsp --stdio`) with generated and mutated `.flow`
 * inputs (flow-generator.ts): each input is sent as didOpen or didChange, then one random request
 * at a random position. Counts what must never happen: crashes (the process ends), hangs (no
 * answer in time), unexpected errors (error responses other than a cancellation), logged
 * exceptions (error log messages, stderr) and stale answers (ranges outside the text just sent,
 * folding ranges that end before they start). Every failure keeps its input index and text.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient } from '../lsp/lsp-client.js';
import { generateInput, Random } from './flow-generator.js';

export interface FuzzOptions {
    /** Inputs to send (the run also stops at `timeBudgetMs`). */
    n: number;
    seed: number;
    timeBudgetMs?: number;
    /** A request without an answer after this long is a hang. */
    requestTimeoutMs?: number;
    onProgress?(done: number, stats: FuzzStats): void;
}

export type FailureKind = 'crash' | 'hang' | 'error' | 'log' | 'stale';

export interface Failure { kind: FailureKind; input: number; method: string; detail: string; text: string }

export interface FuzzStats { inputs: number; crashes: number; hangs: number; errors: number; logged: number; stale: number; failures: Failure[] }

const REQUEST_CANCELLED = -32800;

type Position = { line: number; character: number };
const REQUESTS: Array<[string, (uri: string, at: Position, random: Random) => unknown]> = [
    ['textDocument/completion', (uri, position) => ({ textDocument: { uri }, position })],
    ['textDocument/hover', (uri, position) => ({ textDocument: { uri }, position })],
    ['textDocument/definition', (uri, position) => ({ textDocument: { uri }, position })],
    ['textDocument/references', (uri, position) => ({ textDocument: { uri }, position, context: { includeDeclaration: true } })],
    ['textDocument/documentHighlight', (uri, position) => ({ textDocument: { uri }, position })],
    ['textDocument/rename', (uri, position, random) => ({ textDocument: { uri }, position, newName: random.pick(['renamed', 'x1', 'bad name', '']) })],
    ['textDocument/prepareRename', (uri, position) => ({ textDocument: { uri }, position })],
    ['textDocument/formatting', uri => ({ textDocument: { uri }, options: { tabSize: 4, insertSpaces: true } })],
    ['textDocument/documentSymbol', uri => ({ textDocument: { uri } })],
    ['textDocument/foldingRange', uri => ({ textDocument: { uri } })],
    ['textDocument/semanticTokens/full', uri => ({ textDocument: { uri } })],
    ['textDocument/codeLens', uri => ({ textDocument: { uri } })],
    ['textDocument/codeAction', (uri, position) => ({ textDocument: { uri }, range: { start: position, end: position }, context: { diagnostics: [] } })],
    ['flowstudio/graph', uri => ({ uri })],
];

export async function fuzzServer(options: FuzzOptions): Promise<FuzzStats> {
    const random = new Random(options.seed);
    const root = mkdtempSync(join(tmpdir(), 'flow-fuzz-'));
    const timeout = options.requestTimeoutMs ?? 10_000;
    const deadline = performance.now() + (options.timeBudgetMs ?? Infinity);
    const stats: FuzzStats = { inputs: 0, crashes: 0, hangs: 0, errors: 0, logged: 0, stale: 0, failures: [] };
    let client = await start(root);
    let logSeen = 0;
    let stderrSeen = 0;
    let uri = '';
    let version = 0;

    const fail = (kind: FailureKind, input: number, method: string, detail: string, text: string) => {
        stats.failures.push({ kind, input, method, detail: detail.slice(0, 2000), text });
        if (kind === 'crash') stats.crashes++;
        else if (kind === 'hang') stats.hangs++;
        else if (kind === 'error') stats.errors++;
        else if (kind === 'log') stats.logged++;
        else stats.stale++;
    };

    for (let i = 0; i < options.n && performance.now() < deadline; i++) {
        const text = generateInput(random);
        if (i % 25 === 0 || !uri) {
            if (uri) await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } }).catch(() => undefined);
            uri = pathToFileURL(join(root, `input-${i}.flow`)).toString();
            version = 1;
            await client.open(uri, text, version).catch(() => undefined);
        } else {
            await client.change(uri, text, ++version).catch(() => undefined);
        }
        const [method, params] = random.pick(REQUESTS);
        const at = randomPosition(random, text);
        let answer: unknown;
        let hung = false;
        try {
            answer = await withTimeout(client.request(method, params(uri, at, random)), timeout);
        } catch (e) {
            const error = e as { code?: number; message?: string };
            if (error.message === 'timeout') hung = true;
            else if (!client.exited && error.code !== REQUEST_CANCELLED) fail('error', i, method, `${error.code}: ${error.message}`, text);
        }
        stats.inputs++;
        if (client.exited || hung) {
            fail(client.exited ? 'crash' : 'hang', i, method, client.stderr.slice(-20).join('\n'), text);
            client.kill();
            client = await start(root);
            logSeen = stderrSeen = 0;
            uri = '';
            continue;
        }
        const stale = staleness(method, answer, text);
        if (stale) fail('stale', i, method, stale, text);
        const logs = client.notifications.filter(n => n.method === 'window/logMessage' && (n.params as { type: number }).type === 1);
        for (const log of logs.slice(logSeen)) fail('log', i, method, (log.params as { message: string }).message, text);
        logSeen = logs.length;
        for (const line of client.stderr.slice(stderrSeen)) fail('log', i, method, `stderr: ${line}`, text);
        stderrSeen = client.stderr.length;
        options.onProgress?.(i + 1, stats);
    }
    await client.shutdown();
    return stats;
}

async function start(root: string): Promise<LspClient> {
    const client = new LspClient(process.cwd(), { captureStderr: true });
    await client.initialize(pathToFileURL(root).toString());
    return client;
}

function randomPosition(random: Random, text: string): Position {
    const lines = text.split(/\r\n|\r|\n/);
    const line = random.chance(0.05) ? lines.length + random.int(3) : random.int(lines.length);
    const length = lines[Math.min(line, lines.length - 1)]?.length ?? 0;
    return { line, character: random.chance(0.05) ? length + 5 : random.int(length + 1) };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
    return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('timeout')), ms);
        promise.then(v => { clearTimeout(timer); resolve(v); }, e => { clearTimeout(timer); reject(e); });
    });
}

/** Why an answer cannot be about `text` (the text just sent), or undefined. */
export function staleness(method: string, answer: unknown, text: string): string | undefined {
    // LSP lines end at \r\n, \r or \n.
    const lineCount = text.split(/\r\n|\r|\n/).length;
    const outside = (line: number) => line < 0 || line >= lineCount;
    if (method === 'textDocument/foldingRange' && Array.isArray(answer)) {
        const bad = answer.find((r: { startLine: number; endLine: number }) => r.endLine < r.startLine || outside(r.startLine) || outside(r.endLine));
        return bad && `folding range ${JSON.stringify(bad)} in a ${lineCount}-line text`;
    }
    if (method === 'textDocument/documentSymbol' && Array.isArray(answer)) {
        const ranges: Array<{ start: Position; end: Position }> = [];
        const walk = (symbols: Array<{ range: { start: Position; end: Position }; children?: unknown[] }>) => {
            for (const s of symbols) { ranges.push(s.range); if (s.children) walk(s.children as typeof symbols); }
        };
        walk(answer);
        const bad = ranges.find(r => outside(r.start.line) || outside(r.end.line));
        return bad && `symbol range ${JSON.stringify(bad)} in a ${lineCount}-line text`;
    }
    if (method === 'textDocument/semanticTokens/full' && answer && typeof answer === 'object') {
        const data = (answer as { data: number[] }).data;
        let line = 0;
        for (let k = 0; k < data.length; k += 5) line += data[k];
        return data.length && outside(line) ? `semantic token on line ${line} of a ${lineCount}-line text` : undefined;
    }
    if (method === 'flowstudio/graph' && answer && typeof answer === 'object') {
        const nodes = (answer as { workflows?: Array<{ nodes: Array<{ range: { start: Position; end: Position } }> }> }).workflows?.flatMap(w => w.nodes) ?? [];
        const bad = nodes.find(n => outside(n.range.start.line) || outside(n.range.end.line));
        return bad && `graph node range ${JSON.stringify(bad.range)} in a ${lineCount}-line text`;
    }
    return undefined;
}
