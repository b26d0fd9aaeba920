package dev.htaccess.cli;

import dev.htaccess.eval.Evaluator;
import dev.htaccess.lint.Finding;
import dev.htaccess.lint.LintConfig;
import dev.htaccess.lint.Linter;
import dev.htaccess.model.ConfigNode;
import dev.htaccess.model.GenericDirective;
import dev.htaccess.model.RewriteCond;
import dev.htaccess.model.RewriteRule;
import dev.htaccess.model.Section;
import dev.htaccess.replay.Coverage;
import dev.htaccess.replay.WeightedRequest;
import dev.htaccess.report.CoverageReport;
import dev.htaccess.source.SourceFile;
import dev.htaccess.syntax.HtaccessReader;
import dev.htaccess.syntax.ParseResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code htaccess coverage}: which rules the traffic ever fires. */
@Command(
    name = "coverage",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Replay requests through a document root's .htaccess files and count, for every"
          + " RewriteRule, RewriteCond, Redirect and Require line and <If> section, the requests"
          + " that reached it, matched it and were decided by it."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:report written", "2:usage error", "3:an input could not be read"})
final class CoverageCommand implements Callable<Integer> {

  enum Format {
    text,
    json,
    lcov,
    html
  }

  @Spec CommandSpec spec;

  @Mixin SiteOptions site;

  @Mixin ReplayInputs inputs;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description = "text, json, lcov (for coverage tools and editor gutters) or html.")
  Format format = Format.text;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    int unreadable = site.check(err);
    if (unreadable != 0) {
      return unreadable;
    }
    List<WeightedRequest> traffic = new ArrayList<>();
    int status = inputs.read(traffic, err, "coverage");
    if (status != ExitCodes.OK) {
      return status;
    }
    Evaluator evaluator = Evaluator.create(inputs.options(site));
    if (site.refusedByApache(evaluator, err, "coverage")) {
      return ExitCodes.USAGE;
    }
    Path root = site.docroot.toAbsolutePath().normalize();
    Map<String, SourceFile> files = new HashMap<>();
    List<Coverage.Target> targets = new ArrayList<>();
    Set<String> names = new TreeSet<>(OldConfiguration.htaccessFiles(root));
    Linter linter = new Linter(LintConfig.defaults());
    for (String rel : names) {
      SourceFile file = SourceFile.read(root.resolve(rel));
      files.put(rel, file);
      ParseResult parsed = HtaccessReader.read(file);
      targets(rel, parsed.nodes(), cannotFire(linter.lint(parsed)), targets);
    }
    Coverage.Result result = Coverage.run(evaluator, root.toString(), traffic, targets);
    java.util.function.Function<String, List<String>> sources =
        rel -> {
          SourceFile f = files.get(rel);
          List<String> lines = new ArrayList<>();
          for (int i = 1; f != null && i <= f.lineCount(); i++) {
            lines.add(f.line(i));
          }
          if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1); // after the last line end
          }
          return lines;
        };
    out.print(
        switch (format) {
          case text -> CoverageReport.text(result, sources);
          case json -> CoverageReport.json(result);
          case lcov -> CoverageReport.lcov(result, rel -> root.resolve(rel).toString());
          case html -> CoverageReport.html(result, sources);
        });
    if (format != Format.text) {
      err.println(CoverageReport.headline(result));
    }
    return ExitCodes.OK;
  }

  /**
   * The lint checks that find a rule no request can fire, whatever the traffic: what they say, by
   * line.
   */
  private static final Set<String> CANNOT_FIRE =
      Set.of(
          "HT2001", // a ^/ pattern in .htaccess
          "HT2003", // RewriteEngine never On
          "HT2007", // after an unconditional catch-all that stops
          "HT2012"); // a pattern for the query string

  private static final Set<String> REDIRECTS =
      Set.of("redirect", "redirectmatch", "redirectpermanent", "redirecttemp");

  private static Map<Integer, String> cannotFire(List<Finding> findings) {
    Map<Integer, String> out = new HashMap<>();
    for (Finding f : findings) {
      if (CANNOT_FIRE.contains(f.code())) {
        out.putIfAbsent(f.span().line(), f.code() + " " + f.message());
      }
    }
    return out;
  }

  /**
   * The rules, conditions, Redirect and Require lines and {@code <If>} sections of a file, walked
   * without recursion.
   */
  private static void targets(
      String file,
      List<ConfigNode> nodes,
      Map<Integer, String> cannotFire,
      List<Coverage.Target> out) {
    Deque<ConfigNode> todo = new ArrayDeque<>(nodes);
    while (!todo.isEmpty()) {
      ConfigNode n = todo.pop();
      if (n instanceof RewriteRule r) {
        int line = r.span().line();
        out.add(new Coverage.Target(file, line, Coverage.Kind.RULE, cannotFire.get(line)));
      } else if (n instanceof RewriteCond c) {
        out.add(new Coverage.Target(file, c.span().line(), Coverage.Kind.CONDITION, null));
      } else if (n instanceof GenericDirective g && REDIRECTS.contains(g.key())) {
        out.add(new Coverage.Target(file, g.span().line(), Coverage.Kind.REDIRECT, null));
      } else if (n instanceof GenericDirective g && g.key().equals("require")) {
        out.add(new Coverage.Target(file, g.span().line(), Coverage.Kind.REQUIRE, null));
      } else if (n instanceof Section s) {
        if (List.of("if", "elseif", "else").contains(s.key())) {
          out.add(new Coverage.Target(file, s.span().line(), Coverage.Kind.SECTION, null));
        }
        List<ConfigNode> children = s.children();
        for (int i = children.size() - 1; i >= 0; i--) {
          todo.push(children.get(i));
        }
      }
    }
  }
}
