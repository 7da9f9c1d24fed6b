/**
 * PNG text chunks on images fetched from ComfyUI: its own `prompt`/`workflow` chunks are
 * replaced by ours, splicing chunks only — the pixel data (IDAT) is copied byte for byte,
 * never decoded or re-encoded. Also reads the size of a PNG or JPEG from its header.
 */
import { crc32 } from 'node:zlib';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const TEXT_TYPES = new Set(['tEXt', 'iTXt', 'zTXt']);

export function isPng(bytes: Uint8Array): boolean {
    return bytes.length >= 33 && Buffer.from(bytes.buffer, bytes.byteOffset, 8).equals(SIGNATURE);
}

/** Replaces the text chunks named in `text` (and keeps every other chunk), inserting ours before IEND. */
export function withTextChunks(png: Buffer, text: Record<string, string>): Buffer {
    if (!isPng(png)) throw new Error('not a PNG file');
    const keep: Buffer[] = [png.subarray(0, 8)];
    let iend: Buffer | undefined;
    for (let pos = 8; pos + 12 <= png.length;) {
        const length = png.readUInt32BE(pos);
        const type = png.toString('latin1', pos + 4, pos + 8);
        const end = pos + 12 + length;
        if (end > png.length) throw new Error('truncated PNG file');
        const whole = png.subarray(pos, end);
        if (type === 'IEND') { iend = whole; break; }
        const body = png.subarray(pos + 8, pos + 8 + length);
        const keyword = body.toString('latin1', 0, Math.max(0, body.indexOf(0)));
        if (!(TEXT_TYPES.has(type) && keyword in text)) keep.push(whole);
        pos = end;
    }
    if (!iend) throw new Error('truncated PNG file (no IEND)');
    return Buffer.concat([...keep, ...Object.entries(text).map(([k, v]) => textChunk(k, v)), iend]);
}

function textChunk(keyword: string, text: string): Buffer {
    // tEXt holds Latin-1 only; anything else goes into an uncompressed UTF-8 iTXt chunk.
    const latin1 = /^[\u0000-\u00ff]*$/.test(text);
    const body = latin1
        ? Buffer.concat([Buffer.from(keyword, 'latin1'), Buffer.from([0]), Buffer.from(text, 'latin1')])
        : Buffer.concat([Buffer.from(keyword, 'latin1'), Buffer.from([0, 0, 0, 0, 0]), Buffer.from(text, 'utf8')]);
    const head = Buffer.alloc(8);
    head.writeUInt32BE(body.length, 0);
    head.write(latin1 ? 'tEXt' : 'iTXt', 4, 'latin1');
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), body])), 0);
    return Buffer.concat([head, body, crc]);
}

/** Width and height of a PNG (IHDR) or a baseline/progressive JPEG (SOFn); undefined otherwise. */
export function imageSize(bytes: Buffer): { width: number; height: number } | undefined {
    if (isPng(bytes)) return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
    if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) return undefined;
    for (let pos = 2; pos + 9 < bytes.length;) {
        if (bytes[pos] !== 0xff) return undefined;
        const marker = bytes[pos + 1];
        const length = bytes.readUInt16BE(pos + 2);
        if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
            return { height: bytes.readUInt16BE(pos + 5), width: bytes.readUInt16BE(pos + 7) };
        }
        pos += 2 + length;
    }
    return undefined;
}
