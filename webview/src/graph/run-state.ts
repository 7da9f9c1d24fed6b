/**
 * Folding run events into per-node run states. Pure, so the host can keep the same state
 * (to send a `runSnapshot` to a view opened mid-run) with the code the view uses.
 */
import type { RunEvent } from '../../../catalog/src/run-events.js';
import type { NodeRunState, RunState } from './contract.js';

export function emptyRunState(): RunState {
    return { status: 'idle', nodes: {} };
}

export function applyRunEvent(state: RunState, event: RunEvent, imageUri?: string): RunState {
    if (event.event !== 'run-start' && state.runId !== undefined && event.runId !== state.runId) return state;
    const nodes = { ...state.nodes };
    const patch = (id: string, p: Partial<NodeRunState>) => {
        nodes[id] = { ...(nodes[id] ?? { status: 'queued' }), ...p };
    };
    switch (event.event) {
        case 'run-start': {
            const fresh: Record<string, NodeRunState> = {};
            for (const n of event.nodes) fresh[n.id] = { status: 'queued' };
            return { runId: event.runId, workflow: event.workflow, status: 'running', nodes: fresh };
        }
        case 'node-start': patch(event.node, { status: 'running', progress: 0 }); break;
        case 'node-cached': patch(event.node, { status: 'cached', progress: undefined }); break;
        case 'progress':
            patch(event.node, {
                status: 'running',
                progress: event.max > 0 ? Math.min(1, event.value / event.max) : undefined,
                ...(event.metrics ? { metrics: event.metrics } : {}),
                etaMs: event.etaMs,
            });
            break;
        case 'preview':
        case 'image':
            if (imageUri) patch(event.node, { imageUri });
            break;
        case 'node-end': patch(event.node, { status: 'done', progress: 1, ms: event.ms }); break;
        case 'error':
            if (event.node) patch(event.node, { status: 'error', message: event.message });
            return { ...state, nodes, status: 'error', message: event.node ? state.message : event.message };
        case 'run-end':
            // Nodes still queued or running when the run stops did not finish.
            for (const [id, s] of Object.entries(nodes)) {
                if (s.status === 'running' || s.status === 'queued') {
                    nodes[id] = event.status === 'success' ? { ...s, status: 'done' } : { ...s, status: 'queued', progress: undefined };
                }
            }
            return { ...state, nodes, status: event.status };
    }
    return { ...state, nodes };
}

/**
 * The state shown on a node of the view: its own, or for a (collapsed) subgraph instance
 * the combination of its inner nodes' states (`instance/...`).
 */
export function stateForNode(state: RunState, execId: string): NodeRunState | undefined {
    const own = state.nodes[execId];
    if (own) return own;
    const prefix = `${execId}/`;
    const inner = Object.entries(state.nodes).filter(([id]) => id.startsWith(prefix)).map(([, s]) => s);
    if (!inner.length) return undefined;
    const has = (status: NodeRunState['status']) => inner.some(s => s.status === status);
    const status = has('error') ? 'error' : has('running') ? 'running'
        : inner.every(s => s.status === 'cached') ? 'cached'
        : inner.every(s => s.status === 'done' || s.status === 'cached') ? 'done'
        : inner.some(s => s.status === 'done' || s.status === 'cached') ? 'running' : 'queued';
    const finished = inner.filter(s => s.status === 'done' || s.status === 'cached').length;
    const running = inner.find(s => s.status === 'running');
    const imageUri = inner.map(s => s.imageUri).filter(Boolean).pop();
    return {
        status,
        progress: (finished + (running?.progress ?? 0)) / inner.length,
        metrics: running?.metrics,
        imageUri,
        message: inner.find(s => s.message)?.message,
    };
}
