package dev.htaccess.syntax;

import dev.htaccess.model.Template;
import dev.htaccess.model.Template.CondBackref;
import dev.htaccess.model.Template.Literal;
import dev.htaccess.model.Template.MapLookup;
import dev.htaccess.model.Template.Part;
import dev.htaccess.model.Template.RuleBackref;
import dev.htaccess.model.Template.Variable;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses mod_rewrite's expansion syntax once, so that requests only evaluate it. The rules follow
 * {@code do_expand} in mod_rewrite.c: a backslash makes the next character literal; {@code %{...}}
 * and {@code ${map:key|default}} need a closing brace (braces nest), otherwise they are literal
 * text; {@code $N} and {@code %N} take one digit; everything else is literal.
 */
public final class TemplateParser {

  private TemplateParser() {}

  /** Parses a template; never fails, as Apache never rejects one. */
  public static Template parse(String source) {
    return parse(source, 0);
  }

  /**
   * How deep map lookups may nest in keys and defaults ({@code ${m:${m:...}}}). Deeper ones are
   * kept as text: a safety limit of this tool (Apache expands on), far beyond any real rule.
   */
  static final int MAX_MAP_NESTING = 64;

  private static Template parse(String source, int depth) {
    if (depth > MAX_MAP_NESTING) {
      return new Template(source, List.of(new Literal(source)));
    }
    return new Template(source, parts(source, depth));
  }

  private static List<Part> parts(String s, int depth) {
    List<Part> parts = new ArrayList<>();
    StringBuilder literal = new StringBuilder();
    int i = 0;
    int n = s.length();
    while (i < n) {
      char c = s.charAt(i);
      if (c == '\\') {
        if (i + 1 < n) {
          literal.append(s.charAt(i + 1));
          i += 2;
        } else {
          literal.append('\\');
          i++;
        }
        continue;
      }
      if ((c == '$' || c == '%') && i + 1 < n) {
        char next = s.charAt(i + 1);
        if (next == '{') {
          int close = closingCurly(s, i + 2);
          if (close < 0) {
            literal.append(c).append('{');
            i += 2;
            continue;
          }
          String inner = s.substring(i + 2, close);
          if (c == '%') {
            flush(literal, parts);
            parts.add(new Variable(inner));
            i = close + 1;
            continue;
          }
          int colon = charInCurlies(inner, 0, ':');
          if (colon < 0) {
            literal.append("${");
            i += 2;
            continue;
          }
          String map = inner.substring(0, colon);
          int bar = charInCurlies(inner, colon + 1, '|');
          String key = bar < 0 ? inner.substring(colon + 1) : inner.substring(colon + 1, bar);
          Template defaultValue = bar < 0 ? null : parse(inner.substring(bar + 1), depth + 1);
          flush(literal, parts);
          parts.add(new MapLookup(map, parse(key, depth + 1), defaultValue));
          i = close + 1;
          continue;
        }
        if (next >= '0' && next <= '9') {
          flush(literal, parts);
          int group = next - '0';
          parts.add(c == '$' ? new RuleBackref(group) : new CondBackref(group));
          i += 2;
          continue;
        }
      }
      literal.append(c);
      i++;
    }
    flush(literal, parts);
    return parts;
  }

  private static void flush(StringBuilder literal, List<Part> parts) {
    if (literal.length() > 0) {
      parts.add(new Literal(literal.toString()));
      literal.setLength(0);
    }
  }

  /** Index of the brace closing one opened just before {@code from}, counting nested braces. */
  static int closingCurly(String s, int from) {
    int depth = 1;
    for (int i = from; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '{') {
        depth++;
      } else if (c == '}' && --depth == 0) {
        return i;
      }
    }
    return -1;
  }

  /** Index of {@code wanted} at brace depth zero, from {@code from}, or -1. */
  private static int charInCurlies(String s, int from, char wanted) {
    int depth = 0;
    for (int i = from; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == wanted && depth == 0) {
        return i;
      } else if (c == '}' && --depth < 0) {
        return -1;
      } else if (c == '{') {
        depth++;
      }
    }
    return -1;
  }
}
