/**
 * A ComfyUI node's interface as its UI format needs it: widgets in positional order (with their
 * types and defaults), sockets, and outputs with their ComfyUI names and types. From the ComfyUI
 * pack when one is loaded (ComfyUI's own order), else from the Flow Studio built-in that node-map
 * says computes the same.
 */
import type { Catalog, NodePack } from '../../../catalog/src/catalog.js';
import type { ParamValue } from '../../../catalog/src/schema.js';
import { comfyNameOf, inComfyOrder, widgetSlot } from '../import/targets.js';
import { flowEquivalent } from '../node-map.js';

export interface UiWidget {
    comfy: string;
    type: string;
    control: boolean;
    upload: boolean;
    default?: ParamValue;
}

export interface ComfyInterface {
    widgets: UiWidget[];
    sockets: Array<{ comfy: string; type: string }>;
    outputs: Array<{ name: string; type: string }>;
    isOutput: boolean;
}

/** `catalog`: the local engine's (for the built-ins node-map names); `comfyPack`: the server's node list. */
export function comfyInterface(catalog: Catalog, comfyPack: NodePack | undefined, classType: string): ComfyInterface | undefined {
    const pack = comfyPack?.nodes.find(n => comfyNameOf(n) === classType);
    if (pack) {
        return {
            widgets: pack.params.map(p => ({ ...widgetSlot(p, comfyNameOf(p)), type: p.type === 'LIST' ? 'COMBO' : p.choices ? 'COMBO' : p.type, default: p.default })),
            sockets: pack.inputs.map(i => ({ comfy: comfyNameOf(i), type: i.type })),
            outputs: pack.outputs.map(o => ({ name: comfyNameOf(o), type: o.type })),
            isOutput: Boolean(pack.isOutput),
        };
    }
    const mapping = flowEquivalent(classType);
    const schema = mapping && catalog.node(mapping.flow);
    if (!mapping || !schema) return undefined;
    const comfyOf = (name: string) => mapping.args[name]?.comfy;
    return {
        widgets: inComfyOrder(classType, schema.params.flatMap(p => {
            const comfy = comfyOf(p.name);
            if (!comfy) return [];
            const convert = mapping.args[p.name].toComfy;
            let def = p.default;
            try {
                if (def !== undefined && convert) def = convert(def);
            } catch {
                def = undefined;
            }
            return [{ ...widgetSlot(p, comfy), type: p.choices ? 'COMBO' : p.type, default: def }];
        })),
        sockets: schema.inputs.flatMap(i => (comfyOf(i.name) ? [{ comfy: comfyOf(i.name)!, type: i.type }] : [])),
        // ComfyUI names the outputs of these nodes by their types (MODEL, CLIP, VAE, IMAGE).
        outputs: mapping.outputs.map(name => {
            const type = schema.outputs.find(o => o.name === name)?.type ?? '*';
            return { name: type, type };
        }),
        isOutput: Boolean(schema.isOutput),
    };
}
