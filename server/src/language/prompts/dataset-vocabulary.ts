/**
 * The vocabulary a TrainDiffusion in the workflow will build, known from its dataset node
 * without running anything: LoadMNIST's caption templates, SyntheticShapes' caption phrases,
 * a Captions template over known class names, LoadImages' caption files (`name.txt`,
 * `metadata.jsonl`), through the transforms that keep captions. Anything else (a pack's node,
 * a wired template, a dataset from a subgraph input nobody passes) gives undefined: no
 * vocabulary, so no prompt warning. Where the exact captions depend on data (which MNIST
 * digits, which shapes get drawn) the vocabulary is a superset with estimated counts: a
 * warning is never false, a few may be missed.
 */
import * as path from 'node:path';
import { constantValue } from '../semantics/values.js';
import { isNodeRef, type Node, type NodeRef } from '../generated/ast.js';
import { TRAINING_TEMPLATES, fillDigitTemplate } from '../../../../nodes/load-mnist/captions.js';
import { SHAPE_BACKGROUNDS, SHAPE_COLORS, SHAPE_KINDS, SHAPE_POSITIONS, SHAPE_SIZES, shapeCaption } from '../../../../nodes/synthetic-shapes/caption-words.js';
import { flowDirOf, type Carried, type InstanceStack, type WireFollower } from './follow-wires.js';
import { countWords, PromptVocabulary, type WordCount } from './prompt-vocabulary.js';
import { scanCaptionFolder, type CaptionFolder } from './caption-folder.js';

/** What a dataset's captions and class names are, as far as the text tells. */
interface DatasetText {
    key: string;
    label: string;
    words: WordCount[];
    examples: string[];
    estimated: boolean;
    /** Class names (for Captions' {label}); undefined when unknown. */
    classNames?: readonly string[];
}

const DIGITS = Array.from({ length: 10 }, (_, i) => String(i));
const MAX_DEPTH = 32;

export class DatasetVocabularies {
    private readonly cache = new Map<string, PromptVocabulary>();

    constructor(private readonly wires: WireFollower) {}

    /** The vocabulary TrainDiffusion builds from the dataset `ref` carries, or undefined. */
    vocabulary(ref: NodeRef, stack: InstanceStack, trainer: string): PromptVocabulary | undefined {
        const text = this.datasetOf(ref, stack, 0);
        if (!text) return undefined;
        const key = `${text.key}`;
        const cached = this.cache.get(key);
        if (cached) return cached;
        const vocabulary = new PromptVocabulary(`dataset:${key}`, `the captions ${trainer} trains on (${text.label})`, text.words, text.examples, text.estimated);
        if (this.cache.size > 64) this.cache.clear();
        this.cache.set(key, vocabulary);
        return vocabulary;
    }

    private datasetOf(ref: NodeRef, stack: InstanceStack, depth: number): DatasetText | undefined {
        if (depth > MAX_DEPTH) return undefined;
        const carried = this.wires.follow(ref, stack);
        const texts = carried.map(c => this.fromNode(c, depth));
        // Several ways in (a subgraph used with different datasets): known only when they agree.
        if (texts.length === 0 || texts.some(t => !t) || new Set(texts.map(t => t!.key)).size !== 1) return undefined;
        return texts[0];
    }

    private fromNode({ node, schema, output, stack }: Carried, depth: number): DatasetText | undefined {
        if (output.type !== 'DATASET') return undefined;
        switch (schema.name) {
            case 'LoadMNIST': return mnist(node);
            case 'SyntheticShapes': return shapes(node);
            case 'LoadImages': {
                const folder = this.wires.stringParam(node, schema, 'path', stack);
                const flowDir = flowDirOf(node);
                if (folder === undefined || flowDir === undefined) return undefined;
                const recursive = constantValue(node.args.find(a => a.name === 'recursive')?.value) ?? true;
                if (typeof recursive !== 'boolean') return undefined;
                return images(scanCaptionFolder(path.resolve(flowDir, folder), recursive), folder);
            }
            case 'Captions': {
                const input = inputRef(node, 'dataset');
                const template = this.wires.stringParam(node, schema, 'template', stack);
                const mode = this.wires.stringParam(node, schema, 'mode', stack);
                const upstream = input && this.datasetOf(input, stack, depth + 1);
                return template !== undefined && mode !== undefined && upstream ? captioned(upstream, template, mode) : undefined;
            }
        }
        // The built-in transforms keep captions and class names (FilterCaptions keeps a subset: a superset is safe).
        const from = output.propertiesOf;
        const input = from !== undefined && schema.inputs.some(i => i.name === from && i.type === 'DATASET') ? inputRef(node, from) : undefined;
        return input ? this.datasetOf(input, stack, depth + 1) : undefined;
    }
}

function inputRef(node: Node, name: string): NodeRef | undefined {
    const value = node.args.find(a => a.name === name)?.value;
    return isNodeRef(value) ? value : undefined;
}


function mnist(node: Node): DatasetText | undefined {
    const digitsValue = node.args.find(a => a.name === 'digits')?.value;
    let digits: number[] = DIGITS.map(Number);
    if (digitsValue) {
        const given = constantValue(digitsValue);
        // A wired list could be any digits: all ten are the safe superset.
        if (Array.isArray(given) && given.every(d => Number.isInteger(d) && (d as number) >= 0 && (d as number) <= 9)) digits = [...new Set(given as number[])];
    }
    const limitValue = constantValue(node.args.find(a => a.name === 'limit')?.value);
    const limit = typeof limitValue === 'number' ? limitValue : 10000;
    const captions = digits.flatMap(d => TRAINING_TEMPLATES.map(t => fillDigitTemplate(t, d)));
    const weight = limit / captions.length;
    return {
        key: `mnist:${digits.join(',')}:${limit}`, label: `LoadMNIST${digitsValue ? ` digits ${digits.join(', ')}` : ''}`,
        words: countWords(captions.map(text => ({ text, weight }))), examples: captions, estimated: true,
        classNames: digits.map(String),
    };
}

/** SyntheticShapes' phrases, every combination once: the relative counts of an average draw. */
const SHAPE_CAPTIONS = SHAPE_SIZES.flatMap(size => SHAPE_COLORS.flatMap(color => SHAPE_KINDS.flatMap(shape =>
    SHAPE_POSITIONS.flatMap(position => SHAPE_BACKGROUNDS.map(bg => shapeCaption(size, color, shape, position, bg))))));

function shapes(node: Node): DatasetText {
    const countValue = constantValue(node.args.find(a => a.name === 'count')?.value);
    const count = typeof countValue === 'number' ? countValue : 1024;
    const weight = count / SHAPE_CAPTIONS.length;
    // A spread of examples rather than the first few combinations (which all say "small red circle").
    const examples = SHAPE_CAPTIONS.filter((_, i) => i % 97 === 0);
    return {
        key: `shapes:${count}`, label: 'SyntheticShapes', words: countWords(SHAPE_CAPTIONS.map(text => ({ text, weight }))),
        examples, estimated: true, classNames: [...SHAPE_KINDS],
    };
}

function images(folder: CaptionFolder | undefined, given: string): DatasetText | undefined {
    if (!folder) return undefined;
    return {
        key: `images:${folder.key}`, label: `LoadImages "${given}"`,
        words: countWords(folder.captions.map(text => ({ text, weight: 1 }))),
        examples: [...new Set(folder.captions)].slice(0, 256), estimated: false, classNames: folder.classNames,
    };
}

/** Captions' template over the upstream class names (and captions, for {caption} and mode "missing"). */
function captioned(upstream: DatasetText, template: string, mode: string): DatasetText | undefined {
    const parts = template.split(/(\{\{|\}\}|\{label\}|\{index\}|\{caption\})/);
    const uses = (field: string) => parts.includes(`{${field}}`);
    if (uses('label') && !upstream.classNames) return undefined;
    const literal = parts.map(p => (p === '{{' ? '{' : p === '}}' ? '}' : p.startsWith('{') && p.endsWith('}') && p.length > 2 ? ' ' : p)).join('');
    const labels = uses('label') ? upstream.classNames! : [''];
    const captions = labels.map(label => literal.replace(/\s+/g, ' ').trim() + (label ? ` ${label}` : ''));
    const weighted = captions.map(text => ({ text, weight: 1 }));
    if (uses('index')) weighted.push(...DIGITS.map(text => ({ text, weight: 1 })));
    const keepsUpstream = uses('caption') || mode === 'missing';
    const words = countWords(weighted);
    if (keepsUpstream) {
        const merged = new Map(words.map(w => [w.word, w.count]));
        for (const w of upstream.words) merged.set(w.word, (merged.get(w.word) ?? 0) + w.count);
        words.splice(0, words.length, ...[...merged].map(([word, count]) => ({ word, count })).sort((a, b) => b.count - a.count));
    }
    const examples = labels.map(label => parts.map(p => (p === '{label}' ? label : p === '{index}' ? '0' : p === '{caption}' ? (upstream.examples[0] ?? '') : p === '{{' ? '{' : p === '}}' ? '}' : p)).join('').trim());
    return {
        key: `captions:${JSON.stringify([template, mode])}:${upstream.key}`, label: `Captions "${template}"`,
        words, examples: keepsUpstream ? [...examples, ...upstream.examples] : examples, estimated: true, classNames: upstream.classNames,
    };
}
