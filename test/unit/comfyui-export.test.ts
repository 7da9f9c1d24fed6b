/**
 * ComfyUI export (comfyui/src/export) and the round trip: import → `.flow` → export reproduces
 * the graph ComfyUI would run (same nodes, links, widget values), compared as content-addressed
 * signatures (ids ignored) against a prompt written by hand for the project's fixtures, and
 * against an independent reading of the UI format (below, from the raw object_info, not the
 * importer's code) for the real workflows in ../shared/fixtures/comfyui (held-out ones are
 * checked the same way). Also the CLI's import and export commands.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { builtinCatalog } from '../../catalog/src/builtin-catalog.js';
import { ApiPromptError, type ApiPrompt } from '../../comfyui/src/api-prompt.js';
import { exportComfyUI } from '../../comfyui/src/export/index.js';
import type { UiExportWorkflow } from '../../comfyui/src/export/ui-workflow.js';
import { importComfyUI } from '../../comfyui/src/import/index.js';
import { flowServices } from '../../server/src/api.js';
import { checkFlow, comfyPack, errorsOf, fixture } from './comfyui-import.test.js';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const SUBSET = path.join(REPO, 'test/fixtures/comfyui/object_info.subset.json');
// ../shared beside the repository (a worktree sits one level deeper: ../../shared).
const SHARED = [process.env.FLOWSTUDIO_COMFYUI_WORKFLOWS, path.join(REPO, '../shared/fixtures/comfyui'), path.join(REPO, '../../shared/fixtures/comfyui')]
    .find((d): d is string => !!d && fs.existsSync(d)) ?? path.join(REPO, '../shared/fixtures/comfyui');
const CLI = path.join(REPO, 'bin/flowstudio.js');

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
type Prompt = Record<string, { class_type: string; inputs: Record<string, unknown> }>;

// The oracle also knows ImageScaleBy (object_info.extra.json, from the same server), which the
// importer's pack lacks: the built-in that maps to it must write ComfyUI's widget order by itself.
const OBJECT_INFO: Json = {
    ...JSON.parse(fs.readFileSync(SUBSET, 'utf8')),
    ...JSON.parse(fs.readFileSync(path.join(REPO, 'test/fixtures/comfyui/object_info.extra.json'), 'utf8')),
};
const isLink = (v: unknown): v is [string, number] => Array.isArray(v) && v.length === 2 && typeof v[1] === 'number' && (typeof v[0] === 'string' || typeof v[0] === 'number');
const isOutputClass = (cls: string) => OBJECT_INFO[cls]?.output_node === true || ['SaveImage', 'PreviewImage'].includes(cls);

/** The nodes that run (output nodes and their ancestors), each as a signature of its class, values and sources, sorted. */
function canonical(prompt: Prompt): string[] {
    const memo = new Map<string, string>();
    const sig = (id: string): string => {
        const known = memo.get(id);
        if (known) return known;
        const node = prompt[id];
        if (!node) return `missing:${id}`;
        memo.set(id, 'cycle');
        const inputs = Object.keys(node.inputs).sort().map(k => {
            const v = node.inputs[k];
            return [k, isLink(v) ? `#${createHash('sha1').update(sig(String(v[0]))).digest('hex').slice(0, 8)}.${v[1]}` : v];
        });
        const s = JSON.stringify([node.class_type, inputs]);
        memo.set(id, s);
        return s;
    };
    const keep = new Set<string>();
    const visit = (id: string) => {
        if (keep.has(id) || !prompt[id]) return;
        keep.add(id);
        for (const v of Object.values(prompt[id].inputs)) if (isLink(v)) visit(String(v[0]));
    };
    for (const [id, n] of Object.entries(prompt)) if (isOutputClass(n.class_type)) visit(id);
    return [...keep].map(sig).sort();
}

/** What ComfyUI's frontend would send for a UI workflow, read directly from the format and object_info. */
function uiToPrompt(wf: Json): Prompt {
    const out: Prompt = {};
    const subgraphs = new Map<string, Json>((wf.definitions?.subgraphs ?? []).map((s: Json) => [s.id, s]));
    type Src = { link: [string, number] } | { value: unknown } | undefined;
    const body = (b: Json, prefix: string, inputOf: (slot: number) => Src): ((linkId: unknown) => Src) => {
        const nodes = new Map<string, Json>((b.nodes ?? []).map((n: Json) => [String(n.id), n]));
        const links = new Map<string, { from: string; slot: number }>((b.links ?? []).map((l: Json) => Array.isArray(l)
            ? [String(l[0]), { from: String(l[1]), slot: l[2] }]
            : [String(l.id), { from: String(l.origin_id), slot: l.origin_slot }]));
        const instances = new Map<string, (slot: number) => Src>();
        const source = (linkId: unknown, depth = 0): Src => {
            const l = links.get(String(linkId));
            if (!l || depth > 100) return undefined;
            if (l.from === '-10') return inputOf(l.slot);
            const n = nodes.get(l.from);
            if (!n) return undefined;
            if (n.type === 'Reroute') return n.inputs?.[0]?.link != null ? source(n.inputs[0].link, depth + 1) : undefined;
            if (n.type === 'PrimitiveNode') return { value: n.widgets_values?.[0] };
            if (n.mode === 2) return undefined;
            if (n.mode === 4) {
                const type = n.outputs?.[l.slot]?.type;
                const same = n.inputs?.[l.slot];
                const pass = same && same.link != null && !same.widget && same.type === type ? same : (n.inputs ?? []).find((i: Json) => i.link != null && !i.widget && i.type === type);
                return pass ? source(pass.link, depth + 1) : undefined;
            }
            if (subgraphs.has(n.type)) return instance(n)(l.slot);
            return { link: [prefix + n.id, l.slot] };
        };
        const instance = (n: Json): ((slot: number) => Src) => {
            const known = instances.get(String(n.id));
            if (known) return known;
            const def = subgraphs.get(n.type)!;
            const given = new Map<string, Src>();
            let w = 0;
            for (const i of n.inputs ?? []) {
                const value = i.widget ? { value: (n.widgets_values ?? [])[w++] } : undefined;
                given.set(i.name, i.link != null ? source(i.link) : value);
            }
            const inner = body(def, `${prefix}${n.id}:`, slot => given.get(def.inputs[slot]?.name));
            const outputOf = (slot: number) => {
                const l = (def.links ?? []).find((x: Json) => String(x.target_id) === '-20' && x.target_slot === slot);
                return l ? inner(l.id) : undefined;
            };
            instances.set(String(n.id), outputOf);
            return outputOf;
        };
        for (const n of b.nodes ?? []) {
            if (['Note', 'MarkdownNote', 'Reroute', 'PrimitiveNode'].includes(n.type) || n.mode === 2 || n.mode === 4) continue;
            if (subgraphs.has(n.type)) { instance(n); continue; }
            const inputs: Record<string, unknown> = {};
            const spec = OBJECT_INFO[n.type]?.input ?? {};
            const order = OBJECT_INFO[n.type]?.input_order ?? {};
            const values: unknown[] = Array.isArray(n.widgets_values) ? n.widgets_values : [];
            let i = 0;
            for (const section of ['required', 'optional']) {
                for (const name of order[section] ?? Object.keys(spec[section] ?? {})) {
                    const [type, opts = {}] = spec[section][name];
                    const widget = (Array.isArray(type) || ['INT', 'FLOAT', 'STRING', 'BOOLEAN', 'COMBO'].includes(type)) && !opts.forceInput;
                    if (!widget) continue;
                    inputs[name] = i < values.length ? values[i++] : opts.default ?? (Array.isArray(type) ? type[0] : undefined);
                    if ((opts.control_after_generate || name === 'seed' || name === 'noise_seed') && ['fixed', 'increment', 'decrement', 'randomize', true, false].includes(values[i] as string)) i++;
                    if (opts.image_upload && values[i] === 'image') i++;
                }
            }
            for (const input of n.inputs ?? []) {
                if (input.link == null) continue;
                const src = source(input.link);
                const key = input.widget?.name ?? input.name;
                if (src && 'link' in src) inputs[key] = src.link;
                else if (src) inputs[key] = src.value;
            }
            out[prefix + n.id] = { class_type: n.type, inputs };
        }
        return source;
    };
    body(wf, '', () => undefined);
    return out;
}

const pack = comfyPack();
const catalog = builtinCatalog();

/** Imports, checks (no errors), exports as the API prompt and as the UI workflow. */
async function roundTrip(input: string | Uint8Array, name: string): Promise<{ api: ApiPrompt; ui: UiExportWorkflow; problems: string[] }> {
    const imported = importComfyUI(input, { catalog, comfyPack: pack, name });
    const loaded = await checkFlow(imported.flowText, pack);
    assert.deepEqual(errorsOf(loaded), [], imported.flowText);
    const api = await exportComfyUI(loaded, { format: 'api', catalog, comfyPack: pack });
    const ui = await exportComfyUI(loaded, { format: 'ui', catalog, comfyPack: pack });
    return { api: api.json as ApiPrompt, ui: ui.json as UiExportWorkflow, problems: imported.problems.map(p => p.message) };
}

describe('ComfyUI export and the round trip', () => {
    after(() => flowServices().Flow.catalog.setComfyPack({ problems: [], sources: [] }));

    it('the independent UI reading agrees with the hand-written prompts of the fixtures', () => {
        for (const name of ['ui-features', 'schema1-subgraph']) {
            assert.deepEqual(canonical(uiToPrompt(JSON.parse(fixture(`${name}.json`)))), canonical(JSON.parse(fixture(`${name}.expected-api.json`))), name);
        }
    });

    for (const [name, expected] of [['ui-features.json', 'ui-features.expected-api.json'], ['schema1-subgraph.json', 'schema1-subgraph.expected-api.json'], ['api-upscale.json', 'api-upscale.json']]) {
        it(`${name}: import → export reproduces the prompt, through the API and the UI format`, async () => {
            const { api, ui } = await roundTrip(fixture(name), 'RoundTrip');
            const want = canonical(JSON.parse(fixture(expected)));
            assert.deepEqual(canonical(api as Prompt), want);
            // The UI export read back (independently, and by the importer) is the same graph again.
            assert.deepEqual(canonical(uiToPrompt(ui as unknown as Json)), want);
            const again = await roundTrip(JSON.stringify(ui), 'RoundTrip');
            assert.deepEqual(canonical(again.api as Prompt), want);
        });
    }

    it('a subgraph inside a subgraph: both become subgraph blocks, the seed reaches the inner KSampler, the round trip holds', async () => {
        const wf = JSON.parse(fixture('schema1-subgraph.json'));
        const inner = wf.definitions.subgraphs[0];
        const outer = { ...JSON.parse(JSON.stringify(inner)), id: 'outer', name: 'Wrapper', groups: [] };
        outer.nodes = [{
            id: 20, type: inner.id, mode: 0, widgets_values: [9],
            inputs: inner.inputs.map((io: Json, i: number) => ({ name: io.name, type: io.type, link: i + 1, ...(io.type === 'INT' ? { widget: { name: io.name } } : {}) })),
            outputs: [{ name: 'IMAGE', type: 'IMAGE', links: [7] }],
        }];
        outer.links = [
            ...inner.inputs.map((io: Json, i: number) => ({ id: i + 1, origin_id: -10, origin_slot: i, target_id: 20, target_slot: i, type: io.type })),
            { id: 7, origin_id: 20, origin_slot: 0, target_id: -20, target_slot: 0, type: 'IMAGE' },
        ];
        wf.definitions.subgraphs.push(outer);
        wf.nodes.find((n: Json) => n.id === 5).type = 'outer';
        const imported = importComfyUI(wf, { catalog, comfyPack: pack, name: 'Nested' });
        assert.match(imported.flowText, /subgraph Wrapper \{[^}]*input seed: INT = 9\n {4}sampleAndDecode = SampleAndDecode\(seed: seed,/);
        assert.match(imported.flowText, /wrapper = Wrapper\(.*\n.*seed: 77\)/);
        const { api } = await roundTrip(JSON.stringify(wf), 'Nested');
        assert.deepEqual(canonical(api as Prompt), canonical(uiToPrompt(wf)));
        assert.equal(Object.values(api).find(n => n.class_type === 'KSampler')!.inputs.seed, 77);
    });

    it('a ComfyUI node whose name is no identifier ("Epsilon Scaling") imports sanitized and exports under its own name', async () => {
        const prompt = JSON.parse(fixture('api-upscale.json')) as Prompt;
        prompt['9'] = { class_type: 'Epsilon Scaling', inputs: { model: ['1', 0], scaling_factor: 1.01 } };
        (prompt['5'].inputs as Record<string, unknown>).model = ['9', 0];
        const imported = importComfyUI(prompt, { catalog, comfyPack: pack, name: 'Eps' });
        assert.match(imported.flowText, /epsilonScaling = Epsilon_Scaling\(model: checkpointLoaderSimple\.MODEL, scaling_factor: 1\.01\)/);
        const { api, ui } = await roundTrip(JSON.stringify(prompt), 'Eps');
        assert.deepEqual(canonical(api as Prompt), canonical(prompt));
        assert.ok(ui.nodes.some(n => n.type === 'Epsilon Scaling'));
    });

    it('the UI format: positional widgets with the seed\'s control value, sockets and links that agree, the graph view\'s layout', async () => {
        const { ui } = await roundTrip(fixture('ui-features.json'), 'Fox');
        assert.equal(ui.version, 0.4);
        const sampler = ui.nodes.find(n => n.type === 'KSampler')!;
        assert.deepEqual(sampler.widgets_values, [1234, 'fixed', 20, 7.5, 'euler', 'normal', 1]);
        const negative = ui.nodes.find(n => n.title === 'negative')!;
        assert.deepEqual(negative.inputs.map(i => [i.name, i.widget?.name]), [['clip', undefined], ['text', 'text']], 'a wired widget is a widget socket');
        for (const [id, from, fromSlot, to, toSlot, type] of ui.links) {
            const source = ui.nodes.find(n => n.id === from)!;
            const target = ui.nodes.find(n => n.id === to)!;
            assert.ok(source.outputs[fromSlot].links.includes(id));
            assert.equal(target.inputs[toSlot].link, id);
            assert.equal(source.outputs[fromSlot].type, type);
        }
        assert.equal(ui.last_link_id, ui.links.length);
        // Laid out left to right along the wires, without overlaps.
        for (const [, from, , to] of ui.links) {
            assert.ok(ui.nodes.find(n => n.id === from)!.pos[0] < ui.nodes.find(n => n.id === to)!.pos[0]);
        }
        for (const a of ui.nodes) {
            for (const b of ui.nodes) {
                if (a === b) continue;
                const apart = a.pos[0] + a.size[0] <= b.pos[0] || b.pos[0] + b.size[0] <= a.pos[0] || a.pos[1] + a.size[1] <= b.pos[1] || b.pos[1] + b.size[1] <= a.pos[1];
                assert.ok(apart, `${a.type} and ${b.type} overlap`);
            }
        }
    });

    it('a node without a ComfyUI equivalent is refused, named with its line', async () => {
        const loaded = await checkFlow('workflow Digits {\n    digits = LoadMNIST(limit: 4)\n    images = DatasetImages(dataset: digits)\n    SaveImages(images: images, prefix: "d")\n}\n', pack);
        await assert.rejects(exportComfyUI(loaded, { format: 'api', catalog, comfyPack: pack }), (e: unknown) => {
            assert.ok(e instanceof ApiPromptError);
            const names = e.problems.map(p => p.message).join('\n');
            assert.match(names, /LoadMNIST has no ComfyUI equivalent/);
            assert.match(names, /DatasetImages has no ComfyUI equivalent/);
            assert.deepEqual(e.problems.map(p => p.range.start.line).sort(), [1, 2]);
            return true;
        });
    });

    describe('real workflows (../shared/fixtures/comfyui)', function () {
        const files = fs.existsSync(SHARED) ? fs.readdirSync(SHARED).filter(f => f.endsWith('.json')).sort() : [];
        before(function () {
            if (files.length === 0) {
                console.log(`      (skipped: no ComfyUI workflows in ${SHARED})`);
                this.skip();
            }
        });
        for (const file of files.length ? files : ['(none)']) {
            it(`${file}: imports to a .flow the check accepts, and exports back to the graph ComfyUI runs`, async () => {
                const text = fs.readFileSync(path.join(SHARED, file), 'utf8');
                const json = JSON.parse(text);
                const original = Array.isArray(json.nodes) ? uiToPrompt(json) : json as Prompt;
                const want = canonical(original);
                const imported = importComfyUI(text, { catalog, comfyPack: pack, name: path.basename(file, '.json') });
                const loaded = await checkFlow(imported.flowText, pack);
                assert.deepEqual(errorsOf(loaded), [], imported.flowText);
                let got: string[] = [];
                try {
                    got = canonical((await exportComfyUI(loaded, { format: 'api', catalog, comfyPack: pack })).json as Prompt);
                } catch (e) {
                    assert.ok(e instanceof ApiPromptError && e.problems.every(p => p.code === 'no-output'), String(e));
                }
                const dropped = imported.problems.some(p => /not imported|written as a comment/.test(p.message));
                if (!dropped) assert.deepEqual(got, want);
                else for (const s of got) assert.ok(want.includes(s), `exported ${s}, which the original does not run`);
                if (want.length > 0 && got.length < want.length) assert.ok(dropped, 'nodes went missing without a problem saying so');
            });
        }
    });

    describe('flowstudio import / export', () => {
        let dir: string;
        before(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fs-comfy-cli-')); });
        after(() => fs.rmSync(dir, { recursive: true, force: true }));
        const cli = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { cwd: dir, encoding: 'utf8' });

        it('imports beside the file, refuses to overwrite without --force, exports the API prompt and the UI workflow', () => {
            const source = path.join(dir, 'fox.json');
            fs.writeFileSync(source, fixture('ui-features.json'));
            const imported = cli('import', source, '--object-info', SUBSET);
            assert.equal(imported.status, 0, imported.stderr);
            assert.match(imported.stderr, /node 14: PreviewImage #14 is muted/);
            assert.match(imported.stderr, /Imported UI workflow to .*fox\.flow for the ComfyUI engine, 2 problem\(s\)/);
            const flow = path.join(dir, 'fox.flow');
            assert.match(fs.readFileSync(flow, 'utf8'), /^workflow Fox on comfyui \{$/m);

            const again = cli('import', source, '--object-info', SUBSET);
            assert.equal(again.status, 1);
            assert.match(again.stderr, /fox\.flow exists; pass --force to overwrite it/);
            assert.equal(cli('import', source, '--object-info', SUBSET, '--force').status, 0);

            const api = cli('export', flow, '--format', 'api', '--object-info', SUBSET);
            assert.equal(api.status, 0, api.stderr);
            assert.deepEqual(canonical(JSON.parse(api.stdout)), canonical(JSON.parse(fixture('ui-features.expected-api.json'))));
            const out = path.join(dir, 'fox.ui.json');
            const ui = cli('export', flow, '--format', 'ui', '-o', out, '--object-info', SUBSET);
            assert.equal(ui.status, 0, ui.stderr);
            assert.equal(JSON.parse(fs.readFileSync(out, 'utf8')).version, 0.4);
            assert.equal(cli('export', flow, '--format', 'ui', '-o', out, '--object-info', SUBSET).status, 1, 'never overwrites without --force');
            assert.deepEqual(fs.readdirSync(dir).filter(f => f.endsWith('.tmp')), [], 'no temp files left');
        });

        it('errors name the file: not a workflow, a missing file, a .flow with errors, a bad format', () => {
            const bad = path.join(dir, 'package.json');
            fs.writeFileSync(bad, '{"name": "x"}');
            const r1 = cli('import', bad);
            assert.equal(r1.status, 1);
            assert.match(r1.stderr, /package\.json: not a ComfyUI workflow/);
            const r2 = cli('import', path.join(dir, 'nope.json'));
            assert.match(r2.stderr, /nope\.json: no such file/);
            const broken = path.join(dir, 'broken.flow');
            fs.writeFileSync(broken, 'workflow W {\n    x = NoSuchNode()\n}\n');
            const r3 = cli('export', broken, '--format', 'api');
            assert.equal(r3.status, 1);
            assert.match(r3.stderr, /broken\.flow:2:\d+: error: .*NoSuchNode/);
            assert.equal(cli('export', broken, '--format', 'png').status, 2);
        });
    });
});
