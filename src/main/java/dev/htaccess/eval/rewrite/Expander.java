package dev.htaccess.eval.rewrite;

import dev.htaccess.httpd.UrlEscaping;
import dev.htaccess.model.Template;
import dev.htaccess.regex.PcreMatch;
import java.util.List;

/**
 * do_expand: a substitution, test string or flag value with its {@code $N}, {@code %N}, {@code
 * %{VAR}} and {@code ${map:key|default}} filled in. For a rule's substitution it also notes whether
 * a {@code ?} came from an expansion rather than the rule's own text (AH10508, mod_rewrite's
 * "unsafe" %3f), and applies the rule's [B] escaping to back-references.
 */
final class Expander {

  private Expander() {}

  /** The expanded text, and whether an expansion put the query's {@code ?} into it. */
  record Expansion(String text, boolean unsafeQuestionMark) {}

  /**
   * Expands {@code t}.
   *
   * @param rule the rule whose substitution this is (its [B] flags and [QSL]), or null
   * @param trackQuestionMark whether to note where the first (with QSL: the last) {@code ?} came
   *     from
   * @param varyThis collects the request headers read, or null
   */
  static Expansion expand(
      Template t,
      RewriteContext ctx,
      CompiledRule rule,
      boolean trackQuestionMark,
      List<String> varyThis,
      RewriteHost host) {
    List<Template.Part> parts = t.parts();
    if (!trackQuestionMark && parts.size() == 1 && !(parts.get(0) instanceof Template.MapLookup)) {
      // A test string or flag value of one piece (%{REQUEST_FILENAME}, $1): no builder.
      return new Expansion(piece(parts.get(0), ctx, rule, varyThis, host), false);
    }
    StringBuilder out = new StringBuilder();
    Boolean unsafe = null;
    boolean tracking = trackQuestionMark;
    boolean lastOnly = rule != null && rule.query.last();
    for (Template.Part part : parts) {
      String piece;
      boolean expanded = !(part instanceof Template.Literal);
      if (part instanceof Template.MapLookup m) {
        String key = expand(m.key(), ctx, rule, false, varyThis, host).text();
        piece = host.mapLookup(m.map(), key);
        if (piece == null && m.defaultValue() != null) {
          piece = expand(m.defaultValue(), ctx, rule, false, varyThis, host).text();
        }
        if (piece == null) {
          piece = "";
        }
      } else {
        piece = piece(part, ctx, rule, varyThis, host);
      }
      if (tracking && piece.indexOf('?') >= 0) {
        unsafe = expanded;
        if (!lastOnly) {
          tracking = false;
        }
      }
      out.append(piece);
    }
    return new Expansion(out.toString(), unsafe != null && unsafe);
  }

  /** One piece that is not a map lookup, expanded ("" for nothing). */
  private static String piece(
      Template.Part part,
      RewriteContext ctx,
      CompiledRule rule,
      List<String> varyThis,
      RewriteHost host) {
    CompiledRule.BackrefEscaping escaping = rule == null ? null : rule.escaping;
    String piece;
    if (part instanceof Template.Literal l) {
      piece = l.text();
    } else if (part instanceof Template.RuleBackref b) {
      piece = escape(group(ctx.ruleMatch, b.group()), escaping);
    } else if (part instanceof Template.CondBackref b) {
      piece = escape(group(ctx.condMatch, b.group()), escaping);
    } else {
      piece = host.variable(((Template.Variable) part).name(), ctx, varyThis);
    }
    return piece == null ? "" : piece;
  }

  private static String escape(String piece, CompiledRule.BackrefEscaping escaping) {
    if (escaping == null) {
      return piece;
    }
    return UrlEscaping.escapeBackref(
        piece, escaping.only(), escaping.except(), escaping.noPlus(), escaping.controlsOnly());
  }

  private static String group(PcreMatch m, int n) {
    if (m == null || n > m.groupCount()) {
      return "";
    }
    String g = m.group(n);
    return g == null ? "" : g;
  }
}
