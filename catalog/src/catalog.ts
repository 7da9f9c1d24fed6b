/**
 * The catalog as a value: an immutable snapshot composed from node packs (the built-in pack,
 * a workspace's user packs, later a ComfyUI server's `/object_info`). The language server holds
 * one in its `CatalogService` and swaps it when a pack changes; the engine, the CLI and the graph
 * view receive one. Pure data: imports nothing but the schema types.
 */
import { SCALAR_COLORS, SCALAR_DESCRIPTIONS, SCALAR_TYPES, type NodeSchema, type WireTypeSpec } from './schema.js';

/** Where a pack came from; shown in hover and in problems. */
export type PackOrigin = 'builtin' | 'workspace' | 'comfyui';

export interface NodePack {
    /** Stable id: `builtin`, a user pack's absolute file path, `comfyui:<server>`. */
    readonly id: string;
    readonly origin: PackOrigin;
    /** Human name (hover, problems, the graph palette). */
    readonly label: string;
    readonly nodes: readonly NodeSchema[];
    readonly types: readonly WireTypeSpec[];
}

/** A pack, or part of one, that could not be used; the rest of the catalog still works. */
export interface PackProblem {
    readonly packId: string;
    /** The file the problem is in, when there is one (absolute path). */
    readonly file?: string;
    readonly message: string;
}

/** The JSON form of a catalog: the `flowstudio/catalog` response and the graph view's input. */
export interface CatalogJson {
    readonly version: 1;
    readonly nodes: readonly NodeSchema[];
    readonly types: readonly WireTypeSpec[];
    /** Node name → pack id, for nodes outside the built-in pack. */
    readonly packOf: Readonly<Record<string, string>>;
    /** The engine this is the catalog of, when it was asked for one (`flowstudio/catalog`). */
    readonly engine?: string;
    /** The packs `packOf` names: where each came from and its human name. */
    readonly packs?: ReadonlyArray<Pick<NodePack, 'id' | 'origin' | 'label'>>;
    readonly problems: readonly PackProblem[];
}

const FALLBACK_COLOR = '#9e9e9e';

export class Catalog {
    private readonly nodeByName = new Map<string, NodeSchema>();
    private readonly packByNode = new Map<string, NodePack>();
    private readonly typeByName = new Map<string, WireTypeSpec>();

    private constructor(readonly packs: readonly NodePack[], readonly problems: readonly PackProblem[]) {}

    /**
     * Packs in priority order: a node or type name defined by an earlier pack wins, and the later
     * definition becomes a problem (a user pack cannot silently replace a built-in node).
     */
    static compose(packs: readonly NodePack[], problems: readonly PackProblem[] = []): Catalog {
        const found: PackProblem[] = [...problems];
        const catalog = new Catalog(packs, found);
        for (const pack of packs) {
            for (const type of pack.types) {
                const owner = catalog.typeByName.get(type.name);
                if (owner || (SCALAR_TYPES as readonly string[]).includes(type.name)) {
                    found.push({ packId: pack.id, message: `wire type ${type.name} is already defined${owner ? '' : ' (a scalar type)'}; ${pack.label}'s definition is ignored` });
                    continue;
                }
                catalog.typeByName.set(type.name, type);
            }
            for (const node of pack.nodes) {
                const owner = catalog.packByNode.get(node.name);
                if (owner) {
                    found.push({ packId: pack.id, message: `node ${node.name} is already defined by ${owner.label}; ${pack.label}'s definition is ignored` });
                    continue;
                }
                catalog.nodeByName.set(node.name, node);
                catalog.packByNode.set(node.name, pack);
            }
        }
        return catalog;
    }

    static fromJSON(json: CatalogJson): Catalog {
        const builtin: NodePack = { id: 'builtin', origin: 'builtin', label: 'Flow Studio', nodes: json.nodes.filter(n => !json.packOf[n.name]), types: json.types };
        const others = new Map<string, NodeSchema[]>();
        for (const n of json.nodes) {
            const id = json.packOf[n.name];
            if (id) others.set(id, [...(others.get(id) ?? []), n]);
        }
        const about = new Map((json.packs ?? []).map(p => [p.id, p]));
        const packs = [builtin, ...[...others].map(([id, nodes]): NodePack => ({ id, origin: about.get(id)?.origin ?? 'workspace', label: about.get(id)?.label ?? id, nodes, types: [] }))];
        return Catalog.compose(packs, json.problems);
    }

    node(name: string): NodeSchema | undefined {
        return this.nodeByName.get(name);
    }

    nodes(): NodeSchema[] {
        return [...this.nodeByName.values()];
    }

    nodeNames(): string[] {
        return [...this.nodeByName.keys()];
    }

    packOf(nodeName: string): NodePack | undefined {
        return this.packByNode.get(nodeName);
    }

    /** A wire (data) type; scalar types are not wire types. */
    type(name: string): WireTypeSpec | undefined {
        return this.typeByName.get(name);
    }

    dataTypes(): string[] {
        return [...this.typeByName.keys()];
    }

    /** Every type a port may have: wire types, then the scalar types. */
    portTypes(): string[] {
        return [...this.typeByName.keys(), ...SCALAR_TYPES];
    }

    isPortType(name: string): boolean {
        return this.typeByName.has(name) || (SCALAR_TYPES as readonly string[]).includes(name);
    }

    /** What a port type is, for hover: a wire type's own description, or what a scalar holds. */
    describeType(name: string): string | undefined {
        return this.typeByName.get(name)?.description ?? SCALAR_DESCRIPTIONS[name];
    }

    color(type: string): string {
        return this.typeByName.get(type)?.color ?? SCALAR_COLORS[type] ?? FALLBACK_COLOR;
    }

    toJSON(): CatalogJson {
        const packOf: Record<string, string> = {};
        for (const [name, pack] of this.packByNode) if (pack.origin !== 'builtin') packOf[name] = pack.id;
        const packs = this.packs.filter(p => p.origin !== 'builtin').map(({ id, origin, label }) => ({ id, origin, label }));
        return { version: 1, nodes: this.nodes(), types: [...this.typeByName.values()], packOf, packs, problems: this.problems };
    }
}

