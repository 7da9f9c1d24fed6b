/**
 * `flowstudio run FILE --engine comfyui --server URL` as users run it (a spawned CLI, JSON Lines,
 * exit codes) against the real ComfyUI server: `.flow` workflows validate with the language,
 * run there, and ComfyUI's refusals point at the `.flow` line of the argument.
 */
import assert from 'node:assert/strict';
import { eventsOf, spawnCli, tempDir, writeFlow } from '../engine/helpers.js';
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

describe('flowstudio run --engine comfyui (CLI)', function () {
    let url: string;
    before(function () { url = comfyServer(this).url; });

    it('a missing checkpoint: ComfyUI\'s 400 node_errors on the .flow line and column of ckpt_name (exit 1)', async () => {
        const dir = tempDir('fs-comfy-cli-');
        const file = writeFlow(dir, 'cat.flow', TXT2IMG);
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

    it('a comfyui run without a server, and with a server that is down: clear errors (exit 1)', async () => {
        const dir = tempDir('fs-comfy-cli-');
        const file = writeFlow(dir, 'cat.flow', TXT2IMG);
        const none = await spawnCli(['run', file, '--json', '--engine', 'comfyui']);
        assert.equal(none.code, 1);
        assert.equal(eventsOf(none.events, 'error')[0].code, 'comfyui-no-server');
        const down = await spawnCli(['run', file, '--engine', 'comfyui', '--server', 'http://127.0.0.1:9']);
        assert.equal(down.code, 1);
        assert.match(down.stderr, /cannot reach the ComfyUI server at http:\/\/127\.0\.0\.1:9/);
    });
});
