// Runs extension.js against stand-ins for the VS Code API and the language client (neither is
// available outside the editor) and checks what the extension adds to the server: the lens is
// turned into the prompt, the prompt's URL goes to the server's htaccess.tryUrl with the
// document's URI, and the matching lines the server names (1-based) are highlighted (0-based).
// usage: node test/smoke.js  (exit status 0 when every check holds)
"use strict";

const assert = require("assert");
const Module = require("module");
const path = require("path");

const registered = {};
const sent = [];
const decorations = [];
let started = null;

class Uri {
  constructor(s) {
    this.s = s;
  }
  toString() {
    return this.s;
  }
}
const document = { uri: new Uri("file:///site/.htaccess"), isDirty: false };
const editor = {
  document,
  setDecorations: (type, ranges) => decorations.push(ranges),
};
const state = new Map();

const vscode = {
  window: {
    createTextEditorDecorationType: () => ({ dispose() {} }),
    createOutputChannel: () => ({ appendLine() {}, show() {}, dispose() {} }),
    showInputBox: async () => "/blog/7/hello",
    showInformationMessage: () => {},
    showErrorMessage: (m) => assert.fail("error shown: " + m),
    showWarningMessage: (m) => assert.fail("warning shown: " + m),
    activeTextEditor: editor,
    visibleTextEditors: [editor],
  },
  workspace: {
    getConfiguration: () => ({ get: (key, dflt) => (key === "server.path" ? "/opt/htaccess/bin/htaccess" : dflt) }),
    onDidChangeTextDocument: () => ({ dispose() {} }),
    openTextDocument: async () => document,
  },
  commands: {
    registerCommand: (id, fn) => {
      registered[id] = fn;
      return { dispose() {} };
    },
  },
  ThemeColor: class {},
  OverviewRulerLane: { Left: 1 },
  Range: class {
    constructor(a, b, c, d) {
      this.start = { line: a, character: b };
      this.end = { line: c, character: d };
    }
  },
};

const client = {
  LanguageClient: class {
    constructor(id, name, server, options) {
      started = { id, server, options };
    }
    start() {
      return Promise.resolve();
    }
    sendRequest(method, params) {
      sent.push({ method, params });
      return Promise.resolve({ outcome: "200 /index.php", text: "trace", matchedLines: [3, 4] });
    }
    stop() {}
  },
  TransportKind: { stdio: 0 },
};

const resolve = Module._load;
Module._load = function (request, parent, isMain) {
  if (request === "vscode") return vscode;
  if (request === "vscode-languageclient/node") return client;
  return resolve.call(this, request, parent, isMain);
};

(async () => {
  const extension = require(path.join(__dirname, "..", "extension.js"));
  const context = {
    subscriptions: [],
    workspaceState: { get: (k, d) => (state.has(k) ? state.get(k) : d), update: async (k, v) => state.set(k, v) },
  };
  extension.activate(context);

  assert.strictEqual(started.server.run.command, "/opt/htaccess/bin/htaccess");
  assert.deepStrictEqual(started.server.run.args, ["lsp"]);
  assert.ok(registered["htaccess.tryUrlPrompt"], "the prompt command is registered");

  const lensFromServer = { command: { title: "Try a URL…", command: "htaccess.tryUrl", arguments: [document.uri.toString()] } };
  const lenses = await started.options.middleware.provideCodeLenses(document, null, async () => [lensFromServer]);
  assert.strictEqual(lenses[0].command.command, "htaccess.tryUrlPrompt");
  assert.strictEqual(lenses[0].command.arguments[0], document.uri);

  await registered["htaccess.tryUrlPrompt"](document.uri);
  assert.deepStrictEqual(sent, [
    {
      method: "workspace/executeCommand",
      params: { command: "htaccess.tryUrl", arguments: ["file:///site/.htaccess", "/blog/7/hello"] },
    },
  ]);
  const last = decorations[decorations.length - 1];
  assert.deepStrictEqual(last.map((r) => r.start.line), [2, 3]);
  assert.strictEqual(state.get("htaccess.lastUrl"), "/blog/7/hello");
  console.log("ok: activate, lens -> prompt, tryUrl request, highlights");
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
