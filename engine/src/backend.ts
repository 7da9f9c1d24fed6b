/**
 * Backend selection for runs, delegated to engine/src/backends (which knows the fastest
 * backend available here; `--backend NAME` overrides). Initialized once per process.
 */
import { initBackend, type BackendInfo } from './backends/index.js';

let selected: Promise<BackendInfo> | undefined;
let selectedFor: string | undefined;

export function selectBackend(requested?: string): Promise<BackendInfo> {
    const want = requested ?? '';
    if (!selected || selectedFor !== want) {
        selectedFor = want;
        selected = initBackend(requested);
        selected.catch(() => { selected = undefined; });
    }
    return selected;
}
