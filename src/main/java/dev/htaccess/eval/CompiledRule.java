package dev.htaccess.eval;

import dev.htaccess.model.CondFlag;
import dev.htaccess.model.CondPattern;
import dev.htaccess.model.RewriteCond;
import dev.htaccess.model.RewriteRule;
import dev.htaccess.model.RuleFlag;
import dev.htaccess.model.RuleFlagKind;
import dev.htaccess.regex.PcrePattern;
import dev.htaccess.syntax.CNumbers;
import java.util.List;

/**
 * A RewriteRule with its conditions, compiled once: regexes translated, flags resolved into fields
 * (the last of a kind wins, as in Apache). Immutable; shared by all requests.
 */
final class CompiledRule {

  /** A RewriteCond, compiled. */
  record Cond(
      RewriteCond source,
      PcrePattern regex,
      ApExpression expression,
      boolean noCase,
      boolean orNext,
      boolean noVary) {
    static Cond of(RewriteCond c) {
      boolean noCase = c.has(CondFlag.Kind.NO_CASE);
      PcrePattern regex =
          c.pattern() instanceof CondPattern.Regex r
              ? PcrePattern.compile(r.regex(), noCase)
              : null;
      ApExpression expression =
          c.pattern() instanceof CondPattern.Expression e
              ? ApExpression.parse(e.expression())
              : null;
      return new Cond(
          c, regex, expression, noCase, c.has(CondFlag.Kind.OR_NEXT), c.has(CondFlag.Kind.NO_VARY));
    }
  }

  final RewriteRule source;
  final PcrePattern pattern;
  final List<Cond> conds;
  final boolean noSubstitution;
  final boolean redirect;
  final int status;

  /** R with a non-redirect code, F, G: the rule only sets a status. */
  final boolean statusOnly;

  final boolean last;
  final boolean end;
  final boolean chain;
  final boolean proxy;
  final boolean passThrough;
  final boolean noEscape;
  final boolean noSubrequests;
  final boolean next;
  final int maxRounds;
  final int skip;
  final boolean qsAppend;
  final boolean qsDiscard;
  final boolean qsLast;

  /** Substitution ends in '?' without QSA: the query string is dropped. */
  final boolean qsNone;

  final boolean discardPathInfo;
  final boolean escapeBackrefs;
  final String escapes;
  final String noEscapes;
  final boolean noPlus;
  final boolean controlsOnly;
  final boolean unsafeAllow3F;
  final boolean unc;
  final String type;
  final String handler;
  final List<dev.htaccess.model.Template> env;
  final List<dev.htaccess.model.Template> cookies;

  /** The [T] value as a template, or null. */
  final dev.htaccess.model.Template typeTemplate;

  final String output;
  final dev.htaccess.model.Template outputTemplate;

  /** True when no substitution is made: {@code -}, or a status-only rule. */
  final boolean noSub;

  CompiledRule(RewriteRule rule, List<RewriteCond> conditions) {
    this.source = rule;
    boolean nc = rule.has(RuleFlagKind.NO_CASE);
    this.pattern = PcrePattern.compile(rule.pattern(), nc);
    this.conds = conditions.stream().map(Cond::of).toList();
    String out = rule.substitution().source();
    this.noSubstitution = out.equals("-");
    boolean redirectFlag = false;
    int code = 302;
    boolean statusFlag = false;
    int maxRoundsValue = 10000;
    int skipValue = 0;
    String escapesValue = null;
    String noEscapesValue = null;
    String typeValue = null;
    String handlerValue = null;
    boolean escapeB = false;
    boolean ctls = false;
    java.util.ArrayList<String> envs = new java.util.ArrayList<>();
    java.util.ArrayList<String> cookieList = new java.util.ArrayList<>();
    for (RuleFlag f : rule.flags()) {
      switch (f.kind()) {
        case REDIRECT -> {
          redirectFlag = true;
          String v = f.value();
          if (!v.isEmpty()) {
            int s;
            if (v.equalsIgnoreCase("permanent")) {
              s = 301;
            } else if (v.equalsIgnoreCase("temp")) {
              s = 302;
            } else if (v.equalsIgnoreCase("seeother")) {
              s = 303;
            } else if (Character.isDigit(v.charAt(0))) {
              s = CNumbers.atoi(v);
              if (s < 300 || s > 399) {
                statusFlag = true;
              }
            } else {
              s = 0;
            }
            code = s;
          }
        }
        case FORBIDDEN -> {
          statusFlag = true;
          code = 403;
        }
        case GONE -> {
          statusFlag = true;
          code = 410;
        }
        case NEXT -> {
          if (!f.value().isEmpty()) {
            maxRoundsValue = CNumbers.atoi(f.value());
          }
        }
        case SKIP -> skipValue = CNumbers.atoi(f.value());
        case ESCAPE_BACKREFS -> {
          escapeB = true;
          if (!f.value().isEmpty()) {
            escapesValue = f.value();
          }
        }
        case ESCAPE_BACKREFS_EXCEPT -> noEscapesValue = f.value();
        case ESCAPE_BACKREFS_CONTROLS -> {
          escapeB = true;
          ctls = true;
        }
        case TYPE -> typeValue = f.value();
        case HANDLER -> handlerValue = f.value();
        case ENV -> envs.add(f.value());
        case COOKIE -> cookieList.add(f.value());
        default -> {}
      }
    }
    this.redirect = redirectFlag;
    this.status = code;
    this.statusOnly = statusFlag;
    this.noSub = noSubstitution || statusFlag;
    this.last = rule.has(RuleFlagKind.LAST);
    this.end = rule.has(RuleFlagKind.END);
    this.chain = rule.has(RuleFlagKind.CHAIN);
    this.proxy = rule.has(RuleFlagKind.PROXY);
    this.passThrough = rule.has(RuleFlagKind.PASS_THROUGH);
    this.noEscape = rule.has(RuleFlagKind.NO_ESCAPE);
    this.noSubrequests = rule.has(RuleFlagKind.NO_SUBREQUESTS);
    this.next = rule.has(RuleFlagKind.NEXT);
    this.maxRounds = maxRoundsValue;
    this.skip = skipValue;
    this.qsAppend = rule.has(RuleFlagKind.QUERY_APPEND);
    this.qsDiscard = rule.has(RuleFlagKind.QUERY_DISCARD);
    this.discardPathInfo = rule.has(RuleFlagKind.DISCARD_PATH_INFO);
    this.escapeBackrefs = escapeB;
    this.escapes = escapesValue;
    this.noEscapes = noEscapesValue;
    this.noPlus = rule.has(RuleFlagKind.ESCAPE_BACKREFS_NO_PLUS);
    this.controlsOnly = ctls;
    this.unsafeAllow3F = rule.has(RuleFlagKind.UNSAFE_ALLOW_3F);
    this.unc = rule.has(RuleFlagKind.UNC);
    this.type = typeValue;
    this.handler = handlerValue;
    this.env = envs.stream().map(dev.htaccess.syntax.TemplateParser::parse).toList();
    this.cookies = cookieList.stream().map(dev.htaccess.syntax.TemplateParser::parse).toList();
    this.typeTemplate =
        typeValue == null ? null : dev.htaccess.syntax.TemplateParser.parse(typeValue);
    // A literal '?' at the end of the substitution: with QSA it marks QSL; otherwise it drops
    // the query string and is itself removed (cmd_rewriterule).
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
    this.qsLast = qsl;
    this.qsNone = none;
    this.output = out;
    this.outputTemplate = dev.htaccess.syntax.TemplateParser.parse(out);
  }
}
