/** SaveImages' cache entry holds for one output folder: a run into another folder writes again. */
import type { NodeFingerprint } from '../../engine/src/nodes/define-node.js';
import type { schema } from './schema.js';

export const fingerprint: NodeFingerprint<typeof schema> = place => place.outputDir;
