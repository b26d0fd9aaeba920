package dev.htaccess.model;

import java.util.List;

/**
 * A string with mod_rewrite expansions: a RewriteRule substitution, a RewriteCond test string, the
 * value of an {@code [E=]} or {@code [CO=]} flag. Parsed once, expanded per request.
 *
 * @param source the text as written (a byte string)
 * @param parts the literal text and expansions, in order
 */
public record Template(String source, List<Part> parts) {

  public Template {
    parts = List.copyOf(parts);
  }

  /** One piece of a template. */
  public sealed interface Part permits Literal, RuleBackref, CondBackref, Variable, MapLookup {}

  /** Text copied as is; backslash escapes already resolved. */
  public record Literal(String text) implements Part {}

  /** {@code $N}: group N of the RewriteRule pattern. */
  public record RuleBackref(int group) implements Part {}

  /** {@code %N}: group N of the last matched RewriteCond. */
  public record CondBackref(int group) implements Part {}

  /**
   * {@code %{NAME}}: a server variable, or a prefixed lookup such as {@code ENV:x}, {@code
   * HTTP:Header}, {@code SSL:VAR}, {@code LA-U:x}, {@code LA-F:x}.
   *
   * @param name the text between the braces, unexpanded (Apache does not expand it either)
   */
  public record Variable(String name) implements Part {

    /** The prefix before the first colon ({@code ENV}, {@code HTTP} ...), or empty. */
    public String prefix() {
      int colon = name.indexOf(':');
      return colon > 0 ? name.substring(0, colon) : "";
    }

    /** The part after the prefix's colon, or the whole name when there is no prefix. */
    public String argument() {
      int colon = name.indexOf(':');
      return colon > 0 ? name.substring(colon + 1) : name;
    }
  }

  /**
   * {@code ${map:key|default}}: a RewriteMap lookup; key and default are templates themselves.
   *
   * @param defaultValue the value when the key is not found, or null when none is given
   */
  public record MapLookup(String map, Template key, Template defaultValue) implements Part {}

  /**
   * The parts, each map lookup followed by the parts of its key and default (depth first): what the
   * template reads, for the $N, %N and variables a lookup's key uses too.
   */
  public List<Part> allParts() {
    List<Part> out = new java.util.ArrayList<>();
    for (Part p : parts) {
      out.add(p);
      if (p instanceof MapLookup m) {
        out.addAll(m.key().allParts());
        if (m.defaultValue() != null) {
          out.addAll(m.defaultValue().allParts());
        }
      }
    }
    return out;
  }

  /** True when the template is plain text with no expansion. */
  public boolean isLiteral() {
    return parts.stream().allMatch(p -> p instanceof Literal);
  }
}
