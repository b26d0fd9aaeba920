package dev.htaccess.lsp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionContext;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.CodeLensParams;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.DocumentHighlight;
import org.eclipse.lsp4j.DocumentHighlightParams;
import org.eclipse.lsp4j.ExecuteCommandParams;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.MessageActionItem;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.ShowMessageRequestParams;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.WorkspaceFolder;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drives the server as an editor does, through LSP4J's launcher over a pair of pipes: initialize,
 * open files with mistakes, receive diagnostics, apply a fix, hover, complete, try a URL.
 */
class LspServerTest {

  @TempDir Path site;

  private final Map<String, CompletableFuture<PublishDiagnosticsParams>> published =
      new ConcurrentHashMap<>();
  private LanguageServer server;
  private Thread serverThread;

  /** An editor that records what the server publishes. */
  private final class Editor implements LanguageClient {
    @Override
    public void publishDiagnostics(PublishDiagnosticsParams p) {
      published
          .computeIfAbsent(key(p.getUri(), p.getVersion()), k -> new CompletableFuture<>())
          .complete(p);
    }

    @Override
    public void telemetryEvent(Object object) {}

    @Override
    public void showMessage(MessageParams messageParams) {}

    @Override
    public CompletableFuture<MessageActionItem> showMessageRequest(ShowMessageRequestParams p) {
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public void logMessage(MessageParams message) {}
  }

  private static String key(String uri, Integer version) {
    return uri + "#" + version;
  }

  @BeforeEach
  void start() throws Exception {
    // NIO pipes, not java.io's: a piped stream breaks once a thread that wrote to it ends
    Pipe toServer = Pipe.open();
    Pipe toClient = Pipe.open();
    InputStream serverIn = Channels.newInputStream(toServer.source());
    OutputStream clientOut = Channels.newOutputStream(toServer.sink());
    InputStream clientIn = Channels.newInputStream(toClient.source());
    OutputStream serverOut = Channels.newOutputStream(toClient.sink());
    serverThread =
        new Thread(
            () -> {
              try {
                HtaccessLanguageServer.run(serverIn, serverOut, "https://docs.example/", "test");
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    serverThread.setDaemon(true);
    serverThread.start();
    Launcher<LanguageServer> client =
        LSPLauncher.createClientLauncher(new Editor(), clientIn, clientOut);
    client.startListening();
    server = client.getRemoteProxy();
    InitializeParams init = new InitializeParams();
    init.setCapabilities(new ClientCapabilities());
    init.setWorkspaceFolders(List.of(new WorkspaceFolder(site.toUri().toString(), "site")));
    assertThat(
            server
                .initialize(init)
                .get(10, TimeUnit.SECONDS)
                .getCapabilities()
                .getHoverProvider()
                .getLeft())
        .isTrue();
    server.initialized(new org.eclipse.lsp4j.InitializedParams());
  }

  @AfterEach
  void stop() throws Exception {
    server.shutdown().get(10, TimeUnit.SECONDS);
    server.exit();
    serverThread.join(10_000);
    assertThat(serverThread.isAlive()).isFalse();
  }

  private String open(Path file, String text) throws Exception {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
    String uri = file.toUri().toString();
    server
        .getTextDocumentService()
        .didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri, "apacheconf", 1, text)));
    return uri;
  }

  private List<Diagnostic> diagnostics(String uri, int version) throws Exception {
    return published
        .computeIfAbsent(key(uri, version), k -> new CompletableFuture<>())
        .get(20, TimeUnit.SECONDS)
        .getDiagnostics();
  }

  private static List<String> codes(List<Diagnostic> ds) {
    return ds.stream().map(d -> d.getCode().getLeft()).toList();
  }

  @Test
  void diagnosticsComeWithCodesRangesAndLinksAndKnowTheParentDirectory() throws Exception {
    String text = "RewriteRule ^/old$ /new [R=301]\nRewriteRule ^x$ /y [L]\n";
    String child = open(site.resolve("blog/.htaccess"), text);
    List<Diagnostic> ds = diagnostics(child, 1);
    assertThat(codes(ds)).contains("HT2001", "HT2004", "HT2003");
    Diagnostic slash =
        ds.stream().filter(d -> d.getCode().getLeft().equals("HT2001")).findFirst().orElseThrow();
    assertThat(slash.getRange().getStart().getLine()).isZero();
    assertThat(slash.getCodeDescription().getHref()).isEqualTo("https://docs.example/HT2001.md");
    assertThat(slash.getSource()).isEqualTo("htaccess");

    // With the parent directory's engine on, the child's rules run: no HT2003 any more.
    open(site.resolve(".htaccess"), "RewriteEngine On\n");
    server
        .getTextDocumentService()
        .didChange(
            new DidChangeTextDocumentParams(
                new VersionedTextDocumentIdentifier(child, 2),
                List.of(new TextDocumentContentChangeEvent(text))));
    assertThat(codes(diagnostics(child, 2))).contains("HT2001").doesNotContain("HT2003");
  }

  @Test
  void aCodeActionAppliesTheLintersFixAndAnotherSuppressesWithAReason() throws Exception {
    String text = "RewriteEngine On\nRewriteRule ^/old$ /new [R=301]\nRewriteRule ^x$ /y [L]\n";
    String uri = open(site.resolve(".htaccess"), text);
    diagnostics(uri, 1);
    List<CodeAction> actions =
        server
            .getTextDocumentService()
            .codeAction(
                new CodeActionParams(
                    new TextDocumentIdentifier(uri),
                    new Range(new Position(1, 0), new Position(1, 5)),
                    new CodeActionContext(List.of())))
            .get(10, TimeUnit.SECONDS)
            .stream()
            .map(e -> e.getRight())
            .toList();
    CodeAction addL =
        actions.stream()
            .filter(a -> a.getTitle().equals("add L after R"))
            .findFirst()
            .orElseThrow();
    String fixed = apply(text, addL.getEdit().getChanges().get(uri));
    assertThat(fixed).contains("RewriteRule ^/old$ /new [R=301,L]");
    CodeAction suppress =
        actions.stream()
            .filter(a -> a.getTitle().startsWith("Suppress HT2001"))
            .findFirst()
            .orElseThrow();
    String suppressed = apply(text, suppress.getEdit().getChanges().get(uri));
    assertThat(suppressed)
        .contains(
            "# htaccess-lint disable=leading-slash-in-perdir-pattern -- reason\nRewriteRule ^/old$");

    // The suppressed file, linted again, no longer has the finding.
    server
        .getTextDocumentService()
        .didChange(
            new DidChangeTextDocumentParams(
                new VersionedTextDocumentIdentifier(uri, 2),
                List.of(new TextDocumentContentChangeEvent(suppressed))));
    assertThat(codes(diagnostics(uri, 2))).doesNotContain("HT2001").contains("HT2004");
  }

  /** Applies edits the way an editor does (from the last to the first). */
  private static String apply(String text, List<TextEdit> edits) {
    String[] lines = text.split("\n", -1);
    int[] starts = new int[lines.length + 1];
    for (int i = 0; i < lines.length; i++) {
      starts[i + 1] = starts[i] + lines[i].length() + 1;
    }
    StringBuilder b = new StringBuilder(text);
    edits.stream()
        .sorted(
            (x, y) ->
                Integer.compare(
                    starts[y.getRange().getStart().getLine()]
                        + y.getRange().getStart().getCharacter(),
                    starts[x.getRange().getStart().getLine()]
                        + x.getRange().getStart().getCharacter()))
        .forEach(
            e ->
                b.replace(
                    starts[e.getRange().getStart().getLine()]
                        + e.getRange().getStart().getCharacter(),
                    starts[e.getRange().getEnd().getLine()] + e.getRange().getEnd().getCharacter(),
                    e.getNewText()));
    return b.toString();
  }

  @Test
  void hoverExplainsDirectivesFlagsVariablesAndCaptures() throws Exception {
    String text =
        "RewriteEngine On\n"
            + "RewriteCond %{HTTP_HOST} ^www\\.(.+)$ [NC]\n"
            + "RewriteRule ^(a|b)/(?:x|y)/(.*)$ https://%1/$3 [R=301,L,QSA]\n";
    String uri = open(site.resolve(".htaccess"), text);
    assertThat(hover(uri, 0, 3))
        .contains("**RewriteEngine**", "mod_rewrite", "AllowOverride: FileInfo");
    assertThat(hover(uri, 1, 16)).contains("%{HTTP_HOST}", "Host request header");
    assertThat(hover(uri, 1, 40)).contains("[NC]", "RewriteCond flag");
    assertThat(hover(uri, 2, 14)).contains("`$1`: `(a|b)`", "`$2`: `(.*)`").doesNotContain("$3");
    assertThat(hover(uri, 2, 57)).contains("[QSA]", "query string");
    assertThat(hover(uri, 2, 50)).contains("[R]", "redirect");
  }

  private String hover(String uri, int line, int character) throws Exception {
    var h =
        server
            .getTextDocumentService()
            .hover(new HoverParams(new TextDocumentIdentifier(uri), new Position(line, character)))
            .get(10, TimeUnit.SECONDS);
    return h == null ? "" : h.getContents().getRight().getValue();
  }

  @Test
  void completionOffersWhatFitsWhereTheCursorIs() throws Exception {
    String text =
        "Rewrite\nRewriteRule ^a$ /b [Q\nRewriteCond %{REQ\nRewriteOptions Inh\n<IfModule mod_rew\nRewriteMap\n";
    String uri = open(site.resolve(".htaccess"), text);
    assertThat(complete(uri, 0, 7))
        .contains("RewriteRule", "RewriteCond", "RewriteEngine")
        .doesNotContain("RewriteMap");
    assertThat(complete(uri, 1, 21)).containsExactlyInAnyOrder("QSA", "QSD", "QSL");
    assertThat(complete(uri, 2, 17))
        .contains("REQUEST_URI", "REQUEST_FILENAME")
        .doesNotContain("HTTP_HOST");
    assertThat(complete(uri, 3, 18)).contains("Inherit", "InheritBefore", "InheritDown");
    assertThat(complete(uri, 4, 17)).contains("mod_rewrite.c");
  }

  private List<String> complete(String uri, int line, int character) throws Exception {
    List<CompletionItem> items =
        server
            .getTextDocumentService()
            .completion(
                new CompletionParams(
                    new TextDocumentIdentifier(uri), new Position(line, character)))
            .get(10, TimeUnit.SECONDS)
            .getLeft();
    return items.stream().map(CompletionItem::getLabel).toList();
  }

  @Test
  void tryingAUrlShowsTheOutcomeAndHighlightsTheRulesThatMatched() throws Exception {
    Files.writeString(site.resolve("index.php"), "<?php\n");
    String text =
        "RewriteEngine On\n"
            + "RewriteRule ^old$ /new [R=301,L]\n"
            + "RewriteCond %{REQUEST_FILENAME} !-f\n"
            + "RewriteRule ^ index.php [L]\n";
    String uri = open(site.resolve(".htaccess"), text);
    var lenses =
        server
            .getTextDocumentService()
            .codeLens(new CodeLensParams(new TextDocumentIdentifier(uri)))
            .get(10, TimeUnit.SECONDS);
    assertThat(lenses).hasSize(1);
    assertThat(lenses.get(0).getRange().getStart().getLine()).isEqualTo(1);
    assertThat(lenses.get(0).getCommand().getCommand()).isEqualTo(HtaccessLanguageServer.TRY_URL);

    Object answer =
        server
            .getWorkspaceService()
            .executeCommand(
                new ExecuteCommandParams(
                    HtaccessLanguageServer.TRY_URL, List.of(uri, "/blog/post?id=3")))
            .get(20, TimeUnit.SECONDS);
    assertThat(answer.toString()).contains("index.php", "GET /blog/post?id=3");
    List<? extends DocumentHighlight> lit =
        server
            .getTextDocumentService()
            .documentHighlight(
                new DocumentHighlightParams(new TextDocumentIdentifier(uri), new Position(0, 0)))
            .get(10, TimeUnit.SECONDS);
    assertThat(lit.stream().map(h -> h.getRange().getStart().getLine()).toList())
        .contains(2, 3)
        .doesNotContain(1);

    Object redirect =
        server
            .getWorkspaceService()
            .executeCommand(
                new ExecuteCommandParams(
                    HtaccessLanguageServer.TRY_URL, List.of(uri, "http://example.org/old")))
            .get(20, TimeUnit.SECONDS);
    assertThat(redirect.toString()).contains("301", "http://example.org/new");
  }

  @Test
  void aFrameworksPublicDirectoryIsTheDocumentRootUrlsAreTriedAgainst() throws Exception {
    // Laravel's layout: the workspace is the project, the site is public/
    Files.createDirectories(site.resolve("public"));
    Files.writeString(site.resolve("public/index.php"), "<?php\n");
    String text =
        "RewriteEngine On\n"
            + "RewriteCond %{REQUEST_FILENAME} !-f\n"
            + "RewriteRule ^ index.php [L]\n";
    String uri = open(site.resolve("public/.htaccess"), text);
    Object answer =
        server
            .getWorkspaceService()
            .executeCommand(
                new ExecuteCommandParams(HtaccessLanguageServer.TRY_URL, List.of(uri, "/users/7")))
            .get(20, TimeUnit.SECONDS);
    // "/users/7" is public/users/7 on disk: the front controller serves it (not a 404 of
    // /users/7 in the project's directory)
    assertThat(((Map<?, ?>) answer).get("outcome").toString()).startsWith("200 serve /index.php ");
  }
}
