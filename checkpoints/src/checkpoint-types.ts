/**
 * The types of what a checkpoint's header says (docs/checkpoint-format.md), with no imports:
 * the engine's wire contracts, the webviews' type checks and the language server all see them
 * without pulling in file-system code.
 */

export type CheckpointPart = 'model' | 'clip' | 'vae';

/** How a model was trained (saved with it; CheckpointSave's metadata). */
export interface TrainingRecord {
    readonly dataset: string;
    readonly images: number;
    readonly steps: number;
    readonly imageWidth: number;
    readonly imageHeight: number;
    readonly imageChannels: number;
    readonly trainingSeconds: number;
    readonly finalLoss: number;
    readonly recipe: Readonly<Record<string, unknown>>;
    /**
     * A bounded sample of distinct training captions, chosen so that every word of the
     * vocabulary has an example while room lasts (hover shows them); absent in older files.
     */
    readonly exampleCaptions?: readonly string[];
}

/** What a checkpoint says about how it was made (shown in hover, written by CheckpointSave). */
export interface CheckpointMetadata extends TrainingRecord {
    readonly vocabularySize: number;
    /** ISO date of saving. */
    readonly date: string;
    /** The workflow that saved it. */
    readonly workflow?: string;
}

/** A part's header entry: the code that rebuilds it and its JSON config. */
export interface SavedPartInfo {
    readonly architecture: string;
    readonly config: Readonly<Record<string, unknown>>;
}

export interface CheckpointInfo {
    readonly metadata: CheckpointMetadata;
    readonly parts: Readonly<Record<CheckpointPart, SavedPartInfo>>;
}
