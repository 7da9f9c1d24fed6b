/**
 * The checkpoints a workflow can load, as the language server sees them: the names found
 * where CheckpointLoaderSimple looks (checkpoints/src/find.ts, the engine's own rules), each
 * file's header (metadata and vocabulary) read once per file version, and the vocabulary built
 * from it. Listings are kept until a watched `.safetensors` file changes (`invalidate`, from
 * the document update handler) or for `LISTING_TTL_MS` when no watcher reports, so a 10,000-node
 * file lists each folder once per validation, not once per node.
 */
import * as path from 'node:path';
import { Emitter, type Event } from 'langium';
import { CheckpointInfoCache, type CheckpointRead } from '../../../../checkpoints/src/info-cache.js';
import { listCheckpoints, resolveCheckpoint, type FoundCheckpoint } from '../../../../checkpoints/src/find.js';
import { vocabularyOfCheckpoint } from './checkpoint-vocabulary.js';
import type { PromptVocabulary } from './prompt-vocabulary.js';

const LISTING_TTL_MS = 10_000;

interface Listing { readonly at: number; readonly found: FoundCheckpoint[]; readonly byName: Map<string, string> }

export class CheckpointIndex {
    private readonly listings = new Map<string, Listing>();
    private readonly resolved = new Map<string, { at: number; file: string | undefined }>();
    private readonly infos = new CheckpointInfoCache();
    private readonly vocabularies = new Map<string, { read: CheckpointRead; vocabulary: PromptVocabulary | undefined }>();
    private readonly changed = new Emitter<void>();
    /** A checkpoint file appeared, changed or went away. */
    readonly onDidChange: Event<void> = this.changed.event;

    /** Every checkpoint a workflow in `flowDir` can load by name. */
    list(flowDir: string): readonly FoundCheckpoint[] {
        return this.listing(flowDir).found;
    }

    /** The file `name` loads from a workflow in `flowDir`, or undefined. */
    resolve(flowDir: string, name: string): string | undefined {
        const listed = this.listing(flowDir).byName.get(name);
        if (listed) return listed;
        // A path relative to the workflow, or a name deeper than the listing goes.
        const key = `${flowDir}\0${name}`;
        const cached = this.resolved.get(key);
        if (cached && Date.now() - cached.at < LISTING_TTL_MS) return cached.file;
        let file: string | undefined;
        try {
            file = resolveCheckpoint(flowDir, name);
        } catch {
            file = undefined;
        }
        this.resolved.set(key, { at: Date.now(), file });
        return file;
    }

    /** The header of a checkpoint file, or why it cannot be read. */
    read(file: string): CheckpointRead {
        return this.infos.read(file);
    }

    /** The vocabulary of a checkpoint's text encoder, when its header has one. */
    vocabulary(file: string, name: string): PromptVocabulary | undefined {
        const read = this.infos.read(file);
        const cached = this.vocabularies.get(file);
        if (cached && cached.read === read) return cached.vocabulary;
        const vocabulary = read.info ? vocabularyOfCheckpoint(read.info, file, name) : undefined;
        this.vocabularies.set(file, { read, vocabulary });
        return vocabulary;
    }

    /** Files changed on disk (`undefined`: anything may have). */
    invalidate(files?: readonly string[]): void {
        this.listings.clear();
        this.resolved.clear();
        if (files) files.forEach(f => this.infos.forget(path.resolve(f)));
        else this.infos.forget();
        this.changed.fire();
    }

    private listing(flowDir: string): Listing {
        const cached = this.listings.get(flowDir);
        if (cached && Date.now() - cached.at < LISTING_TTL_MS) return cached;
        let found: FoundCheckpoint[];
        try {
            found = listCheckpoints(flowDir);
        } catch {
            found = [];
        }
        const listing = { at: Date.now(), found, byName: new Map(found.map(f => [f.name, f.file])) };
        this.listings.set(flowDir, listing);
        return listing;
    }
}
