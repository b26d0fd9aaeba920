package dev.htaccess.lint.probe;

import dev.htaccess.eval.Evaluation;
import dev.htaccess.eval.trace.TraceEvent;
import dev.htaccess.lint.LintContext;
import dev.htaccess.model.RuleFlagKind;
import dev.htaccess.regex.Witness;
import dev.htaccess.source.SourceSpan;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Internal rewrite loops found by running the real engine: requests in the shapes the rules accept
 * (a witness of each pattern, and plain paths), first with no file in the document root, then with
 * each requested file present, so that {@code -f}/{@code -d} guards are exercised both ways. A
 * request that ends in Apache's 500 for LimitInternalRecursion is a loop; the rule that rewrote in
 * its last round is the one to blame.
 */
public final class RewriteLoops {

  private RewriteLoops() {}

  /** How many requests a file is probed with, at most (each in two states of its files). */
  private static final int MAX_PATHS = 24;

  /**
   * How many of the rules' targets are made, at most: each is a file or directory written to disk
   * (a millisecond or more apiece on a virtual disk), and a file of thousands of rules is probed by
   * its first ones anyway.
   */
  private static final int MAX_TARGETS = 32;

  /** A request that loops, the URIs of its rounds, and the rule that keeps it going. */
  public record Loop(String request, List<String> rounds, SourceSpan rule, boolean withFile) {}

  /** The loops of the file's rules, at most one per rule. */
  public static List<Loop> find(LintContext context) {
    List<String> paths = requestPaths(context);
    List<Loop> out = new ArrayList<>();
    if (paths.isEmpty()) {
      return out;
    }
    Set<Integer> blamed = new java.util.HashSet<>();
    // As deployed: what the rules rewrite to (the front controller, the directory) exists; the
    // requested files do not, then they do too.
    try (SiteProbe probe = new SiteProbe(context)) {
      targets(context).forEach(probe::addFile);
      for (String path : paths) {
        loop(context, probe, path, false)
            .filter(l -> blamed.add(l.rule().line()))
            .ifPresent(out::add);
      }
      if (!testsFiles(context)) {
        return out; // no condition looks at the file system: its files change nothing
      }
      for (String path : paths) {
        probe.addFile(path.substring(1));
      }
      for (String path : paths) {
        loop(context, probe, path, true)
            .filter(l -> blamed.add(l.rule().line()))
            .ifPresent(out::add);
      }
    }
    return out;
  }

  private static boolean testsFiles(LintContext context) {
    for (LintContext.Rule r : context.rules()) {
      for (var c : r.conditions()) {
        if (c.pattern() instanceof dev.htaccess.model.CondPattern.FileTest
            || c.pattern() instanceof dev.htaccess.model.CondPattern.Expression) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * The files and directories the rules rewrite to, from the fixed start of each substitution:
   * {@code index.php/$1} names index.php, {@code public/$1} the directory public/.
   */
  private static Set<String> targets(LintContext context) {
    Set<String> out = new LinkedHashSet<>();
    for (LintContext.Rule r : context.rules()) {
      if (out.size() >= MAX_TARGETS) {
        break;
      }
      if (!rewritesInternally(r.rule())) {
        continue; // a redirect's or proxy's target is another request, not a file of this one
      }
      var parts = new ArrayList<>(r.rule().substitution().parts());
      // A leading %{ENV:BASE} or %1 (a base the rules worked out) is taken as empty.
      while (!parts.isEmpty()
          && (parts.get(0) instanceof dev.htaccess.model.Template.Variable
              || parts.get(0) instanceof dev.htaccess.model.Template.CondBackref)) {
        parts.remove(0);
      }
      if (r.rule().noSubstitution()
          || parts.isEmpty()
          || !(parts.get(0) instanceof dev.htaccess.model.Template.Literal l)) {
        continue;
      }
      String fixed = l.text();
      int cut = fixed.indexOf('?');
      if (cut >= 0) {
        fixed = fixed.substring(0, cut);
        parts = new ArrayList<>(parts.subList(0, 1)); // the path ends here
      }
      if (fixed.contains("://")) {
        continue;
      }
      while (fixed.startsWith("/")) {
        fixed = fixed.substring(1);
      }
      if (parts.size() > 1 && !fixed.endsWith("/") && fixed.indexOf('/') >= 0) {
        fixed = fixed.substring(0, fixed.lastIndexOf('/') + 1); // a partial last segment
      } else if (parts.size() > 1 && !fixed.endsWith("/")) {
        continue;
      }
      StringBuilder path = new StringBuilder();
      for (String segment : fixed.split("/")) {
        if (segment.isEmpty()) {
          continue;
        }
        path.append(segment);
        if (segment.contains(".")) {
          break; // a file: what follows is path info
        }
        path.append('/');
      }
      if (path.length() > 0) {
        out.add(path.toString());
      }
    }
    return out;
  }

  private static Optional<Loop> loop(
      LintContext context, SiteProbe probe, String path, boolean withFile) {
    var outcome = probe.request("GET", path, List.of());
    if (outcome == null || outcome.status() != 500) {
      return Optional.empty();
    }
    Evaluation e = probe.evaluate("GET", path, List.of());
    if (e == null) {
      return Optional.empty();
    }
    boolean limit = false;
    List<String> rounds = new ArrayList<>();
    SourceSpan lastRewrite = null;
    for (TraceEvent t : e.trace()) {
      if (t instanceof TraceEvent.RecursionLimit) {
        limit = true;
      } else if (t instanceof TraceEvent.Round r) {
        rounds.add(r.uri() + (r.query() == null ? "" : "?" + r.query()));
      } else if (t instanceof TraceEvent.Substituted s && s.span() != null) {
        lastRewrite = s.span();
      }
    }
    if (!limit || lastRewrite == null) {
      return Optional.empty();
    }
    // The trace names the probe's copy of the file: the same lines of the file under lint.
    SourceSpan span =
        new SourceSpan(
            context.file().path(),
            lastRewrite.line(),
            lastRewrite.column(),
            lastRewrite.endLine(),
            lastRewrite.endColumn());
    return Optional.of(new Loop("GET " + path, rounds, span, withFile));
  }

  /** Whether a rule hands the request on inside this server: the rules that can loop. */
  private static boolean rewritesInternally(dev.htaccess.model.RewriteRule rule) {
    return !rule.noSubstitution()
        && !rule.has(RuleFlagKind.REDIRECT)
        && !rule.has(RuleFlagKind.PROXY)
        && !rule.has(RuleFlagKind.FORBIDDEN)
        && !rule.has(RuleFlagKind.GONE);
  }

  /** Paths the rules accept: each internal rewrite's pattern witnessed, and two plain ones. */
  private static List<String> requestPaths(LintContext context) {
    Set<String> paths = new LinkedHashSet<>();
    boolean internal = false;
    for (LintContext.Rule r : context.rules()) {
      var rule = r.rule();
      if (!rewritesInternally(rule)) {
        continue;
      }
      internal = true;
      if (paths.size() >= MAX_PATHS - 2) {
        break; // enough shapes: a file of thousands of rules is probed by its first ones
      }
      if (!rule.negated()) {
        Witness.of(rule.pattern(), rule.has(RuleFlagKind.NO_CASE), Map.of())
            .filter(w -> !w.isEmpty() && w.indexOf('?') < 0 && w.indexOf('#') < 0)
            .map(w -> w.startsWith("/") ? w : "/" + w)
            .filter(w -> w.chars().allMatch(c -> c > ' ' && c < 0x7f))
            .ifPresent(paths::add);
      }
    }
    if (!internal) {
      return List.of();
    }
    paths.add("/lint-probe.html");
    paths.add("/lint-probe/page");
    return List.copyOf(paths);
  }
}
