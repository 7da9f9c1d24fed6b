/**
 * Which Flow Studio built-in nodes compute the same thing as a ComfyUI node, and how their
 * arguments and outputs correspond. Used by the API prompt (running on a ComfyUI server,
 * exporting) and, in reverse, by import. Only nodes whose results match are listed: a node
 * that merely looks alike (Resize works on a DATASET, ComfyUI has no such type) is left out,
 * so a workflow using it is refused with the node named instead of silently computing
 * something else. Pure data and functions: no I/O.
 *
 * Nodes of a ComfyUI node pack (built from a server's `/object_info`) are ComfyUI nodes
 * already and need no entry: they map to themselves (api-prompt.ts).
 */
import type { ParamValue } from '../../catalog/src/schema.js';

/** How one Flow Studio argument becomes a ComfyUI input (and back). */
export interface ArgMapping {
    /** The ComfyUI input name. */
    readonly comfy: string;
    /** Converts a constant value; throws an Error saying why when the value has no equivalent. */
    readonly toComfy?: (value: ParamValue) => ParamValue;
    /** The inverse, for import; throws when the ComfyUI value has no Flow Studio equivalent. */
    readonly fromComfy?: (value: ParamValue) => ParamValue;
}

export interface NodeMapping {
    /** The Flow Studio node type. */
    readonly flow: string;
    /** The ComfyUI class_type. */
    readonly comfy: string;
    /** Flow Studio argument (input or parameter) name → its ComfyUI input. */
    readonly args: Readonly<Record<string, ArgMapping>>;
    /** Flow Studio output names in the ComfyUI node's output order (RETURN_TYPES). */
    readonly outputs: readonly string[];
    /** Why the two compute the same (shown nowhere; keeps the table honest). */
    readonly why: string;
}

const same = (...names: string[]): Record<string, ArgMapping> => Object.fromEntries(names.map(n => [n, { comfy: n }]));

/** ComfyUI's `%...%` in a filename prefix is a template (`%date:yyyy%`); Flow Studio's is literal. */
function literalPrefix(value: ParamValue): ParamValue {
    if (typeof value !== 'string') throw new Error(`expected a string, got ${JSON.stringify(value)}`);
    if (value.includes('%')) throw new Error(`"${value}" contains %, which ComfyUI expands as a template (e.g. %date:yyyy-MM-dd%)`);
    return value;
}

const UPSCALE_METHODS: Readonly<Record<string, string>> = { nearest: 'nearest-exact', bilinear: 'bilinear' };

const MAPPINGS: readonly NodeMapping[] = [
    // Nodes whose Flow Studio implementation follows ComfyUI's, with its names.
    { flow: 'CheckpointLoaderSimple', comfy: 'CheckpointLoaderSimple', args: same('ckpt_name'), outputs: ['MODEL', 'CLIP', 'VAE'], why: 'same node; the name is looked up among the server\'s checkpoints' },
    { flow: 'CLIPTextEncode', comfy: 'CLIPTextEncode', args: same('clip', 'text'), outputs: ['CONDITIONING'], why: 'same node' },
    { flow: 'ConditioningCombine', comfy: 'ConditioningCombine', args: same('conditioning_1', 'conditioning_2'), outputs: ['CONDITIONING'], why: 'same node' },
    { flow: 'EmptyLatentImage', comfy: 'EmptyLatentImage', args: same('width', 'height', 'batch_size'), outputs: ['LATENT'], why: 'same node' },
    {
        flow: 'KSampler', comfy: 'KSampler', outputs: ['LATENT'], why: 'same sampler maths (docs/sampling.md)',
        args: same('model', 'positive', 'negative', 'latent_image', 'seed', 'steps', 'cfg', 'sampler_name', 'scheduler', 'denoise'),
    },
    {
        flow: 'KSamplerAdvanced', comfy: 'KSamplerAdvanced', outputs: ['LATENT'], why: 'same sampler maths (docs/sampling.md)',
        args: same('model', 'positive', 'negative', 'latent_image', 'add_noise', 'noise_seed', 'steps', 'cfg', 'sampler_name', 'scheduler',
            'start_at_step', 'end_at_step', 'return_with_leftover_noise'),
    },
    { flow: 'VAEDecode', comfy: 'VAEDecode', args: same('samples', 'vae'), outputs: ['IMAGE'], why: 'same node' },
    { flow: 'VAEEncode', comfy: 'VAEEncode', args: same('pixels', 'vae'), outputs: ['LATENT'], why: 'same node' },
    { flow: 'ImageBatch', comfy: 'ImageBatch', args: same('image1', 'image2'), outputs: ['IMAGE'], why: 'same node (image2 resized to image1 when sizes differ)' },
    {
        flow: 'CheckpointSave', comfy: 'CheckpointSave', outputs: [], why: 'same node; the file is written on the server',
        args: { model: { comfy: 'model' }, clip: { comfy: 'clip' }, vae: { comfy: 'vae' }, filename_prefix: { comfy: 'filename_prefix', toComfy: literalPrefix } },
    },
    // Output nodes: the same images, saved or shown.
    {
        flow: 'SaveImages', comfy: 'SaveImage', outputs: [], why: 'one PNG per image under the output folder (ComfyUI names them <prefix>_00001_.png)',
        args: { images: { comfy: 'images' }, prefix: { comfy: 'filename_prefix', toComfy: literalPrefix, fromComfy: literalPrefix } },
    },
    { flow: 'PreviewImage', comfy: 'PreviewImage', args: same('images'), outputs: [], why: 'temporary PNGs, nothing saved' },
    // Integer-factor enlargement: TF.js resize with half-pixel centers equals torch's
    // interpolate (nearest-exact; bilinear with align_corners=False), which ImageScaleBy calls.
    {
        flow: 'Upscale', comfy: 'ImageScaleBy', outputs: ['images'], why: 'integer factor; nearest = nearest-exact, bilinear = bilinear (half-pixel centers both)',
        args: {
            images: { comfy: 'image' },
            factor: { comfy: 'scale_by', fromComfy: integerFactor },
            mode: {
                comfy: 'upscale_method',
                toComfy: v => UPSCALE_METHODS[String(v)] ?? fail(`mode ${JSON.stringify(v)} has no ComfyUI equivalent`),
                fromComfy: v => Object.keys(UPSCALE_METHODS).find(k => UPSCALE_METHODS[k] === v) ?? fail(`upscale_method ${JSON.stringify(v)} has no Flow Studio equivalent (nearest-exact or bilinear)`),
            },
        },
    },
];

function integerFactor(value: ParamValue): ParamValue {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 8) {
        throw new Error(`scale_by ${JSON.stringify(value)} is not a whole factor from 1 to 8`);
    }
    return value;
}

function fail(message: string): never {
    throw new Error(message);
}

const BY_FLOW = new Map(MAPPINGS.map(m => [m.flow, m]));
const BY_COMFY = new Map(MAPPINGS.map(m => [m.comfy, m]));

/** The ComfyUI equivalent of a Flow Studio built-in node type, or undefined when it has none. */
export function comfyEquivalent(flowType: string): NodeMapping | undefined {
    return BY_FLOW.get(flowType);
}

/** The Flow Studio built-in that computes what a ComfyUI class_type does, for import. */
export function flowEquivalent(comfyClass: string): NodeMapping | undefined {
    return BY_COMFY.get(comfyClass);
}

/** Every mapping (documentation, tests). */
export function nodeMappings(): readonly NodeMapping[] {
    return MAPPINGS;
}
