package dev.htaccess.validate;

import dev.htaccess.httpd.HttpMethods;
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
    List<Argument> args = s.arguments();
    switch (s.key()) {
      case "ifmodule",
          "ifdefine",
          "iffile",
          "ifdirective",
          "ifsection",
          "files",
          "filesmatch",
          "limit",
          "limitexcept",
          "if",
          "elseif" -> {
        if (args.isEmpty()) {
          return "<" + s.name() + "> directive requires additional arguments";
        }
      }
      case "else" -> {
        if (!args.isEmpty()) {
          return "<Else> does not take an argument";
        }
      }
      case "requireall", "requireany", "requirenone" -> {
        if (!args.isEmpty()) {
          return "<" + s.name() + "> directive doesn't take additional arguments";
        }
      }
      default -> {}
    }
    if ((s.key().equals("if") || s.key().equals("elseif")) && args.size() > 1) {
      return "Multiple <" + s.name() + "> arguments not supported.";
    }
    if (s.key().equals("limit")) {
      for (Argument a : args) {
        if (a.value().equals("TRACE")) {
          return "TRACE cannot be controlled by <Limit>, see TraceEnable";
        }
      }
    }
    if (s.key().equals("ifversion")) {
      try {
        IfVersion.parse(s.arguments().stream().map(Argument::value).toList());
      } catch (IfVersion.Invalid e) {
        return e.getMessage();
      }
    }
    return null;
  }

  /**
   * Apache's complaint about where a section stands, or null: {@code <If>} and {@code <Files>} may
   * not stand in a {@code <Limit>} (nor in a Require container, which mod_authz_core marks as one),
   * and a {@code <Limit>} inside another must keep some, but not all, of its methods.
   *
   * @param enclosing the sections around it, outermost first
   */
  public static String nestingProblem(Section s, List<Section> enclosing) {
    long limited = ALL_METHODS;
    boolean inLimit = false;
    for (Section e : enclosing) {
      switch (e.key()) {
        case "limit", "limitexcept" -> {
          limited &= methodBits(e);
          inLimit = true;
        }
        case "requireall", "requireany", "requirenone" -> {
          limited &= ~REQUIRE_BIT;
          inLimit = true;
        }
        default -> {}
      }
    }
    switch (s.key()) {
      case "if", "elseif", "else", "files", "filesmatch" -> {
        return inLimit
            ? "<" + s.name() + "> cannot occur within <Limit> or <LimitExcept> section"
            : null;
      }
      case "limit", "limitexcept" -> {
        long mine = methodBits(s);
        if ((limited & mine) == 0) {
          return "<" + s.name() + "> directive excludes all methods";
        }
        if ((limited & mine) == limited) {
          return "<" + s.name() + "> directive specifies methods already excluded";
        }
        return null;
      }
      default -> {
        return null;
      }
    }
  }

  /** One bit per method httpd knows (HEAD is GET's), the top bit for mod_authz_core's mark. */
  private static final List<String> METHOD_ORDER =
      HttpMethods.REGISTERED.stream().filter(m -> !m.equals("HEAD")).sorted().toList();

  private static final long REQUIRE_BIT = 1L << 62;
  private static final long ALL_METHODS = -1L;

  private static long methodBits(Section limit) {
    long bits = 0;
    for (Argument a : limit.arguments()) {
      String m = a.value().equals("HEAD") ? "GET" : a.value();
      int i = METHOD_ORDER.indexOf(m);
      if (i >= 0) {
        bits |= 1L << i;
      }
    }
    return limit.key().equals("limitexcept") ? ~bits : bits;
  }

  /**
   * What only an .htaccess file may not do in a section header: name a method httpd does not know
   * in {@code <Limit>} or {@code <LimitExcept>} (the server configuration registers it instead).
   */
  public static String htaccessSectionProblem(Section s) {
    if (s.key().equals("limit") || s.key().equals("limitexcept")) {
      for (Argument a : s.arguments()) {
        if (!HttpMethods.REGISTERED.contains(a.value())) {
          return "Could not register method '"
              + a.value()
              + "' for <"
              + s.name()
              + " from .htaccess configuration";
        }
      }
    }
    return null;
  }

  /** The value checks alone (for directives whose count is right). */
  public static String argumentValue(GenericDirective g) {
    return switch (g.key()) {
      case "options" -> options(g.arguments());
      case "header", "requestheader" -> header(g.name(), g.arguments());
      case "redirect", "redirectmatch", "redirectpermanent", "redirecttemp" ->
          redirect(g.key(), g.arguments());
      case "errordocument" -> errorDocument(g.arguments());
      case "expiresbytype" ->
          g.arguments().size() == 2 ? expires(g.arguments().get(1).value()) : null;
      case "expiresdefault" ->
          g.arguments().size() == 1 ? expires(g.arguments().get(0).value()) : null;
      default -> KeywordArguments.problem(g);
    };
  }

  public static String argumentCount(DirectiveInfo info, List<Argument> args) {
    int n = args.size();
    boolean firstEmpty = n == 0 || args.get(0).value().isEmpty();
    boolean secondEmpty = n < 2 || args.get(1).value().isEmpty();
    return switch (info.arguments()) {
      // SSLRequireSSL with words after it is accepted by Debian's Apache 2.4.71 (measured,
      // testdata/lint-apache), although its command table says NO_ARGS.
      case NO_ARGS -> n == 0 || info.name().equals("SSLRequireSSL") ? null : "takes no arguments";
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

  private static final String OPTIONS_MIXED =
      "Either all Options must start with + or -, or no Option may.";

  /**
   * core.c's reading of Options, word by word: a first bare word (All, None or a name) starts the
   * set afresh; after All or None the rest may be all +/- changes or all bare names; otherwise the
   * words are all changes or all names. All and None come first and unsigned. RunScripts is an old
   * alias core.c still takes.
   */
  public static String options(List<Argument> args) {
    return options(args, CoreOption.EVERY);
  }

  /**
   * As {@link #options(List)} in an .htaccess whose AllowOverride lets Options set only {@code
   * allowed} (core checks each word after reading it: "Option X not allowed here").
   */
  public static String options(List<Argument> args, Set<CoreOption> allowed) {
    boolean first = true;
    boolean relative = false;
    boolean allOrNone = false;
    for (Argument a : args) {
      String word = a.value();
      boolean signed = word.startsWith("+") || word.startsWith("-");
      if (signed) {
        word = word.substring(1);
        if (!relative && !first && !allOrNone) {
          return OPTIONS_MIXED;
        }
        relative = true;
      } else if (!first && relative) {
        return OPTIONS_MIXED;
      }
      String name = word.toLowerCase(Locale.ROOT);
      if (name.equals("all") || name.equals("none")) {
        String spelled = name.equals("all") ? "All" : "None";
        if (!first) {
          return "'Options "
              + spelled
              + "' must be the first "
              + (name.equals("all") ? "option" : "Option")
              + " given.";
        }
        if (relative) {
          return "You may not use 'Options +" + spelled + "' or 'Options -" + spelled + "'.";
        }
        allOrNone = true;
      }
      Set<CoreOption> bits = CoreOption.ofWord(name);
      if (bits == null) {
        return "Illegal option " + word;
      }
      if (!allowed.containsAll(bits)) {
        return "Option " + word + " not allowed here";
      }
      first = false;
    }
    return null;
  }

  /** mod_headers' reading of Header and RequestHeader. */
  public static String header(String name, List<Argument> args) {
    return HeaderDirective.problem(name, args);
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
  /** mod_expires' check_code. */
  public static String expires(String rule) {
    try {
      dev.htaccess.httpd.Expiry.parse(rule);
      return null;
    } catch (dev.htaccess.httpd.Expiry.Invalid e) {
      return e.getMessage();
    }
  }
}
