/**
 * A `.ts` node pack as an ES module Node can import: Sucrase strips its types (keeping line
 * numbers, so an error's line is the pack's line) and its import specifiers are made absolute,
 * because the result is imported from a `data:` URL, not from the workspace (nothing is written
 * next to the pack). Sucrase is imported here only, on first use: a workspace without `.ts` packs
 * never loads it (scripts/bundle.mjs keeps it in its own chunk).
 *
 * What a `.ts` pack may import: types (`import type`, erased), Node built-ins, `.js`/`.mjs` files
 * by relative path (resolved from the pack's folder) and packages installed beside the workspace.
 * Not other `.ts` files: a `.ts` pack is one file, types and all.
 */
import { isBuiltin, createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

export type Stripped = { code: string } | { problem: string };

// Static imports and re-exports (`from '…'`), side-effect imports (`import '…'`) and dynamic
// imports (`import('…')`) with a literal specifier: what the transformed code can hold.
const SPECIFIER = /(\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)(['"])([^'"\n]+)\2/g;

export async function stripTypes(source: string, file: string): Promise<Stripped> {
    // The server bundle reaches Sucrase as a CommonJS file beside it, whose names Node cannot see.
    let sucrase: typeof import('sucrase') & { default?: typeof import('sucrase') };
    try {
        sucrase = await import('sucrase');
    } catch (e) {
        return { problem: `Sucrase, which strips the types of .ts packs, cannot be loaded (${(e as Error).message.split('\n')[0]}); reinstall Flow Studio, or write the pack as .mjs` };
    }
    const transform = sucrase.transform ?? sucrase.default!.transform;
    let code: string;
    try {
        code = transform(source, { transforms: ['typescript'], filePath: file, disableESTransforms: true }).code;
    } catch (e) {
        const error = e as Error & { loc?: { line: number; column: number } };
        const reason = (error.message ?? String(e)).replace(`Error transforming ${file}: `, '').replace(/\s*\(\d+:\d+\)$/, '');
        return { problem: error.loc ? `${path.basename(file)}:${error.loc.line}:${error.loc.column}: ${reason}` : reason };
    }
    let problem: string | undefined;
    code = code.replace(SPECIFIER, (whole, lead: string, quote: string, specifier: string) => {
        const resolved = resolveSpecifier(specifier, file);
        if ('problem' in resolved) {
            problem ??= `${path.basename(file)}:${lineAt(source, specifier)}: ${resolved.problem}`;
            return whole;
        }
        return `${lead}${quote}${resolved.url}${quote}`;
    });
    // Stack frames then name the pack's file and line, not the data: URL (Sucrase keeps lines).
    return problem ? { problem } : { code: `${code}\n//# sourceURL=${pathToFileURL(file).href}` };
}

function resolveSpecifier(specifier: string, file: string): { url: string } | { problem: string } {
    if (isBuiltin(specifier) || /^(node|data|file):/.test(specifier)) return { url: specifier };
    if (specifier.startsWith('./') || specifier.startsWith('../')) {
        const target = path.resolve(path.dirname(file), specifier);
        if (/\.[cm]?ts$/.test(target) || (!fs.existsSync(target) && fs.existsSync(target.replace(/(\.[cm]?js)?$/, '.ts')))) {
            return { problem: `cannot import '${specifier}': a .ts pack may import .js/.mjs files, Node built-ins and packages, not other .ts files (keep the pack in one .ts file)` };
        }
        if (!fs.existsSync(target)) return { problem: `cannot import '${specifier}': ${target} does not exist` };
        return { url: pathToFileURL(target).href };
    }
    try {
        return { url: pathToFileURL(createRequire(file).resolve(specifier)).href };
    } catch {
        // Left as written: the pattern also meets comments ("taken from 'X'"); a real import of
        // a missing package fails when the pack is imported, naming it.
        return { url: specifier };
    }
}

/** The line of the pack that names `specifier` (the transform keeps lines, but the source is what the user reads). */
function lineAt(source: string, specifier: string): number {
    const index = source.search(new RegExp(`['"]${specifier.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}['"]`));
    return index < 0 ? 1 : source.slice(0, index).split('\n').length;
}
