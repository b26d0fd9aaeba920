package dev.htaccess.convert;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** A converted configuration and what could not be converted exactly. */
public record Conversion(String config, List<Finding> findings) {

  /** True when everything was converted exactly. */
  public boolean exact() {
    return findings.isEmpty();
  }

  /** The {@code file:line} of each construct left out (not approximated). */
  public Set<String> unconvertedLines() {
    Set<String> lines = new HashSet<>();
    for (Finding f : findings) {
      if (f.exact()) {
        lines.add(f.span().file() + ":" + f.span().line());
      }
    }
    return lines;
  }
}
