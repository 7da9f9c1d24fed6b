/**
 * Finding references without a workspace-wide reference index. A reference in a `.flow` file
 * names a node (or subgraph input) of its own workflow or subgraph, never something in another
 * file, so references are found by walking the target's body when asked (find references,
 * rename, highlights) instead of describing every reference of every document on every edit —
 * that index cost more than linking itself on large workflows.
 */
import {
    AstUtils, CstUtils, DefaultReferenceDescriptionProvider, DefaultReferences, stream,
    type AstNode, type FindReferencesOptions, type LangiumDocument, type ReferenceDescription, type Stream,
} from 'langium';
import { UriUtils } from 'langium';
import { enclosingBody } from './semantics/bodies.js';

export class FlowReferenceDescriptionProvider extends DefaultReferenceDescriptionProvider {
    override async createDescriptions(_document: LangiumDocument): Promise<ReferenceDescription[]> {
        return [];
    }
}

export class FlowReferences extends DefaultReferences {
    override findReferences(targetNode: AstNode, options: FindReferencesOptions): Stream<ReferenceDescription> {
        const found: ReferenceDescription[] = options.includeDeclaration ? this.getSelfReferences(targetNode) : [];
        const document = AstUtils.getDocument(targetNode);
        const scope = enclosingBody(targetNode) ?? document.parseResult.value;
        const targetPath = this.nodeLocator.getAstNodePath(targetNode);
        for (const node of AstUtils.streamAst(scope)) {
            for (const { reference, container } of AstUtils.streamReferences(node)) {
                if (!('ref' in reference) || reference.ref !== targetNode || !reference.$refNode) continue;
                found.push({
                    sourceUri: document.uri,
                    sourcePath: this.nodeLocator.getAstNodePath(container),
                    targetUri: document.uri,
                    targetPath,
                    segment: CstUtils.toDocumentSegment(reference.$refNode),
                    local: true,
                });
            }
        }
        const inDocument = options.documentUri;
        return stream(inDocument ? found.filter(r => UriUtils.equals(r.sourceUri, inDocument)) : found);
    }
}
