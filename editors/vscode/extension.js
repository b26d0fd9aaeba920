// The htaccess language server's client: starts `htaccess lsp` over stdio for Apache
// configuration files and adds what LSP leaves to the editor: a prompt for the try-a-URL command,
// whose answer goes to the output channel and whose matching lines are highlighted.
"use strict";

const vscode = require("vscode");
const { LanguageClient, TransportKind } = require("vscode-languageclient/node");

/** The server's command (HtaccessLanguageServer.TRY_URL): [document URI, URL, method?]. */
const SERVER_TRY_URL = "htaccess.tryUrl";
const PROMPT = "htaccess.tryUrlPrompt";

let client;
let output;
const matchedLine = vscode.window.createTextEditorDecorationType({
  isWholeLine: true,
  backgroundColor: new vscode.ThemeColor("editor.wordHighlightStrongBackground"),
  overviewRulerColor: new vscode.ThemeColor("editorOverviewRuler.wordHighlightStrongForeground"),
  overviewRulerLane: vscode.OverviewRulerLane.Left,
});

function activate(context) {
  output = vscode.window.createOutputChannel("htaccess");
  const settings = vscode.workspace.getConfiguration("htaccess");
  const command = settings.get("server.path", "htaccess");
  const args = ["lsp", ...settings.get("server.extraArgs", [])];
  const serverOptions = {
    run: { command, args, transport: TransportKind.stdio },
    debug: { command, args, transport: TransportKind.stdio },
  };
  const clientOptions = {
    documentSelector: [
      { scheme: "file", language: "apacheconf" },
      { scheme: "file", pattern: "**/.htaccess" },
    ],
    outputChannel: output,
    middleware: {
      // The server's lens carries only the document; the URL comes from the prompt.
      provideCodeLenses: async (document, token, next) => {
        const lenses = (await next(document, token)) || [];
        for (const lens of lenses) {
          if (lens.command && lens.command.command === SERVER_TRY_URL) {
            lens.command = { ...lens.command, command: PROMPT, arguments: [document.uri] };
          }
        }
        return lenses;
      },
    },
  };
  client = new LanguageClient("htaccess", "htaccess", serverOptions, clientOptions);

  context.subscriptions.push(
    output,
    matchedLine,
    vscode.commands.registerCommand(PROMPT, (uri) => tryUrl(context, uri)),
    vscode.workspace.onDidChangeTextDocument((e) => {
      for (const editor of vscode.window.visibleTextEditors) {
        if (editor.document === e.document) {
          editor.setDecorations(matchedLine, []);
        }
      }
    })
  );
  client.start().catch((e) => {
    vscode.window.showErrorMessage(
      `htaccess: could not start "${command} lsp" (set htaccess.server.path): ${e.message || e}`
    );
  });
}

async function tryUrl(context, uri) {
  const editor = vscode.window.activeTextEditor;
  const target = uri || (editor && editor.document.uri);
  if (!target) {
    vscode.window.showWarningMessage("htaccess: open an .htaccess file first");
    return;
  }
  const document = await vscode.workspace.openTextDocument(target);
  if (document.isDirty) {
    // the dry run reads the document root from disk, as Apache would
    await document.save();
  }
  const last = context.workspaceState.get("htaccess.lastUrl", "/");
  const url = await vscode.window.showInputBox({
    prompt: "A URL or path to dry-run against this file's document root (GET)",
    placeHolder: "/blog/2024/hello?x=1  or  https://www.example.com/old",
    value: last,
  });
  if (!url) {
    return;
  }
  await context.workspaceState.update("htaccess.lastUrl", url);
  let answer;
  try {
    answer = await client.sendRequest("workspace/executeCommand", {
      command: SERVER_TRY_URL,
      arguments: [target.toString(), url],
    });
  } catch (e) {
    vscode.window.showErrorMessage(`htaccess: ${e.message || e}`);
    return;
  }
  output.appendLine(answer.text);
  output.show(true);
  vscode.window.showInformationMessage(`${url} → ${answer.outcome}`);
  const shown = vscode.window.visibleTextEditors.find(
    (e) => e.document.uri.toString() === target.toString()
  );
  if (shown) {
    shown.setDecorations(
      matchedLine,
      (answer.matchedLines || []).map((line) => new vscode.Range(line - 1, 0, line - 1, 0))
    );
  }
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
