/** The ComfyUI engine's catalog and the check a run overriding a workflow's engine makes. */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUILTIN_PACK } from '../../../catalog/src/builtin-catalog.js';
import { Catalog } from '../../../catalog/src/catalog.js';
import { comfyuiCatalog, engineMismatches } from '../../../catalog/src/engines.js';
import { objectInfoToPack } from '../../../comfyui/src/object-info.js';

const SUBSET = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../test/fixtures/comfyui/object_info.subset.json');

describe('engines: the ComfyUI catalog', () => {
    const { pack } = objectInfoToPack(JSON.parse(fs.readFileSync(SUBSET, 'utf8')), { id: 'comfyui:test', label: 'test' });
    const mappable = (name: string) => ['KSampler', 'SaveImages'].includes(name);

    it('holds the server\'s nodes (winning shared names) and the mappable built-ins, without conflicts', () => {
        const catalog = comfyuiCatalog(BUILTIN_PACK, pack, mappable);
        assert.deepEqual(catalog.problems, []);
        assert.equal(catalog.packOf('KSampler')?.origin, 'comfyui', 'ComfyUI\'s own KSampler');
        assert.equal(catalog.packOf('SaveImages')?.origin, 'builtin');
        assert.equal(catalog.node('LoadMNIST'), undefined);
        assert.ok(catalog.node('ImageInvert'));
        assert.equal(catalog.color('LATENT'), Catalog.compose([BUILTIN_PACK]).color('LATENT'));
    });

    it('without a server pack holds only the mappable built-ins', () => {
        const catalog = comfyuiCatalog(BUILTIN_PACK, undefined, mappable);
        assert.deepEqual(catalog.nodeNames().sort(), ['KSampler', 'SaveImages']);
    });

    it('names the nodes a graph would run on an engine that lacks them', () => {
        const graph = {
            workflow: 'W', nodes: [
                { id: 'a', type: 'LoadMNIST', label: 'digits', isOutput: false, params: {}, wires: {}, uri: '', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } },
                { id: 'b', type: 'ImageInvert', label: 'inv', isOutput: false, params: {}, wires: {}, uri: '', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } },
                { id: 'c', type: 'SaveImages', label: 'SaveImages#1', isOutput: true, params: {}, wires: {}, uri: '', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } },
            ],
        };
        assert.deepEqual(engineMismatches(graph, 'comfyui', comfyuiCatalog(BUILTIN_PACK, pack, mappable)), ['LoadMNIST (digits) does not run on a ComfyUI server (comfyui)']);
        assert.deepEqual(engineMismatches(graph, 'local', Catalog.compose([BUILTIN_PACK])), ['ImageInvert (inv) does not run on the local engine (local)']);
    });
});
