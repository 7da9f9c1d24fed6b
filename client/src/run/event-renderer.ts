/**
 * Turns the engine's run events (catalog/src/run-events.ts) into what the run terminal shows:
 * one line per node (rewritten in place while it runs, with a progress bar, losses and ETA),
 * cached nodes marked, errors in red, and a summary at the end. Pure: no vscode import, so the
 * formatting is unit-tested directly.
 */
import type { PlannedNode, RunEvent } from '../../../catalog/src/run-events.js';
import { ansi, fitToWidth, formatDuration, formatMetric, percent, progressBar } from './terminal-format.js';

const EOL = '\r\n';

export class RunEventRenderer {
    /** Terminal width: lines rewritten in place are cut to it (0: unknown, no cut). */
    columns = 0;
    private readonly planned = new Map<string, PlannedNode>();
    private readonly imagesByNode = new Map<string, number>();
    /** The node whose line is open (being rewritten by progress), if any. */
    private openLine: string | undefined;
    private outputDir = '';
    private savedImages = 0;
    /** The run is a combination of a sweep (which ends with its own summary). */
    private inSweep = false;

    /** Text to write to the terminal for one event (may be empty). */
    render(event: RunEvent): string {
        switch (event.event) {
            case 'sweep-start':
                return this.closeLine() + ansi.bold(`Sweeping ${event.workflow}: ${event.combinations} combination${event.combinations === 1 ? '' : 's'}`)
                    + ansi.dim(` of ${event.axes.map(a => `${a.node}.${a.arg} (${a.values.length})`).join(' x ')}`) + EOL;
            case 'sweep-end': {
                const done = `${event.completed}/${event.combinations} combinations`;
                const status = event.status === 'success' ? ansi.green(ansi.bold('Sweep finished'))
                    : event.status === 'cancelled' ? ansi.yellow(ansi.bold('Sweep cancelled')) : ansi.red(ansi.bold('Sweep failed'));
                const grids = (event.status === 'success' && this.outputDir ? EOL + ansi.dim(`Outputs: ${this.outputDir}`) : '')
                    + event.grids.map(g => EOL + ansi.dim(`Grid: ${g}`)).join('');
                return this.closeLine() + `${status} in ${formatDuration(event.ms)}: ${done}${grids}` + EOL;
            }
            case 'run-start': {
                for (const node of event.nodes) this.planned.set(node.id, node);
                this.outputDir = event.outputDir;
                this.imagesByNode.clear();
                this.savedImages = 0;
                this.inSweep = event.sweep !== undefined;
                const combination = event.sweep
                    ? ansi.cyan(`Combination ${event.sweep.index + 1}/${event.sweep.count}: `) + event.sweep.values.map(v => `${v.arg}=${v.value}`).join(', ') + EOL
                    : '';
                // The sweep's header said what runs where; later combinations need only their values.
                if (event.sweep && event.sweep.index > 0) return this.closeLine() + combination;
                return this.closeLine() + combination + ansi.bold(`Running ${event.workflow}`) + ansi.dim(` (${event.file})`) + EOL
                    + ansi.dim(`${event.nodes.length} nodes, ${event.backend === 'none' ? 'all from the cache' : `backend ${event.backend}`}, outputs in ${event.outputDir}`) + EOL;
            }
            case 'node-start':
                return this.closeLine() + this.openNodeLine(event.node, `${ansi.cyan('▶')} ${this.label(event.node, event.type)}`);
            case 'node-cached':
                return this.closeLine() + `${ansi.dim('○')} ${this.label(event.node, event.type)} ${ansi.dim(`cached (${event.source})`)}` + EOL;
            case 'progress': {
                const parts = [
                    `${ansi.cyan('▶')} ${this.label(event.node)}`,
                    progressBar(event.value, event.max),
                    `${percent(event.value, event.max)}%`,
                    ansi.dim(`${event.value}/${event.max}`),
                ];
                for (const [name, value] of Object.entries(event.metrics ?? {})) {
                    if (name === 'step' && value === event.value) continue; // already shown as value/max
                    parts.push(`${name} ${formatMetric(value)}`);
                }
                if (event.etaMs !== undefined) parts.push(ansi.dim(`ETA ${formatDuration(event.etaMs)}`));
                return this.openNodeLine(event.node, parts.join('  '));
            }
            case 'preview':
                return '';
            case 'image': {
                if (event.grid) return '';
                this.imagesByNode.set(event.node, (this.imagesByNode.get(event.node) ?? 0) + 1);
                if (event.saved) this.savedImages++;
                return '';
            }
            case 'node-end': {
                const images = this.imagesByNode.get(event.node);
                const note = images ? ansi.dim(`  ${images} image${images === 1 ? '' : 's'}`) : '';
                const line = `${ansi.green('✓')} ${this.label(event.node, event.type)} ${ansi.dim(formatDuration(event.ms))}${note}`;
                const prefix = this.openLine === event.node ? ansi.rewriteLine : this.closeLine();
                this.openLine = undefined;
                return prefix + line + EOL;
            }
            case 'error': {
                const where = event.uri && event.range ? ansi.dim(` (${shortPath(event.uri)}:${event.range.start.line + 1})`) : '';
                const who = event.node ? `${this.label(event.node)}: ` : '';
                const code = event.code ? ansi.dim(` [${event.code}]`) : '';
                return this.closeLine() + `${ansi.red('✗')} ${who}${ansi.red(event.message)}${code}${where}` + EOL;
            }
            case 'warning': {
                const code = event.code ? ansi.dim(` [${event.code}]`) : '';
                const items = (event.items ?? []).slice(0, 20).map(item => `    ${ansi.dim(item)}` + EOL).join('')
                    + ((event.items?.length ?? 0) > 20 ? `    ${ansi.dim(`… and ${event.items!.length - 20} more`)}` + EOL : '');
                return this.closeLine() + `${ansi.yellow('!')} ${this.label(event.node)}: ${ansi.yellow(event.message)}${code}` + EOL + items;
            }
            case 'run-end': {
                const counts = `${event.executed} executed, ${event.cached} cached`;
                const images = this.savedImages ? `, ${this.savedImages} image${this.savedImages === 1 ? '' : 's'} saved` : '';
                const status = event.status === 'success' ? ansi.green(ansi.bold('Finished'))
                    : event.status === 'cancelled' ? ansi.yellow(ansi.bold('Cancelled'))
                    : ansi.red(ansi.bold('Failed'));
                const outputs = event.status === 'success' && this.outputDir && !this.inSweep ? EOL + ansi.dim(`Outputs: ${this.outputDir}`) : '';
                return this.closeLine() + `${status} in ${formatDuration(event.ms)}: ${counts}${images}${outputs}` + EOL;
            }
            default:
                return '';
        }
    }

    private label(id: string, type?: string): string {
        const planned = this.planned.get(id);
        const nodeType = type ?? planned?.type;
        const name = planned?.label ?? id;
        return nodeType && nodeType !== name ? `${ansi.bold(name)} ${ansi.dim(nodeType)}` : ansi.bold(name);
    }

    /** Writes `text` as the open line of `node` (replacing what was there). */
    private openNodeLine(node: string, text: string): string {
        const prefix = this.openLine !== undefined && this.openLine !== node ? EOL : ansi.rewriteLine;
        this.openLine = node;
        // a wrapped line could not be rewritten with \r: keep it within the terminal width
        return prefix + fitToWidth(text, this.columns - 1);
    }

    /** Ends the open progress line so that the next output starts on a fresh line. */
    private closeLine(): string {
        if (this.openLine === undefined) return '';
        this.openLine = undefined;
        return EOL;
    }
}

function shortPath(uriOrPath: string): string {
    const path = uriOrPath.startsWith('file://') ? decodeURIComponent(uriOrPath.slice('file://'.length)) : uriOrPath;
    return path.split('/').slice(-2).join('/');
}
