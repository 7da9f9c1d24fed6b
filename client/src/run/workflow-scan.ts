/**
 * Finds the workflows declared in a .flow file without the language server: tasks are listed
 * before any .flow document is open, and a regex over comment-free text is enough for
 * `workflow Name {`. The token rules are the grammar's (catalog/src/syntax.ts). Pure (no vscode import).
 */
import { nonCapturing } from '../../../catalog/src/syntax.js';

const WORKFLOW_HEADER = new RegExp(`(?:^|[^\\w.])workflow\\s+(${nonCapturing('ID')})\\s*\\{`, 'g');
// Unterminated comments and strings (a file being typed) are stripped to the end too: a `"""`
// block to the end of the text, a `"` string to the end of its line.
const STRING = nonCapturing('STRING').replace(/^"""(.*?)"""\|/, '"""$1(?:"""|$)|').replace(/"$/, '"?');
const COMMENT_OR_STRING = new RegExp(`${nonCapturing('ML_COMMENT').replace(/\\\*\\\/$/, '(?:\\*\\/|$)')}|${nonCapturing('SL_COMMENT')}|${STRING}`, 'g');

/** Workflow names in declaration order. Comments and strings are ignored. */
export function findWorkflowNames(text: string): string[] {
    const code = stripCommentsAndStrings(text);
    return [...code.matchAll(WORKFLOW_HEADER)].map((m) => m[1]);
}

/** Replaces comments and string contents with spaces (keeps offsets and line numbers). */
export function stripCommentsAndStrings(text: string): string {
    return text.replace(COMMENT_OR_STRING, (m) => m.replace(/[^\r\n]/g, ' '));
}

/** The workflow a run targets: the requested one (checked), else the file's first. */
export function pickWorkflow(names: string[], requested: string | undefined, file: string): string {
    if (names.length === 0) throw new Error(`${file} declares no workflow (only subgraphs?): nothing to run.`);
    if (requested === undefined) return names[0];
    if (!names.includes(requested)) {
        throw new Error(`${file} has no workflow "${requested}"; it declares: ${names.join(', ')}.`);
    }
    return requested;
}
