/**
 * Backend selection for runs, delegated to engine/src/backends (which knows the fastest
 * backend available here; `--backend NAME` overrides). Called at the start of every run:
 * something else in the process (another run, a test) may have switched the global backend.
 */
import { initBackend, type BackendInfo } from './backends/index.js';

export function selectBackend(requested?: string): Promise<BackendInfo> {
    return initBackend(requested);
}
