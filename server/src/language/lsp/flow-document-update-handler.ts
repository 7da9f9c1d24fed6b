/**
 * Edits and file changes reach the builder through here. Two differences from Langium's default:
 * - each change is noted as pending at once (FlowDocumentBuilder.notePending), so a request that
 *   follows it waits for it instead of answering for the old text or finding no document;
 * - only what the language reads is watched: `.flow` files, node packs and checkpoints, not every
 *   file of the workspace (a run writing hundreds of PNGs used to trigger as many rebuilds).
 */
import { DefaultDocumentUpdateHandler, type LangiumSharedServices } from 'langium/lsp';
import type { DidChangeWatchedFilesParams, FileSystemWatcher, TextDocumentChangeEvent } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { Emitter, URI, UriUtils } from 'langium';
import { WATCHED_GLOBS } from '../../../../catalog/src/lsp-protocol.js';
import { isPackFile } from '../../../../packs/src/discover.js';
import { CHECKPOINT_EXTENSION } from '../../../../checkpoints/src/find.js';
import type { FlowDocumentBuilder } from '../flow-document-builder.js';


export class FlowDocumentUpdateHandler extends DefaultDocumentUpdateHandler {
    private readonly builder: FlowDocumentBuilder;

    constructor(services: LangiumSharedServices) {
        super(services);
        this.builder = services.workspace.DocumentBuilder as FlowDocumentBuilder;
    }

    protected override getWatchers(): FileSystemWatcher[] {
        return WATCHED_GLOBS.map(globPattern => ({ globPattern }));
    }

    override didChangeContent(change: TextDocumentChangeEvent<TextDocument>): void {
        this.builder.notePending([URI.parse(change.document.uri)]);
        super.didChangeContent(change);
    }

    private readonly packsChanged = new Emitter<void>();
    /** A workspace node pack file was created, changed or deleted. */
    readonly onPackFilesChanged = this.packsChanged.event;

    private readonly checkpointsChanged = new Emitter<string[]>();
    /** Checkpoint files (`.safetensors`) were created, changed or deleted: their paths. */
    readonly onCheckpointFilesChanged = this.checkpointsChanged.event;

    override didChangeWatchedFiles(params: DidChangeWatchedFilesParams): void {
        if (params.changes.some(c => isPackFile(URI.parse(c.uri).fsPath))) this.packsChanged.fire();
        const checkpoints = params.changes.map(c => URI.parse(c.uri)).filter(u => UriUtils.extname(u).toLowerCase() === CHECKPOINT_EXTENSION);
        if (checkpoints.length) this.checkpointsChanged.fire(checkpoints.map(u => u.fsPath));
        // Clients may still report other files (an older registration, a broader watcher).
        const relevant = params.changes.filter(c => isRelevant(URI.parse(c.uri)));
        if (!relevant.length) return;
        this.builder.notePending(relevant.map(c => URI.parse(c.uri)));
        super.didChangeWatchedFiles({ changes: relevant });
    }
}

/** A .flow file, or something without an extension (a folder whose .flow files may be gone). */
function isRelevant(uri: URI): boolean {
    const ext = UriUtils.extname(uri).toLowerCase();
    return ext === '.flow' || ext === '';
}
