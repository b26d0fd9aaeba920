package dev.htaccess.eval;

import dev.htaccess.eval.rewrite.RequestView;
import dev.htaccess.eval.rewrite.RewriteContext;
import dev.htaccess.expr.ApExpression;
import dev.htaccess.httpd.Expiry;
import dev.htaccess.model.ConfigNode;
import dev.htaccess.model.GenericDirective;
import dev.htaccess.model.Section;
import dev.htaccess.source.RawText;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * What mod_headers and mod_expires do to the response: the Header directives of the last directory
 * walk, of its matching {@code <Files>} sections and of its {@code <If>} sections, with their
 * conditions checked against the final environment, and the expiry for the final content type.
 */
final class ResponseHeaders {

  /** mod_headers' operations and mod_expires' expiry for one response. */
  record Result(List<ResponseHeader> headers, Expiry expiry, List<ResponseHeader> requestHeaders) {
    static final Result NONE = new Result(List.of(), null, List.of());
  }

  private final RequestState state;
  private final Round round;
  private final Variables variables;

  ResponseHeaders(RequestState state, Round round) {
    this.state = state;
    this.round = round;
    this.variables = new Variables(state, round);
  }

  /**
   * The operations for the response the draft describes.
   *
   * @param typeLater the type is only known when the response comes (script, upstream)
   */
  Result of(Draft o, boolean typeLater) {
    DirConfig cfg = round.lastConfig;
    if (cfg == null || o.proxy() == null && round.lastFile == null) {
      return Result.NONE;
    }
    ResponseSettings settings = cfg.response();
    if (round.lastBase != null) {
      for (FilesSection f : cfg.fileSections()) {
        if (f.matches(round.lastBase)) {
          settings = settings == cfg.response() ? settings.copy() : settings;
          apply(f.section().children(), settings);
        }
      }
    }
    RequestView vars =
        round.lastFile != null
            ? round.lastFile
            : new RewriteContext(null, false, o.uri(), o.query(), null, null);
    // <If> sections are merged last, after <Files>, as for access control.
    for (Section s : new AccessCheck(state, round).applicableIfSections(cfg, vars)) {
      settings = settings == cfg.response() ? settings.copy() : settings;
      apply(s.children(), settings);
    }
    if (settings.headers.isEmpty()
        && settings.requestHeaders.isEmpty()
        && settings.expiresActive == null) {
      return Result.NONE;
    }
    List<ResponseHeader> ops = operations(settings.headers, vars, o.contentType(), typeLater);
    List<ResponseHeader> requestOps =
        operations(settings.requestHeaders, vars, o.contentType(), false);
    Expiry expiry = o.status() < 400 ? settings.expiryFor(o.contentType()) : null;
    return new Result(ops, expiry, requestOps);
  }

  /**
   * The rules whose condition holds, their values expanded.
   *
   * @param contentType the response's Content-Type as known now, for {@code %{CONTENT_TYPE}}
   * @param typeLater the type is only known when the response comes (script, upstream): a condition
   *     that reads it is returned with the operation, its other variables fixed now
   */
  private List<ResponseHeader> operations(
      List<HeaderRule> rules, RequestView vars, String contentType, boolean typeLater) {
    List<ResponseHeader> ops = new ArrayList<>();
    for (HeaderRule h : rules) {
      if (h.envVar() != null && (round.env.get(h.envVar()) != null) == h.envNegated()) {
        continue;
      }
      Predicate<String> whenType = null;
      if (h.expr() != null) {
        Map<String, String> seenVars = new HashMap<>();
        boolean[] readsType = {false};
        boolean holds;
        try {
          holds =
              h.expr()
                  .evaluate(
                      name -> {
                        if (isContentType(name)) {
                          readsType[0] = true;
                          return contentType == null ? "" : contentType;
                        }
                        return seenVars.computeIfAbsent(name, n -> variables.lookup(n, vars, null));
                      });
        } catch (RuntimeException e) {
          holds = false;
        }
        if (typeLater && readsType[0]) {
          whenType = laterCondition(h.expr(), Map.copyOf(seenVars));
        } else if (!holds) {
          continue;
        }
      }
      if (h.action().equals("echo")) {
        // mod_headers' echo: each request header whose name the regex matches is added to the
        // response as it came.
        if (h.echoNames() != null) {
          for (RequestSpec.Header rh : state.request.headers()) {
            if (h.echoNames().find(rh.name())) {
              ops.add(new ResponseHeader(h.always(), "add", rh.name(), rh.value(), null, null));
            }
          }
        }
        continue;
      }
      String value =
          h.value() == null || h.action().startsWith("edit") ? h.value() : format(h.value());
      ops.add(
          new ResponseHeader(
              h.always(), h.action(), h.name(), value, h.replacement(), whenType, h.editPattern()));
    }
    return ops;
  }

  private static boolean isContentType(String name) {
    return RawText.asciiUpper(name).equals("CONTENT_TYPE");
  }

  /** A condition on the response's type, with the request's variables as they are now. */
  private static Predicate<String> laterCondition(ApExpression expr, Map<String, String> fixed) {
    return type -> {
      try {
        return expr.evaluate(n -> isContentType(n) ? type : fixed.getOrDefault(n, ""));
      } catch (RuntimeException e) {
        return false;
      }
    };
  }

  private void apply(List<ConfigNode> nodes, ResponseSettings settings) {
    for (ConfigNode n : nodes) {
      if (n instanceof GenericDirective g) {
        String key = g.name().toLowerCase(Locale.ROOT);
        if (ResponseSettings.handles(key)) {
          try {
            settings.apply(key, g.arguments());
          } catch (IllegalArgumentException e) {
            // Reported when the file was read; a broken directive changes nothing here.
          }
        }
      } else if (n instanceof Section s && state.conditions.includes(s)) {
        apply(s.children(), settings);
      }
    }
  }

  /** mod_headers' format specifiers: %{VAR}e, %t, %D and %%. */
  private String format(String value) {
    if (value.indexOf('%') < 0) {
      return value;
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c != '%' || i + 1 >= value.length()) {
        out.append(c);
        continue;
      }
      char next = value.charAt(i + 1);
      if (next == '%') {
        out.append('%');
        i++;
      } else if (next == 't') {
        state.nondeterministic = true;
        out.append("t=").append(System.currentTimeMillis() * 1000);
        i++;
      } else if (next == 'D') {
        out.append("D=0");
        i++;
      } else if (next == '{') {
        int close = value.indexOf('}', i);
        if (close > 0 && close + 1 < value.length() && value.charAt(close + 1) == 'e') {
          String v = round.env.get(value.substring(i + 2, close));
          out.append(v == null ? "(null)" : v);
          i = close + 1;
        } else {
          out.append(c);
        }
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
