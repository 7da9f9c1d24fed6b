/**
 * Finds the workflows declared in a .flow file without the language server: tasks are listed
 * before any .flow document is open, and a regex over comment-free text is enough for
 * `workflow Name {`. Pure (no vscode import).
 */

/** Workflow names in declaration order. Comments and strings are ignored. */
export function findWorkflowNames(text: string): string[] {
    const code = stripCommentsAndStrings(text);
    return [...code.matchAll(/(?:^|[^\w.])workflow\s+([_a-zA-Z]\w*)\s*\{/g)].map((m) => m[1]);
}

/** Replaces comments and string contents with spaces (keeps offsets and line numbers). */
export function stripCommentsAndStrings(text: string): string {
    return text.replace(/\/\*[\s\S]*?(?:\*\/|$)|\/\/[^\n\r]*|"(?:\\.|[^"\\\r\n])*"?/g, (m) => m.replace(/[^\r\n]/g, ' '));
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
