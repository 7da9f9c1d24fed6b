/**
 * `checkpoint-not-found`: a CheckpointLoaderSimple whose `ckpt_name` names no checkpoint where
 * the engine looks (checkpoints/src/find.ts) and none a CheckpointSave of this folder's
 * workflows will write. Did-you-mean candidates (as string literals) travel for the quick fix.
 * A warning, not an error: the file may yet appear (a run elsewhere, a copy), and the loader
 * itself fails the run naming the node when it does not. A workflow that runs on a ComfyUI
 * server is not checked here: its checkpoints live on the server (its `ckpt_name` choices).
 * Checked per document, so the folder's checkpoints and producers are listed once per pass.
 */
import type { ValidationAcceptor } from 'langium';
import { isStringLiteral, isWorkflow, type Document, type Node } from '../generated/ast.js';
import type { NodeTypeResolver } from '../semantics/node-types.js';
import { bodyNodes } from '../semantics/bodies.js';
import { didYouMean, suggest } from '../semantics/suggestions.js';
import type { CheckpointProducers, ProducedCheckpoint } from '../prompts/checkpoint-producers.js';
import type { PromptVocabularies } from '../prompts/vocabulary-source.js';
import { Codes } from './codes.js';

export function checkCheckpointNames(doc: Document, types: NodeTypeResolver, vocabularies: PromptVocabularies, producers: CheckpointProducers, accept: ValidationAcceptor): void {
    const producedIn = new Map<string, ProducedCheckpoint[]>();
    for (const element of doc.elements) {
        // On a ComfyUI server the server's own checkpoints count (its ckpt_name choices), not this folder's.
        if (isWorkflow(element) && types.engineOf(element) === 'comfyui') continue;
        for (const node of bodyNodes(element)) {
            if (!isLoader(node, types)) continue;
            const literal = node.args.find(a => a.name === 'ckpt_name')?.value;
            // A wired name (a subgraph input) is checked where a literal reaches it: at run time.
            if (!isStringLiteral(literal)) continue;
            const found = vocabularies.checkpointOf(node);
            // An empty name is being typed: completion helps there, a diagnostic would not.
            if (!found || found.file || !found.name.trim()) continue;
            let produced = producedIn.get(found.flowDir);
            if (!produced) producedIn.set(found.flowDir, produced = producers.forFolder(found.flowDir));
            if (produced.some(p => p.pattern.test(found.name))) continue;
            const available = [...new Set([...vocabularies.checkpoints.list(found.flowDir).map(c => c.name), ...produced.filter(p => p.offered).map(p => p.name)])];
            const close = suggest(found.name.replace(/\.safetensors$/, ''), available.map(n => n.replace(/\.safetensors$/, ''))).map(n => `${n}.safetensors`);
            const where = available.length
                ? didYouMean(close) || ` Checkpoints here: ${available.slice(0, 5).map(n => `'${n}'`).join(', ')}${available.length > 5 ? ', …' : ''}.`
                : ' None is there yet: train one with TrainDiffusion and save it with CheckpointSave (or put one in models/checkpoints/).';
            accept('warning', `Checkpoint '${found.name}' not found in models/checkpoints/ or flow-output/*/checkpoints/ next to this file, and no CheckpointSave here writes it.${where}`, {
                node: literal, code: Codes.checkpointNotFound, data: { suggestions: close.map(c => JSON.stringify(c)) },
            });
        }
    }
}

export function isLoader(node: Node, types: NodeTypeResolver): boolean {
    const resolved = types.resolve(node);
    return resolved?.kind === 'builtin' && resolved.schema.name === 'CheckpointLoaderSimple';
}
