/** Helpers shared by node implementations: datasets with new images, tensor <-> 8-bit image conversion. */
import * as tf from '@tensorflow/tfjs-core';
import { FlowError } from '../errors.js';
import type { Dataset } from '../values.js';
import type { RawImage } from '../util/png.js';

/** A dataset with the same labels, captions and metadata but new images (one per old image, same order). */
export function withImages(dataset: Dataset, images: tf.Tensor4D, range = dataset.range): Dataset {
    const out: Dataset = { kind: 'DATASET', images, labels: dataset.labels, classNames: dataset.classNames, range };
    if (dataset.captions) out.captions = dataset.captions;
    return out;
}

/** Maps [lo, hi] to [0, 1] and clips. */
export function toUnitRange(images: tf.Tensor4D, [lo, hi]: [number, number]): tf.Tensor4D {
    return tf.tidy(() => tf.clipByValue(lo === 0 && hi === 1 ? images : tf.div(tf.sub(images, lo), hi - lo), 0, 1) as tf.Tensor4D);
}

/** Splits a [n, h, w, c] tensor in [0, 1] into 8-bit images (c must be 1 or 3). */
export async function toRawImages(images: tf.Tensor4D): Promise<RawImage[]> {
    const [n, height, width, c] = images.shape;
    if (c !== 1 && c !== 3) throw new FlowError(`images must have 1 or 3 channels to be saved, got ${c}`);
    const data = await images.data();
    const per = height * width * c;
    const out: RawImage[] = [];
    for (let i = 0; i < n; i++) {
        const bytes = new Uint8Array(per);
        for (let j = 0; j < per; j++) {
            const v = data[i * per + j];
            bytes[j] = Number.isNaN(v) ? 0 : Math.round(Math.min(1, Math.max(0, v)) * 255);
        }
        out.push({ width, height, channels: c, data: bytes });
    }
    return out;
}
