package dev.htaccess.lsp;

import dev.htaccess.eval.Evaluation;
import dev.htaccess.eval.Evaluator;
import dev.htaccess.eval.EvaluatorOptions;
import dev.htaccess.eval.RequestSpec;
import dev.htaccess.eval.trace.TraceEvent;
import dev.htaccess.report.TraceRenderer;
import dev.htaccess.source.RawText;
import dev.htaccess.source.SourceSpan;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * "Try a URL": a dry run of one request against a document root, rendered as {@code htaccess test}
 * prints it, with the spans of the rules and conditions that matched.
 */
final class TryUrl {

  /**
   * The answer.
   *
   * @param text the outcome and trace, as {@code test} prints them
   * @param outcome the outcome's one line
   * @param matched the rules and conditions that matched, in order
   */
  record Result(String text, String outcome, List<SourceSpan> matched) {}

  private TryUrl() {}

  /**
   * Tries {@code url} ({@code /path?query}, or a full {@code http(s)://host/...} URL, which sets
   * the Host and the scheme) with {@code method} against {@code docroot}.
   *
   * @throws IllegalArgumentException for a URL that is not one
   */
  static Result run(Path docroot, String method, String url) throws IOException {
    String target = url.strip();
    String host = null;
    boolean https = false;
    if (target.regionMatches(true, 0, "http://", 0, 7)
        || target.regionMatches(true, 0, "https://", 0, 8)) {
      URI u;
      try {
        u = new URI(target);
      } catch (URISyntaxException e) {
        throw new IllegalArgumentException("not a URL: " + url);
      }
      https = "https".equalsIgnoreCase(u.getScheme());
      host = u.getRawAuthority();
      String path = u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath();
      target = path + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
    }
    if (!target.startsWith("/")) {
      throw new IllegalArgumentException("a URL path starts with /: " + url);
    }
    List<RequestSpec.Header> headers =
        host == null ? List.of() : List.of(new RequestSpec.Header("Host", host));
    Evaluator site = Evaluator.create(EvaluatorOptions.of(docroot));
    Evaluation e =
        site.evaluate(
            new RequestSpec(method, RawText.fromText(target), headers, https, "127.0.0.1"));
    List<SourceSpan> matched = new ArrayList<>();
    for (TraceEvent t : e.trace()) {
      if (t instanceof TraceEvent.RuleTried r && r.matched()) {
        matched.add(r.span());
      } else if (t instanceof TraceEvent.CondTried c && c.matched()) {
        matched.add(c.span());
      }
    }
    String request = method + " " + url.strip();
    return new Result(
        TraceRenderer.text(request, e), TraceRenderer.outcome(e.outcome()), List.copyOf(matched));
  }
}
