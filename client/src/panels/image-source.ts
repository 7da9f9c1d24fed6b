/**
 * How the host makes a file loadable by a panel. Files under the panel's resource roots (the
 * output folders) are served by VS Code through `asWebviewUri`; anything else (the engine's
 * temporary previews) is inlined as a `data:` URI, since the roots stay limited to the
 * extension's dist/ and the output folders. Pure Node: no `vscode`.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';

/** Previews and PreviewImage outputs are small grids; larger files are not inlined. */
export const MAX_INLINE_BYTES = 8 * 1024 * 1024;

export function isInside(file: string, root: string): boolean {
    const rel = path.relative(path.resolve(root), path.resolve(file));
    return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

const MIME: Record<string, string> = { '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.webp': 'image/webp', '.gif': 'image/gif' };

/** The file as a `data:` URI, or '' when it is gone, too large or not an image. */
export async function readDataUri(file: string, maxBytes = MAX_INLINE_BYTES): Promise<string> {
    const mime = MIME[path.extname(file).toLowerCase()];
    if (!mime) return '';
    try {
        const stat = await fs.stat(file);
        if (!stat.isFile() || stat.size > maxBytes) return '';
        return `data:${mime};base64,${(await fs.readFile(file)).toString('base64')}`;
    } catch {
        return '';
    }
}
