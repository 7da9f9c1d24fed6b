/** LSP formatting over `formatFlow`: one minimal edit (the changed middle), none for unparsable text. */
import type { LangiumDocument } from 'langium';
import type { Formatter } from 'langium/lsp';
import type { DocumentOnTypeFormattingOptions, DocumentRangeFormattingParams, TextEdit } from 'vscode-languageserver';
import { formatFlow } from './format-text.js';

/**
 * Formats with the file's own line endings (the dominant one when mixed): the printer works on
 * `\n`, so CRLF text is normalized first and converted back, which also makes formatting
 * idempotent on CRLF files (a second format has nothing left to change).
 */
export function formatKeepingLineEndings(text: string): string | undefined {
    const crlf = (text.match(/\r\n/g) ?? []).length;
    const lf = (text.match(/\n/g) ?? []).length - crlf;
    const formatted = formatFlow(text.replace(/\r\n?/g, '\n'));
    if (formatted === undefined) return undefined;
    return crlf > lf ? formatted.replace(/\n/g, '\r\n') : formatted;
}

export class FlowFormatter implements Formatter {
    formatDocument(document: LangiumDocument): TextEdit[] {
        if (document.parseResult.parserErrors.length || document.parseResult.lexerErrors.length) return [];
        const text = document.textDocument.getText();
        const formatted = formatKeepingLineEndings(text);
        if (formatted === undefined || formatted === text) return [];
        let start = 0;
        while (start < text.length && start < formatted.length && text[start] === formatted[start]) start++;
        let endOld = text.length, endNew = formatted.length;
        while (endOld > start && endNew > start && text[endOld - 1] === formatted[endNew - 1]) { endOld--; endNew--; }
        return [{
            range: { start: document.textDocument.positionAt(start), end: document.textDocument.positionAt(endOld) },
            newText: formatted.slice(start, endNew),
        }];
    }

    formatDocumentRange(document: LangiumDocument, _params: DocumentRangeFormattingParams): TextEdit[] {
        // Layout depends on the enclosing blocks, so a range is formatted with its document.
        return this.formatDocument(document);
    }

    formatDocumentOnType(): TextEdit[] {
        return [];
    }

    get formatOnTypeOptions(): DocumentOnTypeFormattingOptions | undefined {
        return undefined;
    }
}
