/**
 * ComfyUIExecutor against the real ComfyUI server (no mocks): weight-free workflows run there,
 * their images come back into the output folder with the right pixels and chunks, progress
 * streams, a cancel stops the run with nothing written, and refusals, wrong URLs, silences and a
 * server killed mid-run end the run `error` with a clear message.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ExecResult } from '../../catalog/src/executor.js';
import type { ExecGraph, ExecNode, SourceRange } from '../../catalog/src/graph.js';
import type { NodeSchema } from '../../catalog/src/schema.js';
import type { RunEvent } from '../../catalog/src/run-events.js';
import { ComfyClient } from '../../comfyui/src/executor/comfy-client.js';
import { objectInfoToPack } from '../../comfyui/src/object-info.js';
import { ComfyUIExecutor, type ComfyUIExecutorOptions } from '../../comfyui/src/executor/comfyui-executor.js';
import { decodePng, encodePng, readPngText } from '../../engine/src/util/png.js';
import { freePort, startComfy, stopComfy } from './comfyui-server.js';
import { comfyServer } from './hooks.js';

const range = (line: number): SourceRange => ({ start: { line, character: 4 }, end: { line, character: 40 } });

function node(id: string, type: string, params: ExecNode['params'] = {}, wires: Record<string, string> = {}, isOutput = false): ExecNode {
    const w = Object.fromEntries(Object.entries(wires).map(([k, v]) => { const [n, o] = v.split('.'); return [k, { node: n, output: o }]; }));
    return { id, type, params, wires: w, isOutput, uri: 'file:///w/test.flow', range: range(1), label: id };
}

/** The server's nodes as the language's ComfyUI pack has them (what a CLI run looks types up in). */
async function serverNodes(url: string): Promise<(type: string) => NodeSchema | undefined> {
    const client = new ComfyClient(url);
    const { pack } = objectInfoToPack(await client.objectInfo(), { id: `comfyui:${client.baseUrl}`, label: client.baseUrl });
    const byName = new Map(pack.nodes.map(n => [n.name, n]));
    return type => byName.get(type);
}

interface Run { result: ExecResult; events: RunEvent[]; dir: string; outputDir: string }

async function run(url: string, nodes: ExecNode[], options: Partial<ComfyUIExecutorOptions> & { signal?: AbortSignal; onEvent?: (e: RunEvent) => void; dir?: string; nodesFrom?: string } = {}): Promise<Run> {
    const dir = options.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'fs-comfy-run-'));
    const outputDir = path.join(dir, 'flow-output', 'W');
    const events: RunEvent[] = [];
    const graph: ExecGraph = { workflow: 'W', uri: 'file:///w/test.flow', nodes };
    const executor = new ComfyUIExecutor({ server: url, comfyNode: await serverNodes(options.nodesFrom ?? url), ...options });
    const result = await executor.execute({
        graph, workflow: 'W', flowFile: path.join(dir, 'test.flow'), flowDir: dir, outputDir, flowSource: 'workflow W { }\n', runId: `t${Date.now()}`,
        emit: e => { events.push(e); options.onEvent?.(e); }, signal: options.signal,
    });
    return { result, events, dir, outputDir };
}

/** run-start … run-end, each node's events between its node-start and node-end. */
function assertWellOrdered(events: RunEvent[]): void {
    assert.equal(events[0].event, 'run-start');
    assert.equal(events.at(-1)!.event, 'run-end');
    assert.equal(events.filter(e => e.event === 'run-end').length, 1);
    let open: string | undefined;
    for (const e of events.slice(1, -1)) {
        if (e.event === 'node-start') { assert.equal(open, undefined, `node-start ${e.node} while ${open} runs`); open = e.node; }
        if (e.event === 'node-end') { assert.equal(e.node, open); open = undefined; }
        if (e.event === 'progress') assert.equal(e.node, open, 'progress belongs to the running node');
    }
}

const images = (events: RunEvent[]) => events.filter((e): e is Extract<RunEvent, { event: 'image' }> => e.event === 'image');
const files = (dir: string): string[] => (fs.existsSync(dir) ? fs.readdirSync(dir, { recursive: true }).map(String).filter(f => fs.statSync(path.join(dir, f)).isFile()) : []);
/** A color ComfyUI has not cached yet: its cache keys on inputs. */
let salt = Math.floor(Math.random() * 1000);
const fresh = (): number => ++salt;

describe('ComfyUI server: runs', function () {
    let url: string;
    before(function () { url = comfyServer(this).url; });

    it('serves /object_info with the weight-free nodes', async () => {
        const info = await new ComfyClient(url).objectInfo();
        for (const name of ['EmptyImage', 'LoadImage', 'ImageScale', 'ImageInvert', 'ImageBlur', 'ImageBlend', 'SolidMask', 'InvertMask', 'MaskToImage', 'EmptyLatentImage', 'LatentUpscaleBy', 'SaveImage', 'PreviewImage']) {
            assert.ok(info[name], name);
        }
    });

    it('EmptyImage → ImageInvert → SaveImages: inverted pixels, the .flow source and the prompt embedded', async () => {
        const color = 0x336600 + fresh();
        const { result, events, outputDir } = await run(url, [
            node('blank', 'EmptyImage', { width: 24, height: 16, batch_size: 2, color }),
            node('inv', 'ImageInvert', {}, { image: 'blank.IMAGE' }),
            node('SaveImages#1', 'SaveImages', { prefix: 'inv/img' }, { images: 'inv.IMAGE' }, true),
        ]);
        assert.equal(result.status, 'success', result.message);
        assert.deepEqual(result.executed, ['blank', 'inv', 'SaveImages#1']);
        assertWellOrdered(events);
        const start = events[0] as Extract<RunEvent, { event: 'run-start' }>;
        assert.equal(start.engine, 'comfyui');
        assert.match(start.backend, /ComfyUI at http:\/\/127\.0\.0\.1:\d+/);
        const saved = images(events);
        assert.deepEqual(saved.map(e => path.relative(outputDir, e.path)), [path.join('inv', 'img_00001.png'), path.join('inv', 'img_00002.png')]);
        assert.ok(saved.every(e => e.saved && e.width === 24 && e.height === 16 && e.node === 'SaveImages#1'));
        const bytes = fs.readFileSync(saved[0].path);
        const png = decodePng(bytes);
        const expected = [255 - ((color >> 16) & 255), 255 - ((color >> 8) & 255), 255 - (color & 255)];
        for (let c = 0; c < 3; c++) assert.ok(Math.abs(png.rgba[c] - expected[c]) <= 1, `channel ${c}: ${png.rgba[c]} vs ${expected[c]}`);
        const text = readPngText(bytes);
        assert.equal(text.workflow, 'workflow W { }\n');
        assert.equal(JSON.parse(text.prompt)['3'].class_type, 'SaveImage');
        assert.deepEqual(files(outputDir).sort(), [path.join('inv', 'img_00001.png'), path.join('inv', 'img_00002.png')]);
        // Progress streamed for the nodes that ran, within their node-start/node-end.
        assert.ok(events.some(e => e.event === 'progress' && e.node === 'inv' && e.value === e.max));
    });

    it('uploads a workspace PNG for LoadImage, then ImageScale → ImageBlend → SaveImages', async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fs-comfy-upload-'));
        // 2 x 2: red, green / blue, white; a fresh shade so the server's cache cannot serve it.
        const shade = 200 + (fresh() % 50);
        fs.writeFileSync(path.join(dir, 'input.png'), encodePng({ width: 2, height: 2, channels: 3, data: new Uint8Array([shade, 0, 0, 0, shade, 0, 0, 0, shade, 255, 255, 255]) }));
        const { result, events } = await run(url, [
            node('photo', 'LoadImage', { image: 'input.png' }),
            node('big', 'ImageScale', { upscale_method: 'nearest-exact', width: 4, height: 4, crop: 'disabled' }, { image: 'photo.IMAGE' }),
            node('gray', 'EmptyImage', { width: 4, height: 4, batch_size: 1, color: 0x000000 }),
            node('mixed', 'ImageBlend', { blend_factor: 0.25, blend_mode: 'normal' }, { image1: 'big.IMAGE', image2: 'gray.IMAGE' }),
            node('SaveImages#1', 'SaveImages', { prefix: 'blend' }, { images: 'mixed.IMAGE' }, true),
        ], { dir });
        assert.equal(result.status, 'success', result.message);
        assertWellOrdered(events);
        const [image] = images(events);
        const png = decodePng(fs.readFileSync(image.path));
        assert.equal(png.width, 4);
        const at = (x: number, y: number) => [...png.rgba.slice((y * 4 + x) * 4, (y * 4 + x) * 4 + 3)];
        const near = (got: number[], want: number[]) => got.every((v, i) => Math.abs(v - want[i]) <= 1);
        const f = 0.75; // image1 * (1 - 0.25) + black * 0.25
        assert.ok(near(at(0, 0), [shade * f, 0, 0]), `top-left ${at(0, 0)}`);
        assert.ok(near(at(3, 0), [0, shade * f, 0]), `top-right ${at(3, 0)}`);
        assert.ok(near(at(1, 3), [0, 0, shade * f]), `bottom-left ${at(1, 3)}`);
        assert.ok(near(at(3, 3), [255 * f, 255 * f, 255 * f]), `bottom-right ${at(3, 3)}`);
    });

    it('mask and latent operations: SolidMask → InvertMask → MaskToImage, EmptyLatentImage → LatentUpscaleBy → SaveLatent', async () => {
        const value = (fresh() % 50) / 100;
        const { result, events } = await run(url, [
            node('solid', 'SolidMask', { value, width: 8, height: 8 }),
            node('inverted', 'InvertMask', {}, { mask: 'solid.MASK' }),
            node('shown', 'MaskToImage', {}, { mask: 'inverted.MASK' }),
            node('PreviewImage#1', 'PreviewImage', {}, { images: 'shown.IMAGE' }, true),
            node('latent', 'EmptyLatentImage', { width: 64, height: 64, batch_size: 1 + (salt % 3) }),
            node('bigger', 'LatentUpscaleBy', { upscale_method: 'nearest-exact', scale_by: 2 }, { samples: 'latent.LATENT' }),
            node('SaveLatent#1', 'SaveLatent', { filename_prefix: 'latents/flowstudio-test' }, { samples: 'bigger.LATENT' }, true),
        ]);
        assert.equal(result.status, 'success', result.message);
        assertWellOrdered(events);
        assert.deepEqual([...result.executed].sort(), ['PreviewImage#1', 'SaveLatent#1', 'bigger', 'inverted', 'latent', 'shown', 'solid']);
        const [preview] = images(events);
        assert.equal(preview.saved, false);
        assert.ok(preview.path.startsWith(path.join(os.tmpdir(), 'flowstudio')));
        const png = decodePng(fs.readFileSync(preview.path));
        assert.ok(Math.abs(png.rgba[0] - Math.round((1 - value) * 255)) <= 1, `${png.rgba[0]} for mask ${1 - value}`);
    });

    it('a second identical run is served from the server\'s cache and still delivers its images', async () => {
        const nodes = [
            node('blank', 'EmptyImage', { width: 8, height: 8, batch_size: 1, color: fresh() }),
            node('SaveImages#1', 'SaveImages', { prefix: 'again' }, { images: 'blank.IMAGE' }, true),
        ];
        const first = await run(url, nodes);
        assert.equal(first.result.status, 'success');
        const second = await run(url, nodes);
        assert.equal(second.result.status, 'success');
        assert.deepEqual(second.result.cached, ['blank', 'SaveImages#1']);
        assert.deepEqual(second.events.filter(e => e.event === 'node-cached').map(e => (e as { node: string }).node), ['blank', 'SaveImages#1']);
        assert.equal(images(second.events).length, 1);
        assert.ok(fs.existsSync(images(second.events)[0].path));
    });
});

/** A run long enough to act on while it runs: a big blur, then another. */
const slowChain = (): ExecNode[] => [
    node('blank', 'EmptyImage', { width: 512, height: 512, batch_size: 2, color: fresh() }),
    node('blur', 'ImageBlur', { blur_radius: 31, sigma: 10 }, { image: 'blank.IMAGE' }),
    node('blur2', 'ImageBlur', { blur_radius: 31, sigma: 10 }, { image: 'blur.IMAGE' }),
    node('SaveImages#1', 'SaveImages', { prefix: 'slow' }, { images: 'blur2.IMAGE' }, true),
];

/**
 * One node that computes for seconds without a message (ImageBlur sends no progress): on a quiet,
 * fast machine slowChain's 512 x 512 blurs finish within the 1 s the idle test allows.
 */
const silentChain = (): ExecNode[] => [
    node('blank', 'EmptyImage', { width: 1536, height: 1536, batch_size: 2, color: fresh() }),
    node('blur', 'ImageBlur', { blur_radius: 31, sigma: 10 }, { image: 'blank.IMAGE' }),
    node('SaveImages#1', 'SaveImages', { prefix: 'silent' }, { images: 'blur.IMAGE' }, true),
];

describe('ComfyUI server: cancel, refusals and failures', function () {
    let url: string;
    before(function () { url = comfyServer(this).url; });

    it('cancel mid-run interrupts the prompt: status cancelled, nothing written, the server free again', async () => {
        const controller = new AbortController();
        const { result, events, outputDir } = await run(url, slowChain(), {
            signal: controller.signal,
            onEvent: e => { if (e.event === 'node-start' && e.node === 'blur') controller.abort(); },
        });
        assert.equal(result.status, 'cancelled', result.message);
        assert.equal(events.at(-1)!.event, 'run-end');
        assert.equal((events.at(-1) as { status: string }).status, 'cancelled');
        assert.ok(!events.some(e => e.event === 'image' || e.event === 'error'));
        assert.deepEqual(files(path.dirname(outputDir)), []);
        const after = await run(url, [node('b', 'EmptyImage', { width: 4, height: 4, batch_size: 1, color: fresh() }), node('p', 'PreviewImage', {}, { images: 'b.IMAGE' }, true)]);
        assert.equal(after.result.status, 'success');
    });

    it('a prompt ComfyUI refuses (a missing checkpoint) becomes errors on the argument\'s line', async () => {
        const argLine = range(7);
        const { result, events } = await run(url, [
            node('ckpt', 'CheckpointLoaderSimple', { ckpt_name: 'no-such-model.safetensors' }),
            node('latent', 'EmptyLatentImage', { width: 64, height: 64, batch_size: 1 }),
            node('pos', 'CLIPTextEncode', { text: 'a cat' }, { clip: 'ckpt.CLIP' }),
            node('sampled', 'KSampler', { seed: 1, steps: 2, cfg: 7, sampler_name: 'euler', scheduler: 'normal', denoise: 1 }, { model: 'ckpt.MODEL', positive: 'pos.CONDITIONING', negative: 'pos.CONDITIONING', latent_image: 'latent.LATENT' }),
            node('image', 'VAEDecode', {}, { samples: 'sampled.LATENT', vae: 'ckpt.VAE' }),
            node('SaveImages#1', 'SaveImages', { prefix: 'cat' }, { images: 'image.IMAGE' }, true),
        ], { argRange: (n, arg) => (n === 'ckpt' && arg === 'ckpt_name' ? argLine : undefined) });
        assert.equal(result.status, 'error');
        assert.ok(!events.some(e => e.event === 'run-start'), 'a refused prompt never starts');
        const errors = events.filter((e): e is Extract<RunEvent, { event: 'error' }> => e.event === 'error');
        const ckpt = errors.find(e => e.node === 'ckpt');
        assert.ok(ckpt, JSON.stringify(errors));
        assert.match(ckpt.message, /^ckpt: ckpt_name: Value not in list/);
        assert.deepEqual(ckpt.range, argLine);
        assert.equal(ckpt.code, 'comfyui-invalid');
    });

    it('a wrong URL and a URL that is not one: a clear error, the run ends error', async () => {
        const port = await freePort();
        const refused = await run(`http://127.0.0.1:${port}`, slowChain(), { nodesFrom: url });
        assert.equal(refused.result.status, 'error');
        assert.match(refused.result.message!, new RegExp(`cannot reach the ComfyUI server at http://127\\.0\\.0\\.1:${port} \\(connection refused\\)`));
        assert.deepEqual(refused.events.map(e => e.event), ['error', 'run-end']);
        const notUrl = await run('localhost:8188', slowChain(), { nodesFrom: url });
        assert.match(notUrl.result.message!, /is not an http\(s\) URL/);
        const notComfy = await run(`${url}/nowhere`, slowChain(), { nodesFrom: url });
        assert.equal(notComfy.result.status, 'error');
        assert.match(notComfy.result.message!, /^ComfyUI at http:\/\/127\.0\.0\.1:\d+\/nowhere answered HTTP 404 to the \/ws connection: is this a ComfyUI server\?$/);
    });

    it('silence beyond the idle timeout stops the run with an error', async () => {
        const { result, events, outputDir } = await run(url, silentChain(), { idleTimeoutMs: 1000 });
        assert.equal(result.status, 'error');
        assert.match(result.message!, /no word from the ComfyUI server .* for 1 s/);
        assert.equal(events.at(-1)!.event, 'run-end');
        assert.deepEqual(files(outputDir), []);
    });
});

describe('ComfyUI server: a server that goes away mid-run', function () {
    it('ends the run with an error saying so, nothing half-written', async function () {
        comfyServer(this);
        this.timeout(300_000);
        const own = await startComfy();
        try {
            const { result, events, outputDir } = await run(own.url, slowChain(), {
                onEvent: e => { if (e.event === 'node-start' && e.node === 'blur') process.kill(own.pid, 'SIGKILL'); },
            });
            assert.equal(result.status, 'error');
            assert.match(result.message!, /went away during the run/);
            assert.equal(events.at(-1)!.event, 'run-end');
            assert.deepEqual(files(outputDir), []);
        } finally {
            await stopComfy(own);
        }
    });
});
