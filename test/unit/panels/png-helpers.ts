/** Small PNGs with text chunks for the scanner tests, made independently of the engine's writer. */
import { deflateSync } from 'node:zlib';
import pngjs from 'pngjs';

export type TextChunk = { type: 'tEXt' | 'zTXt' | 'iTXt'; key: string; text: string };

export function makePng(width: number, height: number, chunks: TextChunk[] = []): Buffer {
    const png = new pngjs.PNG({ width, height });
    png.data.fill(200);
    const encoded = pngjs.PNG.sync.write(png);
    const iend = encoded.length - 12;
    return Buffer.concat([encoded.subarray(0, iend), ...chunks.map(textChunk), encoded.subarray(iend)]);
}

function textChunk(c: TextChunk): Buffer {
    const key = Buffer.from(c.key, 'latin1');
    const body = c.type === 'tEXt' ? Buffer.concat([key, Buffer.from([0]), Buffer.from(c.text, 'latin1')])
        : c.type === 'zTXt' ? Buffer.concat([key, Buffer.from([0, 0]), deflateSync(Buffer.from(c.text, 'latin1'))])
        : Buffer.concat([key, Buffer.from([0, 1, 0]), Buffer.from('en', 'latin1'), Buffer.from([0]), Buffer.from([0]), deflateSync(Buffer.from(c.text, 'utf8'))]);
    const head = Buffer.alloc(8);
    head.writeUInt32BE(body.length, 0);
    head.write(c.type, 4, 'latin1');
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), body])), 0);
    return Buffer.concat([head, body, crc]);
}

function crc32(bytes: Uint8Array): number {
    let c = 0xffffffff;
    for (const b of bytes) {
        c ^= b;
        for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    }
    return (c ^ 0xffffffff) >>> 0;
}

/** A `prompt` chunk as SaveImages writes it. */
export function prompt(workflow: string, saver: string, params: Record<string, unknown>): string {
    return JSON.stringify({
        workflow, file: `${workflow.toLowerCase()}.flow`, node: saver,
        nodes: {
            samples: { type: 'SampleGAN', label: 'samples', params, wires: {} },
            [saver]: { type: 'SaveImages', label: saver, params: { prefix: 'out/s' }, wires: { images: { node: 'samples', output: 'images' } } },
        },
    });
}
