package dev.htaccess.cli;

import dev.htaccess.eval.Evaluator;
import dev.htaccess.eval.EvaluatorOptions;
import dev.htaccess.eval.HtaccessOverlay;
import dev.htaccess.replay.Field;
import dev.htaccess.replay.TrafficDiff;
import dev.htaccess.replay.WeightedRequest;
import dev.htaccess.report.DiffReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code htaccess diff}: what a configuration change does to real traffic. */
@Command(
    name = "diff",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Replay requests under the old and the new .htaccess files of a document root (the same"
          + " files for -f and -d) and report only the requests whose answer changes, grouped by"
          + " kind of change and weighted by how often they occur."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:no request changes (or only in kinds --fail-on leaves out)",
      "1:requests change in a kind --fail-on names (default: any)",
      "2:usage error",
      "3:an input could not be read"
    })
final class DiffCommand implements Callable<Integer> {

  enum Format {
    text,
    json,
    markdown,
    html
  }

  @Spec CommandSpec spec;

  @Mixin SiteOptions site;

  @Mixin ReplayInputs inputs;

  @Option(
      names = "--against",
      paramLabel = "OLD_DIR",
      description = "The old configuration: the .htaccess files of this directory.")
  Path against;

  @Option(
      names = "--old",
      paramLabel = "FILE",
      description = "With --new: the old and new versions of the document root's .htaccess.")
  Path oldFile;

  @Option(names = "--new", paramLabel = "FILE", description = "See --old.")
  Path newFile;

  @Option(
      names = "--git-rev",
      paramLabel = "REV",
      description = "The old configuration: the .htaccess files as of this git revision.")
  String gitRev;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description = "text, json, markdown (for a pull-request comment) or html (default: text).")
  Format format = Format.text;

  @Option(
      names = "--fail-on",
      paramLabel = "CHANGE",
      split = ",",
      description =
          "Kinds of change that make the exit code 1: status, redirect, proxy, file, rewrite,"
              + " content-type, cookie, or any (the default).")
  List<String> failOn = new ArrayList<>(List.of("any"));

  @Option(
      names = "--sample",
      paramLabel = "N",
      description = "Examples shown per kind of change (default: ${DEFAULT-VALUE}).")
  int sample = 5;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    int unreadable = site.check(err);
    if (unreadable != 0) {
      return unreadable;
    }
    int sources = (against != null ? 1 : 0) + (gitRev != null ? 1 : 0);
    sources += oldFile != null || newFile != null ? 1 : 0;
    if (sources != 1 || (oldFile == null) != (newFile == null)) {
      err.println("htaccess diff: give one of --against OLD_DIR, --old FILE --new FILE, --git-rev");
      return ExitCodes.USAGE;
    }
    if (sample < 0) {
      err.println("htaccess diff: --sample must be 0 or more");
      return ExitCodes.USAGE;
    }
    Set<Field> failing;
    try {
      failing = failing(failOn);
    } catch (IllegalArgumentException e) {
      err.println("htaccess diff: --fail-on: " + e.getMessage());
      return ExitCodes.USAGE;
    }
    HtaccessOverlay before;
    HtaccessOverlay after = HtaccessOverlay.NONE;
    try {
      if (against != null) {
        before = OldConfiguration.directory(site.docroot, against);
      } else if (gitRev != null) {
        before = OldConfiguration.gitRevision(site.docroot, gitRev);
      } else {
        before = OldConfiguration.swap(site.docroot, oldFile);
        after = OldConfiguration.swap(site.docroot, newFile);
      }
    } catch (OldConfiguration.Unreadable e) {
      err.println(e.getMessage());
      return ExitCodes.UNREADABLE;
    }
    List<WeightedRequest> traffic = new ArrayList<>();
    int status = inputs.read(traffic, err, "diff");
    if (status != ExitCodes.OK) {
      return status;
    }
    EvaluatorOptions options = inputs.options(site);
    Evaluator old = Evaluator.create(options.withOverlay(before));
    if (site.refusedByApache(old, err, "diff")) {
      return ExitCodes.USAGE;
    }
    Evaluator current = Evaluator.create(options.withOverlay(after));
    String docroot = site.docroot.toAbsolutePath().normalize().toString();
    TrafficDiff.Result result = TrafficDiff.run(old, current, docroot, traffic, sample);
    out.print(
        switch (format) {
          case text -> DiffReport.text(result);
          case json -> DiffReport.json(result);
          case markdown -> DiffReport.markdown(result);
          case html -> DiffReport.html(result, traces(old, current, traffic));
        });
    if (format != Format.text) {
      err.println(DiffReport.headline(result));
    }
    boolean fails = result.groups().stream().anyMatch(g -> failing.contains(g.field()));
    return fails ? ExitCodes.FINDINGS : ExitCodes.OK;
  }

  /**
   * The full trace of a change's old or new side, evaluated again (only the examples are shown).
   */
  private static java.util.function.BiFunction<TrafficDiff.Change, Boolean, String> traces(
      Evaluator old, Evaluator current, List<WeightedRequest> traffic) {
    java.util.Map<String, WeightedRequest> byLabel = new java.util.HashMap<>();
    traffic.forEach(w -> byLabel.putIfAbsent(w.label(), w));
    return (change, before) -> {
      WeightedRequest w = byLabel.get(change.request());
      if (w == null) {
        return null;
      }
      Evaluator e = before ? old : current;
      return dev.htaccess.report.TraceRenderer.text(w.label(), e.evaluate(w.spec()));
    };
  }

  private static Set<Field> failing(List<String> names) {
    Set<Field> out = EnumSet.noneOf(Field.class);
    for (String n : names) {
      if (n.trim().equalsIgnoreCase("any")) {
        out.addAll(EnumSet.allOf(Field.class));
      } else if (!n.isBlank()) {
        out.add(Field.fromCliName(n));
      }
    }
    return out;
  }
}
