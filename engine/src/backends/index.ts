/**
 * Flow Studio's TensorFlow.js backend layer: public API.
 *
 *   initBackend(requested?, options?) → Promise<BackendInfo>
 *     Activates the fastest available backend, in this order:
 *       `tensorflow`  @tensorflow/tfjs-node, when it is importable;
 *       `wasm-native` the wasm backend + Flow Studio's JS kernels + the optional N-API addon's
 *                     kernels (engine/src/backends/native);
 *       `wasm`        the wasm backend + Flow Studio's JS kernels (wasm-kernels/register-all.ts),
 *                     which add what the stock backend lacks for training (Conv2DBackpropFilter)
 *                     and replace stock kernels that are wrong (_FusedMatMul with bias) or slow;
 *       `cpu`         the pure-JS backend.
 *     `requested` ('tensorflow' | 'wasm-native' | 'wasm' | 'cpu' | 'auto') forces one backend and
 *     throws with the reason when it is unavailable. Call it again to switch. The result says
 *     what runs, which kernels were registered, and why earlier backends were skipped.
 *
 *   doctorReport() → Promise<string>       text for `flowstudio doctor`
 *   describeBackends() → Promise<BackendDescription[]>   the same, as data
 *
 * Kernels run synchronously on the calling thread: train off the editor's thread.
 * The wasm kernels read the wasm backend's private heap layout; tfjs is pinned to 4.22.0.
 */
export { initBackend, currentBackend, parseBackendName, BACKEND_ORDER, type BackendInfo, type BackendName, type InitOptions } from './select.js';
export { doctorReport, describeBackends, type BackendDescription } from './doctor.js';
