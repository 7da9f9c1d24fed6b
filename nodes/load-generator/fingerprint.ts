/** LoadGenerator re-runs when any file of the saved generator's folder changes. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ParamsOf } from '../../catalog/src/define.js';
import { filesFingerprint } from '../../engine/src/nodes/files-fingerprint.js';
import type { NodeFingerprint } from '../../engine/src/nodes/define-node.js';
import type { RunPlace } from '../../engine/src/nodes/types.js';
import type { schema } from './schema.js';

export function dirOf(place: RunPlace, params: ParamsOf<typeof schema>): string {
    return path.resolve(place.flowDir, params.path);
}

export const fingerprint: NodeFingerprint<typeof schema> = (place, params) => {
    const dir = dirOf(place, params);
    return filesFingerprint(dir, () => fs.readdirSync(dir).sort().map(name => path.join(dir, name)));
};
