export { registerNativeKernels, unregisterNativeKernels, nativeUnavailableReason, SUPPORTED_TFJS, type NativeRegistration } from './register.js';
export { loadNativeAddon, describeCpu, type NativeAddon, type NativeInfo, type NativeLoad } from './addon.js';
