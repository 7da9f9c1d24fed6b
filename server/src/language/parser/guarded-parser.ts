/** The Langium parser behind the nesting guard (nesting-guard.ts): deep nesting is a diagnostic, never a stack overflow. */
import { CompositeCstNodeImpl, createLangiumParser, type CstNode, type LangiumCoreServices, type LangiumParser, type ParseResult } from 'langium';
import { guardNesting, MAX_NESTING } from './nesting-guard.js';

export function createGuardedParser(services: LangiumCoreServices): LangiumParser {
    const parser = createLangiumParser(services);
    skipEmptyHiddenNodes(parser);
    appendCstNodesDirectly();
    const parse = parser.parse.bind(parser);
    parser.parse = (<T>(input: string, options?: Parameters<LangiumParser['parse']>[1]): ParseResult<T> => {
        const guard = guardNesting(input);
        if (!guard) return parse(input, options) as ParseResult<T>;
        const result = parse(guard.text, options) as ParseResult<T>;
        for (const { start, end } of guard.regions) {
            const before = input.slice(0, start);
            const line = before.split('\n').length;
            const column = start - (before.lastIndexOf('\n') + 1) + 1;
            const firstLineEnd = input.indexOf('\n', start);
            const length = (firstLineEnd < 0 || firstLineEnd > end ? end : firstLineEnd) - start;
            result.lexerErrors.push({
                offset: start, line, column, length,
                message: `Nesting deeper than ${MAX_NESTING} levels of brackets, parentheses or braces is not supported; this part is ignored.`,
            });
        }
        return result;
    }) as LangiumParser['parse'];
    return parser;
}

/**
 * Langium calls `addHiddenNodes` before every token, usually with no hidden token (comment) at
 * all; with none it still searches the enclosing node's siblings with `indexOf`, which is linear
 * in a workflow's node count per token and quadratic in all (a 10,000-node file spent most of
 * its parse there). Nothing is added in that case, so the search is skipped.
 */
function skipEmptyHiddenNodes(parser: LangiumParser): void {
    const builder = (parser as unknown as { nodeBuilder?: { addHiddenNodes?: (tokens: unknown[]) => void } }).nodeBuilder;
    const add = builder?.addHiddenNodes;
    if (!builder || typeof add !== 'function') return;
    builder.addHiddenNodes = (tokens: unknown[]) => { if (tokens.length) add.call(builder, tokens); };
}

const PATCHED = Symbol.for('flowstudio.cstPush');

/**
 * Every CST node is appended to its parent's `content`, an Array subclass whose `push(...items)`
 * sets each item's `container` and calls `super.push(...items)`. On an array with a replaced
 * prototype that generic path is about ten times slower than an indexed store, and it ran for
 * every token and rule (a sixth of the parse of a 1,000-node file). One item, the parser's only
 * case, is stored directly with the same effect; other calls go the original way.
 */
function appendCstNodesDirectly(): void {
    const proto = Object.getPrototypeOf(new CompositeCstNodeImpl().content) as { push(...items: CstNode[]): number; [PATCHED]?: true };
    if (proto === Array.prototype || proto[PATCHED]) return;
    const original = proto.push;
    proto.push = function (this: CstNode[] & { parent: CstNode }, ...items: CstNode[]): number {
        if (items.length !== 1) return original.apply(this, items);
        (items[0] as { container?: CstNode }).container = this.parent;
        this[this.length] = items[0];
        return this.length;
    };
    proto[PATCHED] = true;
}
