/**
 * ComfyUI's `/object_info` as a node pack: the subset fixture was fetched from a real ComfyUI
 * v0.3.64 server (texts reworded), so these tests pin the shapes that server answers.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Catalog } from '../../../catalog/src/catalog.js';
import { BUILTIN_PACK } from '../../../catalog/src/builtin-catalog.js';
import { isAssignable, type NodeSchema, type ParamSpec } from '../../../catalog/src/schema.js';
import { objectInfoToPack, toIdentifier } from '../../../comfyui/src/object-info.js';

const FIXTURE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../test/fixtures/comfyui/object_info.subset.json');
const source = { id: 'comfyui:test', label: 'test' };

describe('comfyui: object_info to a node pack', () => {
    const json = JSON.parse(fs.readFileSync(FIXTURE, 'utf8')) as Record<string, unknown>;
    const { pack, problems } = objectInfoToPack(json, source);
    const node = (name: string): NodeSchema => {
        const found = pack.nodes.find(n => n.name === name);
        assert.ok(found, `node ${name}`);
        return found;
    };
    const param = (nodeName: string, name: string): ParamSpec => {
        const found = node(nodeName).params.find(p => p.name === name);
        assert.ok(found, `${nodeName}.${name}`);
        return found;
    };

    it('converts every node of the real server subset without problems', () => {
        assert.deepEqual(problems, []);
        assert.equal(pack.nodes.length, Object.keys(json).length);
        assert.equal(pack.origin, 'comfyui');
        assert.equal(pack.id, 'comfyui:test');
    });

    it('splits KSampler into wired inputs and widget parameters, in ComfyUI order', () => {
        const k = node('KSampler');
        assert.deepEqual(k.inputs.map(i => [i.name, i.type]), [['model', 'MODEL'], ['positive', 'CONDITIONING'], ['negative', 'CONDITIONING'], ['latent_image', 'LATENT']]);
        assert.deepEqual(k.params.map(p => p.name), ['seed', 'steps', 'cfg', 'sampler_name', 'scheduler', 'denoise']);
        assert.deepEqual(k.outputs.map(o => [o.name, o.type]), [['LATENT', 'LATENT']]);
        assert.equal(k.category, 'sampling');
        assert.equal(k.displayName, undefined);
    });

    it('keeps INT/FLOAT ranges, steps, defaults and the seed control flag', () => {
        const seed = param('KSampler', 'seed');
        assert.equal(seed.type, 'INT');
        assert.equal(seed.default, 0);
        assert.equal(seed.min, 0);
        assert.equal(seed.controlAfterGenerate, true);
        assert.equal(param('KSampler', 'steps').controlAfterGenerate, undefined);
        const cfg = param('KSampler', 'cfg');
        assert.deepEqual([cfg.type, cfg.default, cfg.min, cfg.max, cfg.step], ['FLOAT', 8, 0, 100, 0.1]);
        assert.equal(param('KSamplerAdvanced', 'noise_seed').controlAfterGenerate, true);
    });

    it('turns old-style list combos and V3 COMBO options into choices with the first as default', () => {
        const sampler = param('KSampler', 'sampler_name');
        assert.equal(sampler.type, 'STRING');
        assert.ok(sampler.choices?.includes('euler') && sampler.choices.includes('dpmpp_2m'));
        assert.equal(sampler.default, 'euler');
        const blend = param('ImageBlend', 'blend_mode');
        assert.deepEqual(blend.choices, ['normal', 'multiply', 'screen', 'overlay', 'soft_light', 'difference']);
        assert.equal(blend.default, 'normal');
    });

    it('leaves an empty server list (no checkpoints) unconstrained and required; upload lists open', () => {
        const ckpt = param('CheckpointLoaderSimple', 'ckpt_name');
        assert.equal(ckpt.choices, undefined);
        assert.equal(ckpt.default, undefined);
        assert.equal(ckpt.optional, undefined);
        const image = param('LoadImage', 'image');
        assert.equal(image.type, 'STRING');
        assert.equal(image.default, undefined);
        const withFiles = objectInfoToPack({ LoadImage: { input: { required: { image: [['a.png', 'b.png'], { image_upload: true }] } }, output: ['IMAGE', 'MASK'], output_name: ['IMAGE', 'MASK'] } }, source);
        const listed = withFiles.pack.nodes[0].params[0];
        assert.deepEqual([listed.choices, listed.openChoices, listed.default], [['a.png', 'b.png'], true, 'a.png']);
        const remote = objectInfoToPack({ LoadImageOutput: { input: { required: { image: ['COMBO', { image_upload: true, remote: { route: '/internal/files/output' } }] } }, output: ['IMAGE'] } }, source);
        assert.deepEqual(remote.problems, []);
        assert.equal(remote.pack.nodes[0].params[0].type, 'STRING');
    });

    it('marks multiline strings and keeps string and boolean defaults', () => {
        assert.equal(param('CLIPTextEncode', 'text').multiline, true);
        assert.equal(param('SaveImage', 'filename_prefix').default, 'ComfyUI');
        assert.equal(param('SaveImage', 'filename_prefix').multiline, undefined);
        const ci = param('RegexReplace', 'case_insensitive');
        assert.deepEqual([ci.type, ci.default, ci.optional], ['BOOLEAN', true, true]);
    });

    it('makes forceInput widgets, `*` and custom types wired inputs', () => {
        const pass = node('PassthroughText');
        assert.deepEqual(pass.inputs.map(i => [i.name, i.type, i.optional ?? false]), [['text', 'STRING', false], ['note', 'NOTE_DATA', true]]);
        assert.equal(pass.params.length, 0);
        assert.deepEqual(node('PreviewAny').inputs.map(i => i.type), ['*']);
    });

    it('marks output nodes and ignores hidden inputs', () => {
        const save = node('SaveImage');
        assert.equal(save.isOutput, true);
        assert.deepEqual([...save.inputs.map(i => i.name), ...save.params.map(p => p.name)], ['images', 'filename_prefix']);
        assert.equal(node('KSampler').isOutput, undefined);
    });

    it('sanitizes names that are not identifiers and keeps the ComfyUI name', () => {
        const eps = node('Epsilon_Scaling');
        assert.equal(eps.comfyName, 'Epsilon Scaling');
        const out = node('PassthroughText').outputs;
        assert.deepEqual(out.map(o => [o.name, o.comfyName, o.isList ?? false]), [['text_out', 'text out', false], ['note', undefined, true]]);
        assert.equal(toIdentifier('double_blocks.17.'), 'double_blocks_17_');
        assert.equal(toIdentifier('3D Model Path'), '_3D_Model_Path');
        assert.equal(toIdentifier('workflow'), 'workflow_');
    });

    it('dedupes clashing sanitized names of inputs and outputs', () => {
        const { pack: p, problems: found } = objectInfoToPack({
            Merge: {
                input: { required: { 'a.': ['MODEL'], 'a_': ['MODEL'] } },
                output: ['IMAGE', 'IMAGE'], output_name: ['IMAGE', 'IMAGE'],
            },
        }, source);
        assert.deepEqual(found, []);
        assert.deepEqual(p.nodes[0].inputs.map(i => [i.name, i.comfyName]), [['a_', 'a.'], ['a__2', 'a_']]);
        assert.deepEqual(p.nodes[0].outputs.map(o => [o.name, o.comfyName]), [['IMAGE', undefined], ['IMAGE_2', 'IMAGE']]);
    });

    it('declares the wire types Flow Studio lacks, with ComfyUI colours where it has them', () => {
        const byName = new Map(pack.types.map(t => [t.name, t]));
        assert.equal(byName.get('MASK')?.color, '#81c784');
        assert.equal(byName.get('NOTE_DATA')?.color, '#9e9e9e');
        assert.ok(byName.has('*'));
        assert.ok(!byName.has('IMAGE') && !byName.has('INT'), 'built-in and scalar types are not redeclared');
        const catalog = Catalog.compose([{ ...BUILTIN_PACK, nodes: [] }, pack]);
        assert.deepEqual(catalog.problems, []);
        assert.equal(catalog.color('MASK'), '#81c784');
    });

    it('opens categories to ComfyUI paths', () => {
        assert.equal(node('ImageScale').category, 'image/upscaling');
        assert.equal(node('PrimitiveString').category, 'utils/primitive');
    });

    it('accepts any type on `*` ports and either type on comma-listed ports', () => {
        assert.ok(isAssignable('IMAGE', '*'));
        assert.ok(isAssignable('MASK', 'IMAGE,MASK'));
        assert.ok(!isAssignable('LATENT', 'IMAGE,MASK'));
        assert.ok(!isAssignable('LATENT', 'IMAGE'));
    });

    it('reports malformed entries as problems naming the node and keeps the rest', () => {
        const { pack: p, problems: found } = objectInfoToPack({
            Good: { input: { required: { x: ['INT', { default: 1 }] } }, output: ['INT'] },
            NotObject: 3,
            BadInput: { input: { required: { x: 'INT' } }, output: [] },
            BadCombo: { input: { required: { x: [[{}]] } }, output: [] },
            BadOutputs: { input: {}, output: 'IMAGE' },
            BadOptions: { input: { required: { x: ['INT', 5] } }, output: [] },
        }, source);
        assert.deepEqual(p.nodes.map(n => n.name), ['Good']);
        assert.equal(found.length, 5);
        for (const [name, text] of [['NotObject', 'not an object'], ['BadInput', 'input x'], ['BadCombo', 'choices'], ['BadOutputs', '`output`'], ['BadOptions', 'options']]) {
            assert.ok(found.some(f => f.message.includes(`node ${name}:`) && f.message.includes(text)), `${name}: ${found.map(f => f.message).join(' | ')}`);
        }
        for (const bad of [null, [], 'text', 42]) {
            const result = objectInfoToPack(bad, source);
            assert.equal(result.pack.nodes.length, 0);
            assert.match(result.problems[0].message, /ComfyUI node list \(test\): expected a JSON object/);
        }
    });
});
