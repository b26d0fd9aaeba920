package dev.htaccess.cli;

import dev.htaccess.lint.Check;
import dev.htaccess.lint.CheckInfo;
import dev.htaccess.lint.CheckRegistry;
import dev.htaccess.lint.Finding;
import dev.htaccess.lint.Fixer;
import dev.htaccess.lint.LintConfig;
import dev.htaccess.lint.LintConfigFile;
import dev.htaccess.lint.LintSettings;
import dev.htaccess.lint.Linter;
import dev.htaccess.report.FindingsReport;
import dev.htaccess.report.UnifiedDiff;
import dev.htaccess.source.RawText;
import dev.htaccess.source.Severity;
import dev.htaccess.source.SourceFile;
import dev.htaccess.syntax.HtaccessReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code htaccess lint}: what Apache would refuse, and rules that do not do what they seem to. */
@Command(
    name = "lint",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Check .htaccess files: everything Apache 2.4 would answer with a 500, and rules that loop,"
          + " never match, redirect or proxy openly, or need a newer Apache.",
      "PATH is a file, a directory (searched for .htaccess and htaccess.txt) or - for stdin;"
          + " default: the current directory."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:nothing at or above the fail level",
      "1:findings at or above the fail level",
      "2:usage error",
      "3:an input could not be read"
    })
final class LintCommand implements Callable<Integer> {

  enum Format {
    text,
    json,
    sarif,
    checkstyle,
    github,
    gcc,
    diff
  }

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "PATH", arity = "0..*", description = "Files or directories.")
  List<String> paths = new ArrayList<>();

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description =
          "text, json, sarif, checkstyle, github, gcc, or diff: the certain fixes as a unified"
              + " diff, files left as they are (default: text).")
  Format format = Format.text;

  @Option(
      names = "--fix",
      description =
          "Apply the certain fixes in place (each verified: the fixed file lints with no new error"
              + " and without the finding), then report what remains.")
  boolean fix;

  @Option(
      names = "--apache-version",
      paramLabel = "2.4.N",
      description = "The oldest Apache the files must run on (default: the newest).")
  String apacheVersion;

  @Option(
      names = "--allow-override",
      paramLabel = "All|None|CLASS,...",
      split = ",",
      description = "The AllowOverride classes the server grants (default: All).")
  List<String> allowOverride;

  @Option(
      names = "--assume-modules",
      paramLabel = "LIST",
      split = ",",
      description =
          "The modules loaded (rewrite,headers,... or mod_rewrite,...); default: any standard module may be.")
  List<String> assumeModules;

  @Option(
      names = "--fail-level",
      paramLabel = "LEVEL",
      description =
          "error, warning or info: the lowest severity that makes the exit code 1 (default: error).")
  String failLevel;

  @Option(
      names = "--enable",
      paramLabel = "CHECK,...",
      split = ",",
      description = "Run only these checks (codes or names).")
  List<String> enable;

  @Option(
      names = "--disable",
      paramLabel = "CHECK,...",
      split = ",",
      description = "Do not run these checks.")
  List<String> disable;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "Configuration file (default: .htaccess-lint.toml searched upward from the first PATH).")
  Path config;

  @Option(
      names = "--no-inline-suppressions",
      description = "Ignore '# htaccess-lint disable=...' comments.")
  boolean noInlineSuppressions;

  @Option(names = "--list-checks", description = "List every check and exit.")
  boolean listChecks;

  @Option(
      names = "--explain",
      paramLabel = "CHECK",
      description = "Print the documentation of a check and exit.")
  String explain;

  @Option(
      names = "--docs-url",
      paramLabel = "URL",
      description = "Base URL of the check documentation, for SARIF help links.",
      hidden = true)
  String docsUrl;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (listChecks) {
      listChecks(out);
      return ExitCodes.OK;
    }
    if (explain != null) {
      return explain(out, err);
    }
    if (paths.isEmpty()) {
      paths.add(".");
    }
    LintConfigFile file;
    try {
      Path cfg =
          config != null
              ? config
              : LintConfigFile.find(Path.of(paths.get(0).equals("-") ? "." : paths.get(0)));
      if (config != null && !Files.isRegularFile(config)) {
        err.println(config + ": cannot read: no such file");
        return ExitCodes.UNREADABLE;
      }
      file = cfg == null ? null : LintConfigFile.read(cfg);
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      return ExitCodes.USAGE;
    }
    Severity fail;
    LintConfig lintConfig;
    try {
      fail = severity(first(failLevel, file == null ? null : file.string("fail-level"), "error"));
      lintConfig = buildConfig(file);
    } catch (IllegalArgumentException e) {
      err.println("htaccess lint: " + e.getMessage());
      return ExitCodes.USAGE;
    }
    List<SourceFile> inputs = new ArrayList<>();
    boolean unreadable = !readInputs(inputs, err);
    Linter linter = new Linter(lintConfig);
    if (format == Format.diff || fix) {
      int status = applyFixes(linter, inputs, out, err);
      if (status != ExitCodes.OK || format == Format.diff) {
        return unreadable ? ExitCodes.UNREADABLE : status;
      }
      inputs = reread(inputs, err);
    }
    List<FindingsReport.FileFindings> results = new ArrayList<>();
    boolean failed = false;
    for (List<Finding> findings : lintAll(linter, inputs)) {
      results.add(new FindingsReport.FileFindings(inputs.get(results.size()), findings));
      failed |= findings.stream().anyMatch(f -> f.severity().atLeast(fail));
    }
    render(results, out, err);
    if (unreadable) {
      return ExitCodes.UNREADABLE;
    }
    return failed ? ExitCodes.FINDINGS : ExitCodes.OK;
  }

  private static void listChecks(PrintWriter out) {
    for (Check c : CheckRegistry.all()) {
      CheckInfo i = c.info();
      out.printf(
          Locale.ROOT,
          "%s  %-32s %-7s %s%n",
          i.code(),
          i.name(),
          i.severity().label(),
          i.summary());
    }
  }

  private int explain(PrintWriter out, PrintWriter err) {
    var check = CheckRegistry.find(explain);
    if (check.isEmpty()) {
      err.println("htaccess lint: no check called '" + explain + "' (see --list-checks)");
      return ExitCodes.USAGE;
    }
    String doc = documentation(check.get().info().code());
    CheckInfo i = check.get().info();
    out.println(i.code() + " " + i.name() + " (" + i.severity().label() + "): " + i.summary());
    if (doc != null) {
      out.println();
      out.print(doc);
    }
    return ExitCodes.OK;
  }

  /**
   * Reads every path: standard input for {@code -}, the .htaccess (and htaccess.txt) files under a
   * folder, a file as it is. False when one could not be read (reported on {@code err}).
   */
  private boolean readInputs(List<SourceFile> inputs, PrintWriter err) throws IOException {
    boolean allRead = true;
    for (String p : paths) {
      if (p.equals("-")) {
        inputs.add(new SourceFile("<stdin>", RawText.fromBytes(readAll(System.in))));
        continue;
      }
      Path path = Path.of(p);
      if (Files.isDirectory(path)) {
        try (Stream<Path> walk = Files.walk(path)) {
          for (Path f :
              walk.filter(Files::isRegularFile)
                  .filter(
                      f -> {
                        String n = f.getFileName().toString();
                        return n.equals(".htaccess") || n.equals("htaccess.txt");
                      })
                  .sorted()
                  .toList()) {
            inputs.add(SourceFile.read(f));
          }
        }
      } else {
        SourceFile sf = InputFiles.read(p, System.in, err);
        if (sf == null) {
          allRead = false;
        } else {
          inputs.add(sf);
        }
      }
    }
    return allRead;
  }

  private void render(List<FindingsReport.FileFindings> results, PrintWriter out, PrintWriter err) {
    String version = new VersionProvider().getVersion()[0].replace("htaccess ", "");
    String base = docsUrl != null ? docsUrl : docsBase();
    switch (format) {
      case json -> out.print(FindingsReport.json(results));
      case sarif -> out.print(FindingsReport.sarif(results, version, base));
      case checkstyle -> out.print(FindingsReport.checkstyle(results));
      case github -> out.print(FindingsReport.github(results));
      case gcc -> out.print(FindingsReport.gcc(results));
      default -> {
        boolean color = System.console() != null && System.getenv("NO_COLOR") == null;
        out.print(FindingsReport.text(results, color));
        if (!results.isEmpty()) {
          err.println(FindingsReport.summary(results));
        }
      }
    }
  }

  private LintConfig buildConfig(LintConfigFile file) {
    return LintSettings.resolve(
        file,
        new LintSettings.Choices(
            apacheVersion, allowOverride, assumeModules, enable, disable, noInlineSuppressions));
  }

  private static Severity severity(String word) {
    return LintSettings.severity(word);
  }

  private static String first(String a, String b, String fallback) {
    return a != null ? a : b != null ? b : fallback;
  }

  private static byte[] readAll(InputStream in) throws IOException {
    return in.readAllBytes();
  }

  /** The bundled documentation page of a check. */
  static String documentation(String code) {
    try (InputStream in = LintCommand.class.getResourceAsStream("/docs/checks/" + code + ".md")) {
      return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return null;
    }
  }

  /** file:// URL of the docs/checks directory of this installation, for SARIF help links. */
  static String docsBase() {
    try {
      Path jar =
          Path.of(LintCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      Path docs = jar.getParent().getParent().resolve("docs/checks");
      return docs.toUri().toString();
    } catch (Exception e) {
      return "docs/checks/";
    }
  }

  /** A lint thread's stack: as deep as the command line's (sections nest thousands deep). */
  private static final long LINT_STACK = 64L << 20;

  /**
   * The findings of each file, in the order given: files are linted side by side, one thread per
   * core, since the loop and taint checks run the engine on each.
   */
  private static List<List<Finding>> lintAll(Linter linter, List<SourceFile> inputs) {
    int threads = Math.min(Runtime.getRuntime().availableProcessors(), inputs.size());
    if (threads <= 1) {
      return inputs.stream().map(sf -> linter.lint(HtaccessReader.read(sf))).toList();
    }
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(
            threads,
            r -> {
              Thread t = new Thread(null, r, "lint", LINT_STACK);
              t.setDaemon(true);
              return t;
            });
    try {
      List<java.util.concurrent.Future<List<Finding>>> futures = new ArrayList<>();
      for (SourceFile sf : inputs) {
        futures.add(pool.submit(() -> linter.lint(HtaccessReader.read(sf))));
      }
      List<List<Finding>> out = new ArrayList<>();
      for (java.util.concurrent.Future<List<Finding>> f : futures) {
        out.add(f.get());
      }
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * The fixes of each file: printed as a unified diff ({@code --format diff}), or written in place
   * ({@code --fix}). Returns FINDINGS when a diff was printed, USAGE for --fix on standard input.
   */
  private int applyFixes(Linter linter, List<SourceFile> inputs, PrintWriter out, PrintWriter err)
      throws IOException {
    Fixer fixer = new Fixer(linter);
    boolean changed = false;
    for (SourceFile sf : inputs) {
      Fixer.Result r = fixer.fix(sf);
      if (r.applied().isEmpty()) {
        continue;
      }
      changed = true;
      if (format == Format.diff) {
        out.print(
            UnifiedDiff.of(
                sf.path(),
                new String(RawText.toBytes(sf.text()), java.nio.charset.StandardCharsets.UTF_8),
                new String(RawText.toBytes(r.text()), java.nio.charset.StandardCharsets.UTF_8)));
      } else if (sf.path().equals("<stdin>")) {
        err.println("htaccess lint: --fix rewrites files; for standard input use --format diff");
        return ExitCodes.USAGE;
      } else {
        java.nio.file.Files.write(java.nio.file.Path.of(sf.path()), RawText.toBytes(r.text()));
        for (String a : r.applied()) {
          err.println(sf.path() + ":" + a);
        }
      }
    }
    out.flush();
    return format == Format.diff && changed ? ExitCodes.FINDINGS : ExitCodes.OK;
  }

  private static List<SourceFile> reread(List<SourceFile> inputs, PrintWriter err)
      throws IOException {
    List<SourceFile> out = new ArrayList<>();
    for (SourceFile sf : inputs) {
      out.add(sf.path().equals("<stdin>") ? sf : SourceFile.read(java.nio.file.Path.of(sf.path())));
    }
    return out;
  }
}
