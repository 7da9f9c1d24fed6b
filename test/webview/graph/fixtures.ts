/**
 * Graph messages for the examples, produced by the project's language (the same code as
 * `flowstudio graph FILE --json`), with imported subgraph definitions as the host sends them.
 */
import { join } from 'node:path';
import type { FlowGraph, SubgraphGraph } from '../../../catalog/src/graph.js';
import { NODE_SCHEMAS } from '../../../catalog/src/index.js';
import { loadFlowFile } from '../../../server/src/api.js';
import type { UpdateMessage } from '../../../webview/src/graph/contract.js';
import { REPO } from './harness.js';

export const EXAMPLES = ['digits-gan.flow', 'quickstart.flow', 'shapes-gan.flow', 'lib/blocks.flow'];

export async function exampleUpdate(file: string, documentVersion = 1): Promise<UpdateMessage & { graph: FlowGraph }> {
    const loaded = await loadFlowFile(join(REPO, 'examples', file));
    return { type: 'update', graph: loaded.graph, catalog: [...NODE_SCHEMAS], imported: await importedSubgraphs(loaded.graph), documentVersion };
}

/** What the host does for expansion: the subgraphs of every file an instance points to. */
async function importedSubgraphs(graph: FlowGraph): Promise<Array<SubgraphGraph & { uri: string }>> {
    const uris = new Set<string>();
    for (const body of [...graph.workflows, ...graph.subgraphs]) {
        for (const n of body.nodes) if (n.subgraph && n.subgraph.uri !== graph.uri) uris.add(n.subgraph.uri);
    }
    const out: Array<SubgraphGraph & { uri: string }> = [];
    for (const uri of uris) {
        const loaded = await loadFlowFile(new URL(uri).pathname);
        out.push(...loaded.graph.subgraphs.map(s => ({ ...s, uri })));
    }
    return out;
}
