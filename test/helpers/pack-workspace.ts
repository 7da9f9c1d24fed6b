/** A temporary workspace holding a test node pack (test/fixtures/packs/masks.mjs, or its TypeScript twin masks.ts) and a workflow that uses it. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../test/fixtures/packs');

/** A workflow using both of the pack's nodes (ImageToMask, MaskToImage) and its MASK wire type. */
export function masksFlow(prefix: string): string {
    return `workflow Masks {
    digits = LoadMNIST(limit: 4)
    images = DatasetImages(dataset: digits, count: 4)
    mask = ImageToMask(image: images, channel: 0)
    back = MaskToImage(mask: mask)
    SaveImages(images: back, prefix: "${prefix}")
}
`;
}

/** `dir` with `.flowstudio/nodes/masks.<ext>` and `masks.flow` (the workflow `flow`). */
export function packWorkspace(flow: string, ext: 'mjs' | 'ts' = 'mjs'): { dir: string; file: string; pack: string } {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'flow-packs-'));
    fs.mkdirSync(path.join(dir, '.flowstudio', 'nodes'), { recursive: true });
    const pack = path.join(dir, '.flowstudio', 'nodes', `masks.${ext}`);
    fs.copyFileSync(path.join(PACKS, `masks.${ext}`), pack);
    const file = path.join(dir, 'masks.flow');
    fs.writeFileSync(file, flow);
    return { dir, file, pack };
}
