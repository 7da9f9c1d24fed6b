/**
 * The header of a safetensors file (huggingface/safetensors, the format ComfyUI loads
 * checkpoints from): an 8-byte little-endian header length, a JSON header naming each tensor's
 * dtype, shape and byte range, an optional `__metadata__` object of strings, then the raw data.
 * Pure file-system code: the language server reads headers (never the weights) for hover,
 * completion and prompt words; the engine reads whole files with `parseSafetensorsHeader`.
 */
import * as fs from 'node:fs';

export interface TensorEntry { dtype: string; shape: number[]; data_offsets: [number, number] }

export interface SafetensorsHeader {
    readonly metadata: Readonly<Record<string, string>>;
    readonly tensors: ReadonlyMap<string, TensorEntry>;
    /** Byte offset of the data section. */
    readonly dataStart: number;
}

/** Headers larger than this are refused (a damaged or hostile file must not exhaust memory). */
const MAX_HEADER_BYTES = 100 * 1024 * 1024;

/** The header's JSON, checked against the file's size (`dataStart` = 8 + header length). */
export function parseSafetensorsHeader(json: string, fileSize: number, dataStart: number): SafetensorsHeader {
    let raw: unknown;
    try {
        raw = JSON.parse(json);
    } catch {
        throw new Error('its header is not valid JSON');
    }
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new Error('its header is not a JSON object');
    const metadata: Record<string, string> = {};
    const tensors = new Map<string, TensorEntry>();
    for (const [name, value] of Object.entries(raw as Record<string, unknown>)) {
        if (name === '__metadata__') {
            for (const [k, v] of Object.entries(value as Record<string, unknown> ?? {})) if (typeof v === 'string') metadata[k] = v;
            continue;
        }
        const e = value as TensorEntry;
        if (!e || typeof e.dtype !== 'string' || !Array.isArray(e.shape) || !Array.isArray(e.data_offsets)) throw new Error(`tensor ${name} has a malformed entry`);
        const [begin, end] = e.data_offsets;
        if (!(begin >= 0 && end >= begin && dataStart + end <= fileSize)) throw new Error(`tensor ${name} lies outside the file (it may be truncated)`);
        tensors.set(name, e);
    }
    return { metadata, tensors, dataStart };
}

/** The header length the first 8 bytes give, refused when the file cannot hold it. */
export function safetensorsHeaderLength(lengthBytes: Buffer, size: number): number {
    const length = Number(lengthBytes.readBigUInt64LE(0));
    if (length > MAX_HEADER_BYTES || 8 + length > size) throw new Error('its header length is impossible (not a safetensors file, or truncated)');
    return length;
}

/** Reads only the header (metadata and tensor directory), never the data. */
export function readSafetensorsHeader(file: string): SafetensorsHeader {
    const fd = fs.openSync(file, 'r');
    try {
        const size = fs.fstatSync(fd).size;
        const lengthBytes = Buffer.alloc(8);
        if (size < 8 || fs.readSync(fd, lengthBytes, 0, 8, 0) !== 8) throw new Error('it is too short to be a safetensors file');
        const length = safetensorsHeaderLength(lengthBytes, size);
        const json = Buffer.alloc(length);
        if (fs.readSync(fd, json, 0, length, 8) !== length) throw new Error('its header is cut short');
        return parseSafetensorsHeader(json.toString('utf8'), size, 8 + length);
    } finally {
        fs.closeSync(fd);
    }
}
