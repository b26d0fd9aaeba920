package dev.htaccess.validate;

import dev.htaccess.model.Argument;
import dev.htaccess.model.GenericDirective;
import dev.htaccess.regex.PcrePattern;
import dev.htaccess.regex.PcreSyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The keyword and number checks of core, mod_autoindex, mod_mime and mod_setenvif handlers, each in
 * the handler's words: FileETag, ServerSignature, AcceptPathInfo, EnableMMAP/EnableSendfile,
 * LimitRequestBody, IndexOptions, IndexOrderDefault, MultiviewsMatch, SetEnvIf and its kin.
 */
final class KeywordArguments {

  private KeywordArguments() {}

  private static final Set<String> ETAG_COMPONENTS =
      Set.of("size", "lmtime", "mtime", "lastmodified", "inode", "digest");

  /** mod_autoindex's add_opts keywords (the width forms are read separately). */
  private static final Set<String> INDEX_OPTIONS =
      Set.of(
          "addaltclass",
          "descriptionwidth",
          "fancyindexing",
          "foldersfirst",
          "htmltable",
          "iconheight",
          "iconwidth",
          "iconsarelinks",
          "ignorecase",
          "ignoreclient",
          "namewidth",
          "none",
          "scanhtmltitles",
          "showforbidden",
          "suppresscolumnsorting",
          "suppressdescription",
          "suppresshtmlpreamble",
          "suppressicon",
          "suppresslastmodified",
          "suppressrules",
          "suppresssize",
          "trackmodified",
          "useolddateformat",
          "versionsort",
          "xhtml");

  static String problem(GenericDirective g) {
    List<Argument> a = g.arguments();
    String first = a.isEmpty() ? "" : a.get(0).value();
    return switch (g.key()) {
      case "fileetag" -> fileEtag(g.name(), a);
      case "serversignature" ->
          oneOf(first, "on", "off", "email")
              ? null
              : "ServerSignature: use one of: off | on | email";
      case "acceptpathinfo" ->
          oneOf(first, "on", "off", "default")
              ? null
              : "AcceptPathInfo must be set to on, off or default";
      case "enablemmap", "enablesendfile" ->
          oneOf(first, "on", "off") ? null : "parameter must be 'on' or 'off'";
      case "limitrequestbody" -> a.size() == 1 ? limitRequestBody(first) : null;
      case "indexoptions" -> indexOptions(a);
      case "indexorderdefault" -> {
        if (a.size() != 2) {
          yield null;
        }
        if (!oneOf(first, "ascending", "descending")) {
          yield "First keyword must be 'Ascending' or 'Descending'";
        }
        yield oneOf(a.get(1).value(), "name", "date", "size", "description")
            ? null
            : "Second keyword must be 'Name', 'Date', 'Size', or 'Description'";
      }
      case "multiviewsmatch" -> multiviewsMatch(a);
      case "setenvif", "setenvifnocase" -> setEnvIf(g.name(), a, 0);
      case "browsermatch", "browsermatchnocase" -> setEnvIf(g.name(), a, -1);
      case "setenvifexpr" -> setEnvIfExpr(g.name(), a);
      default -> null;
    };
  }

  private static boolean oneOf(String value, String... keywords) {
    for (String k : keywords) {
      if (value.equalsIgnoreCase(k)) {
        return true;
      }
    }
    return false;
  }

  /** core.c's set_etag_bits: None and All only without a sign. */
  private static String fileEtag(String name, List<Argument> a) {
    for (Argument arg : a) {
      String token = arg.value();
      boolean signed = token.startsWith("+") || token.startsWith("-");
      if (signed) {
        token = token.substring(1);
      }
      String lower = token.toLowerCase(Locale.ROOT);
      if (lower.equals("none") || lower.equals("all")) {
        if (signed) {
          return name + " keyword '" + token + "' cannot be used with '+' or '-'";
        }
      } else if (!ETAG_COMPONENTS.contains(lower)) {
        return "Unknown keyword '" + token + "' for " + name + " directive";
      }
    }
    return null;
  }

  /** apr_strtoff in base 10 over the whole word, and no negative size. */
  private static String limitRequestBody(String v) {
    String negative = "LimitRequestBody requires a non-negative integer.";
    String t = v.strip();
    if (!t.matches("[+-]?[0-9]*")) {
      return negative;
    }
    String digits = t.replaceFirst("^[+-]", "");
    if (digits.isEmpty()) {
      return t.isEmpty() ? null : negative;
    }
    try {
      long n = Long.parseLong(digits);
      return t.startsWith("-") && n != 0 ? negative : null;
    } catch (NumberFormatException e) {
      return "LimitRequestBody argument is not parsable.";
    }
  }

  private static String indexOptions(List<Argument> a) {
    for (Argument arg : a) {
      String w = arg.value();
      String bare = w.startsWith("+") || w.startsWith("-") ? w.substring(1) : w;
      String lower = bare.toLowerCase(Locale.ROOT);
      int eq = lower.indexOf('=');
      String key = eq < 0 ? lower : lower.substring(0, eq);
      boolean valued =
          eq >= 0
              && Set.of(
                      "charset", "type", "descriptionwidth", "iconheight", "iconwidth", "namewidth")
                  .contains(key);
      if (!valued && (eq >= 0 || !INDEX_OPTIONS.contains(lower))) {
        return "Invalid directory indexing option";
      }
    }
    return null;
  }

  /** mod_mime's multiviews_match: Any and NegotiatedOnly stand alone. */
  private static String multiviewsMatch(List<Argument> a) {
    boolean any = false;
    boolean negotiated = false;
    boolean other = false;
    for (Argument arg : a) {
      String w = arg.value();
      switch (w.toLowerCase(Locale.ROOT)) {
        case "any" -> {
          if (negotiated || other) {
            return "Any is incompatible with NegotiatedOnly, Filters and Handlers";
          }
          any = true;
        }
        case "negotiatedonly" -> {
          if (any || other) {
            return "NegotiatedOnly is incompatible with Any, Filters and Handlers";
          }
          negotiated = true;
        }
        case "filters", "handlers" -> {
          if (any || negotiated) {
            return (w.equalsIgnoreCase("filters") ? "Filters" : "Handlers")
                + " is incompatible with Any and NegotiatedOnly";
          }
          other = true;
        }
        default -> {
          return "Unrecognized option '" + w + "'";
        }
      }
    }
    return null;
  }

  /**
   * mod_setenvif's add_setenvif_core and add_envvars: a regex, then at least one variable.
   *
   * @param at where the regex is: 1 for SetEnvIf (after the attribute), 0 for BrowserMatch (-1 here
   *     means the attribute is implied)
   */
  private static String setEnvIf(String name, List<Argument> a, int at) {
    int regexAt = at < 0 ? 0 : 1;
    if (at >= 0 && (a.isEmpty() || a.get(0).value().isEmpty())) {
      return "Missing header-field name for " + name;
    }
    if (a.size() <= regexAt || a.get(regexAt).value().isEmpty()) {
      return "Missing regular expression for " + name;
    }
    try {
      PcrePattern.compile(a.get(regexAt).value(), name.toLowerCase(Locale.ROOT).endsWith("nocase"));
    } catch (PcreSyntaxException e) {
      return name + " regex could not be compiled.";
    }
    if (a.size() <= regexAt + 1) {
      return "Missing envariable expression for " + name;
    }
    return null;
  }

  private static String setEnvIfExpr(String name, List<Argument> a) {
    if (a.isEmpty() || a.get(0).value().isEmpty()) {
      return "Missing expression for " + name;
    }
    String err = Expressions.error(a.get(0).value(), false);
    if (err != null) {
      return "Could not parse expression \"" + a.get(0).value() + "\": " + err;
    }
    if (a.size() < 2) {
      return "Missing envariable expression for " + name;
    }
    return null;
  }
}
