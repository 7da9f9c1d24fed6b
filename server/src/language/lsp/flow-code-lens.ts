/** "Run" and "Open Graph" above each workflow; the extension implements the commands. */
import type { LangiumDocument } from 'langium';
import type { CodeLensProvider } from 'langium/lsp';
import type { CodeLens, CodeLensParams } from 'vscode-languageserver';
import { OPEN_GRAPH_COMMAND, RUN_WORKFLOW_COMMAND } from '../../../../catalog/src/lsp-protocol.js';
import { isWorkflow, type Document } from '../generated/ast.js';
import type { FlowServices } from '../flow-module.js';

export class FlowCodeLensProvider implements CodeLensProvider {
    constructor(_services: FlowServices) {}

    provideCodeLens(document: LangiumDocument, _params: CodeLensParams): CodeLens[] {
        const root = document.parseResult.value as Document;
        const lenses: CodeLens[] = [];
        for (const workflow of root.elements.filter(isWorkflow)) {
            const range = workflow.$cstNode?.range;
            if (!range || !workflow.name) continue;
            const at = { start: range.start, end: range.start };
            const args = [document.uri.toString(), workflow.name];
            lenses.push({ range: at, command: { title: '$(play) Run', command: RUN_WORKFLOW_COMMAND, arguments: args } });
            lenses.push({ range: at, command: { title: '$(type-hierarchy) Open Graph', command: OPEN_GRAPH_COMMAND, arguments: args } });
        }
        return lenses;
    }
}
