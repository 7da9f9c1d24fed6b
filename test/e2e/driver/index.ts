/**
 * The Flow Studio e2e driver: real VS Code (code-server 4.100.3) in headless Debian Chromium.
 * See test/e2e/README.md. Specs import everything from here.
 */
export { sessionHooks, startSession, Session, type SessionOptions } from './session.js';
export { Bridge, sleep, type DiagnosticInfo, type WorkbenchState, type CompletionInfo, type HoverInfo, type TaskInfo } from './bridge.js';
export { ExtHostLogWatcher } from './exthost-log.js';
export * as workbench from './workbench.js';
export { SELECTORS } from './workbench.js';
export { REPO_ROOT, E2E_HOME, E2E_OUTPUT } from './paths.js';
export { assertNoCspViolations, LONG_WORKFLOW, pngsUnder, waitInWebview, webviewFrame } from './run-helpers.js';
