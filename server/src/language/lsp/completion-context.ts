/**
 * Where the cursor is, read from the text rather than the AST: while the user types,
 * the statement under the cursor is usually incomplete, yet its enclosing node call,
 * argument name and member access are plain to see in the characters before it.
 */
import { nonCapturing } from '../../../../catalog/src/syntax.js';

/** An identifier, as the grammar's ID terminal reads one. */
const ID = nonCapturing('ID');
// Built once: completion reads the text around the cursor on every keystroke.
/** `input name: Ty|` / `output name: Ty|`. */
const PORT_DECLARATION = new RegExp(String.raw`^\s*(input|output)\s+${ID}\s*:\s*[_a-zA-Z0-9]*$`);
/** `name = Ty|`. */
const ASSIGNMENT = new RegExp(String.raw`^\s*${ID}\s*=\s*[_a-zA-Z0-9]*$`);
/** The identifier right before a call's `(`. */
const TRAILING_NAME = new RegExp(String.raw`(${ID})\s*$`);
/** `name:` at the start of an argument. */
const ARGUMENT_NAME = new RegExp(String.raw`^\s*(${ID})\s*:`);
/** `node.out|`. */
const MEMBER_ACCESS = new RegExp(String.raw`(${ID})\.[_a-zA-Z0-9]*$`);

export type CompletionSite =
    | { kind: 'top-level' }
    /** After `workflow Name on`: an engine name. */
    | { kind: 'engine' }
    | { kind: 'port-type'; dataOnly: boolean }
    | { kind: 'import-path'; typed: string }
    | { kind: 'statement'; afterAssign: boolean }
    | { kind: 'argument-name'; nodeType: string; callOffset: number; given: string[] }
    | { kind: 'argument-value'; nodeType: string; callOffset: number; argument: string; member?: string; inString: boolean; inList: boolean; stringStart?: number }
    | { kind: 'none' };

interface Bracket { char: '{' | '(' | '['; offset: number }

/** Scans text before `offset`, skipping strings and comments, to find unclosed brackets. */
function openBrackets(text: string, offset: number): { stack: Bracket[]; inString: boolean; inComment: boolean; stringStart?: number } {
    const stack: Bracket[] = [];
    let i = 0;
    while (i < offset) {
        const c = text[i];
        if (c === '/' && text[i + 1] === '/') {
            const end = text.indexOf('\n', i);
            if (end < 0 || end >= offset) return { stack, inString: false, inComment: true };
            i = end + 1;
            continue;
        }
        if (c === '/' && text[i + 1] === '*') {
            const end = text.indexOf('*/', i + 2);
            if (end < 0 || end + 2 > offset) return { stack, inString: false, inComment: true };
            i = end + 2;
            continue;
        }
        if (c === '"' && text.startsWith('"""', i)) {
            // A verbatim block string: it may span lines and ends at the first closing triple quote.
            const close = text.indexOf('"""', i + 3);
            if (close < 0 || close >= offset) return { stack, inString: true, inComment: false, stringStart: i + 3 };
            i = close + 3;
            continue;
        }
        if (c === '"') {
            let j = i + 1;
            while (j < text.length && text[j] !== '"' && text[j] !== '\n') j += text[j] === '\\' ? 2 : 1;
            if (j >= offset) return { stack, inString: true, inComment: false, stringStart: i + 1 };
            i = j + 1;
            continue;
        }
        if (c === '{' || c === '(' || c === '[') stack.push({ char: c, offset: i });
        else if (c === '}' || c === ')' || c === ']') stack.pop();
        i++;
    }
    return { stack, inString: false, inComment: false };
}

/** The identifier being typed just before the cursor (possibly empty). */
export function wordBefore(text: string, offset: number): string {
    return /[_a-zA-Z0-9]*$/.exec(text.slice(Math.max(0, offset - 200), offset))![0];
}

export function completionSite(text: string, offset: number): CompletionSite {
    const { stack, inString, inComment, stringStart } = openBrackets(text, offset);
    if (inComment) return { kind: 'none' };
    const top = stack[stack.length - 1];
    if (!top) {
        const importPath = /(?:^|\n)\s*import\s+"([^"\n]*)$/.exec(text.slice(Math.max(0, offset - 300), offset));
        if (inString && importPath) return { kind: 'import-path', typed: importPath[1] };
        if (!inString && /(?:^|[^\w.])workflow\s+[_a-zA-Z]\w*\s+on\s+\w*$/.test(text.slice(Math.max(0, offset - 300), offset))) return { kind: 'engine' };
        return inString ? { kind: 'none' } : { kind: 'top-level' };
    }
    if (top.char === '{') {
        if (inString) return { kind: 'none' };
        const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
        const before = text.slice(Math.max(lineStart, top.offset + 1), offset);
        const decl = PORT_DECLARATION.exec(before);
        if (decl) return { kind: 'port-type', dataOnly: decl[1] === 'output' };
        if (ASSIGNMENT.test(before)) return { kind: 'statement', afterAssign: true };
        if (/^\s*[_a-zA-Z0-9]*$/.test(before)) return { kind: 'statement', afterAssign: false };
        return { kind: 'none' };
    }
    // Inside ( or [: find the node call that encloses us.
    let callIdx = stack.length - 1;
    while (callIdx >= 0 && stack[callIdx].char !== '(') callIdx--;
    if (callIdx < 0) return { kind: 'none' };
    const call = stack[callIdx];
    const typeMatch = TRAILING_NAME.exec(text.slice(Math.max(0, call.offset - 200), call.offset));
    if (!typeMatch) return { kind: 'none' };
    const nodeType = typeMatch[1];
    const inList = callIdx < stack.length - 1;
    const segmentStart = lastTopLevelComma(text, call.offset + 1, inList ? stack[callIdx + 1].offset : offset);
    const segment = text.slice(segmentStart, inList ? stack[callIdx + 1].offset : offset);
    const valueMatch = ARGUMENT_NAME.exec(stripComments(segment));
    if (!valueMatch) {
        if (inString || inList) return { kind: 'none' };
        return { kind: 'argument-name', nodeType, callOffset: call.offset, given: givenArguments(text, call.offset + 1, offset) };
    }
    const tail = text.slice(segmentStart, offset);
    const member = inString ? undefined : MEMBER_ACCESS.exec(tail)?.[1];
    return { kind: 'argument-value', nodeType, callOffset: call.offset, argument: valueMatch[1], ...(member ? { member } : {}), inString, inList, ...(stringStart !== undefined ? { stringStart } : {}) };
}

/** Offset just after the last comma at the call's own depth before `end` (or `start`). */
function lastTopLevelComma(text: string, start: number, end: number): number {
    let depth = 0, result = start;
    for (let i = start; i < end; i++) {
        const c = text[i];
        if (c === '"' && text.startsWith('"""', i)) { const close = text.indexOf('"""', i + 3); i = close < 0 ? end : close + 2; continue; }
        if (c === '"') { i++; while (i < end && text[i] !== '"') i += text[i] === '\\' ? 2 : 1; continue; }
        if (c === '/' && text[i + 1] === '/') { const nl = text.indexOf('\n', i); i = nl < 0 ? end : nl; continue; }
        if (c === '(' || c === '[') depth++;
        else if (c === ')' || c === ']') depth--;
        else if (c === ',' && depth === 0) result = i + 1;
    }
    return result;
}

function givenArguments(text: string, start: number, end: number): string[] {
    const names: string[] = [];
    const body = stripComments(text.slice(start, end));
    let depth = 0, segStart = 0;
    for (let i = 0; i <= body.length; i++) {
        const c = body[i];
        if (c === '(' || c === '[') depth++;
        else if (c === ')' || c === ']') depth--;
        if ((c === ',' && depth === 0) || i === body.length) {
            const m = ARGUMENT_NAME.exec(body.slice(segStart, i));
            if (m) names.push(m[1]);
            segStart = i + 1;
        }
    }
    return names;
}

function stripComments(s: string): string {
    return s.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/\/\/[^\n]*/g, ' ');
}
