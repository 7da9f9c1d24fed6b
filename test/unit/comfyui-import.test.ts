/**
 * ComfyUI import (comfyui/src/import): the project's own fixtures (test/fixtures/comfyui) in UI
 * format 0.4 (note, group, muted, bypassed, reroute, primitive, converted widget), schema 1 with a
 * subgraph, the API prompt and PNGs written here, imported with the ComfyUI pack of the real
 * server's node list (object_info.subset.json) and checked by the language as `flowstudio check`
 * would; every loss a problem naming the node.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as os from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { builtinCatalog } from '../../catalog/src/builtin-catalog.js';
import type { NodePack } from '../../catalog/src/catalog.js';
import { importComfyUI, type ImportOptions } from '../../comfyui/src/import/index.js';
import { readObjectInfoFile } from '../../comfyui/src/object-info-source.js';
import { encodePng } from '../../engine/src/util/png.js';
import { flowServices, formatDiagnostic, parseFlowText, type LoadedFlow } from '../../server/src/api.js';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const FIXTURES = path.join(REPO, 'test/fixtures/comfyui');
export const fixture = (name: string): string => fs.readFileSync(path.join(FIXTURES, name), 'utf8');

export function comfyPack(): NodePack {
    const loaded = readObjectInfoFile(path.join(FIXTURES, 'object_info.subset.json'));
    assert.ok(loaded.pack, JSON.stringify(loaded.problems));
    return loaded.pack;
}

let documents = 0;
/** The language with the ComfyUI pack loaded, as `flowstudio check` sees a file (in `dir` when given: its checkpoints count). */
export async function checkFlow(text: string, pack: NodePack, dir?: string): Promise<LoadedFlow> {
    flowServices().Flow.catalog.setComfyPack({ pack, problems: [], sources: ['object_info.subset.json'] });
    const uri = dir ? pathToFileURL(path.join(dir, `imported-${documents++}.flow`)).href : `file:///memory/comfyui-import-${documents++}.flow`;
    return parseFlowText(text, uri);
}

/** A folder with a (placeholder) local checkpoint `model.safetensors`, as the local engine would find it. */
function folderWithCheckpoint(): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fs-comfy-import-'));
    fs.mkdirSync(path.join(dir, 'models/checkpoints'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'models/checkpoints/model.safetensors'), '');
    return dir;
}

export const errorsOf = (loaded: LoadedFlow): string[] => loaded.diagnostics.filter(d => d.severity === 'error').map(d => formatDiagnostic('imported.flow', d));

describe('ComfyUI import', () => {
    const pack = comfyPack();
    const options = (name: string, extra: Partial<ImportOptions> = {}): ImportOptions => ({ catalog: builtinCatalog(), comfyPack: pack, name, ...extra });

    after(() => flowServices().Flow.catalog.setComfyPack({ problems: [], sources: [] }));

    it('UI 0.4: notes and groups become comments, reroutes and primitives resolve, converted widgets become wires, muted and bypassed nodes are reported comments', async () => {
        const result = importComfyUI(fixture('ui-features.json'), options('Fox'));
        const text = result.flowText;
        assert.equal(result.format, 'ui');
        assert.equal(result.engine, 'comfyui', 'PrimitiveString and LatentUpscaleBy exist only on ComfyUI');
        assert.match(text, /^workflow Fox on comfyui \{$/m);
        assert.match(text, /\/\/ group "Prompts": positive, negative, emptyLatentImage/);
        assert.match(text, /\/\/ Note:\n\s+\/\/ {3}Written by hand for Flow Studio's import tests\.\n\s+\/\/ {3}The seed comes from a primitive node\./);
        assert.match(text, /\/\/ "Load Checkpoint"\n\s+checkpointLoaderSimple = CheckpointLoaderSimple\(ckpt_name: "model\.safetensors"\)/);
        // The primitive node's value replaces the converted seed widget; the seed's "fixed" control value is skipped.
        assert.match(text, /seed: 1234, steps: 20, cfg: 7\.5, sampler_name: "euler",\s+scheduler: "normal", denoise: 1\)/);
        // A converted widget fed by a real node is a wire.
        assert.match(text, /negative = CLIPTextEncode\(text: primitiveString, clip: checkpointLoaderSimple\.CLIP\)/);
        // The bypassed LatentUpscaleBy passes the empty latent through; the reroute is followed to the decoder.
        assert.match(text, /\/\/ bypassed in ComfyUI \(passes samples → LATENT through\):\n\s+\/\/ {3}latentUpscaleBy = LatentUpscaleBy\(samples: emptyLatentImage,/);
        assert.match(text, /latent_image: emptyLatentImage/);
        assert.match(text, /saveImage = SaveImage\(images: vaeDecode, filename_prefix: "fox"\)/);
        assert.match(text, /\/\/ muted in ComfyUI \(never runs\):\n\s+\/\/ {3}previewImage = PreviewImage\(images: vaeDecode\)/);
        assert.deepEqual(result.problems.map(p => [p.node, p.type]).sort(), [['10', 'LatentUpscaleBy'], ['14', 'PreviewImage']]);
        assert.deepEqual(errorsOf(await checkFlow(text, pack)), []);
    });

    it('schema 1: a subgraph becomes a subgraph block, its promoted widget an input with the inner value as default', async () => {
        const dir = folderWithCheckpoint();
        const result = importComfyUI(fixture('schema1-subgraph.json'), options('Cats', { hasLocalCheckpoint: name => name === 'model.safetensors' }));
        const text = result.flowText;
        assert.equal(result.engine, 'local', 'every node maps to a built-in and the checkpoint is here');
        assert.deepEqual(result.problems, []);
        assert.match(text, /subgraph SampleAndDecode \{\n {4}\/\/ group "Sampling": kSampler, vaeDecode\n {4}input model: MODEL\n/);
        assert.match(text, /input seed: INT = 5\n/);
        assert.match(text, /kSampler = KSampler\(seed: seed, model: model, positive: positive, negative: negative,\s+latent_image: latent, steps: 12/);
        assert.match(text, /output IMAGE: IMAGE = vaeDecode\n\}/);
        assert.match(text, /prompt = CLIPTextEncode\(clip: checkpointLoaderSimple\.CLIP,\s+text: "a cat on a windowsill\\nin the morning"\)/);
        assert.match(text, /sampleAndDecode = SampleAndDecode\(model: checkpointLoaderSimple\.MODEL, positive: prompt,\s+negative: empty, latent: emptyLatentImage, vae: checkpointLoaderSimple\.VAE, seed: 77\)/);
        assert.match(text, /SaveImages\(images: sampleAndDecode, prefix: "cats"\)/);
        assert.deepEqual(errorsOf(await checkFlow(text, pack, dir)), []);
        fs.rmSync(dir, { recursive: true, force: true });

        // ComfyUI's checkpoints are not Flow Studio's: without one here the workflow is ComfyUI's.
        const remote = importComfyUI(fixture('schema1-subgraph.json'), options('Cats'));
        assert.equal(remote.engine, 'comfyui');
        assert.match(remote.flowText, /Runs on a ComfyUI server: .*CheckpointLoaderSimple loads "model\.safetensors", a checkpoint the local engine does not have/);
        assert.match(remote.flowText, /SaveImage\(images: sampleAndDecode, filename_prefix: "cats"\)/);
        assert.deepEqual(errorsOf(await checkFlow(remote.flowText, pack)), []);
    });

    it('subgraph inputs and outputs ComfyUI types as * take the type of what consumes or feeds them', async () => {
        const wf = JSON.parse(fixture('schema1-subgraph.json'));
        wf.definitions.subgraphs[0].inputs[5].type = '*';
        wf.definitions.subgraphs[0].outputs[0].type = '*';
        const result = importComfyUI(wf, options('Any'));
        assert.match(result.flowText, /\n {4}input seed: INT = 5\n/);
        assert.match(result.flowText, /\n {4}output IMAGE: IMAGE = vaeDecode\n/);
        assert.deepEqual(result.problems.filter(p => /type/.test(p.message)), []);
        assert.deepEqual(errorsOf(await checkFlow(result.flowText, pack)), []);
    });

    it('the API prompt: names from titles that are identifiers, ComfyUI nodes mapped to the built-ins that compute the same', async () => {
        const dir = folderWithCheckpoint();
        const result = importComfyUI(fixture('api-upscale.json'), options('Lighthouse', { hasLocalCheckpoint: () => true }));
        const text = result.flowText;
        assert.equal(result.format, 'api');
        assert.equal(result.engine, 'local');
        assert.match(text, /^workflow Lighthouse \{$/m);
        assert.match(text, /positive = CLIPTextEncode\(/);
        assert.match(text, /kSampler = KSampler\(/, 'a title equal to the type names nothing');
        assert.match(text, /bigger = Upscale\(images: vaeDecode, mode: "nearest", factor: 2\)/);
        assert.match(text, /SaveImages\(images: bigger, prefix: "lighthouse"\)/);
        assert.deepEqual(errorsOf(await checkFlow(text, pack, dir)), []);
        fs.rmSync(dir, { recursive: true, force: true });

        const forced = importComfyUI(fixture('api-upscale.json'), options('Lighthouse', { engine: 'comfyui' }));
        assert.match(forced.flowText, /^workflow Lighthouse on comfyui \{$/m);
        // The server's own SaveImage; ImageScaleBy is not in this node list, so the built-in that maps to it stays.
        assert.match(forced.flowText, /saveImage = SaveImage\(images: bigger, filename_prefix: "lighthouse"\)/);
        assert.match(forced.flowText, /bigger = Upscale\(images: vaeDecode, mode: "nearest", factor: 2\)/);
        assert.deepEqual(errorsOf(await checkFlow(forced.flowText, pack)), []);
    });

    it('a PNG carrying the workflow (or only the prompt) imports like the JSON; one carrying neither is refused saying so', () => {
        const pixels = { width: 1, height: 1, channels: 3 as const, data: new Uint8Array([1, 2, 3]) };
        const workflow = fixture('ui-features.json');
        const prompt = fixture('ui-features.expected-api.json');
        const both = importComfyUI(encodePng(pixels, { prompt, workflow }), options('Fox'));
        assert.equal(both.flowText, importComfyUI(workflow, options('Fox')).flowText);
        const onlyPrompt = importComfyUI(encodePng(pixels, { prompt: fixture('api-upscale.json') }), options('Fox'));
        assert.equal(onlyPrompt.format, 'api');
        // A non-Latin-1 prompt goes into an iTXt chunk.
        const unicode = importComfyUI(encodePng(pixels, { prompt: fixture('api-upscale.json').replace('a lighthouse at dusk', 'ein Leuchtturm – 灯台') }), options('Fox'));
        assert.match(unicode.flowText, /"ein Leuchtturm – 灯台"/);
        assert.throws(() => importComfyUI(encodePng(pixels, { parameters: 'steps: 20' }), options('X')), /no "workflow" or "prompt" text chunk.*parameters/);
        assert.throws(() => importComfyUI('{"hello": 1}', options('X')), /not a ComfyUI workflow/);
        assert.throws(() => importComfyUI(new TextEncoder().encode('not json'), options('X')), /not JSON/);
    });

    it('a node the catalog lacks is written with its values by position and reported; the check names only it', async () => {
        const wf = {
            nodes: [
                { id: 1, type: 'LoadImage', mode: 0, outputs: [{ name: 'IMAGE', type: 'IMAGE', links: [1] }, { name: 'MASK', type: 'MASK', links: null }], widgets_values: ['cat.png', 'image'] },
                { id: 2, type: 'Fancy Filter', mode: 0, inputs: [{ name: 'image', type: 'IMAGE', link: 1 }], outputs: [{ name: 'IMAGE', type: 'IMAGE', links: [2] }], widgets_values: [0.5, 'soft'] },
                { id: 3, type: 'SaveImage', mode: 0, inputs: [{ name: 'images', type: 'IMAGE', link: 2 }], widgets_values: ['out', 'surplus'] },
            ],
            links: [[1, 1, 0, 2, 0, 'IMAGE'], [2, 2, 0, 3, 0, 'IMAGE']],
            version: 0.4,
        };
        const result = importComfyUI(wf, options('Custom'));
        assert.equal(result.engine, 'comfyui');
        assert.match(result.flowText, /loadImage = LoadImage\(image: "cat\.png"\)/, 'the upload button\'s "image" is no widget value');
        assert.match(result.flowText, /fancyFilter = FancyFilter\(image: loadImage\.IMAGE, widget_1: 0\.5, widget_2: "soft"\)/);
        const byNode = Object.fromEntries(result.problems.map(p => [p.node, p.message]));
        assert.match(byNode['2'], /Fancy Filter #2: the catalog has no node Fancy Filter/);
        assert.match(byNode['3'], /SaveImage #3: 1 widget value\(s\) \["surplus"\] beyond its known widgets \(filename_prefix\) are not imported/);
        const errors = errorsOf(await checkFlow(result.flowText, pack));
        assert.ok(errors.length > 0 && errors.every(e => /FancyFilter/.test(e)), errors.join('\n'));
    });

    it('a node with an unconnected required input becomes a comment, and so do the nodes that depend on it', async () => {
        const wf = {
            nodes: [
                { id: 1, type: 'EmptyLatentImage', mode: 0, outputs: [{ name: 'LATENT', type: 'LATENT', links: [1] }], widgets_values: [64, 64, 1] },
                { id: 2, type: 'KSampler', mode: 0, inputs: [{ name: 'model', type: 'MODEL', link: null }, { name: 'latent_image', type: 'LATENT', link: 1 }], outputs: [{ name: 'LATENT', type: 'LATENT', links: [2] }], widgets_values: [3, 'randomize', 20, 8, 'euler', 'normal', 1] },
                { id: 3, type: 'VAEDecode', mode: 0, inputs: [{ name: 'samples', type: 'LATENT', link: 2 }, { name: 'vae', type: 'VAE', link: null }], outputs: [{ name: 'IMAGE', type: 'IMAGE', links: [] }] },
            ],
            links: [[1, 1, 0, 2, 3, 'LATENT'], [2, 2, 0, 3, 0, 'LATENT']],
        };
        const result = importComfyUI(wf, options('Broken'));
        const byNode = Object.fromEntries(result.problems.map(p => [p.node, p.message]));
        assert.match(byNode['2'], /KSampler #2: required input\(s\) without a value: model \(not connected\), positive \(not connected\), negative \(not connected\)/);
        assert.match(byNode['3'], /VAEDecode #3: required input\(s\) without a value: vae \(not connected\)/);
        assert.match(result.flowText, /\/\/ {3}kSampler = KSampler\(latent_image: emptyLatentImage, seed: 3,/);
        assert.match(result.flowText, /\n {4}emptyLatentImage = EmptyLatentImage\(width: 64, height: 64, batch_size: 1\)/);
        assert.deepEqual(errorsOf(await checkFlow(result.flowText, pack)), []);
    });

    it('mutated files (values replaced by junk, keys dropped) never crash the importer and always give text the parser accepts', async () => {
        let seed = 7;
        const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
        const junk: unknown[] = [null, undefined, 0, -1, 1e308, 'x', [], {}, [1, 2], { a: 1 }, true, NaN];
        const mutate = (v: unknown): unknown => {
            if (Array.isArray(v)) return v.map(x => (random() < 0.1 ? junk[Math.floor(random() * junk.length)] : mutate(x)));
            if (v && typeof v === 'object') {
                const o: Record<string, unknown> = {};
                for (const [k, x] of Object.entries(v)) {
                    if (random() < 0.05) continue;
                    o[k] = random() < 0.08 ? junk[Math.floor(random() * junk.length)] : mutate(x);
                }
                return o;
            }
            return v;
        };
        const sources = ['ui-features.json', 'schema1-subgraph.json', 'api-upscale.json'].map(f => JSON.parse(fixture(f)) as unknown);
        let imported = 0;
        for (let i = 0; i < 400; i++) {
            let text: string;
            try {
                text = importComfyUI(mutate(sources[i % sources.length]), options('Fuzz')).flowText;
            } catch (e) {
                assert.ok(!(e instanceof TypeError || e instanceof RangeError), (e as Error).stack);
                assert.match((e as Error).message, /^not (a ComfyUI workflow|JSON)/);
                continue;
            }
            imported++;
            if (i % 8 !== 0) continue;
            const loaded = await checkFlow(text, pack);
            assert.deepEqual(loaded.diagnostics.filter(d => d.code === 'syntax-error').map(d => d.message), [], text);
        }
        assert.ok(imported > 100, `${imported} of 400 mutated files imported`);
    });
});
