/** `flowstudio lsp --stdio`: the language server for any LSP client. */
export async function lspCommand(args: string[]): Promise<number> {
    if (!args.includes('--stdio') && !args.some(a => a.startsWith('--node-ipc') || a.startsWith('--socket') || a.startsWith('--pipe'))) {
        process.argv.push('--stdio');
    }
    const { startServer } = await import('../../../server/src/main.js');
    startServer();
    // The connection keeps the process alive; the exit code is the server's business.
    return new Promise<number>(() => undefined);
}
