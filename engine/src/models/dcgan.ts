/**
 * DCGAN generator and discriminator (Radford et al.): the generator projects the latent vector
 * to a small feature map and doubles it with stride-2 transposed convolutions (batch norm +
 * LeakyReLU) up to the image, tanh output; the discriminator mirrors it with stride-2
 * convolutions and ends in one logit. Initializers are seeded so fresh models are identical
 * for identical parameters (and therefore cacheable by their parameters).
 */
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
}

export function buildGenerator({ latentDim, imageSize, channels, filters }: GeneratorSpec): LayersModel {
    const { start, upsamplings } = dcganSize(imageSize);
    let seed = 1000;
    const model = tfl.sequential();
    const firstFilters = filters * 2 ** (upsamplings - 1);
    model.add(tfl.layers.dense({ inputShape: [latentDim], units: start * start * firstFilters, useBias: false, kernelInitializer: weights(seed++) }));
    model.add(tfl.layers.batchNormalization({ momentum: BN_MOMENTUM }));
    model.add(tfl.layers.leakyReLU({ alpha: LEAK }));
    model.add(tfl.layers.reshape({ targetShape: [start, start, firstFilters] }));
    for (let i = upsamplings - 2; i >= 0; i--) {
        model.add(tfl.layers.conv2dTranspose({
            filters: filters * 2 ** i, kernelSize: KERNEL, strides: 2, padding: 'same', useBias: false, kernelInitializer: weights(seed++),
        }));
        model.add(tfl.layers.batchNormalization({ momentum: BN_MOMENTUM }));
        model.add(tfl.layers.leakyReLU({ alpha: LEAK }));
    }
    model.add(tfl.layers.conv2dTranspose({
        filters: channels, kernelSize: KERNEL, strides: 2, padding: 'same', activation: 'tanh', kernelInitializer: weights(seed++),
    }));
    return model;
}

export interface DiscriminatorSpec {
    imageSize: number;
    channels: number;
    filters: number;
}

export function buildDiscriminator({ imageSize, channels, filters }: DiscriminatorSpec): LayersModel {
    const { upsamplings } = dcganSize(imageSize);
    let seed = 2000;
    const model = tfl.sequential();
    for (let i = 0; i < upsamplings; i++) {
        model.add(tfl.layers.conv2d({
            ...(i === 0 ? { inputShape: [imageSize, imageSize, channels] } : {}),
            filters: filters * 2 ** i, kernelSize: KERNEL, strides: 2, padding: 'same', kernelInitializer: weights(seed++),
        }));
        model.add(tfl.layers.leakyReLU({ alpha: LEAK }));
    }
    model.add(tfl.layers.flatten());
    model.add(tfl.layers.dense({ units: 1, kernelInitializer: weights(seed++) }));
    return model;
}
