package dev.htaccess.report;

import dev.htaccess.replay.Answer;
import dev.htaccess.replay.TrafficDiff;
import dev.htaccess.source.RawText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code htaccess diff}'s report: text for a terminal, JSON for tools, Markdown for a PR, HTML. */
public final class DiffReport {

  private DiffReport() {}

  /** The headline: how many requests changed, of how many. */
  public static String headline(TrafficDiff.Result r) {
    return String.format(
        Locale.ROOT,
        "%d of %d requests change (%s; %d distinct requests), in %d kind%s of change",
        r.changed(),
        r.requests(),
        percent(r.changed(), r.requests()),
        r.distinct(),
        r.groups().size(),
        r.groups().size() == 1 ? "" : "s");
  }

  public static String text(TrafficDiff.Result r) {
    StringBuilder b = new StringBuilder(headline(r)).append('\n');
    for (TrafficDiff.Group g : r.groups()) {
      b.append('\n')
          .append(g.kind())
          .append(": ")
          .append(g.weight())
          .append(g.weight() == 1 ? " request (" : " requests (")
          .append(g.distinct())
          .append(" distinct)\n");
      for (TrafficDiff.Change c : g.examples()) {
        b.append("  ")
            .append(RawText.display(c.request()))
            .append(c.weight() > 1 ? "  x" + c.weight() : "")
            .append('\n');
        b.append("    old: ").append(side(c.before())).append('\n');
        b.append("    new: ").append(side(c.after())).append('\n');
      }
    }
    return b.toString();
  }

  public static String json(TrafficDiff.Result r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("requests", r.requests());
    m.put("distinct", r.distinct());
    m.put("changed", r.changed());
    List<Object> groups = new ArrayList<>();
    for (TrafficDiff.Group g : r.groups()) {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("kind", g.kind());
      o.put("field", g.field().cliName());
      o.put("requests", g.weight());
      o.put("distinct", g.distinct());
      List<Object> examples = new ArrayList<>();
      for (TrafficDiff.Change c : g.examples()) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("request", c.request());
        e.put("count", c.weight());
        e.put("old", answer(c.before()));
        e.put("new", answer(c.after()));
        examples.add(e);
      }
      o.put("examples", examples);
      groups.add(o);
    }
    m.put("groups", groups);
    return Json.pretty(m) + "\n";
  }

  public static String markdown(TrafficDiff.Result r) {
    StringBuilder b = new StringBuilder("### htaccess diff\n\n");
    b.append("**").append(headline(r)).append("**\n");
    if (r.groups().isEmpty()) {
      return b.append("\nNo request of the traffic gets a different answer.\n").toString();
    }
    b.append("\n| change | requests | share | distinct |\n|---|---:|---:|---:|\n");
    for (TrafficDiff.Group g : r.groups()) {
      b.append("| ")
          .append(cell(g.kind()))
          .append(" | ")
          .append(g.weight())
          .append(" | ")
          .append(percent(g.weight(), r.requests()))
          .append(" | ")
          .append(g.distinct())
          .append(" |\n");
    }
    for (TrafficDiff.Group g : r.groups()) {
      b.append("\n<details><summary>")
          .append(Markup.escape(g.kind()))
          .append(" (")
          .append(g.weight())
          .append(")</summary>\n\n| request | count | old | new |\n|---|---:|---|---|\n");
      for (TrafficDiff.Change c : g.examples()) {
        b.append("| `")
            .append(cell(RawText.display(c.request())).replace("`", "'"))
            .append("` | ")
            .append(c.weight())
            .append(" | ")
            .append(cell(side(c.before())))
            .append(" | ")
            .append(cell(side(c.after())))
            .append(" |\n");
      }
      b.append("\n</details>\n");
    }
    return b.toString();
  }

  /**
   * A self-contained page: a bar per kind of change, and a table of the examples (sortable by
   * clicking a heading) with both answers side by side, and both sides' traces ({@code traces}
   * gives the trace of a change's old or new side as text, or null for none).
   */
  public static String html(
      TrafficDiff.Result r,
      java.util.function.BiFunction<TrafficDiff.Change, Boolean, String> traces) {
    StringBuilder b = new StringBuilder();
    b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<title>htaccess diff</title>\n<style>")
        .append("body{font:14px system-ui,sans-serif;margin:2em}")
        .append("table{border-collapse:collapse;width:100%}")
        .append("td,th{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}")
        .append("th{cursor:pointer;background:#f4f4f4}code{font-size:13px}")
        .append(".bar{background:#d9534f;height:14px;display:inline-block}")
        .append(".traces{display:flex;gap:1em}.traces pre{flex:1;overflow:auto;font-size:12px}")
        .append("</style></head><body>\n<h1>htaccess diff</h1>\n<p>")
        .append(Markup.escape(headline(r)))
        .append("</p>\n<table id=\"groups\"><tr><th>change</th><th>requests</th><th></th></tr>\n");
    long max = r.groups().stream().mapToLong(TrafficDiff.Group::weight).max().orElse(1);
    for (TrafficDiff.Group g : r.groups()) {
      b.append("<tr><td>")
          .append(Markup.escape(g.kind()))
          .append("</td><td>")
          .append(g.weight())
          .append("</td><td><span class=\"bar\" style=\"width:")
          .append(Math.max(1, g.weight() * 300 / Math.max(1, max)))
          .append("px\"></span> ")
          .append(percent(g.weight(), r.requests()))
          .append("</td></tr>\n");
    }
    b.append("</table>\n<h2>Requests</h2>\n<table id=\"changes\"><thead><tr>")
        .append(
            "<th>change</th><th>request</th><th>count</th><th>old</th><th>new</th><th>traces</th>")
        .append("</tr></thead><tbody>\n");
    for (TrafficDiff.Group g : r.groups()) {
      for (TrafficDiff.Change c : g.examples()) {
        b.append("<tr><td>")
            .append(Markup.escape(g.kind()))
            .append("</td><td><code>")
            .append(Markup.escape(RawText.display(c.request())))
            .append("</code></td><td>")
            .append(c.weight())
            .append("</td><td>")
            .append(Markup.escape(side(c.before())))
            .append("</td><td>")
            .append(Markup.escape(side(c.after())))
            .append("</td><td>");
        String before = traces.apply(c, true);
        String after = traces.apply(c, false);
        if (before != null && after != null) {
          b.append("<details><summary>both</summary><div class=\"traces\"><pre>")
              .append(Markup.escape(RawText.display(before)))
              .append("</pre><pre>")
              .append(Markup.escape(RawText.display(after)))
              .append("</pre></div></details>");
        }
        b.append("</td></tr>\n");
      }
    }
    b.append("</tbody></table>\n<script>")
        .append("document.querySelectorAll('#changes th').forEach(function(th,i){")
        .append("th.onclick=function(){var tb=th.closest('table').tBodies[0];")
        .append("var rows=Array.from(tb.rows),n=i==2,d=th.dataset.d=th.dataset.d=='1'?'0':'1';")
        .append("rows.sort(function(a,b){var x=a.cells[i].textContent,y=b.cells[i].textContent;")
        .append("var c=n?x-y:x.localeCompare(y);return d=='1'?c:-c;});")
        .append("rows.forEach(function(r){tb.appendChild(r);});};});")
        .append("</script>\n</body></html>\n");
    return b.toString();
  }

  private static String side(Answer a) {
    return RawText.display(a.summary())
        + (a.decidedBy() == null ? "  [no rule]" : "  [" + a.decidedBy() + "]");
  }

  private static Map<String, Object> answer(Answer a) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("status", a.status());
    m.put("location", a.location());
    m.put("uri", a.uri());
    m.put("query", a.query());
    m.put("proxy", a.proxy());
    m.put("file", a.file());
    m.put("content_type", a.contentType());
    m.put("set_cookie", a.setCookie());
    m.put("decided_by", a.decidedBy());
    return m;
  }

  private static String percent(long part, long whole) {
    return whole == 0 ? "0%" : String.format(Locale.ROOT, "%.1f%%", 100.0 * part / whole);
  }

  private static String cell(String s) {
    return Markup.escape(s).replace("|", "\\|");
  }
}
