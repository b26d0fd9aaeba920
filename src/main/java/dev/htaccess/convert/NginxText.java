package dev.htaccess.convert;

import java.util.ArrayList;
import java.util.List;

/** nginx configuration text: quoting, and a block being written with its indentation. */
final class NginxText {

  private final List<String> lines = new ArrayList<>();
  private int depth;

  /** A string as nginx reads it inside double quotes: backslash and quote escaped. */
  static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  void line(String text) {
    lines.add("    ".repeat(depth) + text);
  }

  void comment(String text) {
    for (String part : text.split("\n", -1)) {
      line("# " + part);
    }
  }

  void open(String header) {
    line(header + " {");
    depth++;
  }

  void close() {
    depth--;
    line("}");
  }

  void blank() {
    lines.add("");
  }

  void append(NginxText other) {
    for (String l : other.lines) {
      lines.add(l.isEmpty() ? l : "    ".repeat(depth) + l);
    }
  }

  boolean isEmpty() {
    return lines.isEmpty();
  }

  String text() {
    return String.join("\n", lines) + "\n";
  }
}
