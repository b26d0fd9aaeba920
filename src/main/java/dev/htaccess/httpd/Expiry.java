package dev.htaccess.httpd;

import java.util.Locale;

/**
 * When a response expires, as mod_expires computes it: a number of seconds after the request time
 * ({@code A}, "access", "now") or after the file's modification time ({@code M}, "modification").
 *
 * @param fromModification counted from the file's last modification
 * @param seconds the offset (mod_expires keeps it in a C int)
 */
public record Expiry(boolean fromModification, long seconds) {

  /** Apache's complaint about an expires code (without the directive's prefix). */
  public static final class Invalid extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    Invalid(String message) {
      super(message);
    }
  }

  /**
   * mod_expires' check_code: a code starting with a capital {@code A} or {@code M} is taken as
   * written and its number read with atoi when a response is made (so {@code A}, {@code A-1} and
   * {@code Ax} are accepted); otherwise {@code <base> [plus] {<num> <type>}*}, where each word is
   * recognised by its first letter (two for months and minutes) and each number by atoi.
   */
  public static Expiry parse(String code) {
    if (code.startsWith("A") || code.startsWith("M")) {
      return new Expiry(code.startsWith("M"), CNumbers.atoi(code.substring(1)));
    }
    String[] words = code.strip().isEmpty() ? new String[0] : code.strip().split("\\s+");
    int i = 0;
    String base = i < words.length ? words[i++] : "";
    String b = base.toLowerCase(Locale.ROOT);
    boolean modification;
    if (b.startsWith("n") || b.startsWith("a")) {
      modification = false;
    } else if (b.startsWith("m")) {
      modification = true;
    } else {
      throw new Invalid("bad expires code, unrecognised <base> '" + base + "'");
    }
    if (i < words.length && words[i].toLowerCase(Locale.ROOT).startsWith("p")) {
      i++;
    }
    int total = 0;
    while (i < words.length) {
      String num = words[i++];
      if (!Character.isDigit(num.charAt(0)) || num.charAt(0) > '9') {
        throw new Invalid("bad expires code, numeric value expected <num> '" + num + "'");
      }
      if (i >= words.length) {
        throw new Invalid("bad expires code, missing <type>");
      }
      String type = words[i++];
      total += CNumbers.atoi(num) * unitSeconds(type);
    }
    return new Expiry(modification, total);
  }

  private static int unitSeconds(String type) {
    String t = type.toLowerCase(Locale.ROOT);
    if (t.startsWith("y")) {
      return 60 * 60 * 24 * 365;
    } else if (t.startsWith("mo")) {
      return 60 * 60 * 24 * 30;
    } else if (t.startsWith("w")) {
      return 60 * 60 * 24 * 7;
    } else if (t.startsWith("d")) {
      return 60 * 60 * 24;
    } else if (t.startsWith("h")) {
      return 60 * 60;
    } else if (t.startsWith("mi")) {
      return 60;
    } else if (t.startsWith("s")) {
      return 1;
    }
    throw new Invalid("bad expires code, unrecognised <type>'" + type + "'");
  }
}
