/** Ports the dataset transforms share: a dataset in, the transformed dataset out (keeping what describes it). */
import type { InputSpec, OutputSpec } from '../../catalog/src/schema.js';

export const datasetIn = { name: 'dataset', type: 'DATASET', description: 'Images to transform.' } as const satisfies InputSpec | OutputSpec;
export const datasetOut = { name: 'dataset', type: 'DATASET', description: 'The transformed images (labels and captions kept).', propertiesOf: 'dataset' } as const satisfies InputSpec | OutputSpec;
/** Resize and CenterCrop set the size; the channels stay those of the input. */
export const sizedOut = { ...datasetOut, properties: { width: 'width', height: 'height' } } as const satisfies InputSpec | OutputSpec;
