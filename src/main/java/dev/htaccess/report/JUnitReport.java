package dev.htaccess.report;

import dev.htaccess.source.RawText;
import java.util.List;

/**
 * A JUnit XML report, the format CI systems (Jenkins, GitLab, GitHub actions) show as test results:
 * one testsuite per spec file, one testcase per expectation.
 */
public final class JUnitReport {

  /** One expectation's result: its name, where it is, and its failures (empty = passed). */
  public record Case(String name, String location, List<String> failures) {}

  private JUnitReport() {}

  public static String render(String suite, List<Case> cases, double seconds) {
    long failed = cases.stream().filter(c -> !c.failures().isEmpty()).count();
    StringBuilder out = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.append("<testsuites tests=\"")
        .append(cases.size())
        .append("\" failures=\"")
        .append(failed)
        .append("\">\n");
    out.append("  <testsuite name=\"")
        .append(xml(suite))
        .append("\" tests=\"")
        .append(cases.size())
        .append("\" failures=\"")
        .append(failed)
        .append("\" errors=\"0\" skipped=\"0\" time=\"")
        .append(String.format(java.util.Locale.ROOT, "%.3f", seconds))
        .append("\">\n");
    for (Case c : cases) {
      out.append("    <testcase classname=\"")
          .append(xml(suite))
          .append("\" name=\"")
          .append(xml(c.name()))
          .append("\" file=\"")
          .append(xml(c.location()))
          .append("\"");
      if (c.failures().isEmpty()) {
        out.append("/>\n");
      } else {
        out.append(">\n      <failure message=\"")
            .append(xml(c.failures().get(0)))
            .append("\">")
            .append(xml(String.join("\n", c.failures())))
            .append("</failure>\n    </testcase>\n");
      }
    }
    out.append("  </testsuite>\n</testsuites>\n");
    return out.toString();
  }

  private static String xml(String raw) {
    String s = RawText.display(raw);
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\n' -> out.append("&#10;");
        default -> {
          if (c < 0x20 && c != '\t') {
            out.append("&#").append((int) c).append(';');
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }
}
