import assert from 'node:assert/strict';
import { applyIntent, bodyShape, errorCodes } from './helpers.js';

describe('editing: unusual layouts', () => {
    it('keeps CRLF line breaks, in new lines too', async () => {
        const text = 'workflow W {\r\n    s = SyntheticShapes(\r\n        count: 8,\r\n    )\r\n    n = Normalize(dataset: s)\r\n}\r\n';
        const r = await applyIntent(text, { type: 'setParam', body: 'W', nodeId: 's', param: 'seed', value: 3 });
        assert.equal(r.after, 'workflow W {\r\n    s = SyntheticShapes(\r\n        count: 8,\r\n        seed: 3,\r\n    )\r\n    n = Normalize(dataset: s)\r\n}\r\n');
        const d = await applyIntent(r.after, { type: 'deleteNode', body: 'W', nodeId: 'n' });
        assert.equal(d.after, 'workflow W {\r\n    s = SyntheticShapes(\r\n        count: 8,\r\n        seed: 3,\r\n    )\r\n}\r\n');
        const a = await applyIntent(d.after, { type: 'addNode', body: 'W', nodeType: 'RandomFlip', connectFrom: { node: 's', output: 'dataset' } });
        assert.ok(a.after.endsWith('    )\r\n    randomFlip = RandomFlip(dataset: s)\r\n}\r\n'));
        assert.deepEqual(errorCodes(a.graphAfter), []);
    });

    it('strings holding commas, parentheses and comment markers are values, not syntax', async () => {
        const text = 'workflow W {\n    s = SyntheticShapes()\n    i = DatasetImages(dataset: s)\n    SaveImages(images: i, prefix: "a, b) // c")\n}\n';
        const r = await applyIntent(text, { type: 'disconnect', body: 'W', nodeId: 'SaveImages#1', input: 'images' });
        assert.match(r.after, /\n    SaveImages\(prefix: "a, b\) \/\/ c"\)\n/);
        const p = await applyIntent(text, { type: 'setParam', body: 'W', nodeId: 'SaveImages#1', param: 'prefix', value: 'x' });
        assert.match(p.after, /\n    SaveImages\(images: i, prefix: "x"\)\n/);
    });

    it('block comments between arguments go with the removed argument only when inside it', async () => {
        const text = 'workflow W {\n    s = SyntheticShapes(count: 8, /* why */ size: 16, seed: 2)\n}\n';
        const r = await applyIntent(text, { type: 'disconnect', body: 'W', nodeId: 's', input: 'seed' });
        assert.match(r.after, /s = SyntheticShapes\(count: 8, \/\* why \*\/ size: 16\)/);
        const r2 = await applyIntent(text, { type: 'setParam', body: 'W', nodeId: 's', param: 'size', value: 64 });
        assert.match(r2.after, /s = SyntheticShapes\(count: 8, \/\* why \*\/ size: 64, seed: 2\)/);
        assert.equal(bodyShape(r2.graphAfter).s.args.size, '=64');
    });

    it('two statements on one line: each edit stays in its own statement', async () => {
        const text = 'workflow W {\n    a = SyntheticShapes(seed: 1) b = SyntheticShapes(seed: 2)\n    PreviewImage(images: DatasetImages(dataset: a))\n}\n';
        const fixed = text.replace('    PreviewImage(images: DatasetImages(dataset: a))\n', '');
        const r = await applyIntent(fixed, { type: 'setParam', body: 'W', nodeId: 'a', param: 'count', value: 5 });
        assert.match(r.after, /    a = SyntheticShapes\(seed: 1, count: 5\) b = SyntheticShapes\(seed: 2\)\n/);
        const d = await applyIntent(fixed, { type: 'deleteNode', body: 'W', nodeId: 'a' });
        assert.match(d.after, /\n    b = SyntheticShapes\(seed: 2\)\n/);
        assert.deepEqual(Object.keys(bodyShape(d.graphAfter)), ['b']);
    });
});
