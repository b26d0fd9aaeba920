package dev.htaccess.lint;

import java.util.List;

/**
 * A change to the file that removes a finding, offered only where the right change is certain.
 * Edits are on the file's text (one char per byte, see RawText) and do not overlap.
 *
 * @param description what the fix does, for the report ("add [NC]")
 * @param edits the replacements, in any order
 */
public record Fix(String description, List<Edit> edits) {

  public Fix {
    edits = List.copyOf(edits);
  }

  /** One replacement of {@code [start, end)} by {@code text}. */
  public record Edit(int start, int end, String text) {}

  /** A fix of one edit. */
  public static Fix of(String description, int start, int end, String text) {
    return new Fix(description, List.of(new Edit(start, end, text)));
  }

  /** The text with the edits applied. */
  public String applyTo(String text) {
    List<Edit> sorted =
        edits.stream().sorted((a, b) -> Integer.compare(b.start(), a.start())).toList();
    StringBuilder b = new StringBuilder(text);
    for (Edit e : sorted) {
      b.replace(e.start(), e.end(), e.text());
    }
    return b.toString();
  }
}
