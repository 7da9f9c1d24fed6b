/**
 * Messages from the host. An update replaces the graph and redraws; the view keeps its own
 * choice of body unless the host names one. Run events update node badges and the status, never the layout.
 */
import { GRAPH_VIEW_CONTRACT_VERSION, type HostToViewMessage, unpackGraph, type UpdateMessage } from './contract.js';
import { h } from './dom.js';
import { render } from './render.js';
import { applyRunEvent, emptyRunState } from './run-state.js';
import { applyRunStateFor, applyRunStates, showRunStatus } from './run-status.js';
import { highlight } from './selection.js';
import { setCatalogTypeColors } from './render-node.js';
import { fillLegend } from './legend.js';
import { BUILTIN_CATEGORIES, SCALAR_COLORS, SCALAR_TYPES } from '../../../catalog/src/schema.js';
import { modelContext } from './view-model.js';
import type { GraphView } from './view.js';

export function handleHostMessage(view: GraphView, message: HostToViewMessage): void {
    switch (message.type) {
        case 'update': onUpdate(view, message); break;
        case 'highlight':
            if (message.body === view.state.bodyName) highlight(view, message.nodeId);
            break;
        case 'runEvent': {
            const before = view.state.runState;
            view.state.runState = applyRunEvent(view.state.runState, message.event, message.imageUri);
            if (message.event.event === 'run-start' || before.runId !== view.state.runState.runId) applyRunStates(view);
            else if ('node' in message.event && message.event.node) applyRunStateFor(view, message.event.node);
            showRunStatus(view);
            break;
        }
        case 'runSnapshot': view.state.runState = message.state; applyRunStates(view); showRunStatus(view); break;
        case 'runReset': view.state.runState = emptyRunState(); applyRunStates(view); showRunStatus(view); break;
    }
}

function onUpdate(view: GraphView, m: UpdateMessage): void {
    const graph = unpackGraph(m.graph);
    view.state.graph = graph;
    view.state.imported = m.imported ?? [];
    view.state.documentVersion = m.documentVersion;
    view.state.context = modelContext(graph, m.catalog, view.state.imported, m.engineCatalogs);
    const colors = catalogTypeColors(m);
    setCatalogTypeColors(colors);
    if (colors.size) {
        const used = new Set([...view.state.context.catalog.values()].map(s => s.category));
        const categories = [...BUILTIN_CATEGORIES.filter(c => used.has(c)), ...[...used].filter(c => !(BUILTIN_CATEGORIES as readonly string[]).includes(c)).sort()];
        fillLegend(view.dom.legend, [...colors].map(([name, color]) => ({ name, color })).concat(SCALAR_TYPES.map(t => ({ name: t, color: SCALAR_COLORS[t] }))), categories);
    }
    const bodies = [...graph.workflows.map(w => w.name), ...graph.subgraphs.map(s => s.name)];
    if (m.body && bodies.includes(m.body) && m.body !== view.state.bodyName) {
        view.state.bodyName = m.body;
        view.state.selectedNode = undefined;
        view.state.selectedEdge = undefined;
    }
    if (!view.state.bodyName || !bodies.includes(view.state.bodyName)) view.state.bodyName = bodies[0];
    view.dom.bodySelect.replaceChildren(
        ...graph.workflows.map(w => h('option', { value: w.name, text: `workflow ${w.name}`, selected: w.name === view.state.bodyName })),
        ...graph.subgraphs.map(s => h('option', { value: s.name, text: `subgraph ${s.name}`, selected: s.name === view.state.bodyName })),
    );
    view.dom.bodySelect.hidden = bodies.length === 0;
    if (view.state.pendingRename && view.state.pendingRename.body === view.state.bodyName) {
        const map = view.state.positions.get(view.state.bodyName);
        const at = map?.get(view.state.pendingRename.from);
        if (map && at && !map.has(view.state.pendingRename.to)) map.set(view.state.pendingRename.to, at);
        if (view.state.selectedNode === view.state.pendingRename.from) view.state.selectedNode = view.state.pendingRename.to;
        view.state.pendingRename = undefined;
    }
    void render(view);
}

/** Announces readiness to the host (which answers with an `update`). */
export function announceReady(view: GraphView): void {
    view.host.post({ type: 'ready', contractVersion: GRAPH_VIEW_CONTRACT_VERSION });
}

/** Every wire type colour the update's catalogs declare: the default engine's wins a name clash. */
function catalogTypeColors(m: UpdateMessage): Map<string, string> {
    const colors = new Map<string, string>();
    const catalogs = [...(Array.isArray(m.catalog) ? [] : [m.catalog]), ...Object.values(m.engineCatalogs ?? {})];
    for (const catalog of catalogs) for (const t of catalog?.types ?? []) if (!colors.has(t.name)) colors.set(t.name, t.color);
    return colors;
}
