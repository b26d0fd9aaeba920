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
      string(out, RawText.display(s));
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
  public static void string(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (c < 0x20 || c == 0x7f || c == 0x2028 || c == 0x2029 || c == 0xfeff) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
