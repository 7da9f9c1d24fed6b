import { readFileSync } from 'node:fs';

/** The examples are the realistic documents edits must keep intact. */
export function example(name: string): string {
    return readFileSync(new URL(`../../../../examples/${name}`, import.meta.url), 'utf8');
}

/** A file exercising layouts the examples do not: comments, no trailing commas, one argument per line, a subgraph. */
export const LAYOUTS = `// layouts
workflow Layouts {
    shapes = SyntheticShapes(count: 64, size: 32)   // a trailing comment
    norm = Normalize(
        dataset: shapes,
        low: -1,  // black
        high: 1
    )
    gen = DCGANGenerator(latentDim: 8, imageSize: 32, channels: 3,)
    disc = DCGANDiscriminator(imageSize: 32, channels: 3)
    trained = TrainGAN(generator: gen, discriminator: disc, dataset: norm,
        epochs: 1, batchSize: 8)
    samples = SampleGAN(generator: trained.generator, count: 4)
    SaveImages(images: samples, prefix: "layouts")
    Normalize(dataset: shapes)
}

subgraph Enlarge {
    input images: IMAGE
    input factor: INT = 2
    up = Upscale(images: images, factor: factor)
    output result: IMAGE = up
}
`;
