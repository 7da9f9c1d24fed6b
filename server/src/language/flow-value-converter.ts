/** Strings are JSON strings (all JSON escapes, including \uXXXX). */
import { DefaultValueConverter, type CstNode, type GrammarAST, type ValueType } from 'langium';

export class FlowValueConverter extends DefaultValueConverter {
    protected override runConverter(rule: GrammarAST.AbstractRule, input: string, cstNode: CstNode): ValueType {
        if (rule.name === 'STRING') {
            try {
                return JSON.parse(input) as string;
            } catch {
                return input.slice(1, -1);
            }
        }
        return super.runConverter(rule, input, cstNode);
    }
}
