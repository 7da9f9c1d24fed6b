/** Backend selection order, explicit requests, and the doctor report. */
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import { BACKEND_ORDER, doctorReport, initBackend, parseBackendName } from '../../engine/src/backends/index.js';
import { findWasmDir, WASM_BINARIES } from '../../engine/src/backends/wasm-paths.js';

describe('backend: selection', function () {
    this.timeout(30000);

    it('parses names and aliases, rejects unknown ones', () => {
        assert.equal(parseBackendName(undefined), 'auto');
        assert.equal(parseBackendName('WASM'), 'wasm');
        assert.equal(parseBackendName('native'), 'wasm-native');
        assert.throws(() => parseBackendName('webgl'), /unknown backend "webgl".*tensorflow, wasm-native, wasm, cpu/);
    });

    it('auto picks the first available backend in order and says why earlier ones were skipped', async () => {
        const info = await initBackend();
        const index = BACKEND_ORDER.indexOf(info.name);
        assert.ok(index >= 0);
        for (const earlier of BACKEND_ORDER.slice(0, index)) {
            assert.ok(info.unavailable[earlier], `reason for skipping ${earlier}`);
        }
        assert.equal(tf.getBackend(), info.tfBackend);
        // tfjs-node cannot be installed here (issue 4), so auto never picks it in this repo.
        assert.match(info.unavailable.tensorflow ?? '', /tfjs-node/);
        assert.notEqual(info.name, 'cpu', 'the wasm backend is always installable from npm');
    });

    it('an explicit request is honoured or fails with the reason', async () => {
        const wasm = await initBackend('wasm');
        assert.equal(wasm.name, 'wasm');
        assert.equal(tf.getBackend(), 'wasm');
        assert.deepEqual(wasm.nativeKernels, []);
        assert.ok(wasm.kernels.includes('Conv2DBackpropFilter'));
        assert.ok(wasm.wasm?.simd, 'Node 20 runs the SIMD binary');
        assert.equal(tf.getKernel('Conv2DBackpropFilter', 'wasm')?.kernelName, 'Conv2DBackpropFilter');

        const cpu = await initBackend('cpu');
        assert.equal(cpu.name, 'cpu');
        assert.equal(tf.getBackend(), 'cpu');

        await assert.rejects(initBackend('tensorflow'), /backend "tensorflow" is not available: @tensorflow\/tfjs-node is not importable/);
    });

    it('switching wasm-native → wasm takes the native kernels off again', async function () {
        let native;
        try {
            native = await initBackend('wasm-native');
        } catch (e) {
            assert.match(String(e), /native kernels unavailable/);
            this.skip();
        }
        assert.ok(native.nativeKernels.length > 0);
        const nativeConv = tf.getKernel('Conv2DBackpropFilter', 'wasm');
        await initBackend('wasm');
        assert.notEqual(tf.getKernel('Conv2DBackpropFilter', 'wasm'), nativeConv);
        await initBackend('wasm-native');
        assert.equal(tf.getKernel('Conv2DBackpropFilter', 'wasm')?.kernelName, 'Conv2DBackpropFilter');
    });

    it('finds the wasm binaries in the package, or where FLOWSTUDIO_WASM_DIR / the option points', () => {
        const found = findWasmDir();
        assert.ok(found.dir, `looked in ${found.tried.join(', ')}`);
        assert.equal(findWasmDir('/nonexistent').dir, found.dir, 'falls back past a wrong explicit folder');
        assert.equal(findWasmDir(found.dir).tried[0], found.dir!.replace(/\/$/, ''));
        assert.equal(WASM_BINARIES.length, 3);
    });

    it('doctor lists every backend with availability and reasons', async () => {
        const before = await initBackend('wasm');
        const report = await doctorReport();
        for (const name of BACKEND_ORDER) assert.match(report, new RegExp(`[*+-] ${name}\\s`));
        assert.match(report, /- tensorflow\s+unavailable: @tensorflow\/tfjs-node is not importable/);
        assert.match(report, /Flow Studio wasm kernels: .*Conv2DBackpropFilter/);
        assert.match(report, /Flow Studio cpu kernels: ResizeNearestNeighborGrad/);
        assert.match(report, /wasm binary: SIMD, 1 thread/);
        assert.match(report, /Flow Studio SIMD module: on the backend heap/);
        assert.equal(tf.getBackend(), before.tfBackend, 'the active backend is restored');
    });
});
