/**
 * The node registry. Each node's own tests live in its folder (nodes/<name>/<name>.test.ts, run
 * from out/nodes by the root .mocharc) on the shared harness in node-harness.ts.
 */
import * as assert from 'node:assert/strict';
import { NODE_SCHEMAS } from '../../catalog/src/index.js';
import { NODE_IMPLEMENTATIONS } from '../../engine/src/nodes/index.js';

describe('engine nodes', () => {
    it('implements exactly the catalog node types', () => {
        assert.deepEqual([...NODE_IMPLEMENTATIONS.keys()].sort(), NODE_SCHEMAS.map(s => s.name).sort());
    });
});
