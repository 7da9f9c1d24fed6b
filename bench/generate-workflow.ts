/** Generates large, valid workflows for benchmarks: chains of real nodes, wired by type. */
export function generateWorkflow(nodeCount: number): string {
    const lines = ['/** Generated for benchmarks. */', 'workflow Big {'];
    let n = 0;
    const block = (i: number): string[] => [
        `    data${i} = SyntheticShapes(count: 64, size: 32, seed: ${i})`,
        `    flip${i} = RandomFlip(dataset: data${i}, seed: ${i})`,
        `    norm${i} = Normalize(dataset: flip${i}, low: -1, high: 1)`,
        `    gen${i} = DCGANGenerator(latentDim: 16, imageSize: 32, channels: 3, filters: 8)`,
        `    disc${i} = DCGANDiscriminator(imageSize: 32, channels: 3, filters: 8)`,
        `    trained${i} = TrainGAN(`,
        `        generator: gen${i}, discriminator: disc${i}, dataset: norm${i},`,
        `        epochs: 1, batchSize: 16, learningRate: 2e-4,`,
        `    )`,
        `    samples${i} = SampleGAN(generator: trained${i}.generator, count: 4, seed: ${i})`,
        `    grid${i} = ImageGrid(images: samples${i}, columns: 2)`,
        `    big${i} = Upscale(images: grid${i}, factor: 2, mode: "nearest")`,
        `    SaveImages(images: big${i}, prefix: "block${i}") // output`,
    ];
    const perBlock = 10;
    for (let i = 0; n + perBlock <= nodeCount; i++, n += perBlock) lines.push(...block(i));
    lines.push('}', '');
    return lines.join('\n');
}
