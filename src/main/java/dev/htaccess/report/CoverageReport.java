package dev.htaccess.report;

import dev.htaccess.replay.Coverage;
import dev.htaccess.source.RawText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/** {@code htaccess coverage}'s report: text, JSON, LCOV (for coverage tools) and HTML. */
public final class CoverageReport {

  private CoverageReport() {}

  /** The headline: how many of the rules ever fired. */
  public static String headline(Coverage.Result r) {
    long rules = r.lines().stream().filter(l -> l.kind() != Coverage.Kind.CONDITION).count();
    long fired =
        r.lines().stream()
            .filter(l -> l.kind() != Coverage.Kind.CONDITION)
            .filter(l -> l.matched() > 0)
            .count();
    long impossible = r.lines().stream().filter(l -> l.cannotFire() != null).count();
    return String.format(
        Locale.ROOT,
        "%d requests (%d distinct): %d of %d rules and sections fired at least once%s",
        r.requests(),
        r.distinct(),
        fired,
        rules,
        impossible == 0 ? "" : "; " + impossible + " can never fire");
  }

  /**
   * One line per rule, condition and section: counts, then the source line; those that never
   * matched and conditions that never vary are marked.
   */
  public static String text(Coverage.Result r, Function<String, List<String>> sources) {
    StringBuilder b = new StringBuilder(headline(r)).append("\n\n");
    b.append(
        String.format(Locale.ROOT, "%-24s %9s %9s %9s%n", "line", "reached", "fired", "decided"));
    for (Coverage.Line l : r.lines()) {
      String note = note(l);
      b.append(
          String.format(
              Locale.ROOT,
              "%-24s %9s %9d %9s  %s%s%n",
              l.file() + ":" + l.line(),
              l.reached() < 0 ? "-" : String.valueOf(l.reached()),
              l.matched(),
              l.kind().decides() ? String.valueOf(l.decided()) : "-",
              RawText.display(source(sources, l).strip()),
              note));
    }
    return b.toString();
  }

  public static String json(Coverage.Result r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("requests", r.requests());
    m.put("distinct", r.distinct());
    List<Object> lines = new ArrayList<>();
    for (Coverage.Line l : r.lines()) {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("file", l.file());
      o.put("line", l.line());
      o.put("kind", l.kind().name().toLowerCase(Locale.ROOT));
      o.put("reached", l.reached() < 0 ? null : l.reached());
      o.put("matched", l.matched());
      o.put("decided", l.kind().decides() ? l.decided() : null);
      o.put("never_varies", l.neverVaries());
      o.put("cannot_fire", l.cannotFire());
      lines.add(o);
    }
    m.put("lines", lines);
    return Json.pretty(m) + "\n";
  }

  /**
   * LCOV's tracefile: one record per file, a DA line per rule, condition and section with the
   * requests that matched it as its hit count (so a line no request matched shows as not covered),
   * and a BRDA pair per condition (true, false).
   */
  public static String lcov(Coverage.Result r, Function<String, String> absolute) {
    Map<String, List<Coverage.Line>> byFile = new LinkedHashMap<>();
    for (Coverage.Line l : r.lines()) {
      byFile.computeIfAbsent(l.file(), k -> new ArrayList<>()).add(l);
    }
    StringBuilder b = new StringBuilder();
    for (Map.Entry<String, List<Coverage.Line>> e : byFile.entrySet()) {
      b.append("TN:htaccess\nSF:").append(absolute.apply(e.getKey())).append('\n');
      int hit = 0;
      int branches = 0;
      int branchesHit = 0;
      for (Coverage.Line l : e.getValue()) {
        b.append("DA:").append(l.line()).append(',').append(l.matched()).append('\n');
        if (l.matched() > 0) {
          hit++;
        }
        if (l.kind() == Coverage.Kind.CONDITION) {
          long no = l.reached() - l.matched();
          b.append("BRDA:")
              .append(l.line())
              .append(",0,0,")
              .append(l.reached() == 0 ? "-" : l.matched())
              .append('\n');
          b.append("BRDA:")
              .append(l.line())
              .append(",0,1,")
              .append(l.reached() == 0 ? "-" : no)
              .append('\n');
          branches += 2;
          branchesHit += (l.matched() > 0 ? 1 : 0) + (no > 0 ? 1 : 0);
        }
      }
      b.append("BRF:").append(branches).append("\nBRH:").append(branchesHit).append('\n');
      b.append("LF:").append(e.getValue().size()).append("\nLH:").append(hit).append('\n');
      b.append("end_of_record\n");
    }
    return b.toString();
  }

  /** Each file with its lines, a rule's background as hot as the share of requests it matched. */
  public static String html(Coverage.Result r, Function<String, List<String>> sources) {
    StringBuilder b = new StringBuilder();
    b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<title>htaccess coverage</title>\n<style>")
        .append("body{font:14px system-ui,sans-serif;margin:2em}")
        .append("pre{font:13px monospace;margin:0}td{padding:0 8px;vertical-align:top}")
        .append(".n{color:#888;text-align:right}.c{text-align:right}.miss{background:#f8d7da}")
        .append("</style></head><body>\n<h1>htaccess coverage</h1>\n<p>")
        .append(Markup.escape(headline(r)))
        .append("</p>\n");
    Map<String, Map<Integer, Coverage.Line>> byFile = new LinkedHashMap<>();
    for (Coverage.Line l : r.lines()) {
      byFile.computeIfAbsent(l.file(), k -> new LinkedHashMap<>()).put(l.line(), l);
    }
    for (Map.Entry<String, Map<Integer, Coverage.Line>> e : byFile.entrySet()) {
      b.append("<h2>")
          .append(Markup.escape(e.getKey()))
          .append("</h2>\n<table>")
          .append(
              "<tr><th>line</th><th>reached</th><th>fired</th><th>decided</th><th></th></tr>\n");
      List<String> text = sources.apply(e.getKey());
      for (int i = 1; i <= text.size(); i++) {
        Coverage.Line l = e.getValue().get(i);
        String style = "";
        String reached = "";
        String matched = "";
        String decided = "";
        if (l != null) {
          matched = String.valueOf(l.matched());
          reached = l.reached() < 0 ? "-" : String.valueOf(l.reached());
          decided = l.kind().decides() ? String.valueOf(l.decided()) : "";
          if (l.matched() == 0) {
            style =
                " class=\"miss\""
                    + (l.cannotFire() == null
                        ? ""
                        : " title=\"can never fire: " + Markup.escape(l.cannotFire()) + "\"");
          } else {
            double heat = r.requests() == 0 ? 0 : Math.min(1, (double) l.matched() / r.requests());
            int g = 255 - (int) (heat * 120);
            style = String.format(Locale.ROOT, " style=\"background:rgb(%d,255,%d)\"", g, g);
          }
        }
        b.append("<tr")
            .append(style)
            .append("><td class=\"n\">")
            .append(i)
            .append("</td><td class=\"c\">")
            .append(reached)
            .append("</td><td class=\"c\">")
            .append(matched)
            .append("</td><td class=\"c\">")
            .append(decided)
            .append("</td><td><pre>")
            .append(Markup.escape(RawText.display(text.get(i - 1))))
            .append("</pre></td></tr>\n");
      }
      b.append("</table>\n");
    }
    return b.append("</body></html>\n").toString();
  }

  /**
   * What to notice about a line: it can never fire, nothing reached it, it never fired, it never
   * varies.
   */
  private static String note(Coverage.Line l) {
    if (l.cannotFire() != null && l.matched() == 0) {
      return "  can never fire: " + l.cannotFire();
    }
    if (l.reached() == 0) {
      return "  never reached";
    }
    if (l.neverVaries()) {
      return l.matched() == 0 ? "  always false" : "  always true";
    }
    if (l.matched() == 0) {
      return l.kind() == Coverage.Kind.SECTION ? "  never applied" : "  never fired";
    }
    return "";
  }

  private static String source(Function<String, List<String>> sources, Coverage.Line l) {
    List<String> text = sources.apply(l.file());
    return l.line() >= 1 && l.line() <= text.size() ? text.get(l.line() - 1) : "";
  }
}
