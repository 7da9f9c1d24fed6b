/** ComfyUI's sampler maths for KSampler: schedules, samplers, guidance and the KSampler itself. */
export { alphasCumprodOf, betaSchedule, ModelSamplingDiscrete, type BetaScheduleKind } from './model-sampling.js';
export { calculateSigmas, exponentialSigmas, isSchedulerName, karrasSigmas, SCHEDULER_NAMES, type SchedulerName } from './schedulers.js';
export {
    ancestralStep,
    isSamplerName,
    linearMultistepCoeff,
    sample,
    SAMPLER_NAMES,
    STOCHASTIC_SAMPLERS,
    type Denoiser,
    type SampleOptions,
    type SamplerName,
    type StepCallback,
} from './samplers.js';
export { applyCfg, cfgDenoiser, combineEntries, isUnitCfg, type EntryPredictor } from './guidance.js';
export { advancedSigmas, ksample, kSamplerSigmas, modelEntryPredictor, type KSampleArgs } from './ksampler.js';
export { betaCdf, betaPpf } from './beta-distribution.js';
