/** LoadImages: a folder of PNG and JPEG files; sub-folder names become labels. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import jpeg from 'jpeg-js';
import { FlowError } from '../../engine/src/errors.js';
import { decodePng, type DecodedImage } from '../../engine/src/util/png.js';
import type { Dataset } from '../../engine/src/values.js';
import { defineNode } from '../../engine/src/nodes/define-node.js';
import { readCaptions } from './captions.js';
import { folderOf, listImageFiles } from './fingerprint.js';
import { schema } from './schema.js';

function decode(file: string): DecodedImage {
    const bytes = fs.readFileSync(file);
    const ext = path.extname(file).toLowerCase();
    try {
        if (ext === '.png') return decodePng(bytes);
        const img = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true, maxMemoryUsageInMB: 1024 });
        return { width: img.width, height: img.height, rgba: img.data };
    } catch (e) {
        throw new FlowError(`cannot decode ${file}: ${(e as Error).message || e} — the file is corrupt or not a ${ext.slice(1).toUpperCase()}`, 'corrupt-image');
    }
}

export const node = defineNode(schema, {
    async run(ctx, _inputs, params) {
        const root = folderOf(ctx, params);
        const recursive = params.recursive;
        const limit = params.limit;
        let files = listImageFiles(root, recursive);
        if (limit !== undefined) files = files.slice(0, limit);
        if (files.length === 0) {
            throw new FlowError(`no PNG or JPEG images in ${root}${recursive ? ' (or its sub-folders)' : ''}`, 'empty-dataset');
        }
        // Before decoding: a malformed metadata.jsonl should stop the run at once, not after every image.
        const captionOf = new Map(readCaptions(root, files).map((caption, i) => [files[i], caption]));
        const skip = params.skipUnreadable === true;
        const decoded: DecodedImage[] = [];
        const kept: string[] = [];
        const skipped: string[] = [];
        for (const file of files) {
            let img: DecodedImage;
            try {
                img = decode(file);
            } catch (e) {
                if (!skip || (e as FlowError).code !== 'corrupt-image') throw e;
                skipped.push(path.relative(ctx.flowDir, file));
                continue;
            }
            const first = decoded[0];
            if (first && (img.width !== first.width || img.height !== first.height)) {
                throw new FlowError(
                    `images differ in size: ${kept[0]} is ${first.width}x${first.height} but ${file} is ${img.width}x${img.height} — ` +
                    'LoadImages needs one size per folder; resize the files or split the folder', 'size-mismatch');
            }
            decoded.push(img);
            kept.push(file);
        }
        if (skipped.length) {
            ctx.warn(`skipped ${skipped.length} unreadable file${skipped.length === 1 ? '' : 's'} of ${files.length}`, { code: 'skipped-files', items: skipped });
        }
        if (decoded.length === 0) throw new FlowError(`none of the ${files.length} images in ${root} could be decoded`, 'empty-dataset');
        files = kept;
        const { width, height } = decoded[0];
        const gray = decoded.every(img => {
            for (let i = 0; i < img.rgba.length; i += 4) if (img.rgba[i] !== img.rgba[i + 1] || img.rgba[i] !== img.rgba[i + 2]) return false;
            return true;
        });
        const channels = gray ? 1 : 3;
        const per = width * height * channels;
        const pixels = new Float32Array(decoded.length * per);
        decoded.forEach((img, i) => {
            for (let p = 0; p < width * height; p++) {
                // Transparent pixels are composited onto black.
                const alpha = img.rgba[p * 4 + 3] / 255;
                for (let c = 0; c < channels; c++) pixels[i * per + p * channels + c] = (img.rgba[p * 4 + c] / 255) * alpha;
            }
        });
        const folderLabel = (file: string) => path.relative(root, path.dirname(file)).split(path.sep).join('/') || '.';
        const classNames = [...new Set(files.map(folderLabel))].sort();
        const labels = Int32Array.from(files, f => classNames.indexOf(folderLabel(f)));
        const dataset: Dataset = {
            kind: 'DATASET',
            images: tf.tensor4d(pixels, [decoded.length, height, width, channels]),
            labels,
            classNames,
            range: [0, 1],
        };
        const uncaptioned = files.filter(f => captionOf.get(f) === undefined);
        if (uncaptioned.length < files.length) {
            dataset.captions = files.map(f => captionOf.get(f) ?? '');
            if (uncaptioned.length) {
                ctx.warn(
                    `${uncaptioned.length} of ${files.length} images have no caption (no name.txt next to them, no line in a metadata.jsonl); they get an empty one`,
                    { code: 'missing-caption', items: uncaptioned.map(f => path.relative(ctx.flowDir, f)) });
            }
        }
        return { dataset };
    },
});
