/**
 * Language server speed on a generated 1,000-node workflow: full parse + validate, and
 * completion latency at an input (the type-filtered reference list). Targets (issue 2):
 * validate <= 150 ms, completion <= 30 ms median on the 2-core reference machine.
 */
import { performance } from 'node:perf_hooks';
import { URI } from 'vscode-uri';
import { flowServices, parseFlowText } from '../server/src/api.js';
import { generateWorkflow } from './generate-workflow.js';
import { median } from './stats.js';

export async function main(): Promise<string[]> {
    const text = generateWorkflow(1000);
    const nodes = (text.match(/^\s+(\w+ = )?[A-Z]\w*\(/gm) ?? []).length;
    // Warm up the parser and the JIT on the same workload.
    for (let i = 0; i < 3; i++) await parseFlowText(text, `file:///bench/warm${i}.flow`);
    const validate: number[] = [];
    const validateCpu: number[] = [];
    let diagnostics = 0;
    const { Flow, shared } = flowServices();
    const uri = URI.parse('file:///bench/big.flow');
    const documents = shared.workspace.LangiumDocuments;
    for (let i = 0; i < 15; i++) {
        if (documents.hasDocument(uri)) documents.deleteDocument(uri);
        const t0 = performance.now();
        const c0 = process.cpuUsage();
        // What the server does on each edit: lex, parse, index, link, validate.
        const doc = documents.createDocument(uri, text);
        await shared.workspace.DocumentBuilder.build([doc], { validation: true });
        validate.push(performance.now() - t0);
        const cpu = process.cpuUsage(c0);
        validateCpu.push((cpu.user + cpu.system) / 1000);
        diagnostics = doc.diagnostics?.length ?? -1;
    }
    const document = documents.getDocument(uri)!;
    const marker = 'SampleGAN(generator: ';
    const completionMs: number[] = [];
    let items = 0;
    for (let i = 0; i < 40; i++) {
        const offset = text.indexOf(marker, Math.floor((text.length * i) / 40)) + marker.length;
        const position = document.textDocument.positionAt(offset);
        const t0 = performance.now();
        const list = await Flow.lsp.CompletionProvider!.getCompletion(document, { textDocument: { uri: uri.toString() }, position });
        completionMs.push(performance.now() - t0);
        items = list?.items.length ?? 0;
    }
    const lines = [
        `language: ${nodes}-node workflow, ${text.length} chars, ${diagnostics} diagnostics`,
        `language-validate-1000 ${median(validate).toFixed(1)} ms (median of ${validate.length}, min ${Math.min(...validate).toFixed(1)}; CPU time median ${median(validateCpu).toFixed(1)} ms) target <= 150 ms`,
        `language-completion-1000 ${median(completionMs).toFixed(2)} ms median (p90 ${[...completionMs].sort((a, b) => a - b)[Math.floor(completionMs.length * 0.9)].toFixed(2)}, ${items} items) target <= 30 ms`,
    ];
    return lines;
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/^.*[\\/]bench[\\/]/, '/bench/'))) {
    main().then(lines => console.log(lines.join('\n')), e => { console.error(e); process.exitCode = 1; });
}
