package dev.htaccess.report;

import dev.htaccess.source.RawText;
import java.util.List;
import java.util.Map;

/**
 * A small JSON writer for our machine-readable formats. Values are {@code null}, {@link Boolean},
 * {@link Number}, {@link String} (byte strings are shown as text, see {@link RawText#display}),
 * {@link List} and {@link Map} (written in iteration order, so use a LinkedHashMap for stable key
 * order).
 */
public final class Json {

  private Json() {}

  /** Compact JSON on one line. */
  public static String write(Object value) {
    StringBuilder out = new StringBuilder(256);
    write(out, value, -1, 0);
    return out.toString();
  }

  /** Indented JSON, two spaces a level. */
  public static String pretty(Object value) {
    StringBuilder out = new StringBuilder(1024);
    write(out, value, 2, 0);
    return out.toString();
  }

  private static void write(StringBuilder out, Object value, int indent, int depth) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof Boolean || value instanceof Integer || value instanceof Long) {
      out.append(value);
    } else if (value instanceof Number n) {
      out.append(n.toString());
    } else if (value instanceof String s) {
      displayed(out, s);
    } else if (value instanceof Map<?, ?> map) {
      if (map.isEmpty()) {
        out.append("{}");
        return;
      }
      out.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : map.entrySet()) {
        if (!first) {
          out.append(',');
        }
        first = false;
        newline(out, indent, depth + 1);
        string(out, String.valueOf(e.getKey()));
        out.append(indent >= 0 ? ": " : ":");
        write(out, e.getValue(), indent, depth + 1);
      }
      newline(out, indent, depth);
      out.append('}');
    } else if (value instanceof List<?> list) {
      if (list.isEmpty()) {
        out.append("[]");
        return;
      }
      out.append('[');
      boolean first = true;
      for (Object item : list) {
        if (!first) {
          out.append(',');
        }
        first = false;
        newline(out, indent, depth + 1);
        write(out, item, indent, depth + 1);
      }
      newline(out, indent, depth);
      out.append(']');
    } else {
      string(out, value.toString());
    }
  }

  private static void newline(StringBuilder out, int indent, int depth) {
    if (indent < 0) {
      return;
    }
    out.append('\n');
    for (int i = 0; i < indent * depth; i++) {
      out.append(' ');
    }
  }

  /** Appends {@code s} as a JSON string literal. */
  public static void string(StringBuilder out, CharSequence s) {
    out.append('"');
    escaped(out, s);
    out.append('"');
  }

  /** Appends {@code s} escaped for the inside of a JSON string literal (no quotes). */
  public static void escaped(StringBuilder out, CharSequence s) {
    int n = s.length();
    int plain = 0; // s[plain, i) needs no escape
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x20 && c != '"' && c != '\\' && c != 0x7f && c < 0x2028) {
        continue;
      }
      String escape = escape(c);
      if (escape != null) {
        out.append(s, plain, i).append(escape);
        plain = i + 1;
      }
    }
    if (plain == 0 && s instanceof String whole) {
      out.append(whole); // the usual case, copied whole
    } else {
      out.append(s, plain, n);
    }
  }

  /**
   * Appends the byte string {@code raw} as a JSON string literal of its text ({@link
   * RawText#display}), without a copy when it is ASCII.
   */
  public static void displayed(StringBuilder out, String raw) {
    out.append('"');
    displayedPart(out, raw);
    out.append('"');
  }

  /**
   * Appends the text of the byte string {@code raw} escaped for the inside of a JSON string
   * literal. A string shown in parts reads as shown whole when the parts meet at ASCII characters
   * (a UTF-8 sequence cannot span one).
   */
  public static void displayedPart(StringBuilder out, String raw) {
    escaped(out, RawText.isAscii(raw) ? raw : RawText.display(raw));
  }

  /** The escape of {@code c}, or null when it stands for itself. */
  private static String escape(char c) {
    return switch (c) {
      case '"' -> "\\\"";
      case '\\' -> "\\\\";
      case '\n' -> "\\n";
      case '\r' -> "\\r";
      case '\t' -> "\\t";
      case '\b' -> "\\b";
      case '\f' -> "\\f";
      default ->
          c < 0x20 || c == 0x7f || c == 0x2028 || c == 0x2029 || c == 0xfeff
              ? String.format("\\u%04x", (int) c)
              : null;
    };
  }
}
