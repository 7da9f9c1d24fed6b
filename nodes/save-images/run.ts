/**
 * SaveImages: one PNG per image, `<prefix>_00001.png` counting up and never overwriting, in the
 * output folder. Each PNG embeds the .flow source (`workflow`) and the resolved arguments of
 * the whole workflow (`prompt`), as ComfyUI does, so any image can be traced back.
 */
import * as path from 'node:path';
import { encodePng } from '../../engine/src/util/png.js';
import { writeNewFile } from '../../engine/src/util/fs-atomic.js';
import { toRawImages } from '../../engine/src/nodes/common.js';
import { confinedPath, nextCounter, numberedName } from '../../engine/src/nodes/output-paths.js';
import type { NodeContext } from '../../engine/src/nodes/types.js';
import { defineNode } from '../../engine/src/nodes/define-node.js';
import { schema } from './schema.js';

/** The JSON stored in the `prompt` chunk: every node's resolved arguments and wiring. */
export function promptJson(ctx: NodeContext): string {
    const nodes: Record<string, unknown> = {};
    for (const n of ctx.graph.nodes) nodes[n.id] = { type: n.type, label: n.label, params: n.params, wires: n.wires };
    return JSON.stringify({ workflow: ctx.workflow, file: path.basename(ctx.flowFile), node: ctx.node.id, nodes });
}

export const node = defineNode(schema, {
    async run(ctx, inputs, params) {
        const { images } = inputs.images;
        const prefix = params.prefix;
        const target = confinedPath(ctx.outputDir, prefix, 'SaveImages prefix');
        const dir = path.dirname(target);
        const base = path.basename(target);
        const text = { workflow: ctx.flowSource, prompt: promptJson(ctx) };
        const args = ctx.producerArgs('images');
        let counter = nextCounter(dir, base, '.png');
        for (const raw of await toRawImages(images)) {
            const { file, n } = writeNewFile(dir, k => numberedName(base, k, '.png'), counter, encodePng(raw, text));
            counter = n + 1;
            ctx.wrote(file);
            ctx.image({ path: file, width: raw.width, height: raw.height, saved: true, ...(args ? { args } : {}) });
        }
        return {};
    },
});
