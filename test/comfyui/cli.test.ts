/**
 * `flowstudio run FILE --engine comfyui --server URL` as users run it (a spawned CLI, JSON Lines,
 * exit codes) against the real ComfyUI server: `.flow` workflows validate with the language,
 * run there, and ComfyUI's refusals point at the `.flow` line of the argument.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { decodePng, encodePng, readPngText } from '../../engine/src/util/png.js';
import { eventsOf, spawnCli, tempDir, writeFlow } from '../engine/helpers.js';
import { freePort } from './comfyui-server.js';
import { comfyServer } from './hooks.js';

const TXT2IMG = `workflow Cat {
    ckpt = CheckpointLoaderSimple(ckpt_name: "no-such-model.safetensors")
    pos = CLIPTextEncode(clip: ckpt.CLIP, text: "a cat")
    neg = CLIPTextEncode(clip: ckpt.CLIP, text: "")
    latent = EmptyLatentImage(width: 512, height: 512, batch_size: 1)
    sampled = KSampler(model: ckpt.MODEL, positive: pos, negative: neg, latent_image: latent, seed: 7, steps: 20)
    image = VAEDecode(samples: sampled, vae: ckpt.VAE)
    SaveImages(images: image, prefix: "cat")
}
`;

/** TXT2IMG in a folder whose models/checkpoints/ has the checkpoint: this machine's checks pass, the server has none. */
function txt2imgFile(): string {
    const dir = tempDir('fs-comfy-cli-');
    fs.mkdirSync(path.join(dir, 'models', 'checkpoints'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'models', 'checkpoints', 'no-such-model.safetensors'), '');
    return writeFlow(dir, 'cat.flow', TXT2IMG);
}

describe('flowstudio run --engine comfyui (CLI)', function () {
    let url: string;
    before(function () { url = comfyServer(this).url; });

    it('a missing checkpoint: ComfyUI\'s 400 node_errors on the .flow line and column of ckpt_name (exit 1)', async () => {
        const file = txt2imgFile();
        const human = await spawnCli(['run', file, '--engine', 'comfyui', '--server', url]);
        assert.equal(human.code, 1, human.stderr);
        assert.match(human.stderr, /cat\.flow:2:35: error: ckpt: ckpt_name: Value not in list: .*no-such-model\.safetensors.* \[comfyui-invalid\]/);
        const json = await spawnCli(['run', file, '--json', '--engine', 'comfyui', '--server', url]);
        const [error] = eventsOf(json.events, 'error');
        assert.equal(error.node, 'ckpt');
        assert.deepEqual(error.range?.start, { line: 1, character: 34 });
        assert.equal(eventsOf(json.events, 'run-start').length, 0);
        assert.equal(eventsOf(json.events, 'run-end')[0].status, 'error');
    });

    it('a workflow `on comfyui` of the server\'s nodes: checked, run there, its images in flow-output/ (exit 0)', async () => {
        const dir = tempDir('fs-comfy-cli-');
        const shade = 100 + Math.floor(Math.random() * 100);
        fs.writeFileSync(path.join(dir, 'dot.png'), encodePng({ width: 1, height: 1, channels: 3, data: new Uint8Array([shade, 0, 255 - shade]) }));
        const source = `workflow Colors on comfyui {
    photo = LoadImage(image: "dot.png")
    big = ImageScale(image: photo.IMAGE, upscale_method: "nearest-exact", width: 6, height: 4, crop: "disabled")
    inverted = ImageInvert(image: big)
    SaveImages(images: inverted, prefix: "colors/inverted")
    doubled = Upscale(images: big, factor: 2)
    PreviewImage(images: doubled)
}
`;
        const file = writeFlow(dir, 'colors.flow', source);
        const check = await spawnCli(['check', file, '--server', url]);
        assert.equal(check.code, 0, check.stdout + check.stderr);
        const run = await spawnCli(['run', file, '--json', '--server', url]);
        assert.equal(run.code, 0, run.stderr);
        const start = eventsOf(run.events, 'run-start')[0];
        assert.equal(start.engine, 'comfyui');
        assert.deepEqual(start.nodes.map(n => n.id), ['photo', 'big', 'inverted', 'SaveImages#1', 'doubled', 'PreviewImage#1']);
        const images = eventsOf(run.events, 'image');
        const saved = images.filter(e => e.saved);
        assert.deepEqual(saved.map(e => path.relative(dir, e.path)), [path.join('flow-output', 'Colors', 'colors', 'inverted_00001.png')]);
        const png = decodePng(fs.readFileSync(saved[0].path));
        assert.deepEqual([png.width, png.height], [6, 4]);
        assert.deepEqual([...png.rgba.slice(0, 3)].map((v, i) => Math.abs(v - [255 - shade, 255, shade][i]) <= 1), [true, true, true]);
        assert.equal(readPngText(fs.readFileSync(saved[0].path)).workflow, source);
        const preview = images.find(e => !e.saved)!;
        assert.deepEqual([preview.width, preview.height], [12, 8], 'Upscale → ImageScaleBy doubled it');
        assert.equal(eventsOf(run.events, 'run-end')[0].status, 'success');
    });

    it('a sweep runs each combination on the server and saves the comparison grid', async () => {
        const dir = tempDir('fs-comfy-cli-');
        const base = Math.floor(Math.random() * 1000);
        const file = writeFlow(dir, 'sweep.flow', `workflow Sweep on comfyui {
    blank = EmptyImage(width: 16, height: 16, batch_size: 1, color: 0)
    inverted = ImageInvert(image: blank)
    SaveImages(images: inverted, prefix: "swept")
}
`);
        const run = await spawnCli(['run', file, '--json', '--server', url, '--sweep', `blank.color=${base},${base + 0x10000}`]);
        assert.equal(run.code, 0, run.stderr);
        const saved = eventsOf(run.events, 'image').filter(e => e.saved).map(e => path.relative(dir, e.path));
        assert.deepEqual(saved, [
            path.join('flow-output', 'Sweep', 'swept_00001.png'), path.join('flow-output', 'Sweep', 'swept_00002.png'),
            path.join('flow-output', 'Sweep', 'sweeps', 'sweep_00001.png'), // the comparison grid
        ]);
        const second = decodePng(fs.readFileSync(path.join(dir, 'flow-output', 'Sweep', 'swept_00002.png')));
        assert.ok(Math.abs(second.rgba[0] - (255 - ((base + 0x10000) >> 16))) <= 1, 'the second combination\'s colour, inverted');
    });

    it('SIGINT cancels the run on the server (exit 130), nothing saved', async () => {
        const dir = tempDir('fs-comfy-cli-');
        const file = writeFlow(dir, 'slow.flow', `workflow Slow on comfyui {
    blank = EmptyImage(width: 512, height: 512, batch_size: 2, color: ${Math.floor(Math.random() * 0xffffff)})
    blurred = ImageBlur(image: blank, blur_radius: 31, sigma: 10)
    again = ImageBlur(image: blurred, blur_radius: 31, sigma: 10)
    SaveImages(images: again, prefix: "slow")
}
`);
        let sent = false;
        const run = await spawnCli(['run', file, '--json', '--server', url], (event, child) => {
            if (!sent && event.event === 'node-start' && event.node === 'blurred') { sent = true; child.kill('SIGINT'); }
        });
        assert.ok(sent, run.stderr);
        assert.equal(run.code, 130, run.stderr);
        assert.equal(eventsOf(run.events, 'run-end')[0].status, 'cancelled');
        assert.ok(!fs.existsSync(path.join(dir, 'flow-output', 'Slow', 'slow_00001.png')));
    });

    it('a comfyui run without a server, and with a server that is down: clear errors (exit 1)', async () => {
        const file = txt2imgFile();
        const none = await spawnCli(['run', file, '--json', '--engine', 'comfyui']);
        assert.equal(none.code, 1);
        assert.equal(eventsOf(none.events, 'error')[0].code, 'comfyui-no-server');
        const port = await freePort();
        const down = await spawnCli(['run', file, '--engine', 'comfyui', '--server', `http://127.0.0.1:${port}`]);
        assert.equal(down.code, 1);
        assert.match(down.stderr, new RegExp(`ComfyUI node list from http://127\\.0\\.0\\.1:${port}/object_info: cannot connect \\(ECONNREFUSED\\); is the server running\\? \\[comfyui-unreachable\\]`));
    });
});
