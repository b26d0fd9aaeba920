package dev.htaccess.eval;

import dev.htaccess.expr.ApExpression;
import dev.htaccess.httpd.Pregsub;
import dev.htaccess.model.Argument;
import dev.htaccess.regex.PcreMatch;
import dev.htaccess.regex.PcrePattern;
import dev.htaccess.regex.PcreSyntaxException;
import dev.htaccess.source.RawText;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One SetEnvIf, SetEnvIfNoCase, SetEnvIfExpr, BrowserMatch or BrowserMatchNoCase directive, as
 * mod_setenvif reads and runs it. In a directory it runs in the header-parser phase, so its
 * variables are visible to RewriteCond and to {@code Require env}.
 *
 * <p>What mod_setenvif does that a plain "match and set" would not: a missing header or variable is
 * matched as the empty string (so {@code ^$} matches it); a pattern without regex metacharacters is
 * a plain substring search whose values are set as written ({@code $1} stays); an attribute name
 * with characters other than letters, digits, {@code -} and {@code _} is a regex over the request's
 * header names (the last matching header counts); and consecutive directives naming the same
 * attribute share the value read for the first of them.
 */
final class SetEnvIfRule {

  /** mod_setenvif's is_header_regex: a plain header name has only these characters. */
  private static final Pattern PLAIN_NAME = Pattern.compile("[-A-Za-z0-9_]*");

  /** The name BrowserMatch reads: one constant string in mod_setenvif, shared by all. */
  static final Object USER_AGENT = new Object();

  private final String attribute;
  private final Object attributeKey;
  private final PcrePattern headerNames;
  private final PcrePattern pattern;
  private final String literal;
  private final boolean nocase;
  private final ApExpression expression;
  private final Map<String, String> features;

  private SetEnvIfRule(
      String attribute,
      Object attributeKey,
      PcrePattern headerNames,
      PcrePattern pattern,
      String literal,
      boolean nocase,
      ApExpression expression,
      Map<String, String> features) {
    this.attribute = attribute;
    this.attributeKey = attributeKey;
    this.headerNames = headerNames;
    this.pattern = pattern;
    this.literal = literal;
    this.nocase = nocase;
    this.expression = expression;
    this.features = features;
  }

  /**
   * Reads a directive. {@code names} maps the attribute names (lower case) the same configuration
   * record has used so far to their identity, which mod_setenvif compares to reuse a value; a new
   * name is added. Throws IllegalArgumentException with Apache's message.
   */
  static SetEnvIfRule of(String directive, List<Argument> args, Map<String, Object> names) {
    String name = displayName(directive);
    boolean browser = directive.startsWith("browsermatch");
    boolean expr = directive.equals("setenvifexpr");
    boolean nocase = directive.endsWith("nocase");
    int next = 0;
    String attribute;
    if (browser) {
      attribute = "User-Agent";
    } else {
      attribute = args.isEmpty() ? "" : args.get(next++).value();
      if (attribute.isEmpty()) {
        throw new IllegalArgumentException(
            (expr ? "Missing expression for " : "Missing header-field name for ") + name);
      }
    }
    ApExpression expression = null;
    PcrePattern pattern = null;
    PcrePattern headerNames = null;
    String literal = null;
    Object key = null;
    if (expr) {
      try {
        expression = ApExpression.parse(attribute);
      } catch (ApExpression.ExprException | PcreSyntaxException e) {
        throw new IllegalArgumentException(
            "Could not parse expression \"" + attribute + "\": " + e.getMessage());
      }
    } else {
      String regex = args.size() > next ? args.get(next++).value() : "";
      if (regex.isEmpty()) {
        throw new IllegalArgumentException("Missing regular expression for " + name);
      }
      String lower = RawText.asciiLower(attribute);
      key = names.computeIfAbsent(lower, k -> browser ? USER_AGENT : new Object());
      literal = nonRegexPattern(regex);
      if (literal == null) {
        try {
          pattern = PcrePattern.compile(regex, nocase);
        } catch (PcreSyntaxException e) {
          throw new IllegalArgumentException(name + " regex could not be compiled.");
        }
      }
      if (!isSpecial(lower) && !PLAIN_NAME.matcher(attribute).matches()) {
        try {
          headerNames = PcrePattern.compile(attribute, nocase);
        } catch (PcreSyntaxException e) {
          throw new IllegalArgumentException(name + "Header name regex could not be compiled.");
        }
      }
    }
    Map<String, String> features = new LinkedHashMap<>();
    for (int i = next; i < args.size(); i++) {
      String feature = args.get(i).value();
      if (feature.isEmpty()) {
        break;
      }
      int eq = feature.indexOf('=');
      String var = eq < 0 ? feature : feature.substring(0, eq);
      String value = eq < 0 ? "" : feature.substring(eq + 1);
      if (!value.isEmpty()) {
        put(features, var, value);
      } else if (var.startsWith("!")) {
        put(features, var.substring(1), null);
      } else {
        put(features, var, "1");
      }
    }
    if (features.isEmpty()) {
      throw new IllegalArgumentException("Missing envariable expression for " + name);
    }
    return new SetEnvIfRule(
        attribute, key, headerNames, pattern, literal, nocase, expression, features);
  }

  /** apr_table_setn: a name already there (in any case) keeps its place and takes the value. */
  private static void put(Map<String, String> features, String var, String value) {
    for (Map.Entry<String, String> e : features.entrySet()) {
      if (e.getKey().equalsIgnoreCase(var)) {
        e.setValue(value);
        return;
      }
    }
    features.put(var, value);
  }

  private static String displayName(String key) {
    return switch (key) {
      case "setenvif" -> "SetEnvIf";
      case "setenvifnocase" -> "SetEnvIfNoCase";
      case "setenvifexpr" -> "SetEnvIfExpr";
      case "browsermatch" -> "BrowserMatch";
      default -> "BrowserMatchNoCase";
    };
  }

  private static boolean isSpecial(String lower) {
    return switch (lower) {
      case "remote_host",
          "remote_addr",
          "server_addr",
          "request_method",
          "request_protocol",
          "request_uri" ->
          true;
      default -> false;
    };
  }

  /**
   * mod_setenvif's non_regex_pattern: a pattern without unescaped regex metacharacters (and no
   * backslash before an ordinary character) is a plain string, its escapes removed; else null.
   */
  static String nonRegexPattern(String s) {
    boolean inEscape = false;
    boolean escapes = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '^', '.', '$', '|', '(', ')', '[', ']', '*', '+', '?', '{', '}' -> {
          if (!inEscape) {
            return null;
          }
          inEscape = false;
        }
        case '\\' -> {
          if (!inEscape) {
            inEscape = true;
            escapes = true;
          } else {
            inEscape = false;
          }
        }
        default -> {
          if (inEscape) {
            return null;
          }
        }
      }
    }
    if (!escapes) {
      return s;
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\') {
        i++;
        if (i >= s.length()) {
          break;
        }
        c = s.charAt(i);
      }
      out.append(c);
    }
    return out.toString();
  }

  /** The request as mod_setenvif reads it. */
  interface Request {
    /** remote_addr, request_uri ... (lower case). */
    String special(String name);

    /** A request header (case-insensitive), or null. */
    String header(String name);

    /** The request's headers in order. */
    List<RequestSpec.Header> headers();

    /** A {@code %{VARIABLE}} of SetEnvIfExpr's expression. */
    String variable(String name);
  }

  /**
   * Runs the rules of one phase in order (match_headers), changing {@code env}. Like Apache it
   * keeps the value read and the last regex match across the rules: a rule naming the same
   * attribute as the one before reuses the value, and SetEnvIfExpr substitutes {@code $N} from
   * whatever match is current.
   */
  static void applyAll(List<SetEnvIfRule> rules, Request request, Map<String, String> env) {
    Object lastKey = null;
    String val = null;
    PcreMatch regm = null;
    for (SetEnvIfRule rule : rules) {
      boolean matched;
      if (rule.expression == null && rule.attributeKey != lastKey) {
        lastKey = rule.attributeKey;
        val = rule.read(request, env);
      }
      if (val == null) {
        val = "";
      }
      if (rule.expression != null) {
        ApExpression.Evaluation e = rule.expression.evaluateWithCaptures(request::variable);
        matched = e.result();
        if (e.groupsRan()) {
          val = e.source() == null ? null : e.source().subject();
        }
        if (e.fill() != null) {
          regm = e.fill();
        }
      } else if (rule.literal != null) {
        matched = contains(val, rule.literal, rule.nocase);
      } else {
        PcreMatch m = rule.pattern.match(val);
        matched = m != null;
        if (m != null) {
          regm = m;
        }
      }
      if (matched) {
        // Values are substituted unless the pattern was a plain string, or an expression's
        // last capturing regex did not match.
        boolean substitute = rule.literal == null && val != null;
        rule.set(env, substitute ? val : null, regm);
      }
    }
  }

  private String read(Request request, Map<String, String> env) {
    String lower = RawText.asciiLower(attribute);
    if (isSpecial(lower)) {
      return request.special(lower);
    }
    if (headerNames != null) {
      String last = null;
      for (RequestSpec.Header h : request.headers()) {
        if (headerNames.find(h.name())) {
          last = h.value();
        }
      }
      return last;
    }
    String h = request.header(attribute);
    return h != null ? h : env.get(attribute);
  }

  private void set(Map<String, String> env, String source, PcreMatch regm) {
    for (Map.Entry<String, String> f : features.entrySet()) {
      if (f.getValue() == null) {
        env.remove(f.getKey());
      } else {
        env.put(
            f.getKey(),
            source != null ? Pregsub.substitute(f.getValue(), source, regm) : f.getValue());
      }
    }
  }

  /** apr_strmatch: a substring search, case-blind (ASCII) for the NoCase forms. */
  private static boolean contains(String haystack, String needle, boolean nocase) {
    if (!nocase) {
      return haystack.contains(needle);
    }
    return RawText.asciiLower(haystack).contains(RawText.asciiLower(needle));
  }
}
