package dev.htaccess.eval.rewrite;

import dev.htaccess.httpd.CNumbers;
import dev.htaccess.httpd.HttpStatus;
import dev.htaccess.model.RewriteCond;
import dev.htaccess.model.RewriteRule;
import dev.htaccess.model.RuleFlag;
import dev.htaccess.model.RuleFlagKind;
import dev.htaccess.model.Template;
import dev.htaccess.regex.PcrePattern;
import dev.htaccess.syntax.TemplateParser;
import java.util.ArrayList;
import java.util.List;

/**
 * A RewriteRule with its conditions, compiled once (cmd_rewriterule): the regex compiled, the
 * substitution and flag values parsed into templates, and the flags resolved (the last of a kind
 * wins, as in Apache) into what the rule does when it matches. Immutable; shared by all requests.
 */
public final class CompiledRule {

  /** What the rule list does after this rule matched, by mod_rewrite's order of precedence. */
  enum Continuation {
    /** [PT]: stop, and hand the URL on to the next translators (Alias...). */
    PASS_THROUGH,
    /** [END]: stop, and no more rewriting for this request in any round. */
    END,
    /** [P]: stop this round; the request is proxied. */
    PROXY,
    /** [L]: stop this round. */
    LAST,
    /** [N]: start the list again. */
    NEXT,
    /** [S=n]: skip the next n rules. */
    SKIP,
    /** Go on with the next rule. */
    NONE
  }

  /**
   * The query-string flags: QSA, QSD, QSL, and the substitution's own {@code ?}.
   *
   * @param append QSA: the old query is appended to the new one
   * @param discard QSD: the old query is dropped
   * @param last QSL (or a trailing {@code ?} with QSA): the last {@code ?} splits the query
   * @param none the query is dropped altogether (a trailing {@code ?} without QSA, or QSD without a
   *     new query)
   */
  record QueryFlags(boolean append, boolean discard, boolean last, boolean none) {}

  /**
   * How back-references are escaped: [B], [B=chars], [BNE=chars], [BNP], [BCTLS].
   *
   * @param only the characters to escape ([B=...]), or null for all that need it
   * @param except the characters never to escape ([BNE]), or null
   * @param noPlus [BNP]: a space becomes %20, not +
   * @param controlsOnly [BCTLS]: escape only controls and spaces
   */
  record BackrefEscaping(String only, String except, boolean noPlus, boolean controlsOnly) {}

  final RewriteRule source;
  final PcrePattern pattern;
  final List<CompiledCondition> conditions;

  /** The substitution as written after the trailing {@code ?} is dealt with. */
  final String output;

  /** The substitution, or null when the rule makes none ({@code -}, or a status-only rule). */
  final Template substitution;

  /** [R]: redirect; [R=NNN] with a non-3xx code, [F] and [G] only set {@link #status}. */
  final boolean redirect;

  /** [R]'s code (302 by default) or the status of a status-only rule. */
  final int status;

  /** [R=non-3xx], [F], [G]: the rule only sets a status. */
  final boolean statusOnly;

  final boolean proxy;
  final Continuation continuation;
  final boolean chain;
  final int skip;
  final int maxRounds;
  final QueryFlags query;

  /** The escaping of back-references, or null without any B flag. */
  final BackrefEscaping escaping;

  final boolean noEscape;
  final boolean noSubrequests;
  final boolean discardPathInfo;
  final boolean unsafeAllow3F;
  final boolean unc;

  /** [T=...] as a template, or null. */
  final Template type;

  /** [H=...], or null. */
  final String handler;

  final List<EnvFlag> env;
  final List<Template> cookies;

  /**
   * An [E=...] flag. When its name is plain text before the first colon ({@code
   * E=HTTP_AUTHORIZATION:%{HTTP:Authorization}}), the name is read here and only the value is
   * expanded per request; otherwise ({@code name} null) the whole flag is expanded and split at its
   * first colon, as do_expand_env does. Both give the same: the first colon of the expansion is the
   * literal's.
   */
  record EnvFlag(Template whole, String name, Template value) {
    static EnvFlag of(Template whole) {
      List<Template.Part> parts = whole.parts();
      if (!parts.isEmpty() && parts.get(0) instanceof Template.Literal l) {
        int colon = l.text().indexOf(':');
        if (colon >= 0) {
          List<Template.Part> rest = new java.util.ArrayList<>();
          if (colon + 1 < l.text().length()) {
            rest.add(new Template.Literal(l.text().substring(colon + 1)));
          }
          rest.addAll(parts.subList(1, parts.size()));
          String source = whole.source();
          int sourceColon = source.indexOf(':');
          return new EnvFlag(
              whole,
              l.text().substring(0, colon),
              new Template(sourceColon < 0 ? "" : source.substring(sourceColon + 1), rest));
        }
      }
      return new EnvFlag(whole, null, null);
    }
  }

  public CompiledRule(RewriteRule rule, List<RewriteCond> conditions) {
    this.source = rule;
    this.pattern = PcrePattern.compile(rule.pattern(), rule.has(RuleFlagKind.NO_CASE));
    this.conditions = conditions.stream().map(CompiledCondition::of).toList();
    FlagValues v = new FlagValues(rule.flags());
    this.redirect = v.redirect;
    this.status = v.status;
    this.statusOnly = v.statusOnly;
    this.proxy = rule.has(RuleFlagKind.PROXY);
    this.continuation = continuation(rule, v.skip);
    this.chain = rule.has(RuleFlagKind.CHAIN);
    this.skip = v.skip;
    this.maxRounds = v.maxRounds;
    this.escaping =
        v.escape
            ? new BackrefEscaping(
                v.escapes, v.noEscapes, rule.has(RuleFlagKind.ESCAPE_BACKREFS_NO_PLUS), v.controls)
            : null;
    this.noEscape = rule.has(RuleFlagKind.NO_ESCAPE);
    this.noSubrequests = rule.has(RuleFlagKind.NO_SUBREQUESTS);
    this.discardPathInfo = rule.has(RuleFlagKind.DISCARD_PATH_INFO);
    this.unsafeAllow3F = rule.has(RuleFlagKind.UNSAFE_ALLOW_3F);
    this.unc = rule.has(RuleFlagKind.UNC);
    this.type = v.type == null ? null : TemplateParser.parse(v.type);
    this.handler = v.handler;
    this.env = v.env.stream().map(EnvFlag::of).toList();
    this.cookies = List.copyOf(v.cookies);
    // A literal '?' at the end of the substitution: with QSA it marks QSL; otherwise it drops
    // the query string and is itself removed (cmd_rewriterule).
    String out = rule.substitution().source();
    boolean noSubstitution = out.equals("-");
    boolean qsAppend = rule.has(RuleFlagKind.QUERY_APPEND);
    boolean qsDiscard = rule.has(RuleFlagKind.QUERY_DISCARD);
    boolean trailingQuestion = !out.isEmpty() && out.charAt(out.length() - 1) == '?';
    boolean qsl = rule.has(RuleFlagKind.QUERY_LAST);
    boolean none = false;
    if (trailingQuestion) {
      if (qsAppend) {
        qsl = true;
      } else {
        none = true;
        out = out.substring(0, out.length() - 1);
      }
    } else if (qsDiscard && out.indexOf('?') < 0) {
      none = true;
    }
    this.query = new QueryFlags(qsAppend, qsDiscard, qsl, none);
    this.output = out;
    this.substitution = noSubstitution || v.statusOnly ? null : TemplateParser.parse(out);
  }

  private static Continuation continuation(RewriteRule rule, int skip) {
    if (rule.has(RuleFlagKind.PASS_THROUGH)) {
      return Continuation.PASS_THROUGH;
    }
    if (rule.has(RuleFlagKind.END)) {
      return Continuation.END;
    }
    if (rule.has(RuleFlagKind.PROXY)) {
      return Continuation.PROXY;
    }
    if (rule.has(RuleFlagKind.LAST)) {
      return Continuation.LAST;
    }
    if (rule.has(RuleFlagKind.NEXT)) {
      return Continuation.NEXT;
    }
    return skip > 0 ? Continuation.SKIP : Continuation.NONE;
  }

  /** The rule as written. */
  public RewriteRule source() {
    return source;
  }

  /** True when the rule is skipped in subrequests: [NS], and every redirecting rule. */
  boolean skippedInSubrequests() {
    return noSubrequests || redirect;
  }

  /**
   * At most this many [N] rounds, whatever [N=] says: Apache takes [N=99999999999] as its int
   * (1215752191 rounds), which no request should spend. A loop that has not ended after this many
   * rounds is one that does not end (a URL is at most 16380 bytes, and each round that is not a
   * loop changes it), so it ends in the same 500, only sooner.
   */
  static final int NEXT_ROUNDS_CAP = 100_000;

  /** The flags' values as cmd_rewriterule_setflag collects them: the last of a kind wins. */
  private static final class FlagValues {
    boolean redirect;
    int status = 302;
    boolean statusOnly;
    int maxRounds = 10000;
    int skip;
    boolean escape;
    boolean controls;
    String escapes;
    String noEscapes;
    String type;
    String handler;
    final List<Template> env = new ArrayList<>();
    final List<Template> cookies = new ArrayList<>();

    FlagValues(List<RuleFlag> flags) {
      for (RuleFlag f : flags) {
        switch (f.kind()) {
          case REDIRECT -> redirect(f.value());
          case FORBIDDEN -> {
            statusOnly = true;
            status = 403;
          }
          case GONE -> {
            statusOnly = true;
            status = 410;
          }
          case NEXT -> {
            if (!f.value().isEmpty()) {
              maxRounds = CNumbers.atoi(f.value());
            }
          }
          case SKIP -> skip = CNumbers.atoi(f.value());
          case ESCAPE_BACKREFS -> {
            escape = true;
            if (!f.value().isEmpty()) {
              escapes = f.value();
            }
          }
          case ESCAPE_BACKREFS_EXCEPT -> noEscapes = f.value();
          case ESCAPE_BACKREFS_CONTROLS -> {
            escape = true;
            controls = true;
          }
          case TYPE -> type = f.value();
          case HANDLER -> handler = f.value();
          case ENV -> env.add(TemplateParser.parse(f.value()));
          case COOKIE -> cookies.add(TemplateParser.parse(f.value()));
          default -> {}
        }
      }
    }

    /** [R], [R=keyword], [R=NNN]: a non-3xx code makes the rule a status-only one. */
    private void redirect(String value) {
      redirect = true;
      if (value.isEmpty()) {
        return;
      }
      HttpStatus.RedirectFlag flag = HttpStatus.redirectFlag(value);
      status = flag.status();
      statusOnly |= flag.statusOnly();
    }
  }
}
