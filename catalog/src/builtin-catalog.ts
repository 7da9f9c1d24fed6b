/**
 * The built-in pack: every node folder's schema and every wire-type file's declaration. The one
 * place that composes it; the language server's CatalogService starts from it and adds the
 * packs of the workspace (and later a ComfyUI server's).
 */
import { BUILTIN_WIRE_TYPES } from '../../wire-types/registry.generated.js';
import { Catalog, type NodePack } from './catalog.js';
import { wireTypeSpec } from './define.js';
import { NODE_SCHEMAS } from './index.js';

export const BUILTIN_PACK: NodePack = {
    id: 'builtin',
    origin: 'builtin',
    label: 'Flow Studio',
    nodes: NODE_SCHEMAS,
    types: BUILTIN_WIRE_TYPES.map(wireTypeSpec),
};

export function builtinCatalog(): Catalog {
    return Catalog.compose([BUILTIN_PACK]);
}
