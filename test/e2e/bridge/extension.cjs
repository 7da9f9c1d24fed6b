// Test-only helper extension, loaded next to Flow Studio by the e2e harness (never shipped).
// It lets the driver read exact values instead of scraping the page:
//   - on activation it starts an HTTP server on 127.0.0.1 (random port) and writes
//     $E2E_BRIDGE_DIR/bridge-ready.json = { port, token, pid, at };
//   - POST /rpc { method, params } with header x-bridge-token answers JSON { result } or { error }.
// Methods: state, executeCommand { command, args }, completions { uri, line, character },
// hovers { uri, line, character }, tasks { type? }, runTask { name, type? }, taskExecutions. Arguments shaped { $uri: "file:///..." } become vscode.Uri,
// { $position: [line, character] } become vscode.Position.
// "E2E Bridge: Dump State" writes the same state to $E2E_BRIDGE_DIR/bridge-state.json.
'use strict';
const fs = require('fs');
const http = require('http');
const path = require('path');
const crypto = require('crypto');
const vscode = require('vscode');

const SEVERITY = ['error', 'warning', 'info', 'hint'];

function bridgeDir() {
  return process.env.E2E_BRIDGE_DIR || vscode.workspace.workspaceFolders?.[0]?.uri.fsPath || require('os').tmpdir();
}

function writeAtomic(file, value) {
  fs.writeFileSync(file + '.tmp', JSON.stringify(value, null, 1));
  fs.renameSync(file + '.tmp', file);
}

const range = (r) => r && [r.start.line, r.start.character, r.end.line, r.end.character];
const codeOf = (code) => (code && typeof code === 'object' ? String(code.value) : code);
const markdown = (c) => (typeof c === 'string' ? c : c && 'value' in c ? c.value : String(c));

function state() {
  const flow = vscode.extensions.all.find((e) => e.packageJSON.name === 'flowstudio');
  const client = flow?.isActive ? flow.exports?.languageClient : undefined;
  const editor = vscode.window.activeTextEditor;
  return {
    at: Date.now(),
    diagnostics: vscode.languages.getDiagnostics().filter(([, ds]) => ds.length).map(([uri, ds]) => ({
      uri: uri.toString(),
      items: ds.map((d) => ({ severity: SEVERITY[d.severity], message: d.message, source: d.source,
        code: codeOf(d.code), range: range(d.range) })),
    })),
    activeEditor: editor && {
      uri: editor.document.uri.toString(),
      languageId: editor.document.languageId,
      isDirty: editor.document.isDirty,
      selection: range(editor.selection),
      text: editor.document.getText(),
    },
    visibleEditors: vscode.window.visibleTextEditors.map((e) => e.document.uri.toString()),
    terminals: vscode.window.terminals.map((t) => ({ name: t.name, exitStatus: t.exitStatus?.code })),
    activeExtensions: vscode.extensions.all.filter((e) => e.isActive && !e.id.startsWith('vscode.')).map((e) => e.id),
    flowStudio: flow && { id: flow.id, active: flow.isActive, languageClientRunning: client ? client.isRunning() : false,
      startup: flow.isActive ? flow.exports?.startup : undefined },
  };
}

function revive(value) {
  if (Array.isArray(value)) return value.map(revive);
  if (value && typeof value === 'object') {
    if (typeof value.$uri === 'string') return vscode.Uri.parse(value.$uri);
    if (Array.isArray(value.$position)) return new vscode.Position(value.$position[0], value.$position[1]);
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, revive(v)]));
  }
  return value;
}

// JSON for VS Code API objects (Uri, Range, MarkdownString, class instances), without cycles.
function plain(value, seen = new Set()) {
  if (value === null || typeof value !== 'object') return typeof value === 'function' ? undefined : value;
  if (value instanceof vscode.Uri) return value.toString();
  if (value instanceof vscode.Range) return range(value);
  if (value instanceof vscode.Position) return [value.line, value.character];
  if (value instanceof vscode.MarkdownString) return value.value;
  if (seen.has(value)) return undefined;
  seen.add(value);
  if (Array.isArray(value)) return value.map((v) => plain(v, seen));
  const out = {};
  for (const [k, v] of Object.entries(value)) { const p = plain(v, seen); if (p !== undefined) out[k] = p; }
  return out;
}

const methods = {
  state: async () => state(),
  executeCommand: async ({ command, args = [] }) => plain(await vscode.commands.executeCommand(command, ...revive(args))),
  completions: async ({ uri, line, character }) => {
    const list = await vscode.commands.executeCommand('vscode.executeCompletionItemProvider',
      vscode.Uri.parse(uri), new vscode.Position(line, character));
    return (list?.items ?? []).map((item) => ({
      label: typeof item.label === 'string' ? item.label : item.label.label,
      kind: item.kind === undefined ? undefined : vscode.CompletionItemKind[item.kind],
      detail: item.detail,
      documentation: item.documentation && markdown(item.documentation),
      insertText: item.insertText && (typeof item.insertText === 'string' ? item.insertText : item.insertText.value),
    }));
  },
  tasks: async ({ type }) => (await vscode.tasks.fetchTasks(type ? { type } : undefined)).map((t) => ({
    name: t.name, source: t.source, detail: t.detail, definition: plain(t.definition),
  })),
  /** Starts the task named `name` (as fetchTasks reports it, e.g. a tasks.json label). */
  runTask: async ({ name, type }) => {
    const task = (await vscode.tasks.fetchTasks(type ? { type } : undefined)).find((t) => t.name === name);
    if (!task) throw new Error(`no task named ${name}`);
    await vscode.tasks.executeTask(task);
    return true;
  },
  taskExecutions: async () => vscode.tasks.taskExecutions.map((e) => ({ name: e.task.name, definition: plain(e.task.definition) })),
  hovers: async ({ uri, line, character }) => {
    const hovers = await vscode.commands.executeCommand('vscode.executeHoverProvider',
      vscode.Uri.parse(uri), new vscode.Position(line, character));
    return (hovers ?? []).map((h) => ({ range: range(h.range), contents: h.contents.map(markdown) }));
  },
};

function startServer(context) {
  const token = crypto.randomBytes(16).toString('hex');
  const server = http.createServer((req, res) => {
    const reply = (status, body) => { res.writeHead(status, { 'content-type': 'application/json' }); res.end(JSON.stringify(body)); };
    if (req.method !== 'POST' || req.url !== '/rpc' || req.headers['x-bridge-token'] !== token) return reply(403, { error: 'forbidden' });
    let body = '';
    req.on('data', (chunk) => { body += chunk; });
    req.on('end', async () => {
      try {
        const { method, params } = JSON.parse(body);
        if (!methods[method]) return reply(404, { error: `unknown method ${method}` });
        reply(200, { result: await methods[method](params ?? {}) });
      } catch (error) {
        reply(500, { error: error && error.stack ? error.stack : String(error) });
      }
    });
  });
  server.listen(0, '127.0.0.1', () => {
    writeAtomic(path.join(bridgeDir(), 'bridge-ready.json'), { port: server.address().port, token, pid: process.pid, at: Date.now() });
  });
  context.subscriptions.push({ dispose: () => server.close() });
}

function activate(context) {
  startServer(context);
  context.subscriptions.push(vscode.commands.registerCommand('e2eBridge.dump', () => {
    writeAtomic(path.join(bridgeDir(), 'bridge-state.json'), state());
  }));
}

module.exports = { activate };
