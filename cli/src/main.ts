/**
 * `flowstudio` command line: check, graph, lsp, run, doctor. Each command lives in its
 * own module and is imported lazily, so `check` never loads TensorFlow.js.
 */
const USAGE = `Usage: flowstudio <command> [options]

Commands:
  check FILE...                       Report diagnostics (FILE:LINE:COL: error|warning: MESSAGE [code]); exit 1 on errors
  graph FILE [--json] [--workflow N]  Print the resolved graph (nodes, types, edges, source ranges)
  lsp --stdio                         Run the language server over stdio (for any LSP client)
  run FILE [--workflow NAME] [--out DIR] [--json] [--backend NAME] [--no-cache]
           [--cache-dir DIR] [--cache-size MB] [--set NODE.ARG=VALUE]...
           [--sweep NODE.ARG=V1,V2,...|@FILE]...
                                      Run a workflow on TensorFlow.js (--set: argument values;
                                      --sweep: one run per combination and a comparison grid)
  doctor                              Show which TensorFlow.js backends and kernels are available
  help                                Show this help
`;

export async function main(argv: string[]): Promise<number> {
    const [command, ...rest] = argv;
    switch (command) {
        case 'check': return (await import('./commands/check.js')).checkCommand(rest);
        case 'graph': return (await import('./commands/graph.js')).graphCommand(rest);
        case 'lsp': return (await import('./commands/lsp.js')).lspCommand(rest);
        case 'run': return (await import('./commands/run.js')).runCommand(rest);
        case 'doctor': return (await import('./commands/doctor.js')).doctorCommand(rest);
        case undefined: case 'help': case '--help': case '-h':
            process.stdout.write(USAGE);
            return command === undefined ? 2 : 0;
        default:
            process.stderr.write(`flowstudio: unknown command '${command}'.\n\n${USAGE}`);
            return 2;
    }
}
