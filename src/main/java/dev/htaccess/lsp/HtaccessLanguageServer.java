package dev.htaccess.lsp;

import com.google.gson.JsonElement;
import com.google.gson.JsonPrimitive;
import dev.htaccess.lint.Finding;
import dev.htaccess.lint.Linter;
import dev.htaccess.source.SourceSpan;
import dev.htaccess.syntax.ParseResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionOptions;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.CodeLens;
import org.eclipse.lsp4j.CodeLensOptions;
import org.eclipse.lsp4j.CodeLensParams;
import org.eclipse.lsp4j.Command;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionList;
import org.eclipse.lsp4j.CompletionOptions;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.DidChangeConfigurationParams;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidChangeWatchedFilesParams;
import org.eclipse.lsp4j.DidCloseTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.DidSaveTextDocumentParams;
import org.eclipse.lsp4j.DocumentHighlight;
import org.eclipse.lsp4j.DocumentHighlightKind;
import org.eclipse.lsp4j.DocumentHighlightParams;
import org.eclipse.lsp4j.ExecuteCommandOptions;
import org.eclipse.lsp4j.ExecuteCommandParams;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.MarkupContent;
import org.eclipse.lsp4j.MarkupKind;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.MessageType;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.ServerCapabilities;
import org.eclipse.lsp4j.ServerInfo;
import org.eclipse.lsp4j.TextDocumentSyncKind;
import org.eclipse.lsp4j.WorkspaceFolder;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageClientAware;
import org.eclipse.lsp4j.services.LanguageServer;
import org.eclipse.lsp4j.services.TextDocumentService;
import org.eclipse.lsp4j.services.WorkspaceService;

/**
 * The language server: documents are linted on a worker thread as they change (only the newest
 * version of each), and the requests answer from the last lint and the line under the cursor.
 */
public final class HtaccessLanguageServer
    implements LanguageServer, LanguageClientAware, TextDocumentService, WorkspaceService {

  /** The command that runs a dry run: arguments {@code uri, url [, method]}. */
  public static final String TRY_URL = "htaccess.tryUrl";

  /** A lint thread's stack: sections may nest thousands deep, as in {@code lint}. */
  private static final long LINT_STACK = 64L << 20;

  private final LspWorkspace workspace = new LspWorkspace();
  private final LintDiagnostics diagnostics;
  private final String version;
  private final Map<URI, LintDiagnostics.Linted> linted = new ConcurrentHashMap<>();
  private final Map<URI, List<SourceSpan>> lastTry = new ConcurrentHashMap<>();
  private final ExecutorService linter =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(null, r, "htaccess-lsp-lint", LINT_STACK);
            t.setDaemon(true);
            return t;
          });
  private volatile LanguageClient client;
  private volatile boolean shutdownRequested;

  /** Completed by {@code exit}: true when {@code shutdown} came first (exit code 0, else 1). */
  private final CompletableFuture<Boolean> exited = new CompletableFuture<>();

  /**
   * @param docsBase the URL of the check pages ({@code .../docs/checks/})
   * @param version this build's version, for the editor's log
   */
  public HtaccessLanguageServer(String docsBase, String version) {
    this.diagnostics = new LintDiagnostics(docsBase);
    this.version = version;
  }

  /**
   * Serves one editor over {@code in}/{@code out} until it sends {@code exit} or closes the stream.
   *
   * @return the exit code the protocol asks for: 0 after {@code shutdown} then {@code exit}, else 1
   */
  public static int run(InputStream in, OutputStream out, String docsBase, String version)
      throws InterruptedException {
    HtaccessLanguageServer server = new HtaccessLanguageServer(docsBase, version);
    Launcher<LanguageClient> launcher = LSPLauncher.createServerLauncher(server, in, out);
    server.connect(launcher.getRemoteProxy());
    java.util.concurrent.Future<Void> listening = launcher.startListening();
    CompletableFuture<Object> done =
        CompletableFuture.anyOf(
            server.exited,
            CompletableFuture.runAsync(
                () -> {
                  try {
                    listening.get();
                  } catch (Exception e) {
                    // the stream ended or broke: the editor is gone
                  }
                }));
    try {
      done.get();
    } catch (java.util.concurrent.ExecutionException e) {
      return 1;
    }
    listening.cancel(true);
    return server.exited.isDone() && server.exited.getNow(false) ? 0 : 1;
  }

  @Override
  public void connect(LanguageClient client) {
    this.client = client;
  }

  // rootUri is deprecated for workspaceFolders, but clients that send no folders still send it
  @SuppressWarnings("deprecation")
  @Override
  public CompletableFuture<InitializeResult> initialize(InitializeParams params) {
    if (params.getWorkspaceFolders() != null) {
      for (WorkspaceFolder f : params.getWorkspaceFolders()) {
        workspace.addRoot(URI.create(f.getUri()));
      }
    } else if (params.getRootUri() != null) {
      workspace.addRoot(URI.create(params.getRootUri()));
    }
    ServerCapabilities c = new ServerCapabilities();
    c.setTextDocumentSync(TextDocumentSyncKind.Full);
    c.setHoverProvider(true);
    c.setCompletionProvider(new CompletionOptions(false, List.of("%", "{", "[", ",", "<", ":")));
    c.setCodeActionProvider(new CodeActionOptions(List.of("quickfix")));
    c.setCodeLensProvider(new CodeLensOptions(false));
    c.setDocumentHighlightProvider(true);
    c.setExecuteCommandProvider(new ExecuteCommandOptions(List.of(TRY_URL)));
    return CompletableFuture.completedFuture(
        new InitializeResult(c, new ServerInfo("htaccess", version)));
  }

  @Override
  public CompletableFuture<Object> shutdown() {
    shutdownRequested = true;
    linter.shutdown();
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public void exit() {
    linter.shutdownNow();
    exited.complete(shutdownRequested);
  }

  @Override
  public TextDocumentService getTextDocumentService() {
    return this;
  }

  @Override
  public WorkspaceService getWorkspaceService() {
    return this;
  }

  // --- documents

  @Override
  public void didOpen(DidOpenTextDocumentParams params) {
    URI uri = URI.create(params.getTextDocument().getUri());
    workspace.put(uri, params.getTextDocument().getText(), params.getTextDocument().getVersion());
    scheduleLint(uri);
  }

  @Override
  public void didChange(DidChangeTextDocumentParams params) {
    URI uri = URI.create(params.getTextDocument().getUri());
    if (params.getContentChanges().isEmpty()) {
      return;
    }
    // Full sync: the last change is the whole text
    String text = params.getContentChanges().get(params.getContentChanges().size() - 1).getText();
    workspace.put(uri, text, params.getTextDocument().getVersion());
    scheduleLint(uri);
  }

  @Override
  public void didClose(DidCloseTextDocumentParams params) {
    URI uri = URI.create(params.getTextDocument().getUri());
    workspace.remove(uri);
    linted.remove(uri);
    lastTry.remove(uri);
    LanguageClient c = client;
    if (c != null) {
      c.publishDiagnostics(new PublishDiagnosticsParams(uri.toString(), List.of()));
    }
  }

  @Override
  public void didSave(DidSaveTextDocumentParams params) {
    // children of a saved file see its new settings: lint the open ones again
    for (LintDiagnostics.Linted l : linted.values()) {
      scheduleLint(URI.create(l.uri()));
    }
  }

  private void scheduleLint(URI uri) {
    LspWorkspace.Document scheduled = workspace.get(uri);
    linter.execute(
        () -> {
          LspWorkspace.Document d = workspace.get(uri);
          if (d == null || d != scheduled && d.version() != scheduled.version()) {
            return; // a newer version is queued behind this one
          }
          lintNow(d);
        });
  }

  /** Lints a document and publishes its diagnostics; returns what it published. */
  LintDiagnostics.Linted lintNow(LspWorkspace.Document d) {
    ParseResult parse = LspWorkspace.parse(d);
    List<Finding> findings;
    try {
      findings = new Linter(workspace.config(d.path())).lint(parse, workspace.parents(d.path()));
    } catch (IOException | IllegalArgumentException e) {
      message(MessageType.Error, "htaccess: .htaccess-lint.toml: " + e.getMessage());
      findings = new Linter(dev.htaccess.lint.LintConfig.defaults()).lint(parse);
    } catch (RuntimeException | StackOverflowError e) {
      message(MessageType.Error, "htaccess: could not lint " + d.uri() + ": " + e);
      return null;
    }
    LintDiagnostics.Linted result =
        new LintDiagnostics.Linted(
            d.uri().toString(), parse, new Positions(d.text()), List.copyOf(findings));
    linted.put(d.uri(), result);
    LanguageClient c = client;
    // After shutdown the editor expects nothing more (and after exit the stream is closing).
    if (c != null && !shutdownRequested && !exited.isDone()) {
      PublishDiagnosticsParams p =
          new PublishDiagnosticsParams(d.uri().toString(), diagnostics.diagnostics(result));
      p.setVersion(d.version());
      c.publishDiagnostics(p);
    }
    return result;
  }

  private void message(MessageType type, String text) {
    LanguageClient c = client;
    if (c != null) {
      c.logMessage(new MessageParams(type, text));
    }
  }

  // --- requests

  @Override
  public CompletableFuture<Hover> hover(HoverParams params) {
    return CompletableFuture.supplyAsync(
        () -> {
          LspWorkspace.Document d = document(params.getTextDocument().getUri());
          if (d == null) {
            return null;
          }
          String line = new Positions(d.text()).line(params.getPosition().getLine());
          String text = Hovers.at(line, params.getPosition().getCharacter());
          return text == null ? null : new Hover(new MarkupContent(MarkupKind.MARKDOWN, text));
        });
  }

  @Override
  public CompletableFuture<Either<List<CompletionItem>, CompletionList>> completion(
      CompletionParams params) {
    return CompletableFuture.supplyAsync(
        () -> {
          LspWorkspace.Document d = document(params.getTextDocument().getUri());
          if (d == null) {
            return Either.forLeft(List.of());
          }
          String line = new Positions(d.text()).line(params.getPosition().getLine());
          return Either.forLeft(Completions.at(line, params.getPosition().getCharacter()));
        });
  }

  @Override
  public CompletableFuture<List<Either<Command, CodeAction>>> codeAction(CodeActionParams params) {
    return CompletableFuture.supplyAsync(
        () -> {
          LintDiagnostics.Linted l = current(params.getTextDocument().getUri());
          List<Either<Command, CodeAction>> out = new ArrayList<>();
          if (l != null) {
            diagnostics.actions(l, params.getRange()).forEach(a -> out.add(Either.forRight(a)));
          }
          return out;
        });
  }

  @Override
  public CompletableFuture<List<? extends CodeLens>> codeLens(CodeLensParams params) {
    return CompletableFuture.supplyAsync(
        () -> {
          LintDiagnostics.Linted l = current(params.getTextDocument().getUri());
          if (l == null) {
            return List.of();
          }
          String[] lines = l.file().text().split("\n", -1);
          for (int n = 0; n < lines.length; n++) {
            if (lines[n].stripLeading().regionMatches(true, 0, "RewriteRule", 0, 11)) {
              org.eclipse.lsp4j.Position at = new org.eclipse.lsp4j.Position(n, 0);
              return List.of(
                  new CodeLens(
                      new org.eclipse.lsp4j.Range(at, at),
                      new Command("Try a URL…", TRY_URL, List.of(l.uri())),
                      null));
            }
          }
          return List.of();
        });
  }

  @Override
  public CompletableFuture<List<? extends DocumentHighlight>> documentHighlight(
      DocumentHighlightParams params) {
    return CompletableFuture.supplyAsync(
        () -> {
          URI uri = URI.create(params.getTextDocument().getUri());
          LspWorkspace.Document d = workspace.get(uri);
          List<SourceSpan> spans = lastTry.get(uri);
          if (d == null || spans == null) {
            return List.of();
          }
          Positions positions = new Positions(d.text());
          List<DocumentHighlight> out = new ArrayList<>();
          for (SourceSpan s : spans) {
            out.add(new DocumentHighlight(positions.range(s), DocumentHighlightKind.Text));
          }
          return out;
        });
  }

  @Override
  public CompletableFuture<Object> executeCommand(ExecuteCommandParams params) {
    return CompletableFuture.supplyAsync(
        () -> {
          if (!TRY_URL.equals(params.getCommand())) {
            throw error("unknown command " + params.getCommand());
          }
          List<String> args = new ArrayList<>();
          for (Object a : params.getArguments() == null ? List.of() : params.getArguments()) {
            args.add(
                a instanceof JsonPrimitive p
                    ? p.getAsString()
                    : a instanceof JsonElement e ? e.toString() : String.valueOf(a));
          }
          if (args.size() < 2) {
            throw error(TRY_URL + " takes the document's URI and a URL (and a method)");
          }
          URI uri = URI.create(args.get(0));
          Path file = LspWorkspace.path(uri);
          if (file == null) {
            throw error("try a URL needs a saved file: " + uri);
          }
          String method = args.size() > 2 ? args.get(2) : "GET";
          try {
            TryUrl.Result r = TryUrl.run(workspace.docroot(file), method, args.get(1));
            List<SourceSpan> here = new ArrayList<>();
            for (SourceSpan s : r.matched()) {
              if (Path.of(s.file())
                  .toAbsolutePath()
                  .normalize()
                  .equals(file.toAbsolutePath().normalize())) {
                here.add(s);
              }
            }
            lastTry.put(uri, List.copyOf(here));
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("outcome", r.outcome());
            answer.put("text", r.text());
            answer.put("matchedLines", here.stream().map(SourceSpan::line).toList());
            return answer;
          } catch (IOException | IllegalArgumentException e) {
            throw error(e.getMessage());
          }
        });
  }

  private static ResponseErrorException error(String message) {
    return new ResponseErrorException(
        new ResponseError(ResponseErrorCode.InvalidParams, message, null));
  }

  @Override
  public void didChangeConfiguration(DidChangeConfigurationParams params) {}

  @Override
  public void didChangeWatchedFiles(DidChangeWatchedFilesParams params) {
    didSave(null);
  }

  private LspWorkspace.Document document(String uri) {
    return workspace.get(URI.create(uri));
  }

  /** The lint of the document's current version, made now if the worker has not got to it. */
  private LintDiagnostics.Linted current(String uri) {
    LspWorkspace.Document d = document(uri);
    if (d == null) {
      return null;
    }
    LintDiagnostics.Linted l = linted.get(d.uri());
    if (l != null && l.positions() != null && l.file() != null && sameText(l, d)) {
      return l;
    }
    return lintNow(d);
  }

  private static boolean sameText(LintDiagnostics.Linted l, LspWorkspace.Document d) {
    return l.parse().file().text().equals(dev.htaccess.source.RawText.fromText(d.text()));
  }
}
