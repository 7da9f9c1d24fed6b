/**
 * PNG coding (pngjs) plus the text chunks ComfyUI-style outputs carry: `workflow` (the .flow
 * source) and `prompt` (the resolved arguments). pngjs writes no text chunks, so they are
 * spliced in before IEND here.
 */
import pngjs from 'pngjs';

const { PNG } = pngjs;

export interface RawImage {
    width: number;
    height: number;
    /** 1 (gray) or 3 (RGB) channels. */
    channels: 1 | 3;
    /** Interleaved 8-bit samples, row-major, width * height * channels. */
    data: Uint8Array;
}

/** Encodes gray or RGB 8-bit pixels as a PNG (gray stays gray: smaller files). */
export function encodePng(image: RawImage, text: Record<string, string> = {}): Buffer {
    const { width, height, channels, data } = image;
    const png = new PNG({ width, height });
    const rgba = png.data;
    for (let i = 0, p = 0; i < width * height; i++, p += channels) {
        rgba[i * 4] = data[p];
        rgba[i * 4 + 1] = data[channels === 3 ? p + 1 : p];
        rgba[i * 4 + 2] = data[channels === 3 ? p + 2 : p];
        rgba[i * 4 + 3] = 255;
    }
    const encoded = PNG.sync.write(png, { colorType: channels === 1 ? 0 : 2 });
    const entries = Object.entries(text);
    return entries.length === 0 ? encoded : insertTextChunks(encoded, entries);
}

export interface DecodedImage {
    width: number;
    height: number;
    /** RGBA, 8 bits per sample. */
    rgba: Uint8Array;
}

export function decodePng(bytes: Uint8Array): DecodedImage {
    const png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    return { width: png.width, height: png.height, rgba: new Uint8Array(png.data.buffer, png.data.byteOffset, png.data.byteLength) };
}

/** Reads the tEXt and iTXt chunks of a PNG (keyword -> text). */
export function readPngText(bytes: Uint8Array): Record<string, string> {
    const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const out: Record<string, string> = {};
    let pos = 8;
    while (pos + 8 <= buf.length) {
        const length = buf.readUInt32BE(pos);
        const type = buf.toString('latin1', pos + 4, pos + 8);
        const body = buf.subarray(pos + 8, pos + 8 + length);
        if (type === 'tEXt') {
            const nul = body.indexOf(0);
            out[body.toString('latin1', 0, nul)] = body.toString('latin1', nul + 1);
        } else if (type === 'iTXt') {
            const nul = body.indexOf(0);
            const keyword = body.toString('latin1', 0, nul);
            // keyword \0 compressionFlag compressionMethod languageTag \0 translatedKeyword \0 text
            let p = nul + 3;
            p = body.indexOf(0, p) + 1;
            p = body.indexOf(0, p) + 1;
            out[keyword] = body.toString('utf8', p);
        }
        if (type === 'IEND') break;
        pos += 12 + length;
    }
    return out;
}

function insertTextChunks(png: Buffer, entries: Array<[string, string]>): Buffer {
    const iend = png.length - 12; // IEND is always the last, empty chunk
    const chunks = entries.map(([key, value]) => textChunk(key, value));
    return Buffer.concat([png.subarray(0, iend), ...chunks, png.subarray(iend)]);
}

function textChunk(keyword: string, text: string): Buffer {
    // tEXt is Latin-1 only; anything else goes into an uncompressed UTF-8 iTXt chunk.
    const latin1 = /^[\u0000-\u00ff]*$/.test(text);
    const body = latin1
        ? Buffer.concat([Buffer.from(keyword, 'latin1'), Buffer.from([0]), Buffer.from(text, 'latin1')])
        : Buffer.concat([Buffer.from(keyword, 'latin1'), Buffer.from([0, 0, 0, 0, 0]), Buffer.from(text, 'utf8')]);
    return chunk(latin1 ? 'tEXt' : 'iTXt', body);
}

function chunk(type: string, body: Buffer): Buffer {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(body.length, 0);
    head.write(type, 4, 'latin1');
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), body])), 0);
    return Buffer.concat([head, body, crc]);
}

const CRC_TABLE = (() => {
    const table = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
        let c = n;
        for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
        table[n] = c >>> 0;
    }
    return table;
})();

function crc32(bytes: Uint8Array): number {
    let c = 0xffffffff;
    for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
}
