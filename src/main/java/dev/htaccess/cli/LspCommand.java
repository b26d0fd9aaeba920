package dev.htaccess.cli;

import dev.htaccess.lsp.HtaccessLanguageServer;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code htaccess lsp}: the language server, over standard input and output. */
@Command(
    name = "lsp",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Run the language server for .htaccess files over stdin/stdout (the Language Server"
          + " Protocol): diagnostics, fixes, hover, completion and a dry run of a URL.",
      "Editors start it; see the README for VS Code, Neovim, Helix and Emacs."
    })
final class LspCommand implements Callable<Integer> {

  @Override
  public Integer call() throws InterruptedException {
    // Everything on stdout is the protocol's: nothing else may be printed there.
    java.io.PrintStream protocol = System.out;
    System.setOut(System.err);
    return HtaccessLanguageServer.run(
        System.in,
        protocol,
        LintCommand.docsBase(),
        new VersionProvider().getVersion()[0].replace("htaccess ", ""));
  }
}
