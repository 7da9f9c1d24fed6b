/**
 * The client side of a WebSocket (RFC 6455), as much as listening to ComfyUI's `/ws` needs:
 * the upgrade handshake, text and binary messages (fragmented or not), ping → pong, close.
 * Node 20 has no global WebSocket; this avoids a dependency for a receive-only socket
 * (docs/adr/0009-comfyui-server-executor.md). Frames we send are masked, as clients must.
 */
import * as http from 'node:http';
import * as https from 'node:https';
import { createHash, randomBytes } from 'node:crypto';
import type { Duplex } from 'node:stream';

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';
/** A message larger than this is a protocol error here (ComfyUI's previews are far smaller). */
const MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

export interface WsHandlers {
    onText(text: string): void;
    onBinary(data: Buffer): void;
    /** The socket is gone: closed by either side (`error` absent) or failed. Called once. */
    onClose(error?: Error): void;
}

export class WsClient {
    private buffer: Buffer = Buffer.alloc(0);
    private fragments: Buffer[] = [];
    private fragmentOpcode = 0;
    private closed = false;
    /** onClose was called. */
    private reported = false;

    private constructor(private readonly socket: Duplex, private readonly handlers: WsHandlers) {
        socket.on('data', (chunk: Buffer) => this.receive(chunk));
        socket.on('error', (e) => this.finish(e));
        socket.on('close', () => this.finish(this.closed ? undefined : new Error('the connection closed')));
    }

    /** Opens `url` (ws: or wss:); rejects with a clear message when the server refuses the upgrade. */
    static connect(url: string, handlers: WsHandlers, timeoutMs = 10_000): Promise<WsClient> {
        const target = new URL(url);
        const secure = target.protocol === 'wss:';
        const key = randomBytes(16).toString('base64');
        return new Promise((resolve, reject) => {
            const request = (secure ? https : http).request({
                hostname: target.hostname, port: target.port || (secure ? 443 : 80), path: `${target.pathname}${target.search}`,
                headers: { Connection: 'Upgrade', Upgrade: 'websocket', 'Sec-WebSocket-Version': '13', 'Sec-WebSocket-Key': key },
                timeout: timeoutMs,
            });
            request.on('upgrade', (response, socket, head) => {
                const accept = createHash('sha1').update(key + GUID).digest('base64');
                if (response.headers['sec-websocket-accept'] !== accept) {
                    socket.destroy();
                    reject(new Error(`${url}: not a WebSocket answer (bad Sec-WebSocket-Accept)`));
                    return;
                }
                socket.setTimeout(0);
                const client = new WsClient(socket, handlers);
                if (head.length > 0) client.receive(head);
                resolve(client);
            });
            request.on('response', (response) => {
                response.resume();
                reject(Object.assign(new Error(`${url}: the server answered HTTP ${response.statusCode} instead of opening a WebSocket`), { status: response.statusCode }));
            });
            request.on('timeout', () => request.destroy(new Error(`${url}: no answer within ${Math.round(timeoutMs / 1000)} s`)));
            request.on('error', reject);
            request.end();
        });
    }

    /** Sends a close frame and ends the connection. */
    close(): void {
        if (this.closed) return;
        this.closed = true;
        try {
            this.send(0x8, Buffer.from([0x03, 0xe8])); // 1000: normal closure
            this.socket.end();
        } catch {
            // already gone
        }
        setTimeout(() => this.socket.destroy(), 1000).unref();
    }

    private finish(error?: Error): void {
        if (this.reported) return;
        this.reported = true;
        this.closed = true;
        this.handlers.onClose(error);
    }

    private send(opcode: number, payload: Buffer): void {
        const mask = randomBytes(4);
        const length = payload.length;
        const head = length < 126 ? Buffer.from([0x80 | opcode, 0x80 | length])
            : length < 65536 ? Buffer.from([0x80 | opcode, 0x80 | 126, length >> 8, length & 0xff])
                : (() => { const h = Buffer.alloc(10); h[0] = 0x80 | opcode; h[1] = 0x80 | 127; h.writeBigUInt64BE(BigInt(length), 2); return h; })();
        const masked = Buffer.alloc(length);
        for (let i = 0; i < length; i++) masked[i] = payload[i] ^ mask[i & 3];
        this.socket.write(Buffer.concat([head, mask, masked]));
    }

    private receive(chunk: Buffer): void {
        this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
        try {
            while (this.readFrame()) { /* one frame per call */ }
        } catch (e) {
            this.socket.destroy();
            this.finish(e as Error);
        }
    }

    /** Consumes one complete frame from the buffer; false when more bytes are needed. */
    private readFrame(): boolean {
        const b = this.buffer;
        if (b.length < 2) return false;
        const fin = (b[0] & 0x80) !== 0;
        const opcode = b[0] & 0x0f;
        const masked = (b[1] & 0x80) !== 0;
        let length = b[1] & 0x7f;
        let offset = 2;
        if (length === 126) {
            if (b.length < 4) return false;
            length = b.readUInt16BE(2);
            offset = 4;
        } else if (length === 127) {
            if (b.length < 10) return false;
            const big = b.readBigUInt64BE(2);
            if (big > BigInt(MAX_MESSAGE_BYTES)) throw new Error(`a WebSocket frame of ${big} bytes is too large`);
            length = Number(big);
            offset = 10;
        }
        const maskKey = masked ? b.subarray(offset, offset + 4) : undefined;
        if (masked) offset += 4;
        if (b.length < offset + length) return false;
        let payload = b.subarray(offset, offset + length);
        if (maskKey) payload = Buffer.from(payload.map((v, i) => v ^ maskKey[i & 3]));
        this.buffer = b.subarray(offset + length);
        this.frame(fin, opcode, payload);
        return true;
    }

    private frame(fin: boolean, opcode: number, payload: Buffer): void {
        switch (opcode) {
            case 0x0: // continuation
                this.fragments.push(payload);
                if (this.fragments.reduce((n, f) => n + f.length, 0) > MAX_MESSAGE_BYTES) throw new Error('a WebSocket message is too large');
                if (fin) {
                    const whole = Buffer.concat(this.fragments);
                    this.fragments = [];
                    this.deliver(this.fragmentOpcode, whole);
                }
                return;
            case 0x1: case 0x2:
                if (fin) this.deliver(opcode, payload);
                else { this.fragmentOpcode = opcode; this.fragments = [Buffer.from(payload)]; }
                return;
            case 0x8: // close: answer it, then the socket ends
                if (!this.closed) {
                    this.closed = true;
                    try { this.send(0x8, payload.subarray(0, 2)); this.socket.end(); } catch { /* gone */ }
                }
                this.finish();
                return;
            case 0x9: this.send(0xa, Buffer.from(payload)); return; // ping → pong
            case 0xa: return; // pong
            default: throw new Error(`unknown WebSocket opcode ${opcode}`);
        }
    }

    private deliver(opcode: number, payload: Buffer): void {
        if (opcode === 0x1) this.handlers.onText(payload.toString('utf8'));
        else this.handlers.onBinary(Buffer.from(payload));
    }
}
