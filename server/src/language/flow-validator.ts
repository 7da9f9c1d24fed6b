/** Registers the .flow validations; each check lives in validation/. */
import type { ValidationAcceptor, ValidationChecks } from 'langium';
import { AstUtils } from 'langium';
import { isAssignable } from '../../../catalog/src/index.js';
import type { Document, FlowAstType, Node, NodeRef, Subgraph, SubgraphInput, SubgraphOutput, Workflow } from './generated/ast.js';
import type { FlowServices } from './flow-module.js';
import type { NodeTypeResolver } from './semantics/node-types.js';
import { classifyImport, isScalarType } from './semantics/node-types.js';
import { referenceText, referenceType } from './semantics/references.js';
import { didYouMean, suggest } from './semantics/suggestions.js';
import { checkParamValue } from './validation/value-checks.js';
import { checkNode, checkReferenceOutput } from './validation/node-checks.js';
import { checkCycles, checkDuplicateNames, checkUnused } from './validation/graph-checks.js';
import { checkModelAgreement } from './validation/model-checks.js';
import { checkPromptSyntax } from './validation/prompt-syntax-checks.js';
import { Codes } from './validation/codes.js';
import { checkCheckpointNames } from './validation/checkpoint-checks.js';
import { checkPromptWords } from './validation/prompt-word-checks.js';
import { checkWorkflowEngine } from './validation/engine-checks.js';

export function registerValidationChecks(services: FlowServices): void {
    const registry = services.validation.ValidationRegistry;
    const validator = services.validation.FlowValidator;
    const checks: ValidationChecks<FlowAstType> = {
        Document: [validator.checkDocument, validator.checkCheckpointsAndPrompts],
        Workflow: validator.checkBody,
        Subgraph: validator.checkBody,
        Node: validator.checkNode,
        NodeRef: validator.checkReference,
        SubgraphInput: validator.checkSubgraphInput,
        SubgraphOutput: validator.checkSubgraphOutput,
    };
    registry.register(checks, validator);
}

export class FlowValidator {
    private readonly types: NodeTypeResolver;
    private readonly services: FlowServices;

    constructor(services: FlowServices) {
        this.services = services;
        this.types = services.semantics.NodeTypes;
    }

    checkDocument(doc: Document, accept: ValidationAcceptor): void {
        const documents = this.services.shared.workspace.LangiumDocuments;
        const self = AstUtils.getDocument(doc);
        for (const imp of doc.imports) {
            const target = classifyImport(self.uri, imp.path);
            if (target.kind === 'invalid') {
                accept('error', `This import cannot name a file: ${target.reason}.`, { node: imp, property: 'path', code: Codes.invalidImport });
            } else if (target.kind === 'not-flow') {
                accept('error', `'${imp.path}' is not a .flow file: only .flow files can be imported.`, { node: imp, property: 'path', code: Codes.importNotFlow });
            } else if (!documents.hasDocument(target.uri)) {
                accept('error', `Cannot find imported file '${imp.path}' (looked for ${target.uri.fsPath}).`, { node: imp, property: 'path', code: Codes.importNotFound });
            }
        }
        const seen = new Set<string>();
        for (const element of doc.elements) {
            if (!element.name) continue;
            if (seen.has(element.name)) {
                accept('error', `Duplicate name '${element.name}': another workflow or subgraph of this file has it.`, { node: element, property: 'name', code: Codes.duplicateName });
            } else if (element.$type === 'Subgraph' && this.types.catalog.node(element.name)) {
                accept('error', `Subgraph '${element.name}' has the name of a built-in node type; rename it.`, { node: element, property: 'name', code: Codes.duplicateName });
            }
            seen.add(element.name);
        }
    }

    /** Checkpoint names and prompt words: per document, so each folder's checkpoints are listed once. */
    checkCheckpointsAndPrompts(doc: Document, accept: ValidationAcceptor): void {
        const { Vocabularies, Producers } = this.services.prompts;
        checkCheckpointNames(doc, this.types, Vocabularies, Producers, accept);
        checkPromptWords(doc, Vocabularies, accept, this.types);
    }

    checkBody(body: Workflow | Subgraph, accept: ValidationAcceptor): void {
        checkDuplicateNames(body, accept);
        checkCycles(body, accept);
        checkUnused(body, this.types, accept);
        if (body.$type === 'Subgraph') this.checkSubgraphRecursion(body, accept);
        else checkWorkflowEngine(body, this.types, accept);
    }

    checkNode(node: Node, accept: ValidationAcceptor): void {
        checkNode(node, this.types, accept);
        checkModelAgreement(node, this.types, accept);
        checkPromptSyntax(node, this.types, accept);
    }

    checkReference(ref: NodeRef, accept: ValidationAcceptor): void {
        checkReferenceOutput(ref, this.types, accept);
    }

    checkSubgraphInput(input: SubgraphInput, accept: ValidationAcceptor): void {
        if (!input.type) return; // `input x:` while typing: a syntax error already says so
        if (!this.types.isPortType(input.type)) {
            const close = suggest(input.type, this.types.allPortTypes(false));
            accept('error', `Unknown port type '${input.type}'.${didYouMean(close)}`, { node: input, property: 'type', code: Codes.unknownType, data: { suggestions: close } });
            return;
        }
        if (!input.default) return;
        if (!isScalarType(input.type)) {
            accept('error', `Input '${input.name}' of type ${input.type} is a connection and cannot have a default value.`, { node: input.default, code: Codes.wrongValueType });
            return;
        }
        checkParamValue(input.default, { name: input.name, type: input.type, description: '' }, `subgraph input`, this.types, accept);
    }

    checkSubgraphOutput(output: SubgraphOutput, accept: ValidationAcceptor): void {
        if (!output.type) return; // a syntax error already says so
        if (!this.types.isPortType(output.type) || isScalarType(output.type)) {
            const dataTypes = this.types.allPortTypes(true);
            accept('error', `Subgraph outputs must have a data type (${dataTypes.join(', ')}); got '${output.type}'.`, { node: output, property: 'type', code: Codes.unknownType, data: { suggestions: suggest(output.type, dataTypes) } });
            return;
        }
        if (!output.value) return;
        const actual = referenceType(output.value, this.types);
        if (actual !== undefined && !isAssignable(actual, output.type)) {
            accept('error', `Output '${output.name}' is declared ${output.type}, but '${referenceText(output.value)}' is ${actual}.`, { node: output.value, code: Codes.typeMismatch });
        }
    }

    /** A subgraph that instantiates itself (directly or through others) can never be expanded. */
    private checkSubgraphRecursion(subgraph: Subgraph, accept: ValidationAcceptor): void {
        const path: string[] = [];
        // Each subgraph is explored once: one that did not lead back the first time never will,
        // which keeps this linear where D(k) using D(k-1) twice would otherwise be exponential.
        const explored = new Set<Subgraph>();
        const visit = (sg: Subgraph): boolean => {
            explored.add(sg);
            path.push(sg.name);
            for (const member of sg.members) {
                if (member.$type !== 'Node') continue;
                const resolved = this.types.resolve(member);
                if (resolved?.kind !== 'subgraph') continue;
                if (resolved.subgraph === subgraph) { path.push(subgraph.name); return true; }
                if (explored.has(resolved.subgraph)) continue;
                if (visit(resolved.subgraph)) return true;
            }
            path.pop();
            return false;
        };
        if (visit(subgraph)) {
            accept('error', `Cycle: subgraph ${path.join(' -> ')} uses itself.`, { node: subgraph, property: 'name', code: Codes.cycle });
        }
    }
}
