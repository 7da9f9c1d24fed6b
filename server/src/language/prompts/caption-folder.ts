/**
 * LoadImages' captions read as the node reads them (nodes/load-images/captions.ts): a non-empty
 * `name.txt` next to `name.png` wins, else the deepest `metadata.jsonl` line naming the image.
 * For the language server: bounded (a folder of more than MAX_FILES entries, or a malformed
 * metadata file, gives undefined — no vocabulary, no warnings) and cached for a few seconds,
 * since a validation pass may ask for the same folder many times.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface CaptionFolder {
    /** Changes when the captions do. */
    readonly key: string;
    /** One per captioned image. */
    readonly captions: readonly string[];
    /** Sub-folder labels, as LoadImages names its classes. */
    readonly classNames: readonly string[];
}

const IMAGE_EXTENSIONS = new Set(['.png', '.jpg', '.jpeg']);
const METADATA_FILE = 'metadata.jsonl';
const MAX_FILES = 20_000;
const MAX_CAPTION_BYTES = 16 * 1024 * 1024;
const TTL_MS = 5000;

const cache = new Map<string, { at: number; folder: CaptionFolder | undefined }>();

export function scanCaptionFolder(root: string, recursive: boolean): CaptionFolder | undefined {
    const key = `${root}\0${recursive}`;
    const hit = cache.get(key);
    if (hit && Date.now() - hit.at < TTL_MS) return hit.folder;
    let folder: CaptionFolder | undefined;
    try {
        folder = scan(root, recursive);
    } catch {
        folder = undefined;
    }
    if (cache.size > 32) cache.clear();
    cache.set(key, { at: Date.now(), folder });
    return folder;
}

function scan(root: string, recursive: boolean): CaptionFolder | undefined {
    const images: string[] = [];
    const sidecars = new Set<string>();
    const metadata: string[] = [];
    let entries = 0;
    const walk = (dir: string): boolean => {
        for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
            if (++entries > MAX_FILES) return false;
            if (entry.name.startsWith('.')) continue;
            const full = path.join(dir, entry.name);
            if (entry.isDirectory()) {
                if (recursive && !walk(full)) return false;
            } else if (IMAGE_EXTENSIONS.has(path.extname(entry.name).toLowerCase())) images.push(full);
            else if (entry.name.endsWith('.txt')) sidecars.add(full);
            else if (entry.name === METADATA_FILE) metadata.push(full);
        }
        return true;
    };
    if (!walk(root)) return undefined;
    let bytes = 0;
    const fromMetadata = new Map<string, string>();
    // Shallow first, so a deeper file's line wins, as in the node.
    for (const file of metadata.sort((a, b) => a.split(path.sep).length - b.split(path.sep).length)) {
        const text = fs.readFileSync(file, 'utf8');
        bytes += text.length;
        if (bytes > MAX_CAPTION_BYTES) return undefined;
        for (const line of text.replace(/^\uFEFF/, '').split(/\r?\n/)) {
            if (!line.trim()) continue;
            const entry = JSON.parse(line) as { file_name?: unknown; text?: unknown };
            if (typeof entry.file_name === 'string' && typeof entry.text === 'string') fromMetadata.set(path.resolve(path.dirname(file), entry.file_name), entry.text.trim());
        }
    }
    const captions: string[] = [];
    for (const image of images.sort()) {
        const sidecar = image.slice(0, image.length - path.extname(image).length) + '.txt';
        let own = '';
        if (sidecars.has(sidecar)) {
            own = fs.readFileSync(sidecar, 'utf8').replace(/^\uFEFF/, '').trim();
            bytes += own.length;
            if (bytes > MAX_CAPTION_BYTES) return undefined;
        }
        const caption = own || fromMetadata.get(path.resolve(image));
        if (caption) captions.push(caption);
    }
    const classNames = [...new Set(images.map(f => path.relative(root, path.dirname(f)).split(path.sep).join('/') || '.'))].sort();
    return { key: `${root}:${hash(captions.join('\n'))}`, captions, classNames };
}

function hash(text: string): string {
    let h = 5381;
    for (let i = 0; i < text.length; i++) h = (Math.imul(h, 33) ^ text.charCodeAt(i)) | 0;
    return (h >>> 0).toString(36) + text.length.toString(36);
}
