/** The ComfyUI engine's catalog: the server's nodes and the built-ins that map to ComfyUI nodes. */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUILTIN_PACK } from '../../../catalog/src/builtin-catalog.js';
import { Catalog } from '../../../catalog/src/catalog.js';
import { comfyuiCatalog } from '../../../catalog/src/engines.js';
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
});
