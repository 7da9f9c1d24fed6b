/**
 * Commands that go through the palette: adding a node (optionally wired from a dropped wire),
 * and the keyboard ways to connect and disconnect, where there is no pointer to aim with.
 */
import { isAssignable, type PortType } from '../../../catalog/src/schema.js';
import { SUBGRAPH_OUTPUTS_NODE } from './contract.js';
import { paletteEntries, type PaletteEntry } from './palette.js';
import { bodyCatalog } from './view-model.js';
import { type GraphView, intent } from './view.js';

export function openPalette(view: GraphView, connectFrom?: { node: string; output: string; type: PortType }): void {
    if (!view.state.context || !view.state.bodyName) return;
    const exclude = view.state.graph?.subgraphs.some(s => s.name === view.state.bodyName) ? view.state.bodyName : undefined;
    const catalog = view.state.graph ? bodyCatalog(view.state.context, view.state.graph, view.state.bodyName) : undefined;
    view.palette.open(paletteEntries(view.state.context, exclude, catalog), entry => {
        intent(view, { type: 'addNode', nodeType: entry.type, ...(connectFrom ? { connectFrom: { node: connectFrom.node, output: connectFrom.output } } : {}) });
    }, connectFrom?.type);
}

/** The keyboard way to connect: every compatible input for each output of the node. */
export function openConnectPicker(view: GraphView, fromId: string): void {
    const from = view.state.placed.get(fromId)?.node;
    if (!from || from.readonly) return;
    const targets = new Map<string, { output: string; node: string; input: string }>();
    const entries: PaletteEntry[] = [];
    for (const o of from.outputs) {
        for (const { node } of view.state.placed.values()) {
            if ((node.readonly && node.id !== SUBGRAPH_OUTPUTS_NODE) || node.id === fromId) continue;
            for (const p of node.inputs) {
                if (!isAssignable(o.type as PortType, p.type as PortType)) continue;
                const label = `${fromId}.${o.name}→${node.id}.${p.name}`;
                const wired = view.state.allEdges.some(e => e.to.node === node.id && e.to.input === p.name);
                targets.set(label, { output: o.name, node: node.id, input: p.name });
                entries.push({ type: label, category: o.type, description: `${node.graphNode.type} ${p.type}${wired ? ' (replaces its wire)' : ''}`, accepts: [] });
            }
        }
    }
    if (!entries.length) { view.toast.show(`No input accepts the outputs of ${fromId}`); return; }
    view.palette.open(entries, entry => {
        const t = targets.get(entry.type)!;
        intent(view, { type: 'connect', from: { node: fromId, output: t.output }, to: { node: t.node, input: t.input } });
    }, undefined, `Connect ${fromId} to`);
}

/** The keyboard way to remove a wire: the node's wired inputs. */
export function openDisconnectPicker(view: GraphView, nodeId: string): void {
    const wires = view.state.allEdges.filter(e => e.to.node === nodeId && !e.toFrameOutput && !e.fromFrameInput);
    if (!wires.length) { view.toast.show(`No wire goes into ${nodeId}`); return; }
    const entries: PaletteEntry[] = wires.map(e => ({ type: `${e.to.input}←${e.from.node}.${e.from.output}`, category: e.type, description: e.type, accepts: [] }));
    view.palette.open(entries, entry => {
        const wire = wires[entries.indexOf(entry)];
        intent(view, { type: 'disconnect', nodeId, input: wire.to.input });
    }, undefined, `Disconnect an input of ${nodeId}`);
}
