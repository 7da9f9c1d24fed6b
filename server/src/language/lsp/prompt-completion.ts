/**
 * Completion inside strings that name a checkpoint or hold a prompt: the checkpoints a
 * CheckpointLoaderSimple can load (found, and those this folder's CheckpointSave nodes will
 * write), and the words the prompt's text encoder knows, most frequent in training first.
 */
import type { LangiumDocument } from 'langium';
import { CompletionItemKind, type CompletionItem, type CompletionList, type Range } from 'vscode-languageserver';
import type { Node } from '../generated/ast.js';
import type { CheckpointProducers } from '../prompts/checkpoint-producers.js';
import { checkpointDetail, checkpointMarkdown, producedMarkdown } from '../prompts/prompt-docs.js';
import type { PromptVocabulary } from '../prompts/prompt-vocabulary.js';
import { flowDirOf, type PromptVocabularies } from '../prompts/vocabulary-source.js';

/** Enough to choose from; more arrive as the word is typed (the list says it is incomplete). */
const MAX_WORDS = 200;

export function rangeAt(document: LangiumDocument, from: number, to: number): Range {
    return { start: document.textDocument.positionAt(from), end: document.textDocument.positionAt(to) };
}

export function checkpointItems(loader: Node, vocabularies: PromptVocabularies, producers: CheckpointProducers, replace: Range): CompletionList {
    const flowDir = flowDirOf(loader);
    const items: CompletionItem[] = [];
    if (flowDir === undefined) return { isIncomplete: false, items };
    const names = new Set<string>();
    vocabularies.checkpoints.list(flowDir).forEach((found, i) => {
        names.add(found.name);
        const read = vocabularies.checkpoints.read(found.file);
        items.push({
            label: found.name, kind: CompletionItemKind.File, detail: checkpointDetail(read),
            documentation: { kind: 'markdown', value: checkpointMarkdown(found.name, found.file, read) },
            textEdit: { range: replace, newText: found.name }, sortText: `0${String(i).padStart(5, '0')}`,
        });
    });
    producers.forFolder(flowDir).forEach((produced, i) => {
        if (!produced.offered || names.has(produced.name) || [...names].some(n => produced.pattern.test(n))) return;
        names.add(produced.name);
        items.push({
            label: produced.name, kind: CompletionItemKind.File, detail: `written by CheckpointSave in ${produced.workflow}`,
            documentation: { kind: 'markdown', value: producedMarkdown(produced.name, produced) },
            textEdit: { range: replace, newText: produced.name }, sortText: `1${String(i).padStart(5, '0')}`,
        });
    });
    return { isIncomplete: false, items };
}

export function promptWordItems(text: string, offset: number, vocabulary: PromptVocabulary | undefined, document: LangiumDocument): CompletionList {
    if (!vocabulary) return { isIncomplete: false, items: [] };
    const typed = /[\p{L}\p{M}'’]*$/u.exec(text.slice(Math.max(0, offset - 100), offset))![0];
    const prefix = typed.toLowerCase();
    const matching = vocabulary.byFrequency.filter(w => w.word.startsWith(prefix));
    const replace = rangeAt(document, offset - typed.length, offset);
    const items = matching.slice(0, MAX_WORDS).map((w, rank): CompletionItem => ({
        label: w.word, kind: CompletionItemKind.Text,
        detail: `${vocabulary.estimated ? '~' : ''}${w.count.toLocaleString('en-US')} in training captions`,
        textEdit: { range: replace, newText: w.word }, sortText: String(rank).padStart(6, '0'), filterText: w.word,
    }));
    return { isIncomplete: matching.length > MAX_WORDS, items };
}
