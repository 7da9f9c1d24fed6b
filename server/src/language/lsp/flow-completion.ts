/**
 * Completion: node types (with a snippet of required arguments), argument names not yet
 * given, enumeration choices, and at inputs only the references whose type fits.
 */
import { isAssignable, isRequiredParam, findArgument, type NodeSchema, type PortType, type ParamSpec } from '../../../../catalog/src/index.js';
import { UriUtils, type FileSystemProvider, type LangiumDocument } from 'langium';
import type { CompletionProvider, CompletionProviderOptions } from 'langium/lsp';
import { CompletionItemKind, InsertTextFormat, type CompletionItem, type CompletionList, type CompletionParams, type Range } from 'vscode-languageserver';
import { isSubgraph, isSubgraphInput, type Document, type Node, type Subgraph, type SubgraphInput, type Workflow } from '../generated/ast.js';
import type { FlowServices } from '../flow-module.js';
import type { NodeTypeResolver } from '../semantics/node-types.js';
import { bodyNodes } from '../semantics/bodies.js';
import { completionSite, wordBefore } from './completion-context.js';
import { ENGINE_LABELS, ENGINES } from '../../../../catalog/src/engines.js';
import { inputMarkdown, nodeTypeMarkdown, paramMarkdown } from './node-docs.js';
import type { PromptVocabularies } from '../prompts/vocabulary-source.js';
import type { CheckpointProducers } from '../prompts/checkpoint-producers.js';
import { checkpointItems, promptWordItems, rangeAt } from './prompt-completion.js';

export class FlowCompletionProvider implements CompletionProvider {
    readonly completionOptions: CompletionProviderOptions = { triggerCharacters: ['.', '"', ':', '(', '=', '/'] };
    private readonly types: NodeTypeResolver;
    private readonly fileSystem: FileSystemProvider;
    private readonly vocabularies: PromptVocabularies;
    private readonly producers: CheckpointProducers;

    constructor(services: FlowServices) {
        this.types = services.semantics.NodeTypes;
        this.vocabularies = services.prompts.Vocabularies;
        this.producers = services.prompts.Producers;
        this.fileSystem = services.shared.workspace.FileSystemProvider;
    }

    async getCompletion(document: LangiumDocument, params: CompletionParams): Promise<CompletionList | undefined> {
        const text = document.textDocument.getText();
        const offset = document.textDocument.offsetAt(params.position);
        const prefix = wordBefore(text, offset);
        const replace: Range = { start: document.textDocument.positionAt(offset - prefix.length), end: params.position };
        const site = completionSite(text, offset);
        let items: CompletionItem[] = [];
        switch (site.kind) {
            case 'top-level':
                items = ['workflow', 'subgraph', 'import'].map(k => ({ label: k, kind: CompletionItemKind.Keyword, textEdit: { range: replace, newText: k } }));
                break;
            case 'engine':
                items = ENGINES.map(e => ({ label: e, kind: CompletionItemKind.EnumMember, detail: ENGINE_LABELS[e], textEdit: { range: replace, newText: e } }));
                break;
            case 'import-path':
                items = await this.importPathItems(document, site.typed, params.position);
                break;
            case 'port-type':
                items = this.types.allPortTypes(site.dataOnly).map(t => ({ label: t, kind: CompletionItemKind.TypeParameter, textEdit: { range: replace, newText: t } }));
                break;
            case 'statement': {
                const body = this.bodyAt(document, offset);
                items = this.nodeTypeItems(document, body, replace);
                if (!site.afterAssign && body && isSubgraph(body)) {
                    items.push(...['input', 'output'].map(k => ({ label: k, kind: CompletionItemKind.Keyword, textEdit: { range: replace, newText: k + ' ' } })));
                }
                break;
            }
            case 'argument-name': {
                const schema = this.types.resolveName(document, site.nodeType, this.bodyAt(document, offset))?.schema;
                if (schema) items = this.argumentNameItems(schema, site.given, replace);
                break;
            }
            case 'argument-value': {
                const body = this.bodyAt(document, offset);
                const schema = this.types.resolveName(document, site.nodeType, body)?.schema;
                const arg = schema && findArgument(schema, site.argument);
                if (!schema || !arg) break;
                const self = body && bodyNodes(body).find(n => n.$cstNode && n.$cstNode.offset <= site.callOffset && site.callOffset < n.$cstNode.end);
                if (arg.kind === 'input') {
                    items = this.referenceItems(body, self, arg.spec.type, site.member, replace);
                } else if (site.inString && self && (schema.name === 'CheckpointLoaderSimple' && site.argument === 'ckpt_name' || this.vocabularies.isPrompt(self, site.argument))) {
                    const list = schema.name === 'CheckpointLoaderSimple'
                        ? checkpointItems(self, this.vocabularies, this.producers, rangeAt(document, site.stringStart ?? offset, offset))
                        : promptWordItems(text, offset, this.vocabularies.forArgument(self, site.argument), document);
                    return list;
                } else if (site.inString) {
                    items = (arg.spec.choices ?? []).filter(c => typeof c === 'string').map(c => ({ label: String(c), kind: CompletionItemKind.EnumMember, textEdit: { range: replace, newText: String(c) } }));
                } else if (site.inList) {
                    items = (arg.spec.item?.choices ?? []).map(c => ({ label: JSON.stringify(c), kind: CompletionItemKind.EnumMember, textEdit: { range: replace, newText: JSON.stringify(c) } }));
                } else {
                    // A widget parameter is wired only from a subgraph input of its scalar type.
                    const inputs = arg.spec.type !== 'LIST' && site.member === undefined ? subgraphInputItems(body, arg.spec.type, replace, this.types) : [];
                    items = [...this.literalItems(arg.spec, replace), ...inputs];
                }
                break;
            }
        }
        return { isIncomplete: false, items };
    }

    /** Folders and other .flow files, relative to this file, for the part of the path typed so far. */
    private async importPathItems(document: LangiumDocument, typed: string, position: import('vscode-languageserver').Position): Promise<CompletionItem[]> {
        const folderPart = typed.slice(0, typed.lastIndexOf('/') + 1);
        const folder = UriUtils.resolvePath(UriUtils.dirname(document.uri), folderPart || '.');
        const entries = await this.fileSystem.readDirectory(folder).catch(() => []);
        const namePart = typed.slice(folderPart.length);
        const range = { start: { line: position.line, character: position.character - namePart.length }, end: position };
        return entries
            .filter(e => e.isDirectory ? !UriUtils.basename(e.uri).startsWith('.') && UriUtils.basename(e.uri) !== 'node_modules' : e.uri.path.endsWith('.flow') && e.uri.toString() !== document.uri.toString())
            .map(e => {
                const name = UriUtils.basename(e.uri) + (e.isDirectory ? '/' : '');
                return { label: name, kind: e.isDirectory ? CompletionItemKind.Folder : CompletionItemKind.File, textEdit: { range, newText: name }, ...(e.isDirectory ? { command: { title: 'Suggest', command: 'editor.action.triggerSuggest' } } : {}) };
            });
    }

    /** The node types of the engine the workflow around the cursor runs on, then the visible subgraphs. */
    private nodeTypeItems(document: LangiumDocument, body: Workflow | Subgraph | undefined, replace: Range): CompletionItem[] {
        const catalog = this.types.catalogFor(body);
        const subgraphs = this.types.visibleSubgraphs(document).filter(s => s.name && !catalog.node(s.name));
        const schemas: Array<[NodeSchema, boolean]> = [...catalog.nodes().map(s => [s, false] as [NodeSchema, boolean]), ...subgraphs.map(s => [this.types.subgraphSchema(s), true] as [NodeSchema, boolean])];
        return schemas.map(([schema, isSub], i) => {
            const required = [
                ...schema.inputs.filter(x => !x.optional).map(x => x.name),
                ...schema.params.filter(isRequiredParam).map(x => x.name),
            ];
            const snippet = `${schema.name}(${required.map((name, j) => `${name}: \${${j + 1}}`).join(', ')})$0`;
            return {
                label: schema.name,
                kind: isSub ? CompletionItemKind.Module : CompletionItemKind.Class,
                detail: isSub ? 'subgraph' : schema.displayName ? `${schema.displayName} — ${schema.category}` : schema.category,
                documentation: { kind: 'markdown', value: nodeTypeMarkdown(schema, isSub) },
                insertTextFormat: InsertTextFormat.Snippet,
                textEdit: { range: replace, newText: snippet },
                sortText: String(i).padStart(3, '0'),
            } satisfies CompletionItem;
        });
    }

    private argumentNameItems(schema: NodeSchema, given: string[], replace: Range): CompletionItem[] {
        const items: CompletionItem[] = [];
        let order = 0;
        for (const input of schema.inputs) {
            if (given.includes(input.name)) continue;
            items.push({ label: input.name, kind: CompletionItemKind.Field, detail: input.type, documentation: { kind: 'markdown', value: inputMarkdown(schema, input) }, textEdit: { range: replace, newText: `${input.name}: ` }, sortText: String(order++).padStart(3, '0'), command: { title: 'Suggest', command: 'editor.action.triggerSuggest' } });
        }
        for (const param of schema.params) {
            if (given.includes(param.name)) continue;
            items.push({ label: param.name, kind: CompletionItemKind.Property, detail: param.type === 'LIST' ? `LIST of ${param.item?.type}` : param.type, documentation: { kind: 'markdown', value: paramMarkdown(schema, param) }, textEdit: { range: replace, newText: `${param.name}: ` }, sortText: String(order++).padStart(3, '0') });
        }
        return items;
    }

    private literalItems(param: ParamSpec, replace: Range): CompletionItem[] {
        if (param.choices) return param.choices.map(c => ({ label: JSON.stringify(c), kind: CompletionItemKind.EnumMember, textEdit: { range: replace, newText: JSON.stringify(c) } }));
        if (param.type === 'BOOLEAN') return ['true', 'false'].map(b => ({ label: b, kind: CompletionItemKind.Value, textEdit: { range: replace, newText: b } }));
        if (param.default !== undefined) return [{ label: JSON.stringify(param.default), detail: 'default', kind: CompletionItemKind.Value, textEdit: { range: replace, newText: JSON.stringify(param.default) } }];
        return [];
    }

    /** References whose type fits `expected`: `node` for a first output, `node.output` otherwise. */
    private referenceItems(body: Workflow | Subgraph | undefined, self: Node | undefined, expected: PortType | 'LIST', member: string | undefined, replace: Range): CompletionItem[] {
        if (!body || expected === 'LIST') return [];
        const items: CompletionItem[] = [];
        for (const node of bodyNodes(body)) {
            if (!node.name || node === self) continue;
            if (member !== undefined && node.name !== member) continue;
            const schema = this.types.resolve(node)?.schema;
            schema?.outputs.forEach(output => {
                if (!isAssignable(output.type, expected)) return;
                const label = member !== undefined ? output.name : schema.outputs.length === 1 ? node.name! : `${node.name}.${output.name}`;
                items.push({ label, kind: member === undefined && schema.outputs.length === 1 ? CompletionItemKind.Variable : CompletionItemKind.Field, detail: `${output.type} — ${node.type}`, textEdit: { range: replace, newText: label } });
            });
        }
        if (member === undefined) items.push(...subgraphInputItems(body, expected, replace, this.types));
        return items;
    }

    /** The workflow or subgraph around an offset (the last one starting before it, for broken text). */
    private bodyAt(document: LangiumDocument, offset: number): Workflow | Subgraph | undefined {
        const root = document.parseResult.value as Document;
        let found: Workflow | Subgraph | undefined;
        for (const element of root.elements) {
            if (element.$cstNode && element.$cstNode.offset < offset) found = element;
        }
        return found;
    }
}

/** The inputs of the subgraph around the cursor whose type fits `expected`. */
function subgraphInputItems(body: Workflow | Subgraph | undefined, expected: PortType, replace: Range, types: NodeTypeResolver): CompletionItem[] {
    if (!body || !isSubgraph(body)) return [];
    return body.members.filter((m): m is SubgraphInput => isSubgraphInput(m) && types.isPortType(m.type) && isAssignable(m.type, expected))
        .map(input => ({ label: input.name, kind: CompletionItemKind.Variable, detail: `input ${input.type}`, textEdit: { range: replace, newText: input.name } }));
}
