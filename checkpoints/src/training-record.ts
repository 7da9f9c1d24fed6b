/**
 * How a model was trained: a type only, so the wire types (which the graph view and the
 * language load) can name it without pulling in the file-reading half of checkpoints/src.
 */
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
