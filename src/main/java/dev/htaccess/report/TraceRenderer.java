package dev.htaccess.report;

import dev.htaccess.eval.Evaluation;
import dev.htaccess.eval.Outcome;
import dev.htaccess.eval.ResponseHeader;
import dev.htaccess.eval.trace.TraceEvent;
import dev.htaccess.source.RawText;
import dev.htaccess.source.SourceSpan;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders an evaluation: the outcome first, then the trace, for people (indented text with {@code
 * file:line} of every directive involved), for programs (JSON objects, one per event), and
 * compactly for batch output (one string per decisive step).
 */
public final class TraceRenderer {

  private TraceRenderer() {}

  /** The one-line summary of an outcome: {@code -> 301 http://x/} and the like. */
  public static String outcome(Outcome o) {
    StringBuilder b = new StringBuilder().append(o.status());
    if (o.location() != null) {
      b.append(" redirect ").append(show(o.location()));
    } else if (o.proxy() != null) {
      b.append(" proxy ").append(show(o.proxy()));
    } else if (o.status() < 400 && o.filename() != null) {
      b.append(" serve ").append(show(o.filename()));
    }
    b.append("  (uri ").append(show(o.uri()));
    if (o.query() != null) {
      b.append(", query ").append(show(o.query()));
    }
    if (o.filename() != null && (o.status() >= 400 || o.location() != null)) {
      b.append(", filename ").append(show(o.filename()));
    }
    if (o.contentType() != null) {
      b.append(", type ").append(o.contentType());
    }
    for (String cookie : o.setCookie()) {
      b.append(", Set-Cookie ").append(show(cookie));
    }
    for (ResponseHeader h : o.common().headers()) {
      if (h.name().equalsIgnoreCase("WWW-Authenticate") && h.action().equals("set")) {
        b.append(", WWW-Authenticate ").append(show(h.value()));
      }
    }
    return b.append(')').toString();
  }

  /** The outcome and the full trace, for a person debugging their rules. */
  public static String text(String request, Evaluation e) {
    StringBuilder out = new StringBuilder();
    out.append(show(request)).append(" -> ").append(outcome(e.outcome())).append('\n');
    for (TraceEvent t : e.trace()) {
      if (t instanceof TraceEvent.Round r) {
        out.append("  round ").append(r.number()).append(": ").append(show(r.uri()));
        if (r.query() != null) {
          out.append('?').append(show(r.query()));
        }
        out.append("  (").append(r.reason()).append(")\n");
      } else if (t instanceof TraceEvent.RuleSetStart s) {
        out.append("    ")
            .append(
                s.context().equals("server")
                    ? "virtual host rules"
                    : "per-directory rules of " + show(s.directory()) + " (prefix stripped)")
            .append('\n');
      } else if (t instanceof TraceEvent.RuleTried r) {
        out.append("    ")
            .append(where(r.span()))
            .append("RewriteRule ")
            .append(r.negated() ? "!" : "")
            .append(show(r.pattern()))
            .append("  on ")
            .append(quote(r.input()))
            .append(r.matched() ? "  matched" : "  no match")
            .append(captures("$", r.captures()))
            .append('\n');
      } else if (t instanceof TraceEvent.CondTried c) {
        out.append("    ")
            .append(where(c.span()))
            .append("  RewriteCond ")
            .append(show(c.testString()))
            .append(' ')
            .append(show(c.pattern()))
            .append("  input ")
            .append(quote(c.expanded()))
            .append(c.matched() ? "  true" : "  false")
            .append(captures("%", c.captures()))
            .append('\n');
      } else if (t instanceof TraceEvent.Substituted s) {
        out.append("    ")
            .append(where(s.span()))
            .append("rewrite ")
            .append(quote(s.before()))
            .append(" -> ")
            .append(quote(s.after()))
            .append('\n');
      } else if (t instanceof TraceEvent.FlagApplied f) {
        out.append("    ")
            .append(where(f.span()))
            .append('[')
            .append(f.flag())
            .append("] ")
            .append(f.effect())
            .append('\n');
      } else if (t instanceof TraceEvent.Decision d) {
        out.append("    => ").append(show(d.message())).append('\n');
      } else {
        SourceSpan span = noteSpan(t);
        out.append("    ").append(span == null ? "" : where(span));
        out.append(show(t.message())).append('\n');
      }
    }
    return out.toString();
  }

  /**
   * One byte string per decisive step (rounds, matched rules, rewrites, decisions), to be shown
   * with {@link RawText#display} (as {@link Json} shows strings).
   */
  public static List<String> compact(List<TraceEvent> trace) {
    List<String> out = new ArrayList<>();
    StringBuilder step = new StringBuilder();
    StepSink raw =
        new StepSink() {
          @Override
          public StepSink bytes(String bytes) {
            step.append(bytes);
            return this;
          }

          @Override
          public StepSink path(String path) {
            step.append(RawText.isAscii(path) ? path : RawText.fromText(path));
            return this;
          }

          @Override
          public StepSink number(int n) {
            step.append(n);
            return this;
          }
        };
    for (TraceEvent t : trace) {
      step.setLength(0);
      if (compactStep(t, raw)) {
        out.add(step.toString());
      }
    }
    return out;
  }

  /**
   * Where {@link #compactStep} writes a step, piece by piece: byte strings, which every piece is
   * but a file's path, and numbers. Pieces meet at ASCII characters.
   */
  public interface StepSink {
    StepSink bytes(String bytes);

    StepSink path(String path);

    StepSink number(int n);
  }

  /**
   * Writes the step {@code t} as {@link #compact} shows it; false, writing nothing, when the
   * compact trace leaves the event out.
   */
  public static boolean compactStep(TraceEvent t, StepSink out) {
    if (t instanceof TraceEvent.Round r) {
      out.bytes("round ").number(r.number()).bytes(" ").bytes(r.uri());
      if (r.query() != null) {
        out.bytes("?").bytes(r.query());
      }
    } else if (t instanceof TraceEvent.RuleTried r && r.matched()) {
      where(r.span(), out).bytes(" matched ").bytes(r.pattern());
    } else if (t instanceof TraceEvent.Substituted s) {
      where(s.span(), out).bytes(" -> ").bytes(s.after());
    } else if (t instanceof TraceEvent.FlagApplied f) {
      where(f.span(), out).bytes(" [").bytes(f.flag()).bytes("]");
    } else if (t instanceof TraceEvent.Decision || isNote(t)) {
      out.bytes(t.message());
    } else {
      return false;
    }
    return true;
  }

  /** {@code file:line} of a span; nothing for none. */
  private static StepSink where(SourceSpan span, StepSink out) {
    return span == null ? out : out.path(shortPath(span.file())).bytes(":").number(span.line());
  }

  /** Every event as a JSON object with an {@code event} key and the event's fields. */
  public static List<Object> json(List<TraceEvent> trace) {
    List<Object> out = new ArrayList<>();
    for (TraceEvent t : trace) {
      Map<String, Object> m = new LinkedHashMap<>();
      if (t instanceof TraceEvent.Round r) {
        m.put("event", "round");
        m.put("number", r.number());
        m.put("uri", r.uri());
        m.put("query", r.query());
        m.put("reason", r.reason());
      } else if (t instanceof TraceEvent.RuleSetStart s) {
        m.put("event", "rule_set");
        m.put("context", s.context());
        m.put("directory", s.directory());
      } else if (t instanceof TraceEvent.RuleTried r) {
        m.put("event", "rule");
        span(m, r.span());
        m.put("pattern", r.pattern());
        m.put("negated", r.negated());
        m.put("input", r.input());
        m.put("matched", r.matched());
        m.put("captures", r.captures());
      } else if (t instanceof TraceEvent.CondTried c) {
        m.put("event", "condition");
        span(m, c.span());
        m.put("test_string", c.testString());
        m.put("input", c.expanded());
        m.put("pattern", c.pattern());
        m.put("matched", c.matched());
        m.put("captures", c.captures());
      } else if (t instanceof TraceEvent.Substituted s) {
        m.put("event", "rewrite");
        span(m, s.span());
        m.put("before", s.before());
        m.put("after", s.after());
      } else if (t instanceof TraceEvent.FlagApplied f) {
        m.put("event", "flag");
        span(m, f.span());
        m.put("flag", f.flag());
        m.put("effect", f.effect());
      } else if (t instanceof TraceEvent.Decision d) {
        m.put("event", "decision");
        m.put("message", d.message());
      } else {
        m.put("event", "note");
        if (noteSpan(t) != null) {
          span(m, noteSpan(t));
        }
        m.put("message", t.message());
      }
      out.add(m);
    }
    return out;
  }

  /** Events a person reads as a remark about the server's work (the directory walk, sections). */
  private static boolean isNote(TraceEvent t) {
    return t instanceof TraceEvent.SectionApplies
        || t instanceof TraceEvent.IndexLookup
        || t instanceof TraceEvent.ConfigError
        || t instanceof TraceEvent.MatchLimit
        || t instanceof TraceEvent.AccessStep
        || t instanceof TraceEvent.Truncated;
  }

  /** The directive a note is about, or null. */
  private static SourceSpan noteSpan(TraceEvent t) {
    return t instanceof TraceEvent.Located l ? l.span() : null;
  }

  private static void span(Map<String, Object> m, SourceSpan s) {
    if (s != null) {
      m.put("file", s.file());
      m.put("line", s.line());
    }
  }

  private static String captures(String sigil, List<String> captures) {
    if (captures.isEmpty()) {
      return "";
    }
    StringBuilder b = new StringBuilder("  ");
    for (int i = 0; i < captures.size(); i++) {
      b.append(i == 0 ? "" : " ")
          .append(sigil)
          .append(i)
          .append('=')
          .append(quote(captures.get(i)));
    }
    return b.toString();
  }

  private static String where(SourceSpan span) {
    if (span == null) {
      return "";
    }
    return shortPath(span.file()) + ":" + span.line() + "  ";
  }

  private static final java.util.Map<String, String> SHORT_PATHS =
      new java.util.concurrent.ConcurrentHashMap<>();

  private static String shortPath(String file) {
    return SHORT_PATHS.computeIfAbsent(file, TraceRenderer::relativeToWorkingDirectory);
  }

  private static String relativeToWorkingDirectory(String file) {
    try {
      Path p = Path.of(file).toAbsolutePath().normalize();
      Path cwd = Path.of("").toAbsolutePath();
      return p.startsWith(cwd) ? cwd.relativize(p).toString() : file;
    } catch (RuntimeException e) {
      return file;
    }
  }

  private static String quote(String raw) {
    return raw == null ? "null" : "\"" + show(raw) + "\"";
  }

  private static String show(String raw) {
    return raw == null ? "" : RawText.display(raw);
  }
}
