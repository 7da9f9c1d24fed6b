/**
 * ComfyUI prompt weighting mistakes (unbalanced brackets, unreadable or extreme weights) in the
 * string values of prompt parameters (`ParamSpec.prompt`), marked on the characters concerned.
 */
import type { ValidationAcceptor } from 'langium';
import { AstUtils } from 'langium';
import { findArgument } from '../../../../catalog/src/index.js';
import { parsePrompt, type PromptProblemCode } from '../../../../catalog/src/prompt-text.js';
import { decodeString } from '../../../../catalog/src/string-literals.js';
import { isStringLiteral, type Node } from '../generated/ast.js';
import type { NodeTypeResolver } from '../semantics/node-types.js';
import { Codes, type DiagnosticCode } from './codes.js';

const CODES: Readonly<Record<PromptProblemCode, DiagnosticCode>> = {
    'prompt-unbalanced-paren': Codes.promptUnbalancedParen,
    'prompt-bad-weight': Codes.promptBadWeight,
    'prompt-weight-range': Codes.promptWeightRange,
};

export function checkPromptSyntax(node: Node, types: NodeTypeResolver, accept: ValidationAcceptor): void {
    if (!node.type) return;
    const schema = types.resolve(node)?.schema;
    if (!schema) return;
    for (const arg of node.args) {
        const found = findArgument(schema, arg.name);
        const cst = arg.value?.$cstNode;
        if (found?.kind !== 'param' || !found.spec.prompt || !isStringLiteral(arg.value) || !cst) continue;
        const { value, starts, ends } = decodeString(cst.text);
        const problems = parsePrompt(value).problems;
        if (problems.length === 0) continue;
        const text = AstUtils.getDocument(node).textDocument;
        for (const p of problems) {
            const range = { start: text.positionAt(cst.offset + starts[p.start]), end: text.positionAt(cst.offset + ends[p.end - 1]) };
            accept(p.severity, `Prompt: ${p.message}.`, { node: arg.value, range, code: CODES[p.code] });
        }
    }
}
