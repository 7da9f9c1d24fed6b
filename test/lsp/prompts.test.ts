/**
 * Prompt IntelliSense over the protocol, against the real `flowstudio lsp --stdio` and real
 * checkpoint files (tiny networks made with the engine, encoded as CheckpointSave writes them):
 * `ckpt_name` completion, hover and `checkpoint-not-found` with its quick fix; prompt-word
 * completion ranked by training frequency; `unknown-prompt-word` with its quick fix; vocabularies
 * known from a training dataset in the workflow; no warning where the vocabulary cannot be known;
 * refresh when a checkpoint file appears.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeAction, CompletionList, Diagnostic, Hover, MarkupContent, Position } from 'vscode-languageserver-protocol';
import { LspClient } from './lsp-client.js';
import { writeTinyCheckpoint } from './tiny-checkpoint.js';

/** Captions of the test checkpoint: 'a' 6 times, 'red' 3, 'square' 3, 'circle' 2, 'blue' 2, 'green' 1, 'triangle' 1. */
const CAPTIONS = ['a red circle', 'a red square', 'a blue square', 'a red circle', 'a blue square', 'a green triangle'];

describe('prompt IntelliSense over stdio (checkpoints and prompt words)', function () {
    this.timeout(60000);
    let client: LspClient;
    let root: string;
    let version = 1;
    const uriOf = (name: string) => pathToFileURL(path.join(root, name)).toString();

    before(async () => {
        root = fs.mkdtempSync(path.join(os.tmpdir(), 'flow-prompts-'));
        await writeTinyCheckpoint(path.join(root, 'models', 'checkpoints', 'shapes.safetensors'), CAPTIONS, { dataset: 'SyntheticShapes(count: 6)', steps: 12, finalLoss: 0.125 });
        client = new LspClient(process.cwd());
        await client.initialize(pathToFileURL(root).toString());
    });

    after(async () => {
        await client?.shutdown();
        fs.rmSync(root, { recursive: true, force: true });
    });

    /** Opens (or replaces) a document and waits for its diagnostics of that version. */
    async function show(name: string, text: string): Promise<Diagnostic[]> {
        const uri = uriOf(name);
        const v = version++;
        const published = client.publications(uri);
        if (!opened.has(uri)) {
            opened.add(uri);
            await client.open(uri, text, v);
        } else {
            await client.change(uri, text, v);
        }
        return client.waitForNextDiagnostics(uri, published);
    }
    const opened = new Set<string>();

    function positionOf(text: string, marker: string, delta = 0): Position {
        const offset = text.indexOf(marker) + delta;
        assert.ok(offset >= delta, `marker ${marker} in the text`);
        const before = text.slice(0, offset);
        return { line: before.split('\n').length - 1, character: offset - before.lastIndexOf('\n') - 1 };
    }

    const loaderFlow = (ckpt: string, prompt: string) => `workflow Sample {
    ckpt = CheckpointLoaderSimple(ckpt_name: "${ckpt}")
    positive = CLIPTextEncode(text: "${prompt}", clip: ckpt.CLIP)
    negative = CLIPTextEncode(text: "", clip: ckpt.CLIP)
    latent = EmptyLatentImage(width: 8, height: 8, batch_size: 1)
    sampled = KSampler(model: ckpt.MODEL, positive: positive, negative: negative, latent_image: latent, steps: 2)
    decoded = VAEDecode(samples: sampled, vae: ckpt.VAE)
    SaveImages(images: decoded)
}
`;

    it('completes ckpt_name with the checkpoints found and those a CheckpointSave here will write, and hovers with the metadata', async () => {
        const text = `workflow Saver {
    ckpt = CheckpointLoaderSimple(ckpt_name: "")
    CheckpointSave(model: ckpt.MODEL, clip: ckpt.CLIP, vae: ckpt.VAE, filename_prefix: "checkpoints/mine")
}
`;
        await show('complete.flow', text);
        const completion = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri: uriOf('complete.flow') }, position: positionOf(text, 'ckpt_name: "', 'ckpt_name: "'.length) });
        const labels = completion.items.map(i => i.label);
        assert.ok(labels.includes('shapes.safetensors'), JSON.stringify(labels));
        assert.ok(labels.includes('mine_00001_.safetensors'), `the name this workflow's CheckpointSave writes: ${JSON.stringify(labels)}`);
        const shapes = completion.items.find(i => i.label === 'shapes.safetensors')!;
        assert.match(shapes.detail ?? '', /SyntheticShapes\(count: 6\).*12 steps.*8×8/);

        const named = loaderFlow('shapes.safetensors', 'a red circle');
        assert.deepEqual(await show('hover.flow', named), []);
        const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri: uriOf('hover.flow') }, position: positionOf(named, 'shapes.safetensors', 2) });
        const value = (hover.contents as MarkupContent).value;
        for (const part of [/\| dataset \| SyntheticShapes\(count: 6\) \|/, /\| image size \| 8 × 8 × 1 \|/, /\| training steps \| 12 on 6 images \|/, /\| vocabulary \| 7 words \|/, /\| final loss \| 0\.1250 \|/, /\| saved \| \d{4}-\d\d-\d\d /]) {
            assert.match(value, part);
        }
    });

    it('reports checkpoint-not-found with did-you-mean and a quick fix, but not for a name a CheckpointSave here will write', async () => {
        const text = loaderFlow('shapez.safetensors', 'a red circle');
        const diagnostics = await show('missing.flow', text);
        const missing = diagnostics.find(d => d.code === 'checkpoint-not-found');
        assert.ok(missing, JSON.stringify(diagnostics));
        assert.equal(missing.severity, 2); // a warning: the file may yet appear
        assert.match(missing.message, /Did you mean 'shapes\.safetensors'\?/);
        assert.deepEqual(missing.range.start, positionOf(text, '"shapez'));
        const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: uriOf('missing.flow') }, range: missing.range, context: { diagnostics: [missing] } });
        const fix = actions.find(a => a.isPreferred);
        assert.deepEqual(fix?.edit?.changes?.[uriOf('missing.flow')], [{ range: missing.range, newText: '"shapes.safetensors"' }]);

        const produced = `workflow Train {
    ckpt = CheckpointLoaderSimple(ckpt_name: "shapes.safetensors")
    CheckpointSave(model: ckpt.MODEL, clip: ckpt.CLIP, vae: ckpt.VAE, filename_prefix: "checkpoints/later")
}
workflow Use {
    again = CheckpointLoaderSimple(ckpt_name: "later_00002_.safetensors")
    CheckpointSave(model: again.MODEL, clip: again.CLIP, vae: again.VAE, filename_prefix: "checkpoints/copy")
}
`;
        assert.deepEqual(await show('produced.flow', produced), []);
        const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri: uriOf('produced.flow') }, position: positionOf(produced, 'later_00002_', 2) });
        assert.match((hover.contents as MarkupContent).value, /Not written yet: CheckpointSave in workflow Train writes it/);
    });

    it('completes prompt words the checkpoint\'s text encoder knows, most frequent in training first', async () => {
        const text = loaderFlow('shapes.safetensors', 'a ');
        await show('words.flow', text);
        const at = positionOf(text, 'text: "a ', 'text: "a '.length);
        const all = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri: uriOf('words.flow') }, position: at });
        const ranked = [...all.items].sort((a, b) => (a.sortText! < b.sortText! ? -1 : 1)).map(i => i.label);
        assert.deepEqual(ranked, ['a', 'red', 'square', 'blue', 'circle', 'green', 'triangle']);
        assert.equal(all.items.find(i => i.label === 'red')?.detail, '3 in training captions');

        const typed = loaderFlow('shapes.safetensors', 'a sq');
        await show('words.flow', typed);
        const partial = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri: uriOf('words.flow') }, position: positionOf(typed, 'a sq', 4) });
        assert.deepEqual(partial.items.map(i => i.label), ['square']);
        const edit = partial.items[0].textEdit as { range: { start: Position; end: Position }; newText: string };
        assert.deepEqual(edit.range.start, positionOf(typed, 'sq"'), 'replaces the word being typed');
    });

    it('warns unknown-prompt-word on each word the encoder never saw, with a quick fix, and hovers a word with its count and captions', async () => {
        const text = loaderFlow('shapes.safetensors', 'a red circel on grass');
        const diagnostics = (await show('unknown.flow', text)).filter(d => d.code === 'unknown-prompt-word');
        assert.deepEqual(diagnostics.map(d => text.split('\n')[d.range.start.line].slice(d.range.start.character, d.range.end.character)), ['circel', 'on', 'grass']);
        const circel = diagnostics[0];
        assert.equal(circel.severity, 2);
        assert.match(circel.message, /never saw 'circel'.*Did you mean 'circle'\?/);
        const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: uriOf('unknown.flow') }, range: circel.range, context: { diagnostics: [circel] } });
        const fix = actions.find(a => a.isPreferred)!;
        assert.equal(fix.title, "Change to 'circle'");
        const fixed = text.replace('circel', fix.edit!.changes![uriOf('unknown.flow')][0].newText);
        assert.ok(fixed.includes('"a red circle on grass"'));

        const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri: uriOf('unknown.flow') }, position: positionOf(text, 'red circel', 1) });
        const value = (hover.contents as MarkupContent).value;
        assert.match(value, /\*\*red\*\* — 3 times in the training captions of checkpoint 'shapes\.safetensors'/);
        assert.match(value, /- a red circle\n- a red square/);
        assert.deepEqual(hover.range?.start, positionOf(text, 'red circel'));
    });

    it('reads prompts as ComfyUI weights them, in """ blocks too: brackets and weights are not words', async () => {
        const text = `workflow Weighted {
    ckpt = CheckpointLoaderSimple(ckpt_name: "shapes.safetensors")
    a = CLIPTextEncode(text: "a (red circel:1.2) ((blue))", clip: ckpt.CLIP)
    b = CLIPTextEncode(text: """
        a gr
        triangel
        """, clip: ckpt.CLIP)
}
`;
        const diagnostics = (await show('weighted.flow', text)).filter(d => d.code === 'unknown-prompt-word');
        const lines = text.split('\n');
        assert.deepEqual(diagnostics.map(d => [d.range.start.line, lines[d.range.start.line].slice(d.range.start.character, d.range.end.character)]),
            [[2, 'circel'], [4, 'gr'], [5, 'triangel']]);
        const completion = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri: uriOf('weighted.flow') }, position: positionOf(text, 'a gr', 4) });
        assert.deepEqual(completion.items.map(i => i.label), ['green']);
    });

    it('knows the vocabulary of a TrainDiffusion in the workflow from its dataset, through subgraph inputs', async () => {
        const text = `subgraph Prompted {
    input clip: CLIP
    input prompt: STRING
    encoded = CLIPTextEncode(text: prompt, clip: clip)
    output conditioning: CONDITIONING = encoded
}
workflow Digits {
    digits = LoadMNIST(limit: 100, digits: [7, 8])
    resized = Resize(dataset: digits, width: 32, height: 32)
    trained = TrainDiffusion(dataset: resized, maxSteps: 1)
    direct = CLIPTextEncode(text: "a handwritten sevn", clip: trained.CLIP)
    known = CLIPTextEncode(text: "the digit eight, an image of the number 7", clip: trained.CLIP)
    wired = Prompted(clip: trained.CLIP, prompt: "a handwritten nine")
}
`;
        const diagnostics = (await show('dataset.flow', text)).filter(d => d.code === 'unknown-prompt-word');
        const words = diagnostics.map(d => text.split('\n')[d.range.start.line].slice(d.range.start.character, d.range.end.character));
        assert.deepEqual(words, ['sevn', ',', 'nine'], 'digits 7 and 8 only, and captions have no comma');
        assert.match(diagnostics[0].message, /TrainDiffusion 'trained' trains on \(LoadMNIST digits 7, 8\).*Did you mean 'seven'\?/);
    });

    it('warns about nothing where the vocabulary cannot be known without running', async () => {
        const text = `subgraph Loose {
    input clip: CLIP
    encoded = CLIPTextEncode(text: "zzz qqq", clip: clip)
    output conditioning: CONDITIONING = encoded
}
workflow Unknown {
    images = LoadImages(path: "no-such-folder")
    trained = TrainDiffusion(dataset: images, maxSteps: 1)
    a = CLIPTextEncode(text: "zzz qqq", clip: trained.CLIP)
    shapes = SyntheticShapes(count: 4)
    labelled = Captions(dataset: shapes, template: "{label} in {caption}")
    mixed = TrainDiffusion(dataset: labelled, maxSteps: 1)
    b = CLIPTextEncode(text: "circle in a large red circle zzz", clip: mixed.CLIP)
}
`;
        const diagnostics = (await show('unknowable.flow', text)).filter(d => d.code === 'unknown-prompt-word');
        const words = diagnostics.map(d => text.split('\n')[d.range.start.line].slice(d.range.start.character, d.range.end.character));
        assert.deepEqual(words, ['zzz'], 'only where Captions over SyntheticShapes is known: not in a subgraph nobody uses, not for a missing folder');
    });

    it('reads LoadImages caption files for the vocabulary', async () => {
        const folder = path.join(root, 'captioned');
        fs.mkdirSync(path.join(folder, 'cats'), { recursive: true });
        fs.writeFileSync(path.join(folder, 'cats', 'one.png'), '');
        fs.writeFileSync(path.join(folder, 'cats', 'one.txt'), 'a fluffy cat');
        fs.writeFileSync(path.join(folder, 'cats', 'two.png'), '');
        fs.writeFileSync(path.join(folder, 'metadata.jsonl'), '{"file_name": "cats/two.png", "text": "a sleepy cat"}\n');
        const text = `workflow Cats {
    images = LoadImages(path: "captioned")
    trained = TrainDiffusion(dataset: images, maxSteps: 1)
    p = CLIPTextEncode(text: "a sleepy fluffy dog", clip: trained.CLIP)
}
`;
        const diagnostics = (await show('cats.flow', text)).filter(d => d.code === 'unknown-prompt-word');
        assert.deepEqual(diagnostics.map(d => d.message.match(/never saw '(\w+)'/)?.[1]), ['dog']);
    });

    it('shows a damaged checkpoint as unreadable in hover, and warns about none of its prompt words', async () => {
        fs.writeFileSync(path.join(root, 'models', 'checkpoints', 'broken.safetensors'), 'not a checkpoint at all');
        const text = loaderFlow('broken.safetensors', 'zzz qqq');
        assert.deepEqual(await show('broken.flow', text), []);
        const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri: uriOf('broken.flow') }, position: positionOf(text, 'broken.safetensors', 1) });
        assert.match((hover.contents as MarkupContent).value, /Cannot be read: .*(impossible|too short)/);
    });

    it('refreshes when a checkpoint file appears (a watched .safetensors change)', async () => {
        const text = loaderFlow('fresh.safetensors', 'a purple star');
        const before = await show('fresh.flow', text);
        assert.deepEqual(before.map(d => d.code), ['checkpoint-not-found']);
        const file = path.join(root, 'models', 'checkpoints', 'fresh.safetensors');
        await writeTinyCheckpoint(file, ['a purple star', 'a purple moon']);
        const count = client.publications(uriOf('fresh.flow'));
        await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(file).toString(), type: 1 }] });
        const after = await client.waitForNextDiagnostics(uriOf('fresh.flow'), count);
        assert.deepEqual(after, []);
        const completion = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri: uriOf('fresh.flow') }, position: positionOf(text, 'ckpt_name: "', 'ckpt_name: "'.length) });
        assert.ok(completion.items.some(i => i.label === 'fresh.safetensors'));
    });
});
