/**
 * `unknown-prompt-word`: a warning on each word of a prompt that the text encoder it reaches
 * never saw in training (it would be encoded as `<unk>`), with did-you-mean candidates for the
 * quick fix. Prompts are CLIPTextEncode `text` strings and strings a subgraph instance passes
 * to an input its subgraph uses as one. Only where the vocabulary is known
 * (prompts/vocabulary-source.ts): otherwise nothing, never a guess.
 */
import type { ValidationAcceptor } from 'langium';
import { isStringLiteral, isWorkflow, type Document, type StringLiteral } from '../generated/ast.js';
import type { NodeTypeResolver } from '../semantics/node-types.js';
import { bodyNodes } from '../semantics/bodies.js';
import { didYouMean } from '../semantics/suggestions.js';
import type { PromptVocabulary } from '../prompts/prompt-vocabulary.js';
import type { PromptVocabularies } from '../prompts/vocabulary-source.js';
import { promptWordsOf } from '../prompts/prompt-word-ranges.js';
import { Codes } from './codes.js';

export function checkPromptWords(doc: Document, vocabularies: PromptVocabularies, accept: ValidationAcceptor, types?: NodeTypeResolver): void {
    for (const element of doc.elements) {
        // A ComfyUI server's text encoders are not the local checkpoints' vocabularies.
        if (types && isWorkflow(element) && types.engineOf(element) === 'comfyui') continue;
        for (const node of bodyNodes(element)) {
            for (const arg of node.args) {
                if (!isStringLiteral(arg.value) || !arg.value.value.trim()) continue;
                const vocabulary = vocabularies.isPrompt(node, arg.name) ? vocabularies.forArgument(node, arg.name) : undefined;
                if (vocabulary) checkLiteral(arg.value, vocabulary, accept);
            }
        }
    }
}

function checkLiteral(literal: StringLiteral, vocabulary: PromptVocabulary, accept: ValidationAcceptor): void {
    for (const { word, range } of promptWordsOf(literal)) {
        if (vocabulary.has(word)) continue;
        const close = vocabulary.suggest(word);
        accept('warning', `The text encoder of ${vocabulary.label} never saw '${word}' in training: it is encoded as <unk>.${didYouMean(close)}`, {
            node: literal, range, code: Codes.unknownPromptWord, data: { suggestions: close },
        });
    }
}
