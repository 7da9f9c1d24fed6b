/** CheckpointLoaderSimple re-runs when the named checkpoint file changes (path, size, mtime). */
import * as fs from 'node:fs';
import { resolveCheckpoint } from '../../checkpoints/src/find.js';
import type { NodeFingerprint } from '../../engine/src/nodes/define-node.js';
import type { schema } from './schema.js';

export const fingerprint: NodeFingerprint<typeof schema> = (place, params) => {
    const file = resolveCheckpoint(place.flowDir, params.ckpt_name);
    if (!file) return 'missing';
    const stat = fs.statSync(file);
    return `${file}:${stat.size}:${stat.mtimeMs}`;
};
