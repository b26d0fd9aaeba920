package dev.htaccess.convert;

import dev.htaccess.model.Template;
import java.util.Locale;
import java.util.function.IntFunction;

/**
 * mod_rewrite's {@code %{VARIABLE}}s as Caddy placeholders, and a template (a substitution or a
 * test string) written as a Caddy string with them.
 */
final class CaddyPlaceholders {

  private final String docroot;
  private final CaddyMaps maps;

  CaddyPlaceholders(String docroot, CaddyMaps maps) {
    this.docroot = docroot;
    this.maps = maps;
  }

  /**
   * The placeholder (or text) Caddy has for {@code %{name}}, or null. Caddy's path is decoded, as
   * REQUEST_URI is; its query is the raw one, as QUERY_STRING is; Go keeps the Host header apart
   * from the others ({@code {hostport}}).
   */
  String of(String name) {
    String n = name.toUpperCase(Locale.ROOT);
    if (n.startsWith("ENV:") && name.substring(4).matches("[A-Za-z0-9_-]+")) {
      return "{vars.htaccess_env_" + name.substring(4) + "}";
    }
    if (n.startsWith("HTTP:")) {
      return "{header." + name.substring(5) + "}";
    }
    switch (n) {
      case "REQUEST_URI":
        return "{path}";
      case "QUERY_STRING":
        return "{query}";
      case "HTTP_HOST":
        return "{hostport}";
      case "SERVER_NAME":
        return "{host}";
      case "REQUEST_METHOD":
        return "{method}";
      case "REQUEST_SCHEME":
        return "{scheme}";
      case "REMOTE_ADDR":
        return "{remote_host}";
      case "DOCUMENT_ROOT":
        return docroot;
      case "REQUEST_FILENAME":
      case "SCRIPT_FILENAME":
        return docroot + "{path}";
      default:
        break;
    }
    if (n.startsWith("HTTP_") && n.length() > 5 && !n.equals("HTTPS")) {
      return "{header." + n.substring(5).replace('_', '-') + "}";
    }
    return null;
  }

  /** Why a part has no Caddy form, or null. */
  String unsupported(Template.Part p) {
    if (p instanceof Template.Variable v && of(v.name()) == null) {
      return "the variable %{" + v.name() + "} has no Caddy counterpart";
    }
    if (p instanceof Template.MapLookup m) {
      String why = maps.unsupported(m);
      if (why == null) {
        why = unsupported(m.key());
      }
      if (why == null && m.defaultValue() != null) {
        why = unsupported(m.defaultValue());
      }
      return why;
    }
    if (p instanceof Template.Literal l && (l.text().contains("{") || l.text().contains("}"))) {
      return "a literal brace (Caddy reads it as a placeholder)";
    }
    return null;
  }

  /** The first part of the template that has no Caddy form, as why, or null. */
  String unsupported(Template t) {
    for (Template.Part p : t.parts()) {
      String why = unsupported(p);
      if (why != null) {
        return why;
      }
    }
    return null;
  }

  /**
   * The template as a Caddy string.
   *
   * @param rule the placeholder of the rule's group N
   * @param cond the placeholder of the conditions' group N
   */
  String expand(Template t, IntFunction<String> rule, IntFunction<String> cond) {
    StringBuilder out = new StringBuilder();
    for (Template.Part p : t.parts()) {
      if (p instanceof Template.Literal l) {
        out.append(l.text());
      } else if (p instanceof Template.RuleBackref b) {
        out.append(rule.apply(b.group()));
      } else if (p instanceof Template.CondBackref b) {
        out.append(cond.apply(b.group()));
      } else if (p instanceof Template.Variable v) {
        out.append(of(v.name()));
      } else if (p instanceof Template.MapLookup m) {
        out.append(lookup(m, rule, cond));
      }
    }
    return out.toString();
  }

  /** The placeholder of a lookup's value (the map declared with its key's expansion). */
  private String lookup(Template.MapLookup m, IntFunction<String> rule, IntFunction<String> cond) {
    String key = expand(m.key(), rule, cond);
    String fallback = m.defaultValue() == null ? "" : expand(m.defaultValue(), rule, cond);
    return maps.lookup(m.map(), key, fallback);
  }

  /** Whether a lookup's key or default reads $N or %N (a CEL term has no captures to give). */
  private static boolean refersToCaptures(Template.MapLookup m) {
    java.util.List<Template.Part> parts = new java.util.ArrayList<>(m.key().allParts());
    if (m.defaultValue() != null) {
      parts.addAll(m.defaultValue().allParts());
    }
    return parts.stream()
        .anyMatch(p -> p instanceof Template.RuleBackref || p instanceof Template.CondBackref);
  }

  /**
   * The template as a CEL string expression (literals and placeholders joined by {@code +}), or
   * null when it refers to a capture (a condition under {@code [OR]} has none to refer to).
   */
  String cel(Template t) {
    StringBuilder out = new StringBuilder();
    for (Template.Part p : t.parts()) {
      String one;
      if (p instanceof Template.Literal l) {
        one = CaddyText.celString(l.text());
      } else if (p instanceof Template.Variable v && v.name().equalsIgnoreCase("HTTPS")) {
        one = "({scheme} == \"https\" ? \"on\" : \"off\")";
      } else if (p instanceof Template.Variable v) {
        String ph = of(v.name());
        int brace = ph.indexOf('{');
        if (brace < 0) {
          one = CaddyText.celString(ph);
        } else if (brace == 0) {
          // Caddy's vars directive stores "200" or "true" as a number or a boolean
          one = ph.startsWith("{vars.") ? "string(" + ph + ")" : ph;
        } else {
          one = CaddyText.celString(ph.substring(0, brace)) + " + " + ph.substring(brace);
        }
      } else if (p instanceof Template.MapLookup m && !refersToCaptures(m)) {
        one = lookup(m, n -> "", n -> "");
      } else {
        return null;
      }
      out.append(out.length() == 0 ? "" : " + ").append(one);
    }
    return out.length() == 0 ? "\"\"" : out.toString();
  }
}
