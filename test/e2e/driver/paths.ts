/** Where the e2e harness lives on disk: the repository, its .e2e cache and the test output. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

function findRepoRoot(): string {
    // Compiled to out/test/e2e/driver/: walk up to the manifest instead of counting levels.
    let dir = path.dirname(fileURLToPath(import.meta.url));
    for (;;) {
        const manifest = path.join(dir, 'package.json');
        if (fs.existsSync(manifest) && JSON.parse(fs.readFileSync(manifest, 'utf8')).name === 'flowstudio') return dir;
        const parent = path.dirname(dir);
        if (parent === dir) throw new Error('e2e: cannot find the flowstudio repository root above ' + fileURLToPath(import.meta.url));
        dir = parent;
    }
}

export const REPO_ROOT = findRepoRoot();
/** code-server install and per-session run folders (gitignored); override with E2E_HOME. */
export const E2E_HOME = process.env.E2E_HOME ?? path.join(REPO_ROOT, '.e2e');
/** Screenshots and logs of failed sessions (gitignored); override with E2E_OUTPUT. */
export const E2E_OUTPUT = process.env.E2E_OUTPUT ?? path.join(REPO_ROOT, 'test-output', 'e2e');
export const SCRIPTS_DIR = path.join(REPO_ROOT, 'test', 'e2e');
export const BRIDGE_EXTENSION_DIR = path.join(REPO_ROOT, 'test', 'e2e', 'bridge');
export const CODE_SERVER_BIN = path.join(E2E_HOME, 'code-server', 'node_modules', '.bin', 'code-server');
export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
