/**
 * Calls `flowstudio import|export` in a child process (the extension host never loads the
 * language services or the importer for this) and collects its output. No vscode import.
 */
import { spawn } from 'node:child_process';
import { nodeCommand } from '../run/run-process.js';

export interface CliResult {
    code: number | null;
    stdout: string;
    stderr: string;
}

export function runCli(cli: string, args: string[], cwd: string): Promise<CliResult> {
    return new Promise(resolve => {
        const { command, env } = nodeCommand(undefined, process.env);
        const child = spawn(command, [cli, ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
        const out: Buffer[] = [];
        const err: Buffer[] = [];
        child.stdout.on('data', (d: Buffer) => out.push(d));
        child.stderr.on('data', (d: Buffer) => err.push(d));
        child.on('error', e => resolve({ code: null, stdout: '', stderr: `could not start ${command}: ${e.message}` }));
        child.on('close', code => resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }));
    });
}

/** The last lines of stderr that say what went wrong (for an error message). */
export function failure(result: CliResult): string {
    const lines = result.stderr.split(/\r?\n/).filter(l => l.trim());
    return lines.slice(-4).join(' ') || `exit code ${result.code}`;
}

/** A workflow name not among `taken`: `Fox`, `Fox2`, ... */
export function freshName(wanted: string, taken: readonly string[]): string {
    let name = wanted;
    for (let n = 2; taken.includes(name); n++) name = `${wanted}${n}`;
    return name;
}
