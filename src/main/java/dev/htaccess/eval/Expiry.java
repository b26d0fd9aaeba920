package dev.htaccess.eval;

import java.util.Locale;

/**
 * When a response expires, as mod_expires computes it: a number of seconds after the request time
 * ({@code A}, "access", "now") or after the file's modification time ({@code M}, "modification").
 *
 * @param fromModification counted from the file's last modification
 * @param seconds the offset
 */
public record Expiry(boolean fromModification, long seconds) {

  /**
   * Parses {@code A3600}, {@code M86400} or {@code "access plus 1 month 2 days"}; throws
   * IllegalArgumentException with Apache's wording for anything else.
   */
  static Expiry parse(String text) {
    String t = text.strip();
    if (t.length() > 1
        && (t.charAt(0) == 'A' || t.charAt(0) == 'M')
        && t.substring(1).chars().allMatch(Character::isDigit)) {
      return new Expiry(t.charAt(0) == 'M', Long.parseLong(t.substring(1)));
    }
    String[] words = t.toLowerCase(Locale.ROOT).split("\\s+");
    boolean modification;
    switch (words[0]) {
      case "access", "now" -> modification = false;
      case "modification" -> modification = true;
      default ->
          throw new IllegalArgumentException(
              "bad expires code, unrecognised <base> '" + words[0] + "'");
    }
    // "access" alone (or "access plus") is accepted and means now.
    int i = words.length > 1 && words[1].equals("plus") ? 2 : 1;
    long total = 0;
    if ((words.length - i) % 2 != 0) {
      throw new IllegalArgumentException("bad expires code, missing <type>");
    }
    for (; i < words.length; i += 2) {
      long n;
      try {
        n = Long.parseLong(words[i]);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "bad expires code, numeric value expected <num> '" + words[i] + "'");
      }
      total += n * unitSeconds(words[i + 1]);
    }
    return new Expiry(modification, total);
  }

  private static long unitSeconds(String unit) {
    String u = unit.endsWith("s") ? unit.substring(0, unit.length() - 1) : unit;
    return switch (u) {
      case "year" -> 60L * 60 * 24 * 365;
      case "month" -> 60L * 60 * 24 * 30;
      case "week" -> 60L * 60 * 24 * 7;
      case "day" -> 60L * 60 * 24;
      case "hour" -> 60L * 60;
      case "minute" -> 60L;
      case "second" -> 1L;
      default ->
          throw new IllegalArgumentException(
              "bad expires code, unrecognised <type> '" + unit + "'");
    };
  }
}
