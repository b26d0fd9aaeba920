package dev.htaccess.httpd;

import dev.htaccess.regex.PcrePattern;
import dev.htaccess.regex.PcreSyntaxException;
import java.util.List;

/**
 * mod_version's {@code <IfVersion [[!]operator] version>}, read as mod_version.c reads it: one
 * argument means {@code =}; operators {@code = == < <= > >=} compare {@code major[.minor[.patch]]}
 * (missing parts are 0, so {@code 2.4} is older than 2.4.71 and not equal to it); {@code ~} and
 * {@code /regex/} match the version string. Anything else is an error that makes Apache refuse the
 * file. All of it measured with the oracle ({@code testdata/eval/if-version}).
 */
public final class IfVersion {

  /** The release the simulated server reports, as the oracle's Debian package does. */
  public static final String SERVER_VERSION = "2.4.71";

  private final boolean negated;
  private final char operator;
  private final boolean orEqual;
  private final int[] version;
  private final PcrePattern regex;

  private IfVersion(
      boolean negated, char operator, boolean orEqual, int[] version, PcrePattern regex) {
    this.negated = negated;
    this.operator = operator;
    this.orEqual = orEqual;
    this.version = version;
    this.regex = regex;
  }

  /** Apache's refusal of an {@code <IfVersion>} header, with its message. */
  public static final class Invalid extends Exception {
    private static final long serialVersionUID = 1L;

    Invalid(String message) {
      super(message);
    }
  }

  private static final String BAD_VERSION =
      "Version appears to be invalid. It must have the format major[.minor[.patch]] where major,"
          + " minor and patch are numbers.";

  /** Reads the section's arguments (without the closing {@code >}). */
  public static IfVersion parse(List<String> args) throws Invalid {
    if (args.isEmpty() || args.size() > 3) {
      throw new Invalid("<IfVersion takes one, two or three arguments");
    }
    String op = args.size() == 1 ? "=" : args.get(0);
    String value = args.size() == 1 ? args.get(0) : args.get(1);
    if (value.isEmpty()) {
      throw new Invalid("<IfVersion> directive missing closing '>'");
    }
    if (op.isEmpty()) {
      throw new Invalid("unrecognized operator ''");
    }
    boolean negated = false;
    int p = 0;
    if (op.charAt(0) == '!') {
      negated = true;
      if (op.length() > 1) {
        p = 1;
      }
    }
    char c = op.charAt(p);
    String rest = op.substring(p + 1);
    boolean shapeOk = rest.isEmpty() || (rest.equals("=") && c != '~');
    if (!shapeOk || "=<>~".indexOf(c) < 0) {
      throw new Invalid("unrecognized operator '" + op + "'");
    }
    boolean orEqual = !rest.isEmpty();
    if (c == '=' && value.startsWith("/")) {
      if (value.length() < 2 || !value.endsWith("/")) {
        throw new Invalid("Missing delimiting / of regular expression.");
      }
      return new IfVersion(
          negated, '~', false, null, regex(value.substring(1, value.length() - 1)));
    }
    if (c == '~') {
      return new IfVersion(negated, '~', false, null, regex(value));
    }
    return new IfVersion(negated, c, orEqual, version(value), null);
  }

  private static PcrePattern regex(String pattern) throws Invalid {
    try {
      return PcrePattern.compile(pattern, false);
    } catch (PcreSyntaxException e) {
      throw new Invalid("Unable to compile regular expression");
    }
  }

  /** {@code major[.minor[.patch]]} of digits, as compare_version accepts it. */
  private static int[] version(String text) throws Invalid {
    String[] parts = text.split("\\.", -1);
    if (parts.length > 3) {
      throw new Invalid(BAD_VERSION);
    }
    int[] v = new int[3];
    for (int i = 0; i < parts.length; i++) {
      String part = parts[i];
      if (part.isEmpty() && i == 0 || !part.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
        throw new Invalid(BAD_VERSION);
      }
      v[i] = part.isEmpty() ? 0 : CNumbers.atoi(part);
    }
    return v;
  }

  /** Whether the section's content applies on a server of {@code serverVersion} (x.y.z). */
  public boolean holds(String serverVersion) {
    boolean match;
    if (operator == '~') {
      match = regex.find(serverVersion);
    } else {
      int compare = compare(serverVersion);
      match =
          switch (operator) {
            case '<' -> compare < 0 || (orEqual && compare == 0);
            case '>' -> compare > 0 || (orEqual && compare == 0);
            default -> compare == 0;
          };
    }
    return match != negated;
  }

  /** The server's version against the section's: negative when the server is older. */
  private int compare(String serverVersion) {
    int[] have = release(serverVersion);
    for (int i = 0; i < 3; i++) {
      if (have[i] != version[i]) {
        return Integer.compare(have[i], version[i]);
      }
    }
    return 0;
  }

  /**
   * Compares release numbers {@code major.minor.patch}: missing parts count as 0 and each part is
   * read as C's atoi reads it ({@code 71-dev} is 71). Negative when {@code a} is older.
   */
  public static int compareReleases(String a, String b) {
    int[] x = release(a);
    int[] y = release(b);
    for (int i = 0; i < 3; i++) {
      if (x[i] != y[i]) {
        return Integer.compare(x[i], y[i]);
      }
    }
    return 0;
  }

  private static int[] release(String text) {
    String[] parts = text.split("\\.");
    int[] v = new int[3];
    for (int i = 0; i < 3 && i < parts.length; i++) {
      v[i] = CNumbers.atoi(parts[i]);
    }
    return v;
  }

  /** Whether the section compares with a regular expression (it holds for no version range). */
  public boolean isRegex() {
    return regex != null;
  }
}
