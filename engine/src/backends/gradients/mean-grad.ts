/**
 * Mean's gradient with one full-size pass: tfjs-core computes (dy · ones(x.shape)) / n, i.e. a
 * Fill, a Multiply and a RealDiv over the whole input; dividing the small dy first and
 * broadcasting it (one Tile pass) gives the same values (each element is dy/n rounded once
 * either way). Batch statistics (tf.moments in batch normalization) take this twice per layer.
 */
import { Mean, broadcastTo, div, reshape, util, type GradConfig, type Tensor } from '@tensorflow/tfjs-core';

export const meanGradient: GradConfig = {
    kernelName: Mean,
    inputsToSave: ['x'],
    gradFunc: (dy, saved, attrs) => {
        const [x] = saved;
        const axes = util.parseAxisParam((attrs as { axis: number | number[] }).axis, x.shape);
        const expanded = x.shape.slice();
        let n = 1;
        for (const a of axes) {
            n *= x.shape[a];
            expanded[a] = 1;
        }
        return { x: () => broadcastTo(div(reshape(dy as Tensor, expanded), n), x.shape) };
    },
};
