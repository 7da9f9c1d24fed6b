/** Stable diagnostic codes: part of the public contract (LSP `Diagnostic.code`, CLI output, quick fixes). */
export const Codes = {
    syntaxError: 'syntax-error',
    unknownNode: 'unknown-node',
    unknownArgument: 'unknown-argument',
    missingInput: 'missing-input',
    typeMismatch: 'type-mismatch',
    outOfRange: 'out-of-range',
    wrongValueType: 'wrong-value-type',
    invalidChoice: 'invalid-choice',
    duplicateName: 'duplicate-name',
    undefinedReference: 'undefined-reference',
    unknownOutput: 'unknown-output',
    cycle: 'cycle',
    unusedNode: 'unused-node',
    importNotFound: 'import-not-found',
    importNotFlow: 'import-not-flow',
    invalidImport: 'invalid-import',
    unknownType: 'unknown-type',
    modelMismatch: 'model-mismatch',
    pathEscape: 'path-escape',
    // Prompt weighting (catalog/src/prompt-text.ts names them).
    promptUnbalancedParen: 'prompt-unbalanced-paren',
    promptBadWeight: 'prompt-bad-weight',
    promptWeightRange: 'prompt-weight-range',
    checkpointNotFound: 'checkpoint-not-found',
    unknownPromptWord: 'unknown-prompt-word',
} as const;

export type DiagnosticCode = typeof Codes[keyof typeof Codes];

/** Extra data attached to diagnostics for quick fixes. */
export interface FixData {
    /** Replacement candidates for did-you-mean fixes. */
    suggestions?: string[];
}
