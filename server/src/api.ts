/**
 * The language as a library, for the CLI, the engine and tests: load a .flow file (with
 * its imports) through the same services the language server uses, and get its
 * diagnostics, its resolved graph and executable workflows. Never imports TensorFlow.js.
 */
import { resolve } from 'node:path';
import { readFile } from 'node:fs/promises';
import { DocumentState, type LangiumDocument } from 'langium';
import { NodeFileSystem } from 'langium/node';
import { URI } from 'vscode-uri';
import type { ExecGraph, FlowGraph, GraphDiagnostic } from '../../catalog/src/graph.js';
import { createFlowServices, type FlowServices } from './language/flow-module.js';
import type { LangiumSharedServices } from 'langium/lsp';

export interface LoadedFlow {
    /** Absolute path of the file. */
    file: string;
    uri: string;
    source: string;
    graph: FlowGraph;
    /** This file's diagnostics, plus one per imported file that has errors. */
    diagnostics: GraphDiagnostic[];
    hasErrors: boolean;
    /** The executable form of a workflow (the first one when no name is given). Throws a clear Error when absent or invalid. */
    exec(workflow?: string): ExecGraph;
}

let cached: { shared: LangiumSharedServices; Flow: FlowServices } | undefined;

/** One set of services per process: building the parser costs more than a whole small check. */
export function flowServices(): { shared: LangiumSharedServices; Flow: FlowServices } {
    cached ??= createFlowServices({ ...NodeFileSystem });
    return cached;
}

export async function loadFlowFile(path: string): Promise<LoadedFlow> {
    const file = resolve(path);
    const source = await readFile(file, 'utf8').catch((e: NodeJS.ErrnoException) => {
        throw new Error(e.code === 'ENOENT' ? `${file}: no such file.` : `${file}: cannot read (${e.message}).`);
    });
    const { shared, Flow } = flowServices();
    const uri = URI.file(file);
    const documents = shared.workspace.LangiumDocuments;
    // Files may have changed on disk since an earlier load in this process: re-read them all.
    const stale = documents.all.map(d => d.uri).toArray();
    for (const u of stale) documents.deleteDocument(u);
    const document = await documents.getOrCreateDocument(uri);
    await shared.workspace.DocumentBuilder.build([document], { validation: true });
    return toLoaded(Flow, document, file, source);
}

/** Parses and validates text that need not exist on disk (edits, tests). */
export async function parseFlowText(text: string, uri = 'file:///memory/untitled.flow'): Promise<LoadedFlow> {
    const { shared, Flow } = flowServices();
    const parsed = URI.parse(uri);
    const documents = shared.workspace.LangiumDocuments;
    if (documents.hasDocument(parsed)) documents.deleteDocument(parsed);
    const document = documents.createDocument(parsed, text);
    await shared.workspace.DocumentBuilder.build([document], { validation: true });
    return toLoaded(Flow, document, parsed.fsPath, text);
}

function toLoaded(Flow: FlowServices, document: LangiumDocument, file: string, source: string): LoadedFlow {
    if (document.state < DocumentState.Validated) throw new Error(`${file}: validation did not complete.`);
    const graph = Flow.semantics.GraphBuilder.build(document);
    const hasErrors = graph.diagnostics.some(d => d.severity === 'error');
    return {
        file, uri: document.uri.toString(), source, graph, diagnostics: graph.diagnostics, hasErrors,
        exec(workflow?: string): ExecGraph {
            if (hasErrors) {
                const first = graph.diagnostics.find(d => d.severity === 'error')!;
                throw new Error(`${file}:${first.range.start.line + 1}:${first.range.start.character + 1}: ${first.message} — fix the errors before running.`);
            }
            return Flow.semantics.GraphBuilder.flatten(document, workflow);
        },
    };
}

/** `FILE:LINE:COL: error|warning: MESSAGE [code]`, the format of `flowstudio check`. */
export function formatDiagnostic(file: string, d: GraphDiagnostic): string {
    const severity = d.severity === 'error' ? 'error' : d.severity === 'warning' ? 'warning' : 'info';
    return `${file}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${severity}: ${d.message}${d.code ? ` [${d.code}]` : ''}`;
}
