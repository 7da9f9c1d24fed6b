/**
 * The pure parts of the ComfyUI executor: PNG chunk rewriting (pixels untouched), image sizes,
 * preview frames (which only samplers with weights send, so the integration suite never sees
 * one), and node_errors mapped to arguments.
 */
import assert from 'node:assert/strict';
import type { ExecGraph } from '../../../catalog/src/graph.js';
import { toApiPrompt } from '../../../comfyui/src/api-prompt.js';
import { parsePreviewFrame, parseTextMessage, promptIdOf } from '../../../comfyui/src/executor/messages.js';
import { mapNodeErrors } from '../../../comfyui/src/executor/node-errors.js';
import { imageSize, withTextChunks } from '../../../comfyui/src/executor/png-text.js';
import { encodePng, readPngText } from '../../../engine/src/util/png.js';

function chunks(png: Buffer): Array<{ type: string; data: Buffer }> {
    const out = [];
    for (let pos = 8; pos < png.length;) {
        const length = png.readUInt32BE(pos);
        out.push({ type: png.toString('latin1', pos + 4, pos + 8), data: png.subarray(pos + 8, pos + 8 + length) });
        pos += 12 + length;
    }
    return out;
}

describe('comfyui executor: PNG text chunks', () => {
    const original = encodePng({ width: 3, height: 2, channels: 3, data: new Uint8Array(18).map((_, i) => i * 13) }, { prompt: '{"1":{}}', workflow: '{"nodes":[]}', other: 'kept' });

    it('replaces prompt and workflow, keeps other chunks and the pixel data byte for byte', () => {
        const rewritten = withTextChunks(original, { workflow: 'workflow W { }', prompt: '{"2":{"class_type":"SaveImage"}}' });
        const text = readPngText(rewritten);
        assert.deepEqual(text, { other: 'kept', workflow: 'workflow W { }', prompt: '{"2":{"class_type":"SaveImage"}}' });
        const idat = (png: Buffer) => Buffer.concat(chunks(png).filter(c => c.type === 'IDAT').map(c => c.data));
        assert.ok(idat(rewritten).equals(idat(original)));
        assert.equal(chunks(rewritten).at(-1)!.type, 'IEND');
        assert.equal(chunks(rewritten)[0].type, 'IHDR');
    });

    it('writes text outside Latin-1 as UTF-8 iTXt, and refuses what is not a PNG', () => {
        const rewritten = withTextChunks(original, { workflow: 'prompt: "ein Kätzchen 🐱"' });
        assert.equal(readPngText(rewritten).workflow, 'prompt: "ein Kätzchen 🐱"');
        assert.throws(() => withTextChunks(Buffer.from('GIF89a....................................'), {}), /not a PNG/);
        assert.throws(() => withTextChunks(original.subarray(0, original.length - 20), {}), /truncated/);
    });

    it('reads the size of a PNG and of a JPEG', () => {
        assert.deepEqual(imageSize(original), { width: 3, height: 2 });
        // SOI, APP0 (length 16), SOF0: length 17, precision 8, height 480, width 640
        const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, ...new Array(14).fill(0), 0xff, 0xc0, 0x00, 0x11, 0x08, 0x01, 0xe0, 0x02, 0x80, 0x03, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        assert.deepEqual(imageSize(jpeg), { width: 640, height: 480 });
        assert.equal(imageSize(Buffer.from('not an image')), undefined);
    });
});

describe('comfyui executor: websocket messages', () => {
    it('parses JSON messages and their prompt ids; unknown types pass as other', () => {
        const m = parseTextMessage('{"type":"executing","data":{"node":"3","display_node":"3","prompt_id":"p1"}}');
        assert.equal(m?.type, 'executing');
        assert.equal(promptIdOf(m!), 'p1');
        assert.equal(parseTextMessage('{"type":"crystools.monitor","data":{}}')?.type, 'other');
        assert.equal(parseTextMessage('not json'), undefined);
        assert.equal(promptIdOf(parseTextMessage('{"type":"status","data":{"status":{}}}')!), undefined);
    });

    it('parses preview frames: type 1 (image type + image) and type 4 (metadata + image)', () => {
        const image = Buffer.from([0xff, 0xd8, 1, 2, 3]);
        const head = (...n: number[]) => Buffer.concat(n.map(v => { const b = Buffer.alloc(4); b.writeUInt32BE(v); return b; }));
        const old = parsePreviewFrame(Buffer.concat([head(1, 1), image]));
        assert.deepEqual(old, { extension: 'jpg', image });
        const meta = Buffer.from(JSON.stringify({ node_id: '7', prompt_id: 'p1', image_type: 'image/png' }));
        const withMeta = parsePreviewFrame(Buffer.concat([head(4, meta.length), meta, image]));
        assert.deepEqual(withMeta, { node: '7', promptId: 'p1', extension: 'png', image });
        assert.equal(parsePreviewFrame(Buffer.concat([head(3, 0), Buffer.from('text')])), undefined);
        assert.equal(parsePreviewFrame(Buffer.from([0, 0])), undefined);
    });
});

describe('comfyui executor: node_errors', () => {
    const at = (line: number) => ({ start: { line, character: 4 }, end: { line, character: 30 } });
    const graph: ExecGraph = {
        workflow: 'W', uri: 'file:///w/a.flow', nodes: [
            { id: 'ckpt', type: 'CheckpointLoaderSimple', isOutput: false, params: { ckpt_name: 'x.safetensors' }, wires: {}, uri: 'file:///w/a.flow', range: at(1), label: 'ckpt' },
            { id: 'latent', type: 'EmptyLatentImage', isOutput: false, params: { width: 8, height: 8, batch_size: 1 }, wires: {}, uri: 'file:///w/a.flow', range: at(2), label: 'latent' },
            { id: 'save', type: 'SaveImages', isOutput: true, params: { prefix: 'p' }, wires: { images: { node: 'dec', output: 'IMAGE' } }, uri: 'file:///w/a.flow', range: at(4), label: 'save' },
            { id: 'dec', type: 'VAEDecode', isOutput: false, params: {}, wires: { samples: { node: 'latent', output: 'LATENT' }, vae: { node: 'ckpt', output: 'VAE' } }, uri: 'file:///w/a.flow', range: at(3), label: 'dec' },
        ],
    };

    it('puts each error on the argument ComfyUI names (through renamed inputs), else on the statement', () => {
        const api = toApiPrompt(graph);
        const errors = mapNodeErrors({
            [api.comfyIds.get('ckpt')!]: { class_type: 'CheckpointLoaderSimple', errors: [{ type: 'value_not_in_list', message: 'Value not in list', details: "ckpt_name: 'x.safetensors' not in []", extra_info: { input_name: 'ckpt_name' } }] },
            [api.comfyIds.get('save')!]: { class_type: 'SaveImage', errors: [{ type: 'custom', message: 'Bad prefix', details: '', extra_info: { input_name: 'filename_prefix' } }, { type: 'other', message: 'Something', details: 'else' }] },
            999: { class_type: 'Ghost', errors: [{ type: 'x', message: 'Lost', details: '' }] },
        }, graph, api, (node, arg) => (node === 'ckpt' && arg === 'ckpt_name' ? at(11) : node === 'save' && arg === 'prefix' ? at(14) : undefined));
        assert.deepEqual(errors.map(e => [e.node, e.range?.start.line, e.message]), [
            ['ckpt', 11, "ckpt: ckpt_name: Value not in list: ckpt_name: 'x.safetensors' not in [] (ComfyUI value_not_in_list)"],
            ['save', 14, 'save: prefix: Bad prefix (ComfyUI custom)'],
            ['save', 4, 'save: Something: else (ComfyUI other)'],
            [undefined, undefined, 'ComfyUI node 999 (Ghost): Lost (ComfyUI x)'],
        ]);
        assert.ok(errors.every(e => e.code === 'comfyui-invalid'));
    });
});
