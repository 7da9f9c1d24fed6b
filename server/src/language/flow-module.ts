/** Dependency-injection wiring of the Flow language: one small service per concern. */
import { inject, type LangiumDocument, type Module } from 'langium';
import {
    createDefaultModule, createDefaultSharedModule,
    type DefaultSharedModuleContext, type LangiumServices, type LangiumSharedServices, type PartialLangiumServices, type PartialLangiumSharedServices,
} from 'langium/lsp';
import { FlowGeneratedModule, FlowGeneratedSharedModule, FlowLanguageMetaData } from './generated/module.js';
import { FlowValidator, registerValidationChecks } from './flow-validator.js';
import { FlowDocumentValidator } from './flow-document-validator.js';
import { FlowDocumentBuilder } from './flow-document-builder.js';
import { CatalogService } from './catalog/catalog-service.js';
import { FlowDocumentUpdateHandler } from './lsp/flow-document-update-handler.js';
import { FlowValueConverter } from './flow-value-converter.js';
import { createGuardedParser } from './parser/guarded-parser.js';
import { FlowScopeProvider } from './flow-scope-provider.js';
import { FlowLinker } from './flow-linker.js';
import { FlowScopeComputation } from './flow-scope-computation.js';
import { FlowReferenceDescriptionProvider, FlowReferences } from './flow-references.js';
import { NodeTypeResolver } from './semantics/node-types.js';
import { FlowGraphBuilder } from './graph/build-graph.js';
import { FlowCompletionProvider } from './lsp/flow-completion.js';
import { FlowHoverProvider } from './lsp/flow-hover.js';
import { FlowFormatter } from './lsp/flow-formatter.js';
import { FlowCodeActionProvider } from './lsp/flow-code-actions.js';
import { FlowCodeLensProvider } from './lsp/flow-code-lens.js';
import { FlowSemanticTokenProvider } from './lsp/flow-semantic-tokens.js';
import { FlowDefinitionProvider } from './lsp/flow-definition.js';
import { FlowDocumentSymbolProvider } from './lsp/flow-document-symbols.js';
import { PromptVocabularies } from './prompts/vocabulary-source.js';
import { CheckpointProducers } from './prompts/checkpoint-producers.js';

export type FlowAddedServices = {
    /** The node types and wire types the language knows (built-in and packs). */
    catalog: CatalogService;
    semantics: {
        NodeTypes: NodeTypeResolver;
        GraphBuilder: FlowGraphBuilder;
    };
    validation: {
        FlowValidator: FlowValidator;
    };
    /** Checkpoints and the vocabularies prompts meet (prompt IntelliSense, ADR 0011). */
    prompts: {
        Vocabularies: PromptVocabularies;
        Producers: CheckpointProducers;
    };
};

export type FlowServices = LangiumServices & FlowAddedServices;

/**
 * Chevrotain checks the grammar (ambiguities, left recursion) every time a parser is built, a
 * sixth of `flowstudio check`'s start-up. The grammar is fixed at build time, so the server skips
 * those checks; `test/unit/language/grammar-checks.test.ts` builds a parser with them to keep them.
 */
export const PARSER_CHECKS = process.env.FLOWSTUDIO_PARSER_CHECKS === '1';

export const FlowModule: Module<FlowServices, PartialLangiumServices & FlowAddedServices> = {
    catalog: () => new CatalogService(),
    LanguageMetaData: () => ({ ...FlowLanguageMetaData, mode: PARSER_CHECKS ? 'development' : 'production' }),
    semantics: {
        NodeTypes: (services) => new NodeTypeResolver(services.shared.workspace.LangiumDocuments, services.catalog),
        GraphBuilder: (services) => new FlowGraphBuilder(services),
    },
    prompts: {
        Vocabularies: (services) => new PromptVocabularies(services.semantics.NodeTypes),
        Producers: (services) => new CheckpointProducers(services.shared.workspace.LangiumDocuments, services.semantics.NodeTypes, services.prompts.Vocabularies.wires),
    },
    parser: {
        ValueConverter: () => new FlowValueConverter(),
        LangiumParser: (services) => createGuardedParser(services),
    },
    workspace: {
        ReferenceDescriptionProvider: (services) => new FlowReferenceDescriptionProvider(services),
    },
    references: {
        ScopeProvider: (services) => new FlowScopeProvider(services),
        Linker: (services) => new FlowLinker(services),
        ScopeComputation: (services) => new FlowScopeComputation(services),
        References: (services) => new FlowReferences(services),
    },
    validation: {
        FlowValidator: (services) => new FlowValidator(services),
        DocumentValidator: (services) => new FlowDocumentValidator(services),
    },
    lsp: {
        CompletionProvider: (services) => new FlowCompletionProvider(services),
        HoverProvider: (services) => new FlowHoverProvider(services),
        Formatter: () => new FlowFormatter(),
        CodeActionProvider: (services) => new FlowCodeActionProvider(services),
        CodeLensProvider: (services) => new FlowCodeLensProvider(services),
        SemanticTokenProvider: (services) => new FlowSemanticTokenProvider(services),
        DefinitionProvider: (services) => new FlowDefinitionProvider(services),
        DocumentSymbolProvider: (services) => new FlowDocumentSymbolProvider(services),
    },
};

export const FlowSharedModule: Module<LangiumSharedServices, PartialLangiumSharedServices> = {
    workspace: {
        DocumentBuilder: (services) => new FlowDocumentBuilder(services),
    },
    lsp: {
        DocumentUpdateHandler: (services) => new FlowDocumentUpdateHandler(services),
    },
};

export function createFlowServices(context: DefaultSharedModuleContext): { shared: LangiumSharedServices; Flow: FlowServices } {
    const shared = inject(createDefaultSharedModule(context), FlowGeneratedSharedModule, FlowSharedModule);
    const Flow = inject(createDefaultModule({ shared }), FlowGeneratedModule, FlowModule);
    shared.ServiceRegistry.register(Flow);
    registerValidationChecks(Flow);
    rebuildOnCatalogChange(shared, Flow.catalog);
    if (context.connection) revalidateOnCheckpointChange(shared, Flow);
    else {
        // Without a language client nobody loads the workspace: mark it ready so builds proceed.
        shared.workspace.ConfigurationProvider.initialized({});
    }
    return { shared, Flow };
}

/** Every document is checked again against the new catalog (a pack added, edited or removed). */
function rebuildOnCatalogChange(shared: LangiumSharedServices, catalog: CatalogService): void {
    const builder = shared.workspace.DocumentBuilder as FlowDocumentBuilder;
    catalog.onDidChange(() => {
        void shared.workspace.WorkspaceLock.write(token => builder.rebuildAll(token));
    });
}

/** A checkpoint was written or removed: forget what was read of it and check again the documents that may load one. */
function revalidateOnCheckpointChange(shared: LangiumSharedServices, Flow: FlowServices): void {
    const builder = shared.workspace.DocumentBuilder as FlowDocumentBuilder;
    const handler = shared.lsp.DocumentUpdateHandler as FlowDocumentUpdateHandler;
    handler.onCheckpointFilesChanged(files => {
        Flow.prompts.Vocabularies.checkpoints.invalidate(files);
        const mayLoad = (document: LangiumDocument) => /CheckpointLoaderSimple|CLIPTextEncode|CheckpointSave|\bimport\b/.test(document.textDocument.getText());
        void shared.workspace.WorkspaceLock.write(token => builder.rebuildWhere(mayLoad, token));
    });
}
