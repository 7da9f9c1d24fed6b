/** The node registry: one implementation per catalog node type (a test checks both sets match). */
import type { NodeImpl } from './types.js';
import { LoadMNIST } from './load-mnist.js';
import { LoadImages } from './load-images.js';
import { SyntheticShapes } from './synthetic-shapes.js';
import { Resize } from './resize.js';
import { CenterCrop } from './center-crop.js';
import { Normalize } from './normalize.js';
import { RandomFlip } from './random-flip.js';
import { DCGANGenerator } from './dcgan-generator.js';
import { DCGANDiscriminator } from './dcgan-discriminator.js';
import { LoadGenerator } from './load-generator.js';
import { SaveGenerator } from './save-generator.js';
import { TrainGAN } from './train-gan.js';
import { SampleGAN } from './sample-gan.js';
import { Upscale } from './upscale.js';
import { ImageGrid } from './image-grid.js';
import { DatasetImages } from './dataset-images.js';
import { SaveImages } from './save-images.js';
import { PreviewImage } from './preview-image.js';

export type { NodeImpl, NodeContext, Params, RunPlace } from './types.js';

const IMPLEMENTATIONS: readonly NodeImpl[] = [
    LoadMNIST, LoadImages, SyntheticShapes,
    Resize, CenterCrop, Normalize, RandomFlip,
    DCGANGenerator, DCGANDiscriminator, LoadGenerator, SaveGenerator,
    TrainGAN, SampleGAN,
    Upscale, ImageGrid, DatasetImages,
    SaveImages, PreviewImage,
];

export const NODE_IMPLEMENTATIONS: ReadonlyMap<string, NodeImpl> = new Map(IMPLEMENTATIONS.map(impl => [impl.type, impl]));
