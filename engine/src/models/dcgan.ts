/**
 * DCGAN generator and discriminator (Radford et al.): the generator projects the latent vector
 * to a small feature map and doubles it with stride-2 transposed convolutions (batch norm +
 * LeakyReLU) up to the image, tanh output; the discriminator mirrors it with stride-2
 * convolutions and ends in one logit. Initializers are seeded so fresh models are identical
 * for identical parameters (and therefore cacheable by their parameters).
 *
 * With `classes > 0` both are class-conditional (cGAN) and take a second input, the class index
 * as a float [batch, 1]: the generator multiplies the latent vector by a learned class embedding
 * (appending the embedding instead let it ignore the noise and draw every digit of a class
 * alike: within-class distance 0.06 against real digits' 0.32; the product cannot drop either);
 * the discriminator adds a projection term <embed(y), features> to its logit (Miyato & Koyama,
 * "cGANs with Projection Discriminator"), which conditions it more strongly than feeding the
 * label in as extra image channels, at the cost of one dot product.
 */
import type * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import type { LayersModel } from '@tensorflow/tfjs-layers';

export interface DcganSize {
    /** Side of the first feature map. */
    start: number;
    /** Number of stride-2 doublings from `start` to the image side. */
    upsamplings: number;
}

export const DCGAN_SIZES: Readonly<Record<number, DcganSize>> = {
    28: { start: 7, upsamplings: 2 },
    32: { start: 4, upsamplings: 3 },
    64: { start: 4, upsamplings: 4 },
};

export function dcganSize(imageSize: number): DcganSize {
    const size = DCGAN_SIZES[imageSize];
    if (!size) throw new Error(`imageSize must be one of ${Object.keys(DCGAN_SIZES).join(', ')}, got ${imageSize}`);
    return size;
}

const KERNEL = 4;
const LEAK = 0.2;
/** Faster than Keras' 0.99: short GAN trainings otherwise sample with stale batch-norm statistics. */
const BN_MOMENTUM = 0.8;

function weights(seed: number) {
    return tfl.initializers.randomNormal({ mean: 0, stddev: 0.02, seed });
}

export interface GeneratorSpec {
    latentDim: number;
    imageSize: number;
    channels: number;
    filters: number;
    /** Number of classes it is conditioned on; 0 (or absent): unconditional. */
    classes?: number;
}

/** Layers that turn a (conditioned) latent vector into images. */
function generatorBody(input: tfl.SymbolicTensor, { imageSize, channels, filters }: GeneratorSpec): tfl.SymbolicTensor {
    const { start, upsamplings } = dcganSize(imageSize);
    let seed = 1000;
    const firstFilters = filters * 2 ** (upsamplings - 1);
    let x = tfl.layers.dense({ units: start * start * firstFilters, useBias: false, kernelInitializer: weights(seed++) }).apply(input) as tfl.SymbolicTensor;
    x = tfl.layers.batchNormalization({ momentum: BN_MOMENTUM }).apply(x) as tfl.SymbolicTensor;
    x = tfl.layers.leakyReLU({ alpha: LEAK }).apply(x) as tfl.SymbolicTensor;
    x = tfl.layers.reshape({ targetShape: [start, start, firstFilters] }).apply(x) as tfl.SymbolicTensor;
    for (let i = upsamplings - 2; i >= 0; i--) {
        x = tfl.layers.conv2dTranspose({
            filters: filters * 2 ** i, kernelSize: KERNEL, strides: 2, padding: 'same', useBias: false, kernelInitializer: weights(seed++),
        }).apply(x) as tfl.SymbolicTensor;
        x = tfl.layers.batchNormalization({ momentum: BN_MOMENTUM }).apply(x) as tfl.SymbolicTensor;
        x = tfl.layers.leakyReLU({ alpha: LEAK }).apply(x) as tfl.SymbolicTensor;
    }
    return tfl.layers.conv2dTranspose({
        filters: channels, kernelSize: KERNEL, strides: 2, padding: 'same', activation: 'tanh', kernelInitializer: weights(seed++),
    }).apply(x) as tfl.SymbolicTensor;
}

export function buildGenerator(spec: GeneratorSpec): LayersModel {
    const latent = tfl.input({ shape: [spec.latentDim], name: 'latent' });
    const classes = spec.classes ?? 0;
    if (classes === 0) return tfl.model({ inputs: latent, outputs: generatorBody(latent, spec) });
    const label = tfl.input({ shape: [1], name: 'label' });
    const embedded = tfl.layers.flatten().apply(tfl.layers.embedding({
        inputDim: classes, outputDim: spec.latentDim, embeddingsInitializer: tfl.initializers.randomNormal({ mean: 0, stddev: 1, seed: 1500 }),
    }).apply(label)) as tfl.SymbolicTensor;
    const conditioned = tfl.layers.multiply().apply([latent, embedded]) as tfl.SymbolicTensor;
    return tfl.model({ inputs: [latent, label], outputs: generatorBody(conditioned, spec) });
}

export interface DiscriminatorSpec {
    imageSize: number;
    channels: number;
    filters: number;
    /** Number of classes it is conditioned on; 0 (or absent): unconditional. */
    classes?: number;
}

export function buildDiscriminator({ imageSize, channels, filters, classes = 0 }: DiscriminatorSpec): LayersModel {
    const { upsamplings } = dcganSize(imageSize);
    let seed = 2000;
    const image = tfl.input({ shape: [imageSize, imageSize, channels], name: 'image' });
    let x: tfl.SymbolicTensor = image;
    for (let i = 0; i < upsamplings; i++) {
        x = tfl.layers.conv2d({
            filters: filters * 2 ** i, kernelSize: KERNEL, strides: 2, padding: 'same', kernelInitializer: weights(seed++),
        }).apply(x) as tfl.SymbolicTensor;
        x = tfl.layers.leakyReLU({ alpha: LEAK }).apply(x) as tfl.SymbolicTensor;
    }
    const features = tfl.layers.flatten().apply(x) as tfl.SymbolicTensor;
    const logit = tfl.layers.dense({ units: 1, kernelInitializer: weights(seed++) }).apply(features) as tfl.SymbolicTensor;
    if (classes === 0) return tfl.model({ inputs: image, outputs: logit });
    const label = tfl.input({ shape: [1], name: 'label' });
    const featureSize = features.shape[1] as number;
    const embedded = tfl.layers.flatten().apply(tfl.layers.embedding({
        inputDim: classes, outputDim: featureSize, embeddingsInitializer: weights(seed++),
    }).apply(label)) as tfl.SymbolicTensor;
    const projection = tfl.layers.dot({ axes: 1 }).apply([embedded, features]) as tfl.SymbolicTensor;
    return tfl.model({ inputs: [image, label], outputs: tfl.layers.add().apply([logit, projection]) as tfl.SymbolicTensor });
}

/** The model's inputs for a batch: the latent vectors or images, plus the labels when conditional. */
export function modelInputs(main: tf.Tensor, labels: tf.Tensor2D | undefined): tf.Tensor | tf.Tensor[] {
    return labels ? [main, labels] : main;
}
