/**
 * The safetensors container (huggingface/safetensors, the format ComfyUI loads checkpoints
 * from): an 8-byte little-endian header length, a JSON header naming each tensor's dtype, shape
 * and byte range, an optional `__metadata__` object of strings, then the raw little-endian data.
 * Only F32 is written; F32/F16/BF16 are read. The header is read by `checkpoints/src/safetensors-header.ts`,
 * which the language server uses alone, without the weights or TensorFlow.js.
 */
import * as fs from 'node:fs';
import type { WeightArray } from '../contracts.js';
import { parseSafetensorsHeader, safetensorsHeaderLength, type TensorEntry } from '../../../../checkpoints/src/safetensors-header.js';

export function encodeSafetensors(tensors: ReadonlyMap<string, WeightArray>, metadata: Record<string, string>): Uint8Array {
    const header: Record<string, unknown> = { __metadata__: metadata };
    let offset = 0;
    for (const [name, t] of tensors) {
        const bytes = t.data.length * 4;
        header[name] = { dtype: 'F32', shape: [...t.shape], data_offsets: [offset, offset + bytes] };
        offset += bytes;
    }
    let json = JSON.stringify(header);
    // Pad with spaces so the data starts 8-byte aligned (the format allows it; readers can map it).
    json += ' '.repeat((8 - ((8 + Buffer.byteLength(json)) % 8)) % 8);
    const headerBytes = Buffer.from(json, 'utf8');
    const out = new Uint8Array(8 + headerBytes.length + offset);
    const view = new DataView(out.buffer);
    view.setBigUint64(0, BigInt(headerBytes.length), true);
    out.set(headerBytes, 8);
    let at = 8 + headerBytes.length;
    for (const t of tensors.values()) {
        const bytes = new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength);
        out.set(bytes, at);
        at += bytes.length;
    }
    return out;
}

function halfToFloat(h: number): number {
    const sign = h & 0x8000 ? -1 : 1;
    const exponent = (h >> 10) & 0x1f;
    const fraction = h & 0x3ff;
    if (exponent === 0) return sign * 2 ** -14 * (fraction / 1024);
    if (exponent === 31) return fraction ? NaN : sign * Infinity;
    return sign * 2 ** (exponent - 15) * (1 + fraction / 1024);
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function decode(entry: TensorEntry, bytes: Buffer): Float32Array {
    const count = entry.shape.reduce((a, b) => a * b, 1);
    const width = { F32: 4, F16: 2, BF16: 2 }[entry.dtype];
    if (!width) throw new Error(`dtype ${entry.dtype} is not supported (F32, F16, BF16 are)`);
    if (bytes.length !== count * width) throw new Error(`holds ${bytes.length} bytes for ${count} ${entry.dtype} values`);
    // F32 on a little-endian machine is the file's bytes as they are: one copy (which also aligns them).
    if (entry.dtype === 'F32' && LITTLE_ENDIAN) return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
    const out = new Float32Array(count);
    for (let i = 0; i < count; i++) {
        if (entry.dtype === 'F32') out[i] = bytes.readFloatLE(4 * i);
        else if (entry.dtype === 'F16') out[i] = halfToFloat(bytes.readUInt16LE(2 * i));
        else out[i] = new Float32Array(new Uint32Array([bytes.readUInt16LE(2 * i) << 16]).buffer)[0];
    }
    return out;
}

/** The whole file, read once: header and tensors. */
export function readSafetensors(file: string): { metadata: Record<string, string>; tensors: Map<string, WeightArray> } {
    const all = fs.readFileSync(file);
    if (all.length < 8) throw new Error('it is too short to be a safetensors file');
    const length = safetensorsHeaderLength(all, all.length);
    const header = parseSafetensorsHeader(all.toString('utf8', 8, 8 + length), all.length, 8 + length);
    const tensors = new Map<string, WeightArray>();
    for (const [name, entry] of header.tensors) {
        const [begin, end] = entry.data_offsets;
        try {
            tensors.set(name, { shape: entry.shape, data: decode(entry, all.subarray(header.dataStart + begin, header.dataStart + end)) });
        } catch (e) {
            throw new Error(`tensor ${name} ${(e as Error).message}`);
        }
    }
    return { metadata: { ...header.metadata }, tensors };
}
