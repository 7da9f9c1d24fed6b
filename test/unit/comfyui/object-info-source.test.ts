/**
 * Loading ComfyUI's node list from a file or a server (a local HTTP server standing in for
 * ComfyUI's `GET /object_info`): every failure is a problem naming the file or URL, never a throw.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
    fetchObjectInfo, findObjectInfoFile, isObjectInfoFile, loadObjectInfo, normalizeServerUrl, OBJECT_INFO_FILE, readObjectInfoFile,
} from '../../../comfyui/src/object-info-source.js';

const SUBSET = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../test/fixtures/comfyui/object_info.subset.json');

describe('comfyui: where the node list comes from', function () {
    this.timeout(20_000);
    let server: http.Server;
    let base: string;
    let respond: (req: http.IncomingMessage, res: http.ServerResponse) => void;
    before(async () => {
        server = http.createServer((req, res) => respond(req, res));
        await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
        base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    after(() => { server.closeAllConnections(); server.close(); });

    const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'flow-oi-'));

    it('reads a saved file, and names it when it is missing or not JSON', () => {
        const ok = readObjectInfoFile(SUBSET);
        assert.deepEqual(ok.problems, []);
        assert.ok(ok.pack!.nodes.some(n => n.name === 'KSampler'));
        assert.equal(ok.pack!.id, SUBSET);
        const missing = path.join(tmp(), 'nope.json');
        assert.match(readObjectInfoFile(missing).problems[0].message, new RegExp(`ComfyUI node list ${missing.replace(/[\\/.]/g, '.')}: cannot read it \\(no such file\\)`));
        const broken = path.join(tmp(), 'object_info.json');
        fs.writeFileSync(broken, '{"KSampler": ');
        const bad = readObjectInfoFile(broken);
        assert.equal(bad.pack, undefined);
        assert.equal(bad.problems[0].file, broken);
        assert.match(bad.problems[0].message, /it is not JSON/);
    });

    it('finds the workspace\'s saved list and recognizes it among watched files', () => {
        const dir = tmp();
        assert.equal(findObjectInfoFile([dir]), undefined);
        const file = path.join(dir, OBJECT_INFO_FILE);
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.copyFileSync(SUBSET, file);
        assert.equal(findObjectInfoFile([tmp(), dir]), file);
        assert.ok(isObjectInfoFile(file));
        assert.ok(!isObjectInfoFile(path.join(dir, 'object_info.json')));
    });

    it('fetches GET /object_info from a server', async () => {
        let asked = '';
        respond = (req, res) => { asked = req.url ?? ''; res.setHeader('content-type', 'application/json'); res.end(fs.readFileSync(SUBSET)); };
        const loaded = await fetchObjectInfo(`${base}/`);
        assert.equal(asked, '/object_info');
        assert.deepEqual(loaded.problems, []);
        assert.equal(loaded.pack!.id, `comfyui:${base}`);
        assert.equal(loaded.pack!.label, `ComfyUI (${base})`);
        assert.ok(loaded.pack!.nodes.some(n => n.name === 'ImageInvert'));
    });

    it('an HTTP error, an answer that is not JSON, a timeout and a bad URL are problems naming the URL', async () => {
        respond = (_req, res) => { res.statusCode = 500; res.statusMessage = 'Internal Server Error'; res.end('boom'); };
        assert.match((await fetchObjectInfo(base)).problems[0].message, new RegExp(`ComfyUI node list from ${base}/object_info: the server answered HTTP 500 Internal Server Error`));
        respond = (_req, res) => res.end('<html>');
        assert.match((await fetchObjectInfo(base)).problems[0].message, /the answer is not JSON/);
        respond = () => undefined; // never answers
        const started = Date.now();
        const slow = await fetchObjectInfo(base, 300);
        assert.ok(Date.now() - started < 5000);
        assert.match(slow.problems[0].message, /no answer within 0\.3 s/);
        assert.match((await fetchObjectInfo('ftp://x')).problems[0].message, /is not an http:\/\/ or https:\/\/ URL/);
        assert.equal(normalizeServerUrl('http://h:8188/'), 'http://h:8188');
        assert.equal(normalizeServerUrl('nonsense'), undefined);
    });

    it('falls back to the saved file when the server is unreachable, keeping the server\'s problem', async () => {
        const loaded = await loadObjectInfo({ server: 'http://127.0.0.1:9', file: SUBSET, timeoutMs: 2000 });
        assert.ok(loaded.pack && loaded.pack.nodes.length > 40);
        assert.equal(loaded.problems.length, 1);
        assert.match(loaded.problems[0].message, /http:\/\/127\.0\.0\.1:9\/object_info: cannot connect/);
        assert.deepEqual(await loadObjectInfo({}), { problems: [] });
    });
});
