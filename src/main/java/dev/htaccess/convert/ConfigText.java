package dev.htaccess.convert;

import java.util.ArrayList;
import java.util.List;

/** A server's configuration text being written: blocks, their indentation, comments. */
abstract class ConfigText {

  private final List<String> lines = new ArrayList<>();
  private final String indent;
  private int depth;

  ConfigText(String indent) {
    this.indent = indent;
  }

  final void line(String text) {
    lines.add(indent.repeat(depth) + text);
  }

  void comment(String text) {
    for (String part : text.split("\n", -1)) {
      line("# " + part);
    }
  }

  final void open(String header) {
    line(header + " {");
    depth++;
  }

  final void close() {
    depth--;
    line("}");
  }

  final void blank() {
    lines.add("");
  }

  final void append(ConfigText other) {
    for (String l : other.lines) {
      lines.add(l.isEmpty() ? l : indent.repeat(depth) + l);
    }
  }

  /** Appends the other text's lines other than its comments. */
  final void appendWithoutComments(ConfigText other) {
    for (String l : other.lines) {
      if (!l.isEmpty() && !l.strip().startsWith("#")) {
        lines.add(indent.repeat(depth) + l);
      }
    }
  }

  final boolean isEmpty() {
    return lines.isEmpty();
  }

  final String text() {
    return String.join("\n", lines) + "\n";
  }
}
