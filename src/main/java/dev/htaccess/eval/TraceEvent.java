package dev.htaccess.eval;

import dev.htaccess.source.SourceSpan;
import java.util.List;

/**
 * One step of an evaluation, as typed data: renderers decide how it reads. The words follow
 * mod_rewrite's own log ("strip per-dir prefix", "applying pattern", "rewrite ... -> ...").
 */
public sealed interface TraceEvent {

  /** A new round of request processing: the first request or an internal redirect. */
  record Round(int number, String uri, String query, String reason) implements TraceEvent {}

  /** A note about what the server did (mapping, directory walk, index, error document). */
  record Note(String message, SourceSpan span) implements TraceEvent {}

  /** A per-directory rule set starts: which directory, which file. */
  record RuleSetStart(String context, String directory) implements TraceEvent {}

  /** The per-dir prefix was removed before matching. */
  record PrefixStripped(String from, String to) implements TraceEvent {}

  /** A RewriteRule pattern was applied. */
  record RuleTried(
      SourceSpan span, String pattern, String input, boolean matched, List<String> captures)
      implements TraceEvent {}

  /** A RewriteCond was evaluated. */
  record CondTried(
      SourceSpan span,
      String testString,
      String expanded,
      String pattern,
      boolean matched,
      List<String> captures)
      implements TraceEvent {}

  /** A substitution was made. */
  record Substituted(SourceSpan span, String before, String after) implements TraceEvent {}

  /** A flag took effect. */
  record FlagApplied(SourceSpan span, String flag, String effect) implements TraceEvent {}

  /** The final decision. */
  record Decision(String message) implements TraceEvent {}
}
