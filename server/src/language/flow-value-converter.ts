/** Strings are JSON strings or verbatim `"""` blocks, read by catalog/src/string-literals.ts (shared with the editing and graph code). */
import { DefaultValueConverter, type CstNode, type GrammarAST, type ValueType } from 'langium';
import { stringValue } from '../../../catalog/src/string-literals.js';

export class FlowValueConverter extends DefaultValueConverter {
    protected override runConverter(rule: GrammarAST.AbstractRule, input: string, cstNode: CstNode): ValueType {
        if (rule.name === 'STRING') return stringValue(input);
        return super.runConverter(rule, input, cstNode);
    }
}
