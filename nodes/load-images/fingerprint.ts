/**
 * LoadImages re-runs when an image or caption file under its folder is added, changed or
 * removed; the listing is shared with run.ts so both see the same files.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ParamsOf } from '../../catalog/src/define.js';
import { FlowError } from '../../engine/src/errors.js';
import type { NodeFingerprint } from '../../engine/src/nodes/define-node.js';
import { filesFingerprint } from '../../engine/src/nodes/files-fingerprint.js';
import type { RunPlace } from '../../engine/src/nodes/types.js';
import { captionFiles } from './captions.js';
import type { schema } from './schema.js';

const EXTENSIONS = new Set(['.png', '.jpg', '.jpeg']);

export function folderOf(place: RunPlace, params: ParamsOf<typeof schema>): string {
    return path.resolve(place.flowDir, params.path);
}

/** Image files under `root`, sorted, so the dataset order never depends on the file system. */
export function listImageFiles(root: string, recursive: boolean): string[] {
    let stat: fs.Stats;
    try {
        stat = fs.statSync(root);
    } catch {
        throw new FlowError(`image folder ${root} does not exist — check LoadImages(path: ...), which is relative to the .flow file`, 'not-found');
    }
    if (!stat.isDirectory()) throw new FlowError(`${root} is not a folder`, 'not-found');
    const files: string[] = [];
    const walk = (dir: string): void => {
        for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
            if (entry.name.startsWith('.')) continue;
            const full = path.join(dir, entry.name);
            if (entry.isDirectory()) {
                if (recursive) walk(full);
            } else if (EXTENSIONS.has(path.extname(entry.name).toLowerCase())) {
                files.push(full);
            }
        }
    };
    walk(root);
    return files;
}

export const fingerprint: NodeFingerprint<typeof schema> = (place, params) => {
    const root = folderOf(place, params);
    return filesFingerprint(root, () => {
        const images = listImageFiles(root, params.recursive !== false);
        return [...images, ...captionFiles(root, images)];
    });
};
