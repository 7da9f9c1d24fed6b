/** The node registry: one implementation per catalog node type, from the node folders (a test checks both sets match). */
import { BUILTIN_NODE_IMPLEMENTATIONS } from '../../../nodes/implementations.generated.js';
import type { NodeImpl } from './types.js';

export type { NodeImpl, NodeContext, Params, RunPlace } from './types.js';

export const NODE_IMPLEMENTATIONS: ReadonlyMap<string, NodeImpl> = new Map(BUILTIN_NODE_IMPLEMENTATIONS.map(impl => [impl.type, impl]));
