package dev.htaccess.validate;

import dev.htaccess.httpd.AuthProviders;
import dev.htaccess.httpd.HttpStatus;
import dev.htaccess.httpd.IfVersion;
import dev.htaccess.httpd.RedirectArgs;
import dev.htaccess.model.Argument;
import dev.htaccess.model.DirectiveInfo;
import dev.htaccess.model.GenericDirective;
import dev.htaccess.model.Section;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The argument checks Apache's directive handlers make when they read a file: the number of
 * arguments each argument style takes (config.c), and the values of common directives (Options,
 * Require, Header, Redirect, ErrorDocument, Expires*). Shared by the linter, which reports them,
 * and the dry run, which answers 500 as Apache does.
 */
public final class DirectiveValidator {

  private DirectiveValidator() {}

  /** Apache's complaint about a directive's arguments, or null when it accepts them. */
  public static String problem(GenericDirective g, DirectiveInfo info) {
    String count = argumentCount(info, g.arguments());
    if (count != null) {
      return info.name() + " " + count;
    }
    return argumentValue(g);
  }

  /**
   * Apache's complaint about a section's header, or null when it accepts it: {@code <IfVersion>} as
   * mod_version reads it.
   */
  public static String sectionProblem(Section s) {
    if (s.key().equals("ifversion")) {
      try {
        IfVersion.parse(s.arguments().stream().map(Argument::value).toList());
      } catch (IfVersion.Invalid e) {
        return e.getMessage();
      }
    }
    return null;
  }

  /** The value checks alone (for directives whose count is right). */
  public static String argumentValue(GenericDirective g) {
    return switch (g.key()) {
      case "options" -> options(g.arguments());
      case "require" -> require(g.arguments());
      case "header", "requestheader" -> header(g.name(), g.arguments());
      case "redirect", "redirectmatch", "redirectpermanent", "redirecttemp" ->
          redirect(g.key(), g.arguments());
      case "errordocument" -> errorDocument(g.arguments());
      case "expiresbytype" ->
          g.arguments().size() == 2 ? expires(g.arguments().get(1).value()) : null;
      case "expiresdefault" ->
          g.arguments().size() == 1 ? expires(g.arguments().get(0).value()) : null;
      default -> null;
    };
  }

  private static final Set<String> OPTIONS =
      Set.of(
          "all",
          "none",
          "indexes",
          "includes",
          "includesnoexec",
          "followsymlinks",
          "symlinksifownermatch",
          "execcgi",
          "multiviews");

  private static final Set<String> HEADER_ACTIONS =
      Set.of(
          "set", "append", "add", "unset", "echo", "merge", "edit", "edit*", "setifempty", "note");

  public static String argumentCount(DirectiveInfo info, List<Argument> args) {
    int n = args.size();
    boolean firstEmpty = n == 0 || args.get(0).value().isEmpty();
    boolean secondEmpty = n < 2 || args.get(1).value().isEmpty();
    return switch (info.arguments()) {
      case NO_ARGS -> n == 0 ? null : "takes no arguments";
      case TAKE1 -> n == 1 && !firstEmpty ? null : "takes one argument";
      case TAKE2 -> n == 2 && !firstEmpty && !secondEmpty ? null : "takes two arguments";
      case TAKE12 -> n >= 1 && n <= 2 && !firstEmpty ? null : "takes 1-2 arguments";
      case TAKE3 ->
          n == 3 && !firstEmpty && !secondEmpty && !args.get(2).value().isEmpty()
              ? null
              : "takes three arguments";
      case TAKE23 ->
          n >= 2 && n <= 3 && !firstEmpty && !secondEmpty ? null : "takes two or three arguments";
      case TAKE123 -> n >= 1 && n <= 3 && !firstEmpty ? null : "takes one, two or three arguments";
      case TAKE13 -> (n == 1 || n == 3) && !firstEmpty ? null : "takes one or three arguments";
      case ITERATE -> !firstEmpty ? null : "requires at least one argument";
      case ITERATE2 -> n >= 2 && !firstEmpty ? null : "requires at least two arguments";
      case FLAG -> {
        String v = firstEmpty ? "" : args.get(0).value().toLowerCase(Locale.ROOT);
        yield v.equals("on") || v.equals("off") ? null : "must be On or Off";
      }
      default -> null;
    };
  }

  public static String options(List<Argument> args) {
    boolean signed = false;
    boolean plain = false;
    for (Argument a : args) {
      String v = a.value();
      boolean s = v.startsWith("+") || v.startsWith("-");
      signed |= s;
      plain |= !s;
      String name = (s ? v.substring(1) : v).toLowerCase(Locale.ROOT);
      if (!OPTIONS.contains(name)) {
        return "Illegal option " + (s ? v.substring(1) : v);
      }
      if (s && (name.equals("all") || name.equals("none"))) {
        return "Options: " + v + " is not allowed; use All or None without + or -";
      }
    }
    if (signed && plain) {
      return "Either all Options must start with + or -, or no Option may.";
    }
    return null;
  }

  public static String require(List<Argument> args) {
    if (args.isEmpty()) {
      return null;
    }
    int i = args.get(0).value().equalsIgnoreCase("not") ? 1 : 0;
    if (i >= args.size()) {
      return "Require not needs a provider";
    }
    String provider = args.get(i).value().toLowerCase(Locale.ROOT);
    if (!AuthProviders.knownAuthz(provider)) {
      return "Unknown Authz provider: " + args.get(i).value();
    }
    if (provider.equals("all")) {
      if (args.size() != i + 2
          || !(args.get(i + 1).value().equalsIgnoreCase("granted")
              || args.get(i + 1).value().equalsIgnoreCase("denied"))) {
        return "Require all must be followed by 'granted' or 'denied'";
      }
      if (i == 1) {
        return "Require not all ... is not allowed; use Require all denied";
      }
    }
    if ((provider.equals("ip")
            || provider.equals("host")
            || provider.equals("env")
            || provider.equals("method")
            || provider.equals("user")
            || provider.equals("group"))
        && args.size() == i + 1) {
      return "Require " + provider + " needs at least one argument";
    }
    return null;
  }

  public static String header(String name, List<Argument> args) {
    if (args.isEmpty()) {
      return name + " requires at least two arguments";
    }
    int i = 0;
    String first = args.get(0).value().toLowerCase(Locale.ROOT);
    if (name.equalsIgnoreCase("header") && (first.equals("always") || first.equals("onsuccess"))) {
      i = 1;
    }
    if (i >= args.size()) {
      return name + " requires an action";
    }
    String action = args.get(i).value().toLowerCase(Locale.ROOT);
    if (!HEADER_ACTIONS.contains(action)) {
      return name
          + ": first argument must be 'add', 'set', 'append', 'merge', 'unset', 'echo', 'note',"
          + " 'edit', 'edit*' or 'setifempty' (not '"
          + args.get(i).value()
          + "')";
    }
    int rest = args.size() - i - 1;
    if (rest < 1) {
      return name + " " + action + " needs a header name";
    }
    boolean needsValue =
        Set.of("set", "append", "add", "merge", "setifempty", "note", "edit", "edit*")
            .contains(action);
    if (needsValue && rest < 2) {
      return name + " " + action + " needs a value";
    }
    boolean edit = action.equals("edit") || action.equals("edit*");
    if (edit && rest < 3) {
      return name + " " + action + " needs a regular expression and a replacement";
    }
    int condition = i + 2 + (needsValue ? 1 : 0) + (edit ? 1 : 0);
    // Header and RequestHeader share mod_headers' argument parser, condition included.
    if (condition < args.size()) {
      String c = args.get(condition).value();
      String lower = c.toLowerCase(Locale.ROOT);
      if (lower.startsWith("env=")) {
        String var = c.substring(4);
        if (var.isEmpty() || var.equals("!")) {
          return name + ": missing environment variable name in '" + c + "'";
        }
      } else if (!lower.startsWith("expr=") && !lower.equals("early")) {
        return name + ": unknown condition '" + c + "' (expected early, env= or expr=)";
      }
      if (condition + 1 < args.size()) {
        return name + " " + action + " has too many arguments";
      }
    }
    return null;
  }

  /** mod_alias's reading of a redirect in a directory's configuration (.htaccess). */
  public static String redirect(String key, List<Argument> args) {
    try {
      RedirectArgs.parse(key, args.stream().map(Argument::value).toList(), true);
      return null;
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
  }

  public static String errorDocument(List<Argument> args) {
    if (args.size() != 2) {
      return null;
    }
    String code = args.get(0).value();
    int n;
    try {
      n = Integer.parseInt(code.replaceAll("^(\\d+).*$", "$1"));
    } catch (NumberFormatException e) {
      return "Unsupported HTTP response code " + code;
    }
    if (!HttpStatus.KNOWN.contains(n)) {
      return "Unsupported HTTP response code " + code;
    }
    return null;
  }

  /**
   * mod_expires' check_code: a code starting with A or M is taken as is; otherwise "<base> [plus]
   * {<num> <type>}*", where Apache compares only the first letter (two for months and minutes) of
   * each keyword.
   */
  public static String expires(String rule) {
    if (rule.startsWith("A") || rule.startsWith("M")) {
      return null;
    }
    String[] w = rule.strip().isEmpty() ? new String[0] : rule.strip().split("\\s+");
    String base = w.length == 0 ? "" : w[0].toLowerCase(Locale.ROOT);
    if (base.isEmpty() || "anm".indexOf(base.charAt(0)) < 0) {
      return "bad expires code, unrecognised <base> '" + base + "'";
    }
    int i = 1;
    if (i < w.length && w[i].toLowerCase(Locale.ROOT).startsWith("p")) {
      i++;
    }
    while (i < w.length) {
      if (!Character.isDigit(w[i].charAt(0))) {
        return "bad expires code, numeric value expected <num> '" + w[i] + "'";
      }
      if (i + 1 >= w.length) {
        return "bad expires code, missing <type>";
      }
      String type = w[i + 1].toLowerCase(Locale.ROOT);
      boolean known =
          type.startsWith("y")
              || type.startsWith("mo")
              || type.startsWith("w")
              || type.startsWith("d")
              || type.startsWith("h")
              || type.startsWith("mi")
              || type.startsWith("s");
      if (!known) {
        return "bad expires code, unrecognised <type>'" + w[i + 1] + "'";
      }
      i += 2;
    }
    return null;
  }
}
