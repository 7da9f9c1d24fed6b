/**
 * Where LoadImages finds captions, in the two conventions image-generation datasets ship in:
 * a sidecar `name.txt` next to `name.png` (Stable Diffusion fine-tuning folders) and a
 * `metadata.jsonl` with one `{"file_name": ..., "text": ...}` object per line (Hugging Face
 * imagefolder; `file_name` is relative to the folder holding the metadata file, which may be
 * the root or any folder above an image). The sidecar wins over metadata, and a deeper
 * metadata file over a shallower one: the more specific source is the one someone edited last.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FlowError } from '../../engine/src/errors.js';

export const METADATA_FILE = 'metadata.jsonl';

export function sidecarOf(image: string): string {
    return image.slice(0, image.length - path.extname(image).length) + '.txt';
}

/** The folders from `root` down to each image's folder, shallowest first. */
function foldersOf(root: string, images: readonly string[]): string[] {
    const folders = new Set<string>([root]);
    for (const image of images) {
        const chain: string[] = [];
        for (let dir = path.dirname(image); dir !== root && dir.startsWith(root + path.sep); dir = path.dirname(dir)) chain.push(dir);
        chain.reverse().forEach(d => folders.add(d));
    }
    return [...folders].sort((a, b) => a.split(path.sep).length - b.split(path.sep).length || (a < b ? -1 : a > b ? 1 : 0));
}

function metadataFiles(root: string, images: readonly string[]): string[] {
    return foldersOf(root, images).map(dir => path.join(dir, METADATA_FILE)).filter(f => fs.existsSync(f));
}

/** Every existing file the captions of `images` come from (what the node's cache key must cover). */
export function captionFiles(root: string, images: readonly string[]): string[] {
    return [...metadataFiles(root, images), ...images.map(sidecarOf).filter(f => fs.existsSync(f))];
}

function malformed(file: string, line: number, why: string): FlowError {
    return new FlowError(
        `${file}:${line}: ${why} — each line of ${METADATA_FILE} must be one JSON object like {"file_name": "a.png", "text": "a red circle"}`, 'bad-metadata');
}

/** Captions by absolute image path from one metadata.jsonl; lines without `text` caption nothing. */
export function readMetadata(file: string): Map<string, string> {
    const dir = path.dirname(file);
    const captions = new Map<string, string>();
    fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/).forEach((text, i) => {
        if (!text.trim()) return;
        let entry: unknown;
        try {
            entry = JSON.parse(text);
        } catch (e) {
            throw malformed(file, i + 1, `not valid JSON (${(e as Error).message})`);
        }
        if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) throw malformed(file, i + 1, 'not a JSON object');
        const { file_name: name, text: caption } = entry as Record<string, unknown>;
        if (typeof name !== 'string' || !name) throw malformed(file, i + 1, '"file_name" is missing or not a string');
        if (caption === undefined) return;
        if (typeof caption !== 'string') throw malformed(file, i + 1, `"text" of ${name} is not a string`);
        captions.set(path.resolve(dir, name), caption.trim());
    });
    return captions;
}

/**
 * The caption of each image (index-aligned), undefined where no source has one. An empty
 * caption counts as none (an empty sidecar is usually a file someone has yet to write), so
 * metadata can still caption that image.
 */
export function readCaptions(root: string, images: readonly string[]): Array<string | undefined> {
    const fromMetadata = new Map<string, string>();
    for (const file of metadataFiles(root, images)) for (const [image, caption] of readMetadata(file)) fromMetadata.set(image, caption);
    return images.map(image => {
        const sidecar = sidecarOf(image);
        const own = fs.existsSync(sidecar) ? fs.readFileSync(sidecar, 'utf8').replace(/^\uFEFF/, '').trim() : '';
        return own || fromMetadata.get(path.resolve(image)) || undefined;
    });
}
