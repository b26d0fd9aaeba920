package dev.htaccess.report;

import dev.htaccess.eval.Outcome;
import dev.htaccess.eval.trace.TraceEvent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An evaluation as {@code test} prints it for programs: the oracle's keys ({@code request, status,
 * location, uri, query, proxy, filename, content_type, set_cookie}, as {@code
 * ../shared/oracle/README.md} defines them), then the trace. {@link #append} writes one JSON line
 * with the compact trace straight into a builder, byte for byte what {@link Json#write} makes of
 * {@link #fields} with it (a replay writes millions of them).
 */
public final class JsonLine {

  private JsonLine() {}

  /** The request and the oracle's keys in order, for {@link Json}. */
  public static Map<String, Object> fields(String request, Outcome o) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("request", request);
    m.putAll(oracleFields(o));
    return m;
  }

  /** The oracle's keys of an outcome in order (a new map, to add to). */
  public static Map<String, Object> oracleFields(Outcome o) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("status", o.status());
    m.put("location", o.location());
    m.put("uri", o.uri());
    m.put("query", o.query());
    m.put("proxy", o.proxy());
    m.put("filename", o.filename());
    m.put("content_type", o.contentType());
    m.put("set_cookie", o.setCookie());
    return m;
  }

  /**
   * Appends the line (without a newline) for {@code request} and its outcome, with {@link
   * TraceRenderer#compact}'s steps of {@code trace} under {@code "trace"}.
   */
  public static void append(StringBuilder out, String request, Outcome o, List<TraceEvent> trace) {
    out.append("{\"request\":");
    Json.displayed(out, request);
    out.append(",\"status\":").append(o.status());
    field(out, "location", o.location());
    field(out, "uri", o.uri());
    field(out, "query", o.query());
    field(out, "proxy", o.proxy());
    field(out, "filename", o.filename());
    field(out, "content_type", o.contentType());
    out.append(",\"set_cookie\":[");
    List<String> cookies = o.setCookie();
    for (int i = 0; i < cookies.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      Json.displayed(out, cookies.get(i));
    }
    out.append("],\"trace\":[");
    TraceRenderer.StepSink inString = new EscapingSink(out);
    int before = out.length();
    for (TraceEvent t : trace) {
      int at = out.length();
      out.append(at == before ? "\"" : ",\"");
      if (TraceRenderer.compactStep(t, inString)) {
        out.append('"');
      } else {
        out.setLength(at);
      }
    }
    out.append("]}");
  }

  /** Writes a step's pieces into a JSON string literal. */
  private record EscapingSink(StringBuilder out) implements TraceRenderer.StepSink {
    @Override
    public TraceRenderer.StepSink bytes(String bytes) {
      Json.displayedPart(out, bytes);
      return this;
    }

    @Override
    public TraceRenderer.StepSink path(String path) {
      Json.escaped(out, path);
      return this;
    }

    @Override
    public TraceRenderer.StepSink number(int n) {
      out.append(n);
      return this;
    }
  }

  private static void field(StringBuilder out, String key, String raw) {
    out.append(",\"").append(key).append("\":");
    if (raw == null) {
      out.append("null");
    } else {
      Json.displayed(out, raw);
    }
  }
}
