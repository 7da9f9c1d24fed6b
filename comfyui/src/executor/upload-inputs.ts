/**
 * Input images a ComfyUI run needs from the workspace: a LoadImage (or LoadImageMask) whose
 * `image` names a file next to the `.flow` file is uploaded with `/upload/image` (into the
 * server's `input/flowstudio/`), and the prompt is changed to the name the server gave it.
 * A name that is not a workspace file is left for the server to find in its own input folder.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ExecGraph, ExecNode } from '../../../catalog/src/graph.js';
import type { ApiPromptResult } from '../api-prompt.js';
import { ComfyError, type ComfyClient } from './comfy-client.js';

/** ComfyUI's image loaders whose `image` input is a file of its input folder. */
const LOADERS = new Set(['LoadImage', 'LoadImageMask', 'LoadImageOutput']);
const SUBFOLDER = 'flowstudio';

/** An upload that failed, on the node that needed it. */
export class UploadError extends ComfyError {
    constructor(message: string, readonly node: ExecNode | undefined, code: ComfyError['code']) {
        super(message, code);
    }
}

export async function uploadInputImages(client: ComfyClient, api: ApiPromptResult, graph: ExecGraph, flowDir: string): Promise<void> {
    const uploaded = new Map<string, string>();
    for (const [comfyId, node] of Object.entries(api.prompt)) {
        const name = node.inputs.image;
        if (!LOADERS.has(node.class_type) || typeof name !== 'string') continue;
        const file = path.resolve(flowDir, name);
        if (!fs.statSync(file, { throwIfNoEntry: false })?.isFile()) continue;
        const execNode = graph.nodes.find(n => n.id === api.ids.get(comfyId));
        let serverName = uploaded.get(file);
        if (!serverName) {
            try {
                serverName = await client.uploadImage(fs.readFileSync(file), path.basename(file), SUBFOLDER);
            } catch (e) {
                const code = e instanceof ComfyError ? e.code : 'comfyui-http';
                throw new UploadError(`${execNode?.label ?? comfyId}: could not upload ${name}: ${(e as Error).message}`, execNode, code);
            }
            uploaded.set(file, serverName);
        }
        node.inputs.image = serverName;
    }
}
