package dev.htaccess.report;

import dev.htaccess.model.Argument;
import dev.htaccess.model.Comment;
import dev.htaccess.model.CondFlag;
import dev.htaccess.model.CondPattern;
import dev.htaccess.model.ConfigNode;
import dev.htaccess.model.Directive;
import dev.htaccess.model.GenericDirective;
import dev.htaccess.model.RewriteBase;
import dev.htaccess.model.RewriteCond;
import dev.htaccess.model.RewriteEngine;
import dev.htaccess.model.RewriteMap;
import dev.htaccess.model.RewriteOption;
import dev.htaccess.model.RewriteOptions;
import dev.htaccess.model.RewriteRule;
import dev.htaccess.model.RuleFlag;
import dev.htaccess.model.Section;
import dev.htaccess.model.Template;
import dev.htaccess.source.RawText;
import dev.htaccess.source.SourceSpan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders an AST for people (an indented outline, one node a line) and for programs (JSON: one
 * object per node with its kind, arguments, span and children). The text form is what the golden
 * files under {@code testdata/syntax} hold.
 */
public final class AstRenderer {

  private AstRenderer() {}

  /** The indented outline of {@code nodes}. */
  public static String text(List<ConfigNode> nodes) {
    StringBuilder out = new StringBuilder();
    text(out, nodes, 0);
    return out.toString();
  }

  private static void text(StringBuilder out, List<ConfigNode> nodes, int depth) {
    for (ConfigNode node : nodes) {
      out.append("  ".repeat(depth));
      SourceSpan s = node.span();
      out.append(s.line()).append(':').append(s.column()).append(' ');
      if (node instanceof Comment c) {
        out.append("Comment ").append(quote(c.text()));
      } else if (node instanceof Section sec) {
        {
          out.append("Section <").append(sec.name()).append('>');
          args(out, sec.arguments());
          out.append('\n');
          text(out, sec.children(), depth + 1);
          out.append("  ".repeat(depth))
              .append(sec.endSpan().line())
              .append(':')
              .append(sec.endSpan().column())
              .append(" End </")
              .append(sec.name())
              .append('>');
        }
      } else if (node instanceof RewriteRule r) {
        {
          out.append("RewriteRule pattern=")
              .append(r.negated() ? "!" : "")
              .append(quote(r.pattern()));
          out.append(" substitution=").append(template(r.substitution()));
          if (!r.flags().isEmpty()) {
            out.append(" flags=[");
            for (int i = 0; i < r.flags().size(); i++) {
              RuleFlag f = r.flags().get(i);
              out.append(i > 0 ? "," : "").append(f.kind().shortName());
              if (!f.value().isEmpty()) {
                out.append('=').append(quote(f.value()));
              }
            }
            out.append(']');
          }
        }
      } else if (node instanceof RewriteCond c) {
        {
          out.append("RewriteCond test=").append(template(c.testString()));
          out.append(" pattern=").append(c.negated() ? "!" : "").append(condPattern(c.pattern()));
          if (!c.flags().isEmpty()) {
            out.append(" flags=[");
            for (int i = 0; i < c.flags().size(); i++) {
              out.append(i > 0 ? "," : "").append(c.flags().get(i).kind().shortName());
            }
            out.append(']');
          }
        }
      } else if (node instanceof RewriteEngine e) {
        out.append("RewriteEngine ").append(e.on() ? "on" : "off");
      } else if (node instanceof RewriteBase b) {
        out.append("RewriteBase ").append(quote(b.url()));
      } else if (node instanceof RewriteOptions o) {
        {
          out.append("RewriteOptions");
          for (RewriteOption option : o.options()) {
            out.append(' ').append(option.spelling());
          }
        }
      } else if (node instanceof RewriteMap m) {
        out.append("RewriteMap name=")
            .append(quote(m.mapName()))
            .append(" type=")
            .append(m.type())
            .append(m.dbmType().isEmpty() ? "" : " dbm=" + m.dbmType())
            .append(" source=")
            .append(quote(m.source()));
      } else if (node instanceof GenericDirective g) {
        out.append("Directive ").append(name(g.name()));
        args(out, g.arguments());
      }
      out.append('\n');
    }
  }

  /** A directive name as is when it is plain ASCII, else quoted so odd bytes show. */
  private static String name(String raw) {
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c <= ' ' || c >= 0x7f) {
        return quote(raw);
      }
    }
    return raw;
  }

  private static void args(StringBuilder out, List<Argument> arguments) {
    for (Argument a : arguments) {
      out.append(' ').append(quote(a.value()));
    }
  }

  private static String quote(String raw) {
    StringBuilder out = new StringBuilder();
    Json.string(out, RawText.display(raw));
    return out.toString();
  }

  private static String template(Template t) {
    StringBuilder out = new StringBuilder("(");
    for (int i = 0; i < t.parts().size(); i++) {
      out.append(i > 0 ? " " : "").append(part(t.parts().get(i)));
    }
    return out.append(')').toString();
  }

  private static String part(Template.Part p) {
    if (p instanceof Template.Literal l) {
      return quote(l.text());
    } else if (p instanceof Template.RuleBackref b) {
      return "$" + b.group();
    } else if (p instanceof Template.CondBackref b) {
      return "%" + b.group();
    } else if (p instanceof Template.Variable v) {
      return "%{" + RawText.display(v.name()) + "}";
    }
    Template.MapLookup m = (Template.MapLookup) p;
    return "${"
        + RawText.display(m.map())
        + ":"
        + template(m.key())
        + (m.defaultValue() == null ? "" : "|" + template(m.defaultValue()))
        + "}";
  }

  private static String condPattern(CondPattern p) {
    if (p instanceof CondPattern.Regex r) {
      return "regex(" + quote(r.regex()) + ")";
    } else if (p instanceof CondPattern.Lexical l) {
      return "lexical(" + l.operator().symbol() + " " + quote(l.operand()) + ")";
    } else if (p instanceof CondPattern.IntegerCompare i) {
      return "integer(" + i.operator().symbol() + " " + quote(i.operand()) + ")";
    } else if (p instanceof CondPattern.FileTest f) {
      return "file-test(-" + f.test() + ")";
    }
    return "expr(" + quote(((CondPattern.Expression) p).expression()) + ")";
  }

  /** JSON objects for {@code nodes}: kind, name, arguments, span, children and details. */
  public static List<Object> json(List<ConfigNode> nodes) {
    List<Object> out = new ArrayList<>(nodes.size());
    for (ConfigNode node : nodes) {
      out.add(json(node));
    }
    return out;
  }

  private static Map<String, Object> json(ConfigNode node) {
    Map<String, Object> o = new LinkedHashMap<>();
    if (node instanceof Comment c) {
      o.put("kind", "comment");
      o.put("text", c.text());
    } else if (node instanceof Directive d) {
      {
        o.put("kind", kind(d));
        o.put("name", d.name());
        List<Object> args = new ArrayList<>();
        for (Argument a : d.arguments()) {
          Map<String, Object> arg = new LinkedHashMap<>();
          arg.put("value", a.value());
          arg.put("raw", a.raw());
          arg.put("span", span(a.span()));
          args.add(arg);
        }
        o.put("arguments", args);
        details(o, d);
      }
    }
    o.put("span", span(node.span()));
    if (node instanceof Section s) {
      o.put("end_span", span(s.endSpan()));
      o.put("children", json(s.children()));
    }
    return o;
  }

  private static String kind(Directive d) {
    if (d instanceof Section) {
      return "section";
    } else if (d instanceof RewriteRule) {
      return "rewrite_rule";
    } else if (d instanceof RewriteCond) {
      return "rewrite_cond";
    } else if (d instanceof RewriteEngine) {
      return "rewrite_engine";
    } else if (d instanceof RewriteBase) {
      return "rewrite_base";
    } else if (d instanceof RewriteOptions) {
      return "rewrite_options";
    } else if (d instanceof RewriteMap) {
      return "rewrite_map";
    }
    return "directive";
  }

  private static void details(Map<String, Object> o, Directive d) {
    if (d instanceof RewriteRule r) {
      {
        o.put("negated", r.negated());
        o.put("pattern", r.pattern());
        o.put("substitution", templateJson(r.substitution()));
        List<Object> flags = new ArrayList<>();
        for (RuleFlag f : r.flags()) {
          Map<String, Object> flag = new LinkedHashMap<>();
          flag.put("flag", f.kind().shortName());
          flag.put("key", f.key());
          flag.put("value", f.value());
          flag.put("span", span(f.span()));
          flags.add(flag);
        }
        o.put("flags", flags);
      }
    } else if (d instanceof RewriteCond c) {
      {
        o.put("test_string", templateJson(c.testString()));
        o.put("negated", c.negated());
        o.put("pattern", condPatternJson(c.pattern()));
        List<Object> flags = new ArrayList<>();
        for (CondFlag f : c.flags()) {
          flags.add(f.kind().shortName());
        }
        o.put("flags", flags);
      }
    } else if (d instanceof RewriteEngine e) {
      o.put("on", e.on());
    } else if (d instanceof RewriteBase b) {
      o.put("url", b.url());
    } else if (d instanceof RewriteOptions opts) {
      o.put("options", opts.options().stream().map(RewriteOption::spelling).toList());
    } else if (d instanceof RewriteMap m) {
      o.put("map", m.mapName());
      o.put("type", m.type());
      o.put("source", m.source());
    } else if (d instanceof Section s) {
      o.put("raw_arguments", s.rawArguments());
    }
  }

  private static Map<String, Object> condPatternJson(CondPattern p) {
    Map<String, Object> o = new LinkedHashMap<>();
    if (p instanceof CondPattern.Regex r) {
      o.put("type", "regex");
      o.put("regex", r.regex());
    } else if (p instanceof CondPattern.Lexical l) {
      o.put("type", "lexical");
      o.put("operator", l.operator().symbol());
      o.put("operand", l.operand());
    } else if (p instanceof CondPattern.IntegerCompare i) {
      o.put("type", "integer");
      o.put("operator", i.operator().symbol());
      o.put("operand", i.operand());
    } else if (p instanceof CondPattern.FileTest f) {
      o.put("type", "file_test");
      o.put("test", "-" + f.test());
    } else if (p instanceof CondPattern.Expression e) {
      o.put("type", "expr");
      o.put("expression", e.expression());
    }
    return o;
  }

  private static Map<String, Object> templateJson(Template t) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("source", t.source());
    List<Object> parts = new ArrayList<>();
    for (Template.Part p : t.parts()) {
      Map<String, Object> part = new LinkedHashMap<>();
      if (p instanceof Template.Literal l) {
        part.put("type", "literal");
        part.put("text", l.text());
      } else if (p instanceof Template.RuleBackref b) {
        part.put("type", "rule_backref");
        part.put("group", b.group());
      } else if (p instanceof Template.CondBackref b) {
        part.put("type", "cond_backref");
        part.put("group", b.group());
      } else if (p instanceof Template.Variable v) {
        part.put("type", "variable");
        part.put("name", v.name());
      } else if (p instanceof Template.MapLookup m) {
        part.put("type", "map");
        part.put("map", m.map());
        part.put("key", templateJson(m.key()));
        part.put("default", m.defaultValue() == null ? null : templateJson(m.defaultValue()));
      }
      parts.add(part);
    }
    o.put("parts", parts);
    return o;
  }

  /** A span as JSON: file, line, column, end_line, end_column. */
  public static Map<String, Object> span(SourceSpan s) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("line", s.line());
    o.put("column", s.column());
    o.put("end_line", s.endLine());
    o.put("end_column", s.endColumn());
    return o;
  }
}
