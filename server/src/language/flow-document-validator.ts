/** Gives Langium's built-in syntax and linking diagnostics this language's stable codes and messages. */
import { DefaultDocumentValidator, DocumentValidator, interruptAndCheck, type AstNode, type LangiumDocument, type ParseResult, type ValidationAcceptor, type ValidationCheck, type ValidationOptions } from 'langium';
import { CancellationToken, type Diagnostic } from 'vscode-languageserver';
import { NODES_PER_CANCEL_CHECK } from './flow-linker.js';
import { childNodes } from './semantics/ast-walk.js';
import { didYouMean, suggest } from './semantics/suggestions.js';
import { Codes } from './validation/codes.js';
import { bodyReferables, enclosingBody } from './semantics/bodies.js';

export class FlowDocumentValidator extends DefaultDocumentValidator {
    override async validateDocument(document: LangiumDocument, options?: ValidationOptions, cancelToken?: CancellationToken): Promise<Diagnostic[]> {
        const diagnostics = await super.validateDocument(document, options, cancelToken);
        const syntaxLines = new Set<number>();
        const kept: Diagnostic[] = [];
        for (const d of diagnostics) {
            const internal = (d.data as { code?: string } | undefined)?.code;
            if (internal !== DocumentValidator.LexingError && internal !== DocumentValidator.ParsingError) continue;
            // Error recovery turns the rest of a broken line into odd fragments: the first error
            // of a line is the one that matters.
            if (syntaxLines.has(d.range.start.line)) continue;
            syntaxLines.add(d.range.start.line);
            kept.push({ ...d, code: Codes.syntaxError, message: friendlySyntaxMessage(d.message) });
        }
        for (const d of diagnostics) {
            const internal = (d.data as { code?: string } | undefined)?.code;
            if (internal === DocumentValidator.LexingError || internal === DocumentValidator.ParsingError) continue;
            if (!syntaxLines.has(d.range.start.line)) kept.push(d);
        }
        return kept;
    }

    /**
     * Langium's node loop, walking with plain loops instead of its AST stream and checking for
     * cancellation every few dozen nodes instead of at each (see flow-linker.ts): same nodes,
     * same order, same checks.
     */
    protected override async validateAstNodes(rootNode: AstNode, options: ValidationOptions, acceptor: ValidationAcceptor, cancelToken: CancellationToken = CancellationToken.None): Promise<void> {
        if (this.profiler?.isActive('validating')) return super.validateAstNodes(rootNode, options, acceptor, cancelToken);
        const stack: AstNode[] = [rootNode];
        // The registry builds a stream per call; the checks of a type are the same for the whole pass.
        const checksOf = new Map<string, ValidationCheck[]>();
        for (let visited = 0; stack.length > 0; visited++) {
            if (visited % NODES_PER_CANCEL_CHECK === 0) await interruptAndCheck(cancelToken);
            const node = stack.pop()!;
            const nodeOptions = this.validateSingleNodeOptions(node, options);
            if (nodeOptions.validateNode) {
                let checks = checksOf.get(node.$type);
                if (!checks) checksOf.set(node.$type, checks = this.validationRegistry.getChecks(node.$type, options.categories).toArray());
                for (const check of checks) {
                    await check(node, acceptor, cancelToken);
                }
            }
            if (nodeOptions.validateChildren) {
                const children = childNodes(node);
                for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
            }
        }
    }

    /**
     * A token missing at the end of a line (`a = LoadMNIST(limit: 5` then a new line) is
     * reported by the parser at the next token, lines later; point at where it is missing.
     */
    protected override processParsingErrors(parseResult: ParseResult, diagnostics: Diagnostic[], options: ValidationOptions): void {
        const before = diagnostics.length;
        super.processParsingErrors(parseResult, diagnostics, options);
        const added = diagnostics.slice(before);
        parseResult.parserErrors.forEach((error, i) => {
            const d = added[i];
            const previous = (error as { previousToken?: { endLine?: number; endColumn?: number; endOffset: number } }).previousToken;
            const token = error.token;
            if (!d || !previous || isNaN(token.startOffset) || previous.endLine === undefined || previous.endColumn === undefined || isNaN(previous.endOffset)) return;
            if (token.startLine !== undefined && token.startLine > previous.endLine) {
                const at = { line: previous.endLine - 1, character: previous.endColumn };
                d.range = { start: at, end: at };
            }
        });
    }

    protected override processLinkingErrors(document: LangiumDocument, diagnostics: Diagnostic[], _options: ValidationOptions): void {
        for (const reference of document.references) {
            const error = reference.error;
            if (!error) continue;
            const info = error.info;
            const refText = info.reference.$refText;
            const container = info.container;
            const body = enclosingBody(container);
            const candidates = body ? bodyReferables(body).map(m => m.name!) : [];
            const range = info.reference.$refNode?.range;
            if (!range) continue;
            const close = suggest(refText, candidates);
            diagnostics.push({
                severity: 1,
                range,
                message: `Unknown reference '${refText}': no node or input of that name here.${didYouMean(close)}`,
                code: Codes.undefinedReference,
                source: 'flow',
                data: { code: DocumentValidator.LinkingError, suggestions: close },
            });
        }
    }
}

/** Chevrotain's wording, shortened: "Expecting token of type ')' but found `(`." -> "Expected ')' but found '('." */
export function friendlySyntaxMessage(message: string): string {
    const token = /^Expecting token of type '(.+)' but found `(.*)`\.$/s.exec(message);
    if (token) return `Syntax error: expected ${describeToken(token[1])} but found '${token[2]}'.`;
    const alternatives = /^Expecting: one of these possible Token sequences:([\s\S]*)but found: '(.*)'$/.exec(message.trim());
    if (alternatives) {
        const raw = [...alternatives[1].matchAll(/\[([^\]]+)\]/g)].map(m => m[1]);
        if (['NUMBER', 'STRING', 'ID'].every(t => raw.includes(t))) {
            return `Syntax error: expected a value (a number, a string, true/false, a [list] or a reference) but found '${alternatives[2]}'.`;
        }
        const options = raw.map(describeToken);
        return `Syntax error: expected ${[...new Set(options)].join(', ')} but found '${alternatives[2]}'.`;
    }
    return `Syntax error: ${message}`;
}

function describeToken(name: string): string {
    const names: Record<string, string> = { ID: 'a name', NUMBER: 'a number', STRING: 'a string', EOF: 'the end of the file' };
    return names[name] ?? `'${name}'`;
}
