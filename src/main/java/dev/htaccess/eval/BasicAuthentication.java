package dev.htaccess.eval;

import dev.htaccess.passwd.AprPassword;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;

/**
 * mod_auth_basic's check_user_id with mod_authn_file as its provider: the credentials of the {@code
 * Authorization} header, looked up in the AuthUserFile and checked with apr_password_validate.
 */
final class BasicAuthentication {

  private BasicAuthentication() {}

  /**
   * The result of authentication.
   *
   * @param status 0 when the user is authenticated, else 401 or 500
   * @param user r->user: the user the client named (set even when it failed), or null
   * @param detail why, for the trace
   */
  record Result(int status, String user, String detail) {}

  /**
   * Authenticates the request.
   *
   * @param authorization the Authorization header, or null
   * @param userFile the AuthUserFile resolved against the ServerRoot, or null when unset
   * @param readFile the bytes of a file, or null when it cannot be opened
   */
  static Result authenticate(
      AccessPolicy policy,
      String authorization,
      String userFile,
      Function<String, byte[]> readFile) {
    if (authorization == null) {
      return new Result(401, null, "no Authorization header");
    }
    String line = authorization;
    int space = line.indexOf(' ');
    String scheme = space < 0 ? line : line.substring(0, space);
    if (!scheme.equalsIgnoreCase("Basic")) {
      return new Result(401, null, "not the Basic scheme");
    }
    int i = space < 0 ? line.length() : space;
    while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
      i++;
    }
    String decoded = decodeBase64(line.substring(i));
    int colon = decoded.indexOf(':');
    String user = colon < 0 ? decoded : decoded.substring(0, colon);
    String password = colon < 0 ? "" : decoded.substring(colon + 1);
    List<String> providers =
        policy.basicProviders == null ? List.of("file") : policy.basicProviders;
    int status = 401;
    String detail = "user " + user + " not found";
    for (String provider : providers) {
      // Only mod_authn_file's provider is loaded; others were refused with the file.
      if (!provider.equalsIgnoreCase("file")) {
        continue;
      }
      if (userFile == null) {
        return end(policy, 500, user, "AuthUserFile not specified in the configuration");
      }
      byte[] file = readFile.apply(userFile);
      if (file == null) {
        return end(policy, 500, user, "Could not open password file: " + userFile);
      }
      String hash = lookUp(new String(file, StandardCharsets.ISO_8859_1), user);
      if (hash == null) {
        continue; // AUTH_USER_NOT_FOUND: the next provider may know the user
      }
      if (AprPassword.validate(password.getBytes(StandardCharsets.ISO_8859_1), hash)) {
        return new Result(0, user, "user " + user + " authenticated");
      }
      // AUTH_DENIED is final, authoritative or not.
      return new Result(401, user, "user " + user + ": password mismatch");
    }
    return end(policy, status, user, detail);
  }

  /** A failure other than a password mismatch: with AuthBasicAuthoritative Off, declined. */
  private static Result end(AccessPolicy policy, int status, String user, String detail) {
    if (!policy.basicAuthoritative) {
      // No other module checks the user: the core's "couldn't check user" 500.
      return new Result(500, user, detail + "; AuthBasicAuthoritative Off: no one else checks");
    }
    return new Result(status, user, detail);
  }

  /**
   * The hash of the first line naming the user: '#' lines and empty lines are skipped, lines are
   * trimmed, the hash ends at the next ':'.
   */
  static String lookUp(String file, String user) {
    for (String raw : file.split("\n", -1)) {
      String l = raw.strip();
      if (l.isEmpty() || l.charAt(0) == '#') {
        continue;
      }
      int colon = l.indexOf(':');
      String name = colon < 0 ? l : l.substring(0, colon);
      if (name.equals(user)) {
        String rest = colon < 0 ? "" : l.substring(colon + 1);
        int end = rest.indexOf(':');
        return end < 0 ? rest : rest.substring(0, end);
      }
    }
    return null;
  }

  /**
   * apr_base64_decode as ap_pbase64decode uses it: the longest prefix of base64 characters is
   * decoded (padding and anything after it end the input, an incomplete last group gives what bits
   * it has), and the result is a C string: it ends at its first NUL byte.
   */
  static String decodeBase64(String s) {
    int n = 0;
    while (n < s.length() && sextet(s.charAt(n)) >= 0) {
      n++;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int i = 0;
    for (; i + 4 <= n; i += 4) {
      int v =
          sextet(s.charAt(i)) << 18
              | sextet(s.charAt(i + 1)) << 12
              | sextet(s.charAt(i + 2)) << 6
              | sextet(s.charAt(i + 3));
      out.write(v >> 16);
      out.write(v >> 8 & 0xff);
      out.write(v & 0xff);
    }
    int rest = n - i;
    if (rest > 1) {
      out.write(sextet(s.charAt(i)) << 2 | sextet(s.charAt(i + 1)) >> 4);
    }
    if (rest > 2) {
      out.write((sextet(s.charAt(i + 1)) << 4 | sextet(s.charAt(i + 2)) >> 2) & 0xff);
    }
    byte[] bytes = out.toByteArray();
    int len = 0;
    while (len < bytes.length && bytes[len] != 0) {
      len++;
    }
    return new String(bytes, 0, len, StandardCharsets.ISO_8859_1);
  }

  private static int sextet(char c) {
    if (c >= 'A' && c <= 'Z') {
      return c - 'A';
    }
    if (c >= 'a' && c <= 'z') {
      return c - 'a' + 26;
    }
    if (c >= '0' && c <= '9') {
      return c - '0' + 52;
    }
    return c == '+' ? 62 : c == '/' ? 63 : -1;
  }
}
