// `npx flowstudio` in a clone of this repo: npm links the bins of dependencies, not the
// project's own, so link ours next to them (what `npm link` would do, without a global install).
import { mkdirSync, rmSync, symlinkSync, chmodSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const binDir = join(root, 'node_modules', '.bin');
mkdirSync(binDir, { recursive: true });
const link = join(binDir, 'flowstudio');
rmSync(link, { force: true });
symlinkSync(join('..', '..', 'bin', 'flowstudio.js'), link);
chmodSync(join(root, 'bin', 'flowstudio.js'), 0o755);
