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

/**
 * The folders a view may load files from (its resource roots, besides the extension's dist/):
 * a folder inside a root is already covered and is not added again.
 */
export class ResourceRoots implements Iterable<string> {
    private readonly roots = new Set<string>();

    constructor(initial: Iterable<string> = []) {
        for (const root of initial) this.add(root);
    }

    covers(file: string): boolean {
        return [...this.roots].some(root => isInside(file, root));
    }

    /** Adds `dir` unless a root covers it; true when added (the view's options must follow). */
    add(dir: string): boolean {
        if (!dir || this.covers(dir)) return false;
        this.roots.add(dir);
        return true;
    }

    /** The roots no other root contains (a folder walk of these sees every file once). */
    outermost(): string[] {
        return [...this.roots].filter(r => ![...this.roots].some(o => o !== r && isInside(r, o)));
    }

    [Symbol.iterator](): Iterator<string> {
        return this.roots.values();
    }
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
