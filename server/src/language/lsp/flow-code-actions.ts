/** Quick fixes: did-you-mean replacements (names, checkpoints, prompt words), add missing required arguments, remove an unused node, make two models match. */
import { AstUtils, type LangiumDocument, type MaybePromise } from 'langium';
import type { CodeActionProvider } from 'langium/lsp';
import { CodeActionKind, type CodeAction, type CodeActionParams, type Command, type Diagnostic, type TextEdit } from 'vscode-languageserver';
import { isAssignable, isRequiredParam, startingValue, type PortType } from '../../../../catalog/src/index.js';
import { insertArguments, setArguments } from '../../../../editing/src/arguments.js';
import { EditError } from '../../../../editing/src/edit-error.js';
import { formatValue } from '../../../../editing/src/format.js';
import { analyzeStatement, type StatementShape } from '../../../../editing/src/statement.js';
import { LineIndex } from '../../../../editing/src/text-edit.js';
import { isNode, type Node, type Workflow, type Subgraph } from '../generated/ast.js';
import type { FlowServices } from '../flow-module.js';
import type { NodeTypeResolver } from '../semantics/node-types.js';
import { bodyNodes } from '../semantics/bodies.js';
import { agreementMismatches, type Mismatch } from '../validation/model-checks.js';
import { Codes, type FixData } from '../validation/codes.js';
import { leafAt } from './cst-helpers.js';

const RENAMEABLE = new Set<string>([Codes.unknownNode, Codes.unknownArgument, Codes.unknownOutput, Codes.undefinedReference, Codes.invalidChoice, Codes.unknownType, Codes.checkpointNotFound, Codes.unknownPromptWord]);

export class FlowCodeActionProvider implements CodeActionProvider {
    private readonly types: NodeTypeResolver;

    constructor(services: FlowServices) {
        this.types = services.semantics.NodeTypes;
    }

    getCodeActions(document: LangiumDocument, params: CodeActionParams): MaybePromise<Array<Command | CodeAction>> {
        const actions: CodeAction[] = [];
        for (const diagnostic of params.context.diagnostics) {
            const code = String(diagnostic.code ?? '');
            if (RENAMEABLE.has(code)) actions.push(...this.replacements(document, diagnostic));
            else if (code === Codes.missingInput) actions.push(...this.addMissing(document, diagnostic));
            else if (code === Codes.unusedNode) actions.push(...this.removeNode(document, diagnostic));
            else if (code === Codes.modelMismatch) actions.push(...this.matchModels(document, diagnostic));
        }
        return actions;
    }

    private replacements(document: LangiumDocument, diagnostic: Diagnostic): CodeAction[] {
        const suggestions = (diagnostic.data as FixData | undefined)?.suggestions ?? [];
        return suggestions.map((s, i) => ({
            title: `Change to ${s.startsWith('"') ? s : `'${s}'`}`,
            kind: CodeActionKind.QuickFix,
            diagnostics: [diagnostic],
            isPreferred: i === 0,
            edit: { changes: { [document.uri.toString()]: [{ range: diagnostic.range, newText: s }] } },
        }));
    }

    private addMissing(document: LangiumDocument, diagnostic: Diagnostic): CodeAction[] {
        const node = this.nodeAt(document, diagnostic);
        if (!node) return [];
        const resolved = this.types.resolve(node);
        if (!resolved) return [];
        const given = new Set(node.args.map(a => a.name));
        const body = node.$container as Workflow | Subgraph;
        const additions: string[] = [];
        for (const input of resolved.schema.inputs) {
            if (input.optional || given.has(input.name)) continue;
            additions.push(`${input.name}: ${this.candidateFor(body, node, input.type) ?? input.name}`);
        }
        for (const param of resolved.schema.params) {
            if (!isRequiredParam(param) || given.has(param.name)) continue;
            additions.push(`${param.name}: ${formatValue(startingValue(param) ?? '')}`);
        }
        const shape = additions.length ? statementShape(document, node) : undefined;
        if (!shape) return [];
        return [{
            title: `Add missing argument${additions.length > 1 ? 's' : ''} ${additions.map(a => a.split(':')[0]).join(', ')}`,
            kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: true,
            edit: { changes: { [document.uri.toString()]: insertArguments(shape.index, shape.shape, additions) } },
        }];
    }

    private removeNode(document: LangiumDocument, diagnostic: Diagnostic): CodeAction[] {
        const node = this.nodeAt(document, diagnostic);
        const cst = node?.$cstNode;
        if (!node || !cst) return [];
        const text = document.textDocument.getText();
        let start = cst.offset, end = cst.end;
        const lineStart = text.lastIndexOf('\n', start - 1) + 1;
        const lineEndIdx = text.indexOf('\n', end);
        const lineEnd = lineEndIdx < 0 ? text.length : lineEndIdx + 1;
        // Take whole lines when the statement has them to itself, so no blank line is left behind.
        if (/^\s*$/.test(text.slice(lineStart, start)) && /^\s*(\/\/.*)?$/.test(text.slice(end, lineEnd).replace(/\n$/, ''))) {
            start = lineStart;
            end = lineEnd;
        }
        const edit: TextEdit = { range: rangeAt(document, start, end), newText: '' };
        return [{
            title: `Remove unused node ${node.name ? `'${node.name}'` : node.type}`,
            kind: CodeActionKind.QuickFix, diagnostics: [diagnostic],
            edit: { changes: { [document.uri.toString()]: [edit] } },
        }];
    }

    /** For each side of a mismatched agreement: set the other side's values on the node that describes it. */
    private matchModels(document: LangiumDocument, diagnostic: Diagnostic): CodeAction[] {
        const node = this.nodeAt(document, diagnostic);
        const schema = node && this.types.resolve(node)?.schema;
        if (!node || !schema) return [];
        const actions: CodeAction[] = [];
        for (const agreement of schema.agreements ?? []) {
            const found = agreementMismatches(node, agreement, this.types);
            if (!found?.mismatches.length) continue;
            const sides = [
                { change: (m: Mismatch) => m.second, keep: (m: Mismatch) => m.first, other: agreement.inputs[0], preferred: true },
                { change: (m: Mismatch) => m.first, keep: (m: Mismatch) => m.second, other: agreement.inputs[1], preferred: false },
            ];
            for (const side of sides) {
                const targets = new Map<Node, Array<{ name: string; valueText: string }>>();
                for (const m of found.mismatches) {
                    const target = side.change(m).node;
                    const param = side.change(m).param;
                    const value = side.keep(m).value;
                    if (value === undefined || param === undefined || AstUtils.getDocument(target) !== document) continue;
                    const settings = targets.get(target) ?? [];
                    // Width and height of a square generator are one parameter, imageSize: set it once.
                    if (!settings.some(s => s.name === param)) targets.set(target, [...settings, { name: param, valueText: formatValue(value) }]);
                }
                for (const [target, settings] of targets) {
                    const shape = statementShape(document, target);
                    const edits = shape ? setArguments(shape.index, shape.shape, settings) : [];
                    if (!edits.length) continue;
                    actions.push({
                        title: `Make '${target.name ?? target.type}' match the ${side.other}: ${settings.map(s => `${s.name}: ${s.valueText}`).join(', ')}`,
                        kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: side.preferred,
                        edit: { changes: { [document.uri.toString()]: edits } },
                    });
                }
            }
        }
        return actions;
    }

    private nodeAt(document: LangiumDocument, diagnostic: Diagnostic): Node | undefined {
        const leaf = leafAt(document, diagnostic.range.start);
        return leaf ? AstUtils.getContainerOfType(leaf.astNode, isNode) : undefined;
    }

    /** A reference of the right type to put in a new input: the nearest fitting node before this one. */
    private candidateFor(body: Workflow | Subgraph, node: Node, type: PortType): string | undefined {
        const nodes = bodyNodes(body);
        const before = nodes.slice(0, nodes.indexOf(node)).reverse();
        for (const other of [...before, ...nodes.slice(nodes.indexOf(node) + 1)]) {
            if (!other.name || other === node) continue;
            const outputs = this.types.resolve(other)?.schema.outputs ?? [];
            const idx = outputs.findIndex(o => isAssignable(o.type, type));
            if (idx === 0) return other.name;
            if (idx > 0) return `${other.name}.${outputs[idx].name}`;
        }
        return undefined;
    }
}

/** The statement's token layout, for edits that keep it (editing/src); none while it does not parse. */
function statementShape(document: LangiumDocument, node: Node): { index: LineIndex; shape: StatementShape } | undefined {
    const cst = node.$cstNode;
    if (!cst) return undefined;
    const text = document.textDocument.getText();
    try {
        return { index: new LineIndex(text), shape: analyzeStatement(text, cst.offset, cst.end, node.name ?? node.type) };
    } catch (e) {
        if (e instanceof EditError) return undefined;
        throw e;
    }
}

function rangeAt(document: LangiumDocument, from: number, to: number): import('vscode-languageserver').Range {
    return { start: document.textDocument.positionAt(from), end: document.textDocument.positionAt(to) };
}
