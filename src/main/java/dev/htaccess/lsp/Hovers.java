package dev.htaccess.lsp;

import dev.htaccess.httpd.ServerVariable;
import dev.htaccess.lint.checks.RequiresNewerApache;
import dev.htaccess.model.CondFlag;
import dev.htaccess.model.DirectiveCatalog;
import dev.htaccess.model.DirectiveInfo;
import dev.htaccess.model.RewriteOption;
import dev.htaccess.model.RuleFlagKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The hover text for a position on a line: a directive, a flag, a variable or a pattern. */
final class Hovers {

  private Hovers() {}

  /** Markdown for what the cursor is on, or null. */
  static String at(String line, int cursor) {
    LineContext at = LineContext.of(line, cursor);
    if (at.isComment() || at.directive().isEmpty()) {
      return null;
    }
    String variable = at.variableAtCursor();
    if (variable != null) {
      return variable(variable);
    }
    String key = at.directiveKey();
    if (at.onDirectiveName()) {
      return DirectiveCatalog.standard().find(key).map(Hovers::directive).orElse(null);
    }
    String flag = at.flagAtCursor();
    if (flag != null && (key.equals("rewriterule") || key.equals("rewritecond"))) {
      return flag(key, flag);
    }
    String word = at.wordAtCursor();
    int argument = at.argumentIndex();
    if (key.equals("rewriteoptions") && word != null) {
      return RewriteOption.of(word).map(Hovers::option).orElse(null);
    }
    if (key.equals("rewriterule") && argument == 0 && word != null) {
      return captures(word.startsWith("!") ? word.substring(1) : word, "$");
    }
    if (key.equals("rewritecond") && argument == 1 && word != null && !word.startsWith("-")) {
      return captures(word.startsWith("!") ? word.substring(1) : word, "%");
    }
    return null;
  }

  static String directive(DirectiveInfo d) {
    StringBuilder b = new StringBuilder();
    String name = d.section() ? "<" + d.name() + ">" : d.name();
    b.append("**").append(name).append("**");
    if (!d.summary().isEmpty()) {
      b.append(" — ").append(d.summary());
    }
    b.append("\n\n```apache\n").append(d.syntax()).append("\n```\n\n");
    List<String> facts = new ArrayList<>();
    facts.add("Module: " + d.module());
    facts.add(
        "Context: "
            + d.contexts().stream()
                .sorted()
                .map(Hovers::contextName)
                .collect(Collectors.joining(", ")));
    facts.add(
        "AllowOverride: " + (d.override().isEmpty() ? "not allowed in .htaccess" : d.override()));
    if (!d.since().isEmpty()) {
      facts.add("Since: " + d.since());
    }
    b.append(String.join(" · ", facts));
    return b.toString();
  }

  private static String contextName(DirectiveInfo.Context c) {
    return switch (c) {
      case SERVER -> "server config";
      case VHOST -> "virtual host";
      case DIRECTORY -> "directory";
      case HTACCESS -> ".htaccess";
      case PROXY -> "proxy section";
    };
  }

  static String flag(String directiveKey, String flag) {
    if (directiveKey.equals("rewritecond")) {
      CondFlag.Kind kind = CondFlag.Kind.of(flag);
      return kind == null
          ? null
          : "**[" + kind.shortName() + "]** RewriteCond flag — " + FlagDocs.COND.get(kind);
    }
    Optional<RuleFlagKind> kind = RuleFlagKind.of(flag);
    if (kind.isEmpty()) {
      return null;
    }
    String since = RequiresNewerApache.FLAGS.get(kind.get());
    return "**["
        + kind.get().shortName()
        + "]** RewriteRule flag — "
        + FlagDocs.RULE.get(kind.get())
        + (since == null ? "" : " Since " + since + ".");
  }

  static String option(RewriteOption o) {
    String since = RequiresNewerApache.OPTIONS.get(o);
    return "**"
        + o.spelling()
        + "** RewriteOptions — "
        + FlagDocs.OPTIONS.get(o)
        + (since == null ? "" : " Since " + since + ".");
  }

  static String variable(String name) {
    Optional<ServerVariable> v = ServerVariable.lookup(name);
    if (v.isPresent()) {
      return "**%{" + v.get().name() + "}** — " + v.get().holds();
    }
    Optional<ServerVariable.Prefix> p = ServerVariable.Prefix.of(name);
    if (p.isPresent()) {
      return "**%{" + name + "}** — " + p.get().holds() + ": " + p.get().argument(name);
    }
    return name.isEmpty()
        ? null
        : "**%{" + name + "}** — not a variable mod_rewrite knows: it expands to an empty string";
  }

  /** The capture groups of a regex, as $N (or %N) and the text of each. */
  static String captures(String pattern, String sigil) {
    List<String> groups = groups(pattern);
    StringBuilder b = new StringBuilder("**Pattern** `").append(pattern).append("`\n\n");
    b.append("- `").append(sigil).append("0`: the whole match\n");
    for (int i = 0; i < groups.size(); i++) {
      b.append("- `")
          .append(sigil)
          .append(i + 1)
          .append("`: `")
          .append(groups.get(i))
          .append("`\n");
    }
    if (groups.isEmpty()) {
      b.append("\nNo capture groups.");
    }
    return b.toString().stripTrailing();
  }

  /** The text of each capturing group of a PCRE pattern, in the order of their numbers. */
  static List<String> groups(String p) {
    List<int[]> found = new ArrayList<>();
    java.util.ArrayDeque<int[]> open = new java.util.ArrayDeque<>();
    boolean inClass = false;
    for (int i = 0; i < p.length(); i++) {
      char c = p.charAt(i);
      if (c == '\\') {
        i++;
      } else if (inClass) {
        inClass = c != ']';
      } else if (c == '[') {
        inClass = true;
        if (i + 1 < p.length() && p.charAt(i + 1) == '^') {
          i++;
        }
        if (i + 1 < p.length() && p.charAt(i + 1) == ']') {
          i++; // a ] first in a class is a literal
        }
      } else if (c == '(') {
        boolean capturing = !p.startsWith("?", i + 1) || named(p, i + 1);
        int[] g = {i, -1, capturing ? found.size() : -1};
        if (capturing) {
          found.add(g);
        }
        open.push(g);
      } else if (c == ')' && !open.isEmpty()) {
        open.pop()[1] = i;
      }
    }
    List<String> out = new ArrayList<>();
    for (int[] g : found) {
      out.add(p.substring(g[0], g[1] < 0 ? p.length() : g[1] + 1));
    }
    return out;
  }

  private static boolean named(String p, int question) {
    String rest = p.substring(question).toLowerCase(Locale.ROOT);
    return rest.startsWith("?p<")
        || rest.startsWith("?'")
        || (rest.startsWith("?<") && !rest.startsWith("?<=") && !rest.startsWith("?<!"));
  }
}
