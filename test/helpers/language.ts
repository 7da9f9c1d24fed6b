/** Test helpers for the language: parse text with the real services, locate `<|>` cursors. */
import type { LangiumDocument } from 'langium';
import type { TextDocumentPositionParams } from 'vscode-languageserver';
import { URI } from 'vscode-uri';
import { flowServices, parseFlowText, type LoadedFlow } from '../../server/src/api.js';

let counter = 0;

/** Parses text as a fresh in-memory document (each call its own URI, so tests don't interfere). */
export async function parse(text: string, name?: string): Promise<{ loaded: LoadedFlow; document: LangiumDocument }> {
    const uri = `file:///memory/${name ?? `test-${++counter}.flow`}`;
    const loaded = await parseFlowText(text, uri);
    const document = flowServices().shared.workspace.LangiumDocuments.getDocument(URI.parse(uri))!;
    return { loaded, document };
}

/** Removes the `<|>` marker and returns the text and the marker's offset. */
export function cursor(textWithMarker: string): { text: string; offset: number } {
    const offset = textWithMarker.indexOf('<|>');
    if (offset < 0) throw new Error('no <|> marker in test text');
    return { text: textWithMarker.replace('<|>', ''), offset };
}

/** Parses text with a `<|>` marker: the text without it, its document, and LSP request parameters at the marker. */
export async function parseAtCursor(textWithMarker: string): Promise<{ text: string; document: LangiumDocument; at: TextDocumentPositionParams }> {
    const { text, offset } = cursor(textWithMarker);
    const { document } = await parse(text);
    return { text, document, at: { textDocument: { uri: document.uri.toString() }, position: document.textDocument.positionAt(offset) } };
}

export function services() {
    return flowServices().Flow;
}

/**
 * A valid workflow `W` (MNIST, normalized, a DCGAN trained on it, samples saved) left open:
 * tests append statements and the closing `}`. The first appended line has 0-based index 8.
 */
export const OPEN_GAN_WORKFLOW = `workflow W {
    digits = LoadMNIST(limit: 100)
    norm = Normalize(dataset: digits)
    gen = DCGANGenerator(latentDim: 8, imageSize: 28, channels: 1)
    disc = DCGANDiscriminator(imageSize: 28, channels: 1)
    trained = TrainGAN(generator: gen, discriminator: disc, dataset: norm)
    samples = SampleGAN(generator: trained.generator)
    SaveImages(images: samples)
`;
