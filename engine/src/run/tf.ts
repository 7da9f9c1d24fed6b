/**
 * TensorFlow.js as run-node.ts hands it to nodes (`ctx.tf`), behind a module of ours that it
 * imports dynamically: a package imported dynamically from the ESM bundle arrives as `default`
 * only (it is CommonJS), while a static import here gets the named exports as everywhere else.
 */
import * as tf from '@tensorflow/tfjs-core';

export { tf };
