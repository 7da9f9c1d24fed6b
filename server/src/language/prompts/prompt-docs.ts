/** Markdown for checkpoints (hover on `ckpt_name`, completion details) and prompt words (hover). */
import type { CheckpointMetadata } from '../../../../checkpoints/src/metadata.js';
import type { CheckpointRead } from '../../../../checkpoints/src/info-cache.js';
import type { ProducedCheckpoint } from './checkpoint-producers.js';
import type { PromptVocabulary } from './prompt-vocabulary.js';
import { didYouMean } from '../semantics/suggestions.js';

const SPECIAL_TOKENS = 4;
const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const number = (n: number) => (Number.isFinite(n) ? n.toLocaleString('en-US') : 'unknown');

/** One line: what completion shows next to a checkpoint's name. */
/** The metadata as this reader can use it: a file from elsewhere may put anything in it. */
function metadataOf(read: CheckpointRead): Partial<CheckpointMetadata> {
    const raw = (read.info?.metadata ?? {}) as unknown as Record<string, unknown>;
    const m: Record<string, unknown> = {};
    for (const key of ['dataset', 'date', 'workflow']) if (typeof raw[key] === 'string') m[key] = raw[key];
    for (const key of ['images', 'steps', 'imageWidth', 'imageHeight', 'imageChannels', 'vocabularySize', 'trainingSeconds', 'finalLoss']) if (typeof raw[key] === 'number') m[key] = raw[key];
    return m as Partial<CheckpointMetadata>;
}

export function checkpointDetail(read: CheckpointRead): string {
    if (!read.info) return 'unreadable checkpoint';
    const m = metadataOf(read);
    return [m.dataset, m.steps ? `${number(m.steps)} steps` : undefined, m.imageWidth ? `${m.imageWidth}×${m.imageHeight}` : undefined, m.date?.slice(0, 10)].filter(Boolean).join(' · ');
}

export function checkpointMarkdown(name: string, file: string, read: CheckpointRead): string {
    const head = `**checkpoint** \`${name}\``;
    if (!read.info) return `${head}\n\nCannot be read: ${read.error}\n\n\`${file}\``;
    const m = metadataOf(read);
    const rows: Array<[string, string | undefined]> = [
        ['dataset', m.dataset],
        ['image size', m.imageWidth ? `${m.imageWidth} × ${m.imageHeight}${m.imageChannels ? ` × ${m.imageChannels}` : ''}` : undefined],
        ['training steps', typeof m.steps === 'number' ? `${number(m.steps)}${m.images ? ` on ${number(m.images)} images` : ''}` : undefined],
        // vocabularySize counts <pad>, <unk>, <bos> and <eos> too: a user means the words.
        ['vocabulary', typeof m.vocabularySize === 'number' && m.vocabularySize >= SPECIAL_TOKENS ? `${number(m.vocabularySize - SPECIAL_TOKENS)} words` : undefined],
        ['final loss', typeof m.finalLoss === 'number' && Number.isFinite(m.finalLoss) ? m.finalLoss.toPrecision(4) : undefined],
        ['training time', typeof m.trainingSeconds === 'number' && m.trainingSeconds > 0 ? `${number(m.trainingSeconds)} s` : undefined],
        ['saved', m.date ? `${m.date.replace('T', ' ').replace(/\.\d+Z$/, ' UTC')}${m.workflow ? ` by workflow ${m.workflow}` : ''}` : undefined],
    ];
    const table = rows.filter((r): r is [string, string] => r[1] !== undefined).map(([k, v]) => `| ${k} | ${cell(v)} |`);
    return `${head}\n\n| | |\n|---|---|\n${table.join('\n')}\n\n\`${file}\``;
}

export function producedMarkdown(name: string, produced: ProducedCheckpoint): string {
    return `**checkpoint** \`${name}\`\n\nNot written yet: CheckpointSave in workflow ${produced.workflow} writes it when that workflow runs.`;
}

export function wordMarkdown(word: string, vocabulary: PromptVocabulary): string {
    if (!vocabulary.has(word)) {
        return `**${word}** — never seen in the training captions of ${vocabulary.label}: the text encoder reads it as \`<unk>\`.${didYouMean(vocabulary.suggest(word))}`;
    }
    const rank = vocabulary.byFrequency.findIndex(w => w.word === word) + 1;
    const count = vocabulary.count(word);
    const times = `${vocabulary.estimated ? 'about ' : ''}${number(count)} time${count === 1 ? '' : 's'}`;
    const examples = vocabulary.examplesOf(word);
    const list = examples.length ? `\n\nIn training captions:\n${examples.map(e => `- ${e}`).join('\n')}` : '';
    return `**${word}** — ${times} in the training captions of ${vocabulary.label} (word ${rank} of ${number(vocabulary.size)} by frequency)${list}`;
}
