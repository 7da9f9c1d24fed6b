/**
 * Resolves a node statement's type name to a schema: a catalog node, or a subgraph of
 * this file or of a file it imports (a subgraph gets a synthesized schema so every
 * later check treats both alike).
 */
import type { LangiumDocument, LangiumDocuments } from 'langium';
import { AstUtils, CstUtils, UriUtils, type AstNode } from 'langium';
import type { URI } from 'vscode-uri';
import { SCALAR_TYPES, type NodeSchema, type ScalarType, type PortType, type DataType, type InputSpec, type ParamSpec, type OutputSpec } from '../../../../catalog/src/index.js';
import { isSubgraph, isSubgraphInput, isSubgraphOutput, isWorkflow, type Document, type Node, type Subgraph, type Workflow } from '../generated/ast.js';
import { ENGINES, isEngine, type EngineName } from '../../../../catalog/src/engines.js';
import { literalValue } from './values.js';
import type { Catalog } from '../../../../catalog/src/catalog.js';
import type { CatalogService } from '../catalog/catalog-service.js';

export type ResolvedNodeType =
    | { kind: 'builtin'; schema: NodeSchema }
    | { kind: 'subgraph'; schema: NodeSchema; subgraph: Subgraph };

export function isScalarType(type: string): type is ScalarType {
    return (SCALAR_TYPES as readonly string[]).includes(type);
}

export class NodeTypeResolver {
    private readonly schemaCache = new WeakMap<Subgraph, NodeSchema>();

    constructor(private readonly documents: LangiumDocuments, readonly catalogService: CatalogService) {}

    /** The local engine's catalog now (it changes when packs change; never keep it). */
    get catalog(): Catalog {
        return this.catalogService.current;
    }

    /**
     * The engine a workflow runs on: its `on` clause, else the default. Undefined for a subgraph
     * (it runs wherever the workflow using it runs) and for an unknown engine name (reported).
     */
    engineOf(body: Workflow | Subgraph | undefined): EngineName | undefined {
        if (!body || !isWorkflow(body)) return undefined;
        // A run or check for another engine than the text says (`--engine`) judges it there.
        if (this.catalogService.engineOverride) return this.catalogService.engineOverride;
        if (body.engine === undefined) return this.catalogService.defaultEngine;
        return isEngine(body.engine) ? body.engine : undefined;
    }

    /**
     * The catalogs a body's nodes resolve in, in order: its engine's; for a subgraph (or a
     * workflow on an unknown engine) the default engine's, then the others.
     */
    catalogsFor(body: Workflow | Subgraph | undefined): Catalog[] {
        const engine = this.engineOf(body);
        if (engine) return [this.catalogService.forEngine(engine)];
        const first = this.catalogService.defaultEngine;
        return [first, ...ENGINES.filter(e => e !== first)].map(e => this.catalogService.forEngine(e));
    }

    /** The catalog a body's node types are offered from (completion, the palette). */
    catalogFor(body: Workflow | Subgraph | undefined): Catalog {
        return this.catalogsFor(body)[0];
    }

    /** A node type of the catalogs of `body`, or undefined. */
    catalogNode(name: string, body: Workflow | Subgraph | undefined): NodeSchema | undefined {
        for (const catalog of this.catalogsFor(body)) {
            const found = catalog.node(name);
            if (found) return found;
        }
        return undefined;
    }

    /** The port types of every engine's catalog (subgraph ports): wire types, then (unless `dataOnly`) scalars. */
    allPortTypes(dataOnly: boolean): string[] {
        const wire = new Set(ENGINES.flatMap(e => this.catalogService.forEngine(e).dataTypes()));
        return [...wire, ...(dataOnly ? [] : SCALAR_TYPES)];
    }

    /** Whether a type name is a port type of any engine's catalog (subgraph ports may carry ComfyUI types). */
    isAnyPortType(name: string): boolean {
        return ENGINES.some(e => this.catalogService.forEngine(e).isPortType(name));
    }

    /** A wire type or scalar type of any engine's catalog (a subgraph may carry ComfyUI's types). */
    isPortType(name: string): name is PortType {
        return this.isAnyPortType(name);
    }

    resolve(node: Node): ResolvedNodeType | undefined {
        const body = AstUtils.getContainerOfType(node, (n): n is Workflow | Subgraph => isWorkflow(n) || isSubgraph(n));
        return this.resolveName(AstUtils.getDocument(node), node.type, body);
    }

    /**
     * A type name as written in `document` (also while the statement around it is incomplete),
     * in the catalog of the engine `body` runs on.
     */
    resolveName(document: LangiumDocument, name: string, body?: Workflow | Subgraph): ResolvedNodeType | undefined {
        // A subgraph named like a catalog node is reported as a duplicate; the catalog wins.
        const builtin = this.catalogNode(name, body);
        if (builtin) return { kind: 'builtin', schema: builtin };
        const subgraph = this.findSubgraph(document, name);
        return subgraph ? { kind: 'subgraph', subgraph, schema: this.subgraphSchema(subgraph) } : undefined;
    }

    /** Subgraphs visible in a document: its own, then those of the files it imports. */
    visibleSubgraphs(document: LangiumDocument): Subgraph[] {
        const result: Subgraph[] = [];
        for (const doc of [document, ...this.importedDocuments(document)]) {
            for (const element of (doc.parseResult.value as Document).elements) {
                if (isSubgraph(element)) result.push(element);
            }
        }
        return result;
    }

    findSubgraph(document: LangiumDocument, name: string): Subgraph | undefined {
        return this.visibleSubgraphs(document).find(s => s.name === name);
    }

    importedDocuments(document: LangiumDocument): LangiumDocument[] {
        const root = document.parseResult.value as Document;
        const docs: LangiumDocument[] = [];
        for (const imp of root.imports ?? []) {
            const uri = resolveImportUri(document.uri, imp.path);
            const doc = uri && this.documents.getDocument(uri);
            if (doc && doc !== document) docs.push(doc);
        }
        return docs;
    }

    subgraphSchema(subgraph: Subgraph): NodeSchema {
        let schema = this.schemaCache.get(subgraph);
        if (!schema) {
            schema = synthesizeSubgraphSchema(subgraph, { isPortType: n => this.isAnyPortType(n), node: n => this.catalogNode(n, subgraph) });
            this.schemaCache.set(subgraph, schema);
        }
        return schema;
    }
}

/** The .flow file an import names, or undefined when it names none (see `classifyImport`). */
export function resolveImportUri(base: URI, path: string | undefined): URI | undefined {
    const target = classifyImport(base, path);
    return target.kind === 'flow' ? target.uri : undefined;
}

export type ImportTarget =
    | { kind: 'flow'; uri: URI }
    /** An existing or missing file that is not a .flow file: never loaded as a document. */
    | { kind: 'not-flow'; uri: URI }
    | { kind: 'invalid'; reason: string };

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** What an import's path string names. Any string is handled: none throws. */
export function classifyImport(base: URI, path: string | undefined): ImportTarget {
    if (!path) return { kind: 'invalid', reason: 'the path is empty' };
    if (LONE_SURROGATE.test(path)) return { kind: 'invalid', reason: 'the path contains an unpaired UTF-16 surrogate, which no file name can hold' };
    if (path.includes('\0')) return { kind: 'invalid', reason: 'the path contains a NUL character' };
    let uri: URI;
    try {
        uri = UriUtils.resolvePath(UriUtils.dirname(base), path);
        uri.toString();
    } catch (e) {
        return { kind: 'invalid', reason: e instanceof Error ? e.message : String(e) };
    }
    return UriUtils.extname(uri).toLowerCase() === '.flow' ? { kind: 'flow', uri } : { kind: 'not-flow', uri };
}

function synthesizeSubgraphSchema(subgraph: Subgraph, catalog: Pick<Catalog, 'isPortType' | 'node'>): NodeSchema {
    const inputs: InputSpec[] = [];
    const params: ParamSpec[] = [];
    const outputs: OutputSpec[] = [];
    for (const member of subgraph.members) {
        if (isSubgraphInput(member)) {
            if (isScalarType(member.type)) {
                const def = member.default ? literalValue(member.default) : undefined;
                params.push({ name: member.name, type: member.type, description: `Input of subgraph ${subgraph.name}.`, ...(def !== undefined ? { default: def } : {}) });
            } else if (catalog.isPortType(member.type)) {
                inputs.push({ name: member.name, type: member.type as DataType, description: `Input of subgraph ${subgraph.name}.` });
            }
        } else if (isSubgraphOutput(member) && catalog.isPortType(member.type) && !isScalarType(member.type)) {
            outputs.push({ name: member.name, type: member.type as DataType, description: `Output of subgraph ${subgraph.name}.` });
        }
    }
    return {
        name: subgraph.name,
        category: 'image',
        description: subgraphDescription(subgraph),
        inputs, params, outputs,
        // A subgraph is an output node when it contains one: running it must save something.
        isOutput: subgraph.members.some(m => !isSubgraphInput(m) && !isSubgraphOutput(m) && catalog.node(m.type)?.isOutput === true),
        version: 1,
    };
}

function subgraphDescription(subgraph: Subgraph): string {
    const comment = subgraph.$cstNode ? findDocComment(subgraph) : undefined;
    return comment ?? `Subgraph ${subgraph.name}.`;
}

/** The text of a `/** ... *\/` comment right before a declaration, without the stars. */
export function findDocComment(node: AstNode): string | undefined {
    const comment = CstUtils.findCommentNode(node.$cstNode, ['ML_COMMENT']);
    if (!comment || !comment.text.startsWith('/**')) return undefined;
    return comment.text.slice(3, -2).split('\n').map(l => l.replace(/^\s*\*\s?/, '').trimEnd()).join('\n').trim() || undefined;
}

