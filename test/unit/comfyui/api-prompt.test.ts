/**
 * The API prompt: built-ins through the node map, ComfyUI pack nodes as themselves, wires as
 * [id, outputIndex], refusals naming the node. Graphs come from real .flow text where the
 * language can express them, and by hand for ComfyUI pack nodes.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { NODE_SCHEMAS } from '../../../catalog/src/index.js';
import type { ExecGraph, ExecNode } from '../../../catalog/src/graph.js';
import type { NodeSchema } from '../../../catalog/src/schema.js';
import { loadFlowFile } from '../../../server/src/api.js';
import { ApiPromptError, toApiPrompt } from '../../../comfyui/src/api-prompt.js';
import { comfyEquivalent, flowEquivalent, nodeMappings } from '../../../comfyui/src/node-map.js';

const range = { start: { line: 3, character: 4 }, end: { line: 3, character: 30 } };

function node(id: string, type: string, params: ExecNode['params'] = {}, wires: ExecNode['wires'] = {}, isOutput = false): ExecNode {
    return { id, type, isOutput, params, wires, uri: 'file:///w/a.flow', range, label: id };
}

/** ComfyUI nodes as a pack built from /object_info would describe them. */
const COMFY: Record<string, NodeSchema> = {
    EmptyImage: {
        name: 'EmptyImage', category: 'image', description: '', version: 1, inputs: [],
        params: ['width', 'height', 'batch_size', 'color'].map(name => ({ name, type: 'INT', description: '' })),
        outputs: [{ name: 'IMAGE', type: 'IMAGE', description: '' }],
    },
    LoadImage: {
        name: 'LoadImage', category: 'image', description: '', version: 1, inputs: [],
        params: [{ name: 'image', type: 'STRING', description: '' }],
        outputs: [{ name: 'IMAGE', type: 'IMAGE', description: '' }, { name: 'MASK', type: 'MASK', description: '' }],
    },
    ImageInvert: {
        name: 'ImageInvert', category: 'image', description: '', version: 1, params: [],
        inputs: [{ name: 'image', type: 'IMAGE', description: '' }], outputs: [{ name: 'IMAGE', type: 'IMAGE', description: '' }],
    },
    InvertMask: {
        name: 'InvertMask', category: 'image', description: '', version: 1, params: [],
        inputs: [{ name: 'mask', type: 'MASK', description: '' }], outputs: [{ name: 'MASK', type: 'MASK', description: '' }],
    },
};
const comfyNode = (type: string): NodeSchema | undefined => COMFY[type];

describe('comfyui: node map', () => {
    it('every mapping names real arguments and outputs of its built-in, in full', () => {
        for (const m of nodeMappings()) {
            const schema = NODE_SCHEMAS.find(s => s.name === m.flow);
            assert.ok(schema, `${m.flow} is a built-in`);
            const args = [...schema.inputs.map(i => i.name), ...schema.params.map(p => p.name)].sort();
            assert.deepEqual(Object.keys(m.args).sort(), args, `${m.flow}: every argument mapped`);
            assert.deepEqual([...m.outputs].sort(), schema.outputs.map(o => o.name).sort(), `${m.flow}: every output has an index`);
        }
    });

    it('maps both ways and leaves out nodes that compute something else', () => {
        assert.equal(comfyEquivalent('SaveImages')?.comfy, 'SaveImage');
        assert.equal(flowEquivalent('SaveImage')?.flow, 'SaveImages');
        assert.equal(comfyEquivalent('Upscale')?.comfy, 'ImageScaleBy');
        assert.equal(comfyEquivalent('KSampler')?.comfy, 'KSampler');
        for (const type of ['Resize', 'CenterCrop', 'TrainGAN', 'LoadImages', 'ImageGrid']) assert.equal(comfyEquivalent(type), undefined, type);
        const mode = flowEquivalent('ImageScaleBy')!.args.mode;
        assert.equal(mode.fromComfy!('nearest-exact'), 'nearest');
        assert.throws(() => mode.fromComfy!('lanczos'), /no Flow Studio equivalent/);
        assert.throws(() => flowEquivalent('ImageScaleBy')!.args.factor.fromComfy!(1.5), /not a whole factor/);
    });
});

describe('comfyui: API prompt', () => {
    it('EmptyImage -> ImageInvert -> SaveImages: numeric ids, titles, wires by output index, prefix renamed', () => {
        const graph: ExecGraph = {
            workflow: 'W', uri: 'file:///w/a.flow', nodes: [
                node('blank', 'EmptyImage', { width: 64, height: 32, batch_size: 1, color: 0 }),
                node('inv', 'ImageInvert', {}, { image: { node: 'blank', output: 'IMAGE' } }),
                node('SaveImages#1', 'SaveImages', { prefix: 'out/inv' }, { images: { node: 'inv', output: 'IMAGE' } }, true),
            ],
        };
        const { prompt, ids, comfyIds, argNames } = toApiPrompt(graph, { comfyNode });
        assert.deepEqual(prompt, {
            1: { class_type: 'EmptyImage', inputs: { width: 64, height: 32, batch_size: 1, color: 0 }, _meta: { title: 'blank' } },
            2: { class_type: 'ImageInvert', inputs: { image: ['1', 0] }, _meta: { title: 'inv' } },
            3: { class_type: 'SaveImage', inputs: { filename_prefix: 'out/inv', images: ['2', 0] }, _meta: { title: 'SaveImages#1' } },
        });
        assert.equal(ids.get('3'), 'SaveImages#1');
        assert.equal(comfyIds.get('inv'), '2');
        assert.equal(argNames.get('3')!.filename_prefix, 'prefix');
    });

    it('takes the output index from the ComfyUI node\'s output order (LoadImage.MASK is 1)', () => {
        const graph: ExecGraph = {
            workflow: 'W', uri: 'file:///w/a.flow', nodes: [
                node('src', 'LoadImage', { image: 'in.png' }),
                node('m', 'InvertMask', {}, { mask: { node: 'src', output: 'MASK' } }),
                node('unused', 'EmptyImage', { width: 8, height: 8, batch_size: 1, color: 0 }),
                node('PreviewImage#1', 'PreviewImage', {}, { images: { node: 'src', output: 'IMAGE' } }, true),
                node('keep', 'Upscale', { factor: 2, mode: 'nearest' }, { images: { node: 'src', output: 'IMAGE' } }),
                node('SaveImages#1', 'SaveImages', { prefix: 'big' }, { images: { node: 'keep', output: 'images' } }, true),
            ],
        };
        const { prompt } = toApiPrompt(graph, { comfyNode });
        // Nodes no output needs are left out, as a run would skip them.
        assert.deepEqual(Object.values(prompt).map(n => n.class_type), ['LoadImage', 'PreviewImage', 'ImageScaleBy', 'SaveImage']);
        assert.deepEqual(prompt['3'].inputs, { scale_by: 2, upscale_method: 'nearest-exact', image: ['1', 0] });
        assert.deepEqual(prompt['4'].inputs.images, ['3', 0]);
    });

    it('refuses nodes without an equivalent, naming each with its range', () => {
        const graph: ExecGraph = {
            workflow: 'W', uri: 'file:///w/a.flow', nodes: [
                node('shapes', 'SyntheticShapes', { count: 4 }),
                node('imgs', 'DatasetImages', { count: 4 }, { dataset: { node: 'shapes', output: 'dataset' } }),
                node('SaveImages#1', 'SaveImages', { prefix: '%date:yyyy%' }, { images: { node: 'imgs', output: 'images' } }, true),
            ],
        };
        const error = (() => { try { toApiPrompt(graph, { comfyNode }); return undefined; } catch (e) { return e; } })();
        assert.ok(error instanceof ApiPromptError);
        assert.deepEqual(error.problems.map(p => p.node), ['shapes', 'imgs', 'SaveImages#1']);
        assert.match(error.problems[0].message, /^shapes: SyntheticShapes has no ComfyUI equivalent/);
        assert.match(error.problems[2].message, /prefix: .*contains %/);
        assert.deepEqual(error.problems[0].range, range);
    });

    it('refuses a workflow without output nodes and list values', () => {
        assert.throws(() => toApiPrompt({ workflow: 'W', uri: 'file:///w/a.flow', nodes: [node('a', 'EmptyImage')] }, { comfyNode }), /no output node/);
        const graph: ExecGraph = {
            workflow: 'W', uri: 'file:///w/a.flow', nodes: [
                node('a', 'EmptyImage', { width: [1, 2] as unknown as number }),
                node('p', 'PreviewImage', {}, { images: { node: 'a', output: 'IMAGE' } }, true),
            ],
        };
        assert.throws(() => toApiPrompt(graph, { comfyNode }), /a list cannot be sent/);
    });

    it('a real .flow of ComfyUI-named built-ins becomes the prompt ComfyUI expects', async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fs-api-prompt-'));
        const file = path.join(dir, 'txt2img.flow');
        // The language checks that a local checkpoint exists; its contents do not matter here.
        fs.mkdirSync(path.join(dir, 'models', 'checkpoints'), { recursive: true });
        fs.writeFileSync(path.join(dir, 'models', 'checkpoints', 'sd15.safetensors'), '');
        fs.writeFileSync(file, [
            'workflow Txt on comfyui {',
            '    ckpt = CheckpointLoaderSimple(ckpt_name: "sd15.safetensors")',
            '    pos = CLIPTextEncode(clip: ckpt.CLIP, text: "a cat")',
            '    neg = CLIPTextEncode(clip: ckpt.CLIP, text: "")',
            '    latent = EmptyLatentImage(width: 512, height: 512, batch_size: 1)',
            '    sampled = KSampler(model: ckpt.MODEL, positive: pos, negative: neg, latent_image: latent, seed: 7, steps: 20)',
            '    image = VAEDecode(samples: sampled, vae: ckpt.VAE)',
            '    SaveImages(images: image, prefix: "cat")',
            '}',
        ].join('\n'));
        const loaded = await loadFlowFile(file);
        assert.deepEqual(loaded.diagnostics.filter(d => d.severity === 'error'), []);
        const { prompt, comfyIds } = toApiPrompt(loaded.exec());
        const k = prompt[comfyIds.get('sampled')!];
        assert.equal(k.class_type, 'KSampler');
        assert.deepEqual(k.inputs.model, [comfyIds.get('ckpt'), 0]);
        assert.equal(k.inputs.seed, 7);
        assert.equal(k.inputs.sampler_name, 'euler');
        assert.deepEqual(prompt[comfyIds.get('image')!].inputs.vae, [comfyIds.get('ckpt'), 2]);
        assert.deepEqual(prompt[comfyIds.get('pos')!].inputs.clip, [comfyIds.get('ckpt'), 1]);
        assert.ok(Object.keys(prompt).every(id => /^\d+$/.test(id)));
        fs.rmSync(dir, { recursive: true, force: true });
    });
});

describe('comfyui: API prompt with a server\'s nodes', () => {
    it('a node the server defines is sent as itself, with ComfyUI\'s unsanitized names', () => {
        const server: Record<string, NodeSchema> = {
            ...COMFY,
            PreviewImage: { name: 'PreviewImage', category: 'image', description: '', version: 1, params: [], inputs: [{ name: 'images', type: 'IMAGE', description: '' }], outputs: [] },
            Image_Blend: {
                name: 'Image_Blend', comfyName: 'Image Blend', category: 'image', description: '', version: 1,
                inputs: [{ name: 'image_1', comfyName: 'image 1', type: 'IMAGE', description: '' }],
                params: [{ name: 'factor', type: 'FLOAT', description: '' }],
                outputs: [{ name: 'IMAGE', type: 'IMAGE', description: '' }],
            } as unknown as NodeSchema,
        };
        const graph: ExecGraph = {
            workflow: 'W', uri: 'file:///w/a.flow', nodes: [
                node('a', 'EmptyImage', { width: 8, height: 8, batch_size: 1, color: 0 }),
                node('b', 'Image_Blend', { factor: 0.5 }, { image_1: { node: 'a', output: 'IMAGE' } }),
                node('p', 'PreviewImage', {}, { images: { node: 'b', output: 'IMAGE' } }, true),
            ],
        };
        const { prompt, argNames } = toApiPrompt(graph, { comfyNode: t => server[t] });
        assert.deepEqual(prompt['2'], { class_type: 'Image Blend', inputs: { factor: 0.5, 'image 1': ['1', 0] }, _meta: { title: 'b' } });
        assert.equal(argNames.get('2')!['image 1'], 'image_1');
        assert.equal(prompt['3'].class_type, 'PreviewImage');
    });
});
