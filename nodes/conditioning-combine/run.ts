/** ConditioningCombine: concatenates entry lists; the entries' tensors are copied so each wire owns its values. */
import type { ConditioningEntry } from '../../engine/src/diffusion/contracts.js';
import { defineNode } from '../../engine/src/nodes/define-node.js';
import { schema } from './schema.js';

const copy = (e: ConditioningEntry): ConditioningEntry => ({ ...e, context: e.context.clone(), mask: e.mask.clone() });

export const node = defineNode(schema, {
    async run(_ctx, inputs) {
        return { CONDITIONING: { kind: 'CONDITIONING', entries: [...inputs.conditioning_1.entries, ...inputs.conditioning_2.entries].map(copy) } };
    },
});
