/**
 * Hover inside strings: a `ckpt_name` shows the checkpoint's metadata (or that a CheckpointSave
 * here will write it); a word of a prompt shows how often its text encoder saw it in training
 * and training captions containing it.
 */
import type { LangiumDocument } from 'langium';
import type { Hover, Position } from 'vscode-languageserver';
import type { Argument, StringLiteral } from '../generated/ast.js';
import type { FlowServices } from '../flow-module.js';
import { isLoader } from '../validation/checkpoint-checks.js';
import { checkpointMarkdown, producedMarkdown, wordMarkdown } from '../prompts/prompt-docs.js';
import { promptWordsOf } from '../prompts/prompt-word-ranges.js';

export function stringHover(document: LangiumDocument, literal: StringLiteral, argument: Argument, position: Position, services: FlowServices): Hover | undefined {
    const cst = literal.$cstNode;
    const node = argument.$container;
    if (!cst) return undefined;
    const { Vocabularies, Producers } = services.prompts;
    if (argument.name === 'ckpt_name' && isLoader(node, services.semantics.NodeTypes)) {
        const found = Vocabularies.checkpointOf(node);
        if (!found) return undefined;
        let markdown: string | undefined;
        if (found.file) markdown = checkpointMarkdown(found.name, found.file, Vocabularies.checkpoints.read(found.file));
        else {
            const produced = Producers.forFolder(found.flowDir).find(p => p.pattern.test(found.name));
            markdown = produced ? producedMarkdown(found.name, produced) : undefined;
        }
        return markdown ? { contents: { kind: 'markdown', value: markdown }, range: cst.range } : undefined;
    }
    if (!Vocabularies.isPrompt(node, argument.name)) return undefined;
    const vocabulary = Vocabularies.forArgument(node, argument.name);
    if (!vocabulary) return undefined;
    const at = document.textDocument.offsetAt(position);
    const word = promptWordsOf(literal).find(w => w.start <= at && at <= w.end);
    return word ? { contents: { kind: 'markdown', value: wordMarkdown(word.word, vocabulary) }, range: word.range } : undefined;
}
