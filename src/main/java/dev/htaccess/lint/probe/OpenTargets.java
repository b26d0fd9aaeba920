package dev.htaccess.lint.probe;

import dev.htaccess.eval.Outcome;
import dev.htaccess.eval.RequestSpec;
import dev.htaccess.lint.LintContext;
import dev.htaccess.model.CondFlag;
import dev.htaccess.model.CondPattern;
import dev.htaccess.model.RewriteCond;
import dev.htaccess.model.RewriteRule;
import dev.htaccess.model.Template;
import dev.htaccess.regex.Witness;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a redirect or proxy rule's target can be pointed at any host from outside: the parts of
 * the target in the host's place (after {@code scheme://}, or at its start) that come from the
 * request (path captures, the query string, headers, {@code %N} of conditions on them) are given an
 * attacker's host in a request built to reach the rule, and the real evaluator says where the
 * request goes. Only a request that ends at the attacker's host is a finding, so a capture that
 * cannot hold a dot or a slash, a pinning condition, or Apache merging the slashes of a path keep
 * the rule closed.
 */
public final class OpenTargets {

  /** The attacker's host of the probes. */
  public static final String EVIL = "evil.example";

  private OpenTargets() {}

  /** A request that the rule sends to {@link #EVIL}, and where it went. */
  public record Proof(String request, String target) {}

  /**
   * The first probe request that reaches the attacker's host through this rule.
   *
   * @param proxy look for an upstream (the rule proxies), else a Location
   * @param headersCount whether headers are the client's to choose (a proxy: yes; a redirect is
   *     only open when a link can carry it, so the path and the query string)
   */
  public static Optional<Proof> find(
      LintContext.Rule r, SiteProbe probe, boolean proxy, boolean headersCount) {
    for (Probe p : probes(r, headersCount)) {
      Outcome o = probe.request("GET", p.target, p.headers);
      if (o == null) {
        continue;
      }
      String where = proxy ? o.proxy() : o.location();
      if (where != null && EVIL.equalsIgnoreCase(host(where))) {
        String shown =
            "GET "
                + p.target
                + p.headers.stream()
                    .map(h -> " (" + h.name() + ": " + h.value() + ")")
                    .reduce("", String::concat);
        return Optional.of(new Proof(shown, probe.display(where)));
      }
    }
    return Optional.empty();
  }

  /**
   * For a target that starts with a capture of the path ({@code $1}): the request that would carry
   * a whole URL in it, and where it goes today (Apache merges the slashes of the path and refuses
   * an encoded one, so {@code /go/https://evil.example/} stays on this host unless the server sets
   * MergeSlashes Off or AllowEncodedSlashes On).
   */
  public static Optional<Proof> wholeTargetFromPath(LintContext.Rule r, SiteProbe probe) {
    List<Placed> placed = hostParts(r.rule().substitution());
    if (!r.rule().has(dev.htaccess.model.RuleFlagKind.REDIRECT)
        || placed.isEmpty()
        || !placed.get(0).leading
        || !(placed.get(0).part instanceof Template.RuleBackref b)) {
      return Optional.empty();
    }
    Optional<String> path = witnessPath(r.rule(), Map.of(b.group(), "https://" + EVIL + "/"));
    if (path.isEmpty()) {
      return Optional.empty();
    }
    Outcome o = probe.request("GET", path.get(), List.of());
    if (o == null || o.location() == null) {
      return Optional.empty();
    }
    String where = probe.display(o.location());
    return Optional.of(new Proof("GET " + path.get(), where));
  }

  private record Probe(String target, List<RequestSpec.Header> headers) {}

  private static List<Probe> probes(LintContext.Rule r, boolean headersCount) {
    RewriteRule rule = r.rule();
    List<Probe> out = new ArrayList<>();
    List<Placed> placed = hostParts(rule.substitution());
    for (Placed pp : placed) {
      String payload = pp.leading ? "https://" + EVIL + "/" : EVIL;
      if (pp.part instanceof Template.RuleBackref b) {
        if (pp.leading) {
          // A path never carries "scheme://" here: Apache merges its slashes and refuses an
          // encoded one (see wholeTargetFromPath).
          continue;
        }
        witnessPath(rule, Map.of(b.group(), payload))
            .ifPresent(path -> out.add(new Probe(path, List.of())));
      } else if (pp.part instanceof Template.CondBackref b) {
        for (RewriteCond c : r.conditions()) {
          condProbe(rule, c, b.group(), payload, headersCount).ifPresent(out::add);
        }
      } else if (pp.part instanceof Template.Variable v) {
        variableProbe(rule, v.name(), payload, headersCount).ifPresent(out::add);
      }
    }
    return out;
  }

  /** A part of the target and whether it stands at its very start (so it can bring a scheme). */
  private record Placed(Template.Part part, boolean leading) {}

  /** The parts in the host's place: after a literal {@code scheme://}, or leading the target. */
  private static List<Placed> hostParts(Template t) {
    List<Placed> out = new ArrayList<>();
    List<Template.Part> parts = t.parts();
    if (parts.isEmpty()) {
      return out;
    }
    if (!(parts.get(0) instanceof Template.Literal)) {
      out.add(new Placed(parts.get(0), true));
      return out;
    }
    boolean inHost = false;
    for (Template.Part p : parts) {
      if (p instanceof Template.Literal l) {
        String text = l.text();
        int from = 0;
        if (!inHost) {
          int s = text.indexOf("://");
          if (s < 0) {
            return out;
          }
          inHost = true;
          from = s + 3;
        }
        if (text.indexOf('/', from) >= 0 || text.indexOf('?', from) >= 0) {
          return out;
        }
      } else if (inHost) {
        out.add(new Placed(p, false));
      }
    }
    return out;
  }

  /** A request path that the rule's pattern matches with the chosen captures. */
  private static Optional<String> witnessPath(RewriteRule rule, Map<Integer, String> chosen) {
    if (rule.negated() && !chosen.isEmpty()) {
      return Optional.empty();
    }
    if (rule.negated()) {
      return Optional.of("/lint-probe");
    }
    boolean nocase = rule.has(dev.htaccess.model.RuleFlagKind.NO_CASE);
    return Witness.of(rule.pattern(), nocase, chosen)
        .map(s -> s.startsWith("/") ? s : "/" + s)
        .map(OpenTargets::escapePath);
  }

  private static Optional<Probe> condProbe(
      RewriteRule rule, RewriteCond c, int group, String payload, boolean headersCount) {
    if (c.negated() || !(c.pattern() instanceof CondPattern.Regex regex)) {
      return Optional.empty();
    }
    List<Template.Part> test = c.testString().parts();
    if (test.size() != 1 || !(test.get(0) instanceof Template.Variable v)) {
      return Optional.empty();
    }
    boolean nocase = c.has(CondFlag.Kind.NO_CASE);
    Optional<String> value = Witness.of(regex.regex(), nocase, Map.of(group, payload));
    if (value.isEmpty()) {
      return Optional.empty();
    }
    return sourced(rule, v.name(), value.get(), headersCount);
  }

  private static Optional<Probe> variableProbe(
      RewriteRule rule, String variable, String payload, boolean headersCount) {
    return sourced(rule, variable, payload, headersCount);
  }

  /** A request whose {@code variable} holds {@code value}, that reaches the rule. */
  private static Optional<Probe> sourced(
      RewriteRule rule, String variable, String value, boolean headersCount) {
    String v = variable.toUpperCase(Locale.ROOT);
    if (v.equals("REQUEST_URI")) {
      return Optional.of(
          new Probe(escapePath(value.startsWith("/") ? value : "/" + value), List.of()));
    }
    Optional<String> path = witnessPath(rule, Map.of());
    if (path.isEmpty()) {
      return Optional.empty();
    }
    if (v.equals("QUERY_STRING")) {
      return Optional.of(new Probe(path.get() + "?" + value, List.of()));
    }
    if (!headersCount) {
      return Optional.empty();
    }
    String header =
        v.equals("HTTP_HOST")
            ? "Host"
            : v.startsWith("HTTP:")
                ? variable.substring(5)
                : v.startsWith("HTTP_") ? v.substring(5).replace('_', '-') : null;
    if (header == null || value.contains("/") && header.equals("Host")) {
      return Optional.empty();
    }
    return Optional.of(new Probe(path.get(), List.of(new RequestSpec.Header(header, value))));
  }

  /** Spaces and control bytes as %-escapes: the rest of the path goes as written. */
  private static String escapePath(String path) {
    StringBuilder b = new StringBuilder();
    for (char c : path.toCharArray()) {
      if (c <= ' ' || c >= 0x7f || c == '#' || c == '?') {
        b.append(String.format("%%%02X", (int) c & 0xff));
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  private static String host(String url) {
    try {
      return URI.create(url).getHost();
    } catch (IllegalArgumentException e) {
      int s = url.indexOf("://");
      if (s < 0) {
        return null;
      }
      int end = s + 3;
      while (end < url.length() && "/?#:".indexOf(url.charAt(end)) < 0) {
        end++;
      }
      return url.substring(s + 3, end);
    }
  }
}
