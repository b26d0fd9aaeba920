package dev.htaccess.cli;

import dev.htaccess.report.AstRenderer;
import dev.htaccess.report.DiagnosticPrinter;
import dev.htaccess.report.Json;
import dev.htaccess.source.Diagnostic;
import dev.htaccess.source.SourceFile;
import dev.htaccess.syntax.HtaccessReader;
import dev.htaccess.syntax.ParseResult;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code htaccess parse FILE...}: prints the AST, or the syntax errors Apache would report. */
@Command(
    name = "parse",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Parse configuration files and print their syntax tree.",
      "Errors go to standard error as path:line:col: error: message."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:every file parsed without error",
      "1:a file has syntax errors (Apache would answer 500)",
      "2:usage error",
      "3:a file could not be read"
    })
final class ParseCommand implements Callable<Integer> {

  enum Format {
    text,
    json
  }

  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Files to parse; - reads stdin.")
  List<String> files = new ArrayList<>();

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Format format = Format.text;

  @Option(
      names = "--server-config",
      description = "Read the files as server configuration (no .htaccess line-length limit).")
  boolean serverConfig;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    int exit = ExitCodes.OK;
    List<Object> jsonFiles = new ArrayList<>();
    for (String name : files) {
      SourceFile file = InputFiles.read(name, System.in, err);
      if (file == null) {
        exit = Math.max(exit, ExitCodes.UNREADABLE);
        continue;
      }
      ParseResult result =
          HtaccessReader.read(
              file,
              serverConfig ? HtaccessReader.Kind.SERVER_CONFIG : HtaccessReader.Kind.HTACCESS);
      for (Diagnostic d : result.diagnostics()) {
        err.println(DiagnosticPrinter.withSource(d, file));
      }
      if (result.hasErrors() && exit == ExitCodes.OK) {
        exit = ExitCodes.FINDINGS;
      }
      if (format == Format.json) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("file", file.path());
        o.put("directives", AstRenderer.json(result.nodes()));
        List<Object> errors = new ArrayList<>();
        for (Diagnostic d : result.diagnostics()) {
          Map<String, Object> e = new LinkedHashMap<>();
          e.put("code", d.code());
          e.put("severity", d.severity().label());
          e.put("message", d.message());
          e.put("span", AstRenderer.span(d.span()));
          errors.add(e);
        }
        o.put("diagnostics", errors);
        jsonFiles.add(o);
      } else {
        if (files.size() > 1) {
          out.println("# " + file.path());
        }
        out.print(AstRenderer.text(result.nodes()));
      }
    }
    if (format == Format.json) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("version", 1);
      doc.put("files", jsonFiles);
      out.println(Json.pretty(doc));
    }
    return exit;
  }
}
