package dev.htaccess.httpd;

import java.util.Locale;
import java.util.OptionalInt;
import java.util.Set;

/** HTTP status codes as Apache 2.4 knows them (the status lines of http_protocol.c, 2.4.x). */
public final class HttpStatus {

  /** Codes Apache has a status line for; {@code R=} and ErrorDocument accept no others. */
  public static final Set<Integer> KNOWN =
      Set.of(
          100, 101, 102, 200, 201, 202, 203, 204, 205, 206, 207, 208, 226, 300, 301, 302, 303, 304,
          305, 307, 308, 400, 401, 402, 403, 404, 405, 406, 407, 408, 409, 410, 411, 412, 413, 414,
          415, 416, 417, 421, 422, 423, 424, 426, 428, 429, 431, 451, 500, 501, 502, 503, 504, 505,
          506, 507, 508, 510, 511);

  private HttpStatus() {}

  /** True for 3xx codes, which need a target (ap_is_HTTP_REDIRECT). */
  public static boolean isRedirect(int status) {
    return status >= 300 && status <= 399;
  }

  /**
   * mod_alias's status keywords ({@code Redirect permanent|temp|seeother|gone ...}), matched
   * case-insensitively; empty for any other word.
   */
  public static OptionalInt aliasKeyword(String word) {
    return switch (word.toLowerCase(Locale.ROOT)) {
      case "permanent" -> OptionalInt.of(301);
      case "temp" -> OptionalInt.of(302);
      case "seeother" -> OptionalInt.of(303);
      case "gone" -> OptionalInt.of(410);
      default -> OptionalInt.empty();
    };
  }

  /**
   * What {@code [R]} or {@code [R=value]} sets, as cmd_rewriterule_setflag reads it.
   *
   * @param status the status: 302 without a value, a keyword's, the number's, or 0 for a value that
   *     is neither (the rule then redirects with 302)
   * @param statusOnly a number outside 3xx: the rule only answers with that status
   * @param valid false for a number Apache has no status line for (other than 500): Apache refuses
   *     the rule
   */
  public record RedirectFlag(int status, boolean statusOnly, boolean valid) {}

  /** Reads {@code [R=value]} ({@code value} empty for a bare {@code [R]}). */
  public static RedirectFlag redirectFlag(String value) {
    if (value.isEmpty()) {
      return new RedirectFlag(302, false, true);
    }
    OptionalInt keyword = rewriteKeyword(value);
    if (keyword.isPresent()) {
      return new RedirectFlag(keyword.getAsInt(), false, true);
    }
    if (Character.isDigit(value.charAt(0))) {
      int status = CNumbers.atoi(value);
      return new RedirectFlag(status, !isRedirect(status), status == 500 || KNOWN.contains(status));
    }
    return new RedirectFlag(0, false, true);
  }

  /**
   * mod_rewrite's keywords for {@code [R=...]}: permanent, temp and seeother (no gone: {@code
   * [R=gone]} is neither a keyword nor a number, and leaves the status unset), case-insensitively.
   */
  public static OptionalInt rewriteKeyword(String word) {
    return word.equalsIgnoreCase("gone") ? OptionalInt.empty() : aliasKeyword(word);
  }
}
