package dev.htaccess.validate;

import dev.htaccess.model.Argument;
import dev.htaccess.regex.PcrePattern;
import dev.htaccess.regex.PcreSyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * mod_headers' reading of {@code Header} and {@code RequestHeader} (header_cmd and
 * header_inout_cmd): the action, how many words each action takes, the condition (early, env=,
 * expr=), the edit and echo regexes, and the value's format tags.
 */
final class HeaderDirective {

  private HeaderDirective() {}

  /** The format tags mod_headers registers: %D %t %e %s %l %i %b (and %% or a final %). */
  private static final Set<Character> FORMAT_TAGS = Set.of('D', 't', 'e', 's', 'l', 'i', 'b');

  private static final Set<String> ACTIONS =
      Set.of(
          "set", "setifempty", "add", "append", "merge", "unset", "echo", "edit", "edit*", "note");

  static String problem(String directive, List<Argument> args) {
    boolean header = directive.equalsIgnoreCase("header");
    int i = 0;
    String action = word(args, i++);
    if (header && (action.equalsIgnoreCase("always") || action.equalsIgnoreCase("onsuccess"))) {
      action = word(args, i++);
    }
    String name = word(args, i++);
    String value = i < args.size() ? args.get(i++).value() : null;
    String subs = i < args.size() ? args.get(i++).value() : null;
    String envclause = i < args.size() ? args.get(i++).value() : null;
    if (i < args.size()) {
      return directive + " has too many arguments";
    }
    String a = action.toLowerCase(Locale.ROOT);
    if (!ACTIONS.contains(a)) {
      return "first argument must be 'add', 'set', 'setifempty', 'append', 'merge', 'unset',"
          + " 'echo', 'note', 'edit', or 'edit*'.";
    }
    if (!header && a.equals("note")) {
      return "RequestHeader does not support the 'note' action";
    }
    boolean edit = a.startsWith("edit");
    if (edit) {
      if (subs == null) {
        return "Header edit requires a match and a substitution";
      }
      if (!compiles(value)) {
        return "Header edit regex could not be compiled";
      }
    } else {
      if (envclause != null) {
        return "Too many arguments to directive";
      }
      envclause = subs;
    }
    if (a.equals("unset") || a.equals("echo")) {
      if (value != null) {
        if (envclause != null) {
          return a.equals("unset")
              ? "header unset takes two arguments"
              : "Header echo takes two arguments";
        }
        envclause = value;
        value = null;
      }
      if (a.equals("echo")) {
        if (!header) {
          return "Header echo only valid on Header directives";
        }
        if (!compiles(name)) {
          return "Header echo regex could not be compiled";
        }
      }
    } else if (value == null) {
      return "Header requires three arguments";
    }
    if (envclause != null) {
      String lower = envclause.toLowerCase(Locale.ROOT);
      if (lower.startsWith("env=")) {
        if (envclause.length() == 4 || envclause.substring(4).equals("!")) {
          return "error: missing environment variable name. envclause should be in the form"
              + " env=envar ";
        }
      } else if (lower.startsWith("expr=")) {
        String err = Expressions.error(envclause.substring(5), false);
        if (err != null) {
          return "Can't parse envclause/expression: " + err;
        }
      } else if (!lower.equals("early")) {
        return "Unknown parameter: " + envclause;
      }
    }
    if (a.equals("unset") || a.equals("echo")) {
      return null;
    }
    return formatProblem(edit ? subs : value);
  }

  /** parse_format_string: an {@code expr=} value, or text with %-tags. */
  private static String formatProblem(String s) {
    if (s.startsWith("expr=")) {
      String err = Expressions.error(s.substring(5), true);
      return err == null ? null : "Can't parse value expression : " + err;
    }
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) != '%') {
        continue;
      }
      i++;
      if (i >= s.length() || s.charAt(i) == '%') {
        continue;
      }
      if (s.charAt(i) == '{') {
        int close = s.indexOf('}', i + 1);
        i = close < 0 ? s.length() : close + 1;
      }
      if (i >= s.length() || !FORMAT_TAGS.contains(s.charAt(i))) {
        return "Unrecognized header format %" + (i < s.length() ? s.charAt(i) : "");
      }
    }
    return null;
  }

  private static String word(List<Argument> args, int i) {
    return i < args.size() ? args.get(i).value() : "";
  }

  private static boolean compiles(String regex) {
    try {
      PcrePattern.compile(regex, false);
      return true;
    } catch (PcreSyntaxException e) {
      return false;
    }
  }
}
