package dev.htaccess.eval;

import dev.htaccess.source.SourceSpan;
import java.util.List;

/**
 * One step of an evaluation, as typed data: renderers decide how it reads. The vocabulary follows
 * mod_rewrite's own log ("applying pattern", "RewriteCond: input=", "rewrite ... -> ...", "internal
 * redirect", "[INTERNAL REDIRECT]"), but as values that tests and tools can assert on. Strings are
 * byte strings (see {@code RawText}).
 */
public sealed interface TraceEvent {

  /**
   * A round of request processing: the request itself, an internal redirect, an ErrorDocument.
   *
   * @param number 1 for the request, then one more per internal redirect
   * @param reason why the round started
   */
  record Round(int number, String uri, String query, String reason) implements TraceEvent {}

  /**
   * A rule set is applied.
   *
   * @param context {@code server} for the virtual host's rules, {@code per-dir} for .htaccess
   * @param directory for per-dir rules, the directory prefix that is stripped before matching
   */
  record RuleSetStart(String context, String directory) implements TraceEvent {}

  /**
   * A RewriteRule pattern was applied to the URL path.
   *
   * @param input what the pattern saw (per-dir: without the directory prefix)
   * @param matched whether the rule matched (a negated pattern matches when the regex does not)
   * @param captures $0..$N when the regex matched, else empty
   */
  record RuleTried(
      SourceSpan span,
      String pattern,
      boolean negated,
      String input,
      boolean matched,
      List<String> captures)
      implements TraceEvent {}

  /**
   * A RewriteCond was evaluated.
   *
   * @param expanded the test string after expansion
   * @param captures %0..%N when a regex matched, else empty
   */
  record CondTried(
      SourceSpan span,
      String testString,
      String expanded,
      String pattern,
      boolean matched,
      List<String> captures)
      implements TraceEvent {}

  /** The substitution was expanded: the URL path before and the result. */
  record Substituted(SourceSpan span, String before, String after) implements TraceEvent {}

  /** A flag took effect, e.g. [L] ended the round or [S=2] skipped two rules. */
  record FlagApplied(SourceSpan span, String flag, String effect) implements TraceEvent {}

  /** Something the server did: the directory walk, DirectoryIndex, an access decision. */
  record Note(String message, SourceSpan span) implements TraceEvent {}

  /** A decision that ends or redirects the round: a redirect, an internal redirect, a status. */
  record Decision(String message) implements TraceEvent {}
}
