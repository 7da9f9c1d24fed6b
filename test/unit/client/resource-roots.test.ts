import assert from 'node:assert/strict';
import { ResourceRoots } from '../../../client/src/panels/image-source.js';

describe('client: view resource roots', () => {
    it('adds a folder only when no root covers it, and says so', () => {
        const roots = new ResourceRoots(['/ws/flow-output', '/ws/flow-output/Digits', '']);
        assert.deepEqual([...roots], ['/ws/flow-output'], 'a folder inside a root, and an empty one, are not added');
        assert.equal(roots.add('/ws/flow-output/Shapes'), false);
        assert.equal(roots.add('/data/out'), true);
        assert.equal(roots.covers('/data/out/W/a.png'), true);
        assert.equal(roots.covers('/ws/flow-outputs/a.png'), false, 'a sibling with the same prefix is outside');
    });

    it('walks only the outermost roots when a parent came after its child', () => {
        const roots = new ResourceRoots(['/ws/models/flow-output']);
        roots.add('/ws');
        roots.add('/tmp/run');
        assert.deepEqual(roots.outermost(), ['/ws', '/tmp/run']);
    });
});
