package dev.htaccess.report;

import dev.htaccess.lint.Check;
import dev.htaccess.lint.CheckInfo;
import dev.htaccess.lint.CheckRegistry;
import dev.htaccess.lint.Finding;
import dev.htaccess.source.RawText;
import dev.htaccess.source.Severity;
import dev.htaccess.source.SourceFile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders lint findings in the formats CI systems read: text (compiler style with the source line
 * and a caret, optionally coloured), gcc, JSON, SARIF 2.1.0, Checkstyle XML and GitHub workflow
 * annotations.
 */
public final class FindingsReport {

  /** The findings of one file. */
  public record FileFindings(SourceFile file, List<Finding> findings) {}

  private FindingsReport() {}

  public static String text(List<FileFindings> files, boolean color) {
    StringBuilder out = new StringBuilder();
    for (FileFindings f : files) {
      for (Finding x : f.findings()) {
        String head =
            x.span().position()
                + ": "
                + severity(x.severity(), color)
                + ": "
                + RawText.display(x.message())
                + " ["
                + x.code()
                + " "
                + x.check()
                + "]";
        out.append(head).append('\n');
        String withSource = DiagnosticPrinter.withSource(x.diagnostic(), f.file());
        int nl = withSource.indexOf('\n');
        if (nl >= 0) {
          out.append(withSource.substring(nl + 1)).append('\n');
        }
      }
    }
    return out.toString();
  }

  private static String severity(Severity s, boolean color) {
    if (!color) {
      return s.label();
    }
    String code =
        switch (s) {
          case ERROR -> "31";
          case WARNING -> "33";
          case INFO -> "36";
        };
    return "\u001b[1;" + code + "m" + s.label() + "\u001b[0m";
  }

  public static String gcc(List<FileFindings> files) {
    StringBuilder out = new StringBuilder();
    for (FileFindings f : files) {
      for (Finding x : f.findings()) {
        out.append(x.span().position())
            .append(": ")
            .append(x.severity() == Severity.INFO ? "note" : x.severity().label())
            .append(": ")
            .append(RawText.display(x.message()))
            .append(" [")
            .append(x.code())
            .append("]\n");
      }
    }
    return out.toString();
  }

  public static String json(List<FileFindings> files) {
    List<Object> list = new ArrayList<>();
    for (FileFindings f : files) {
      for (Finding x : f.findings()) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("file", x.span().file());
        o.put("line", x.span().line());
        o.put("column", x.span().column());
        o.put("end_line", x.span().endLine());
        o.put("end_column", x.span().endColumn());
        o.put("code", x.code());
        o.put("check", x.check());
        o.put("severity", x.severity().label());
        o.put("message", x.message());
        list.add(o);
      }
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("version", 1);
    doc.put("tool", "htaccess lint");
    doc.put("findings", list);
    return Json.pretty(doc) + "\n";
  }

  public static String sarif(List<FileFindings> files, String toolVersion, String docsBase) {
    List<Object> rules = new ArrayList<>();
    for (Check c : CheckRegistry.all()) {
      CheckInfo info = c.info();
      Map<String, Object> rule = new LinkedHashMap<>();
      rule.put("id", info.code());
      rule.put("name", info.name());
      rule.put("shortDescription", Map.of("text", info.summary()));
      rule.put("fullDescription", Map.of("text", info.summary()));
      rule.put("helpUri", docsBase + info.code() + ".md");
      rule.put("help", Map.of("text", info.summary() + " See " + docsBase + info.code() + ".md"));
      rule.put("defaultConfiguration", Map.of("level", level(info.severity())));
      Map<String, Object> props = new LinkedHashMap<>();
      props.put(
          "tags", List.of(info.severity() == Severity.ERROR ? "correctness" : "maintainability"));
      rule.put("properties", props);
      rules.add(rule);
    }
    List<Object> results = new ArrayList<>();
    for (FileFindings f : files) {
      for (Finding x : f.findings()) {
        Map<String, Object> region = new LinkedHashMap<>();
        region.put("startLine", x.span().line());
        region.put("startColumn", x.span().column());
        region.put("endLine", x.span().endLine());
        region.put("endColumn", Math.max(x.span().endColumn(), x.span().column()));
        Map<String, Object> physical = new LinkedHashMap<>();
        physical.put("artifactLocation", Map.of("uri", uri(x.span().file())));
        physical.put("region", region);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("ruleId", x.code());
        result.put("ruleIndex", ruleIndex(x.code()));
        result.put("level", level(x.severity()));
        result.put("message", Map.of("text", RawText.display(x.message())));
        result.put("locations", List.of(Map.of("physicalLocation", physical)));
        results.add(result);
      }
    }
    Map<String, Object> driver = new LinkedHashMap<>();
    driver.put("name", "htaccess lint");
    driver.put("informationUri", docsBase);
    driver.put("version", toolVersion);
    driver.put("rules", rules);
    Map<String, Object> run = new LinkedHashMap<>();
    run.put("tool", Map.of("driver", driver));
    run.put("results", results);
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
    doc.put("version", "2.1.0");
    doc.put("runs", List.of(run));
    return Json.pretty(doc) + "\n";
  }

  private static int ruleIndex(String code) {
    List<Check> all = CheckRegistry.all();
    for (int i = 0; i < all.size(); i++) {
      if (all.get(i).info().code().equals(code)) {
        return i;
      }
    }
    return -1;
  }

  private static String uri(String path) {
    String p = path.replace('\\', '/');
    while (p.startsWith("./")) {
      p = p.substring(2);
    }
    return p;
  }

  private static String level(Severity s) {
    return switch (s) {
      case ERROR -> "error";
      case WARNING -> "warning";
      case INFO -> "note";
    };
  }

  public static String checkstyle(List<FileFindings> files) {
    StringBuilder out = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.append("<checkstyle version=\"4.3\">\n");
    for (FileFindings f : files) {
      out.append("  <file name=\"").append(xml(f.file().path())).append("\">\n");
      for (Finding x : f.findings()) {
        out.append("    <error line=\"")
            .append(x.span().line())
            .append("\" column=\"")
            .append(x.span().column())
            .append("\" severity=\"")
            .append(x.severity() == Severity.INFO ? "info" : x.severity().label())
            .append("\" message=\"")
            .append(xml(x.message()))
            .append("\" source=\"htaccess.")
            .append(x.code())
            .append('.')
            .append(x.check())
            .append("\"/>\n");
      }
      out.append("  </file>\n");
    }
    return out.append("</checkstyle>\n").toString();
  }

  public static String github(List<FileFindings> files) {
    StringBuilder out = new StringBuilder();
    for (FileFindings f : files) {
      for (Finding x : f.findings()) {
        String kind =
            switch (x.severity()) {
              case ERROR -> "error";
              case WARNING -> "warning";
              case INFO -> "notice";
            };
        out.append("::")
            .append(kind)
            .append(" file=")
            .append(property(uri(x.span().file())))
            .append(",line=")
            .append(x.span().line())
            .append(",col=")
            .append(x.span().column())
            .append(",endLine=")
            .append(x.span().endLine())
            .append(",title=")
            .append(property(x.code() + " " + x.check()))
            .append("::")
            .append(data(RawText.display(x.message())))
            .append('\n');
      }
    }
    return out.toString();
  }

  private static String data(String s) {
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
  }

  private static String property(String s) {
    return data(s).replace(":", "%3A").replace(",", "%2C");
  }

  private static String xml(String raw) {
    String s = RawText.display(raw);
    StringBuilder out = new StringBuilder();
    for (char c : s.toCharArray()) {
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        default -> out.append(c < 0x20 ? ' ' : c);
      }
    }
    return out.toString();
  }

  /** "2 errors, 1 warning, 0 notes in 3 files" */
  public static String summary(List<FileFindings> files) {
    int e = 0;
    int w = 0;
    int i = 0;
    for (FileFindings f : files) {
      for (Finding x : f.findings()) {
        switch (x.severity()) {
          case ERROR -> e++;
          case WARNING -> w++;
          case INFO -> i++;
        }
      }
    }
    return String.format(
        Locale.ROOT,
        "%d error%s, %d warning%s, %d info in %d file%s",
        e,
        e == 1 ? "" : "s",
        w,
        w == 1 ? "" : "s",
        i,
        files.size(),
        files.size() == 1 ? "" : "s");
  }
}
