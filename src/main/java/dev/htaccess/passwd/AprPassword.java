package dev.htaccess.passwd;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import org.apache.commons.codec.digest.Md5Crypt;
import org.apache.commons.codec.digest.Sha2Crypt;
import org.apache.commons.codec.digest.UnixCrypt;
import org.springframework.security.crypto.bcrypt.BCrypt;

/**
 * apr_password_validate, which mod_authn_file checks a password with: the hash's prefix picks the
 * algorithm ({@code $2y$}/{@code $2a$} bcrypt, {@code $apr1$} APR's MD5, {@code {SHA}} base64
 * SHA-1), and anything else goes to the system's crypt(3), as on Unix (so a plain-text password
 * never matches). htpasswd writes all of these: -B, -m (its default), -s, -2/-5 ({@code $5$}/{@code
 * $6$} crypt), -d (DES crypt). For crypt(3) the system's libcrypt is used when it loads, which
 * knows every format the system does (yescrypt {@code $y$} on Debian too); without it the formats
 * commons-codec implements ({@code $1$}, {@code $5$}, {@code $6$}, DES) are checked in Java.
 */
public final class AprPassword {

  private AprPassword() {}

  /** bcrypt reads at most 72 bytes of the password (the rest never counts). */
  private static final int BCRYPT_KEY_BYTES = 72;

  /** Whether {@code password} (the bytes the client sent) matches {@code hash}. */
  public static boolean validate(byte[] password, String hash) {
    try {
      if (hash.length() > 3
          && hash.charAt(0) == '$'
          && hash.charAt(1) == '2'
          && (hash.charAt(2) == 'a' || hash.charAt(2) == 'y')
          && hash.charAt(3) == '$') {
        byte[] key =
            password.length > BCRYPT_KEY_BYTES
                ? Arrays.copyOf(password, BCRYPT_KEY_BYTES)
                : password;
        return BCrypt.checkpw(key, hash);
      }
      if (hash.startsWith("$apr1$")) {
        return Md5Crypt.apr1Crypt(password, hash).equals(hash);
      }
      if (hash.startsWith("{SHA}")) {
        return ("{SHA}" + Base64.getEncoder().encodeToString(sha1(password))).equals(hash);
      }
      return hash.equals(crypt(password, hash));
    } catch (IllegalArgumentException e) {
      return false; // a salt the algorithm cannot read: crypt fails, no match
    }
  }

  private static byte[] sha1(byte[] password) {
    try {
      return MessageDigest.getInstance("SHA-1").digest(password);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-1", e);
    }
  }

  /** crypt(3) of the password with the hash as its setting, or null when crypt fails. */
  static String crypt(byte[] password, String setting) {
    return SystemCrypt.AVAILABLE
        ? SystemCrypt.hash(password, setting)
        : javaCrypt(password, setting);
  }

  /** crypt(3) for the formats commons-codec implements, or null. */
  static String javaCrypt(byte[] password, String setting) {
    if (setting.startsWith("$1$")) {
      return Md5Crypt.md5Crypt(password, setting);
    }
    if (setting.startsWith("$5$")) {
      return Sha2Crypt.sha256Crypt(password, setting);
    }
    if (setting.startsWith("$6$")) {
      return Sha2Crypt.sha512Crypt(password, setting);
    }
    if (setting.length() < 2 || !saltChar(setting.charAt(0)) || !saltChar(setting.charAt(1))) {
      return null; // libcrypt refuses a DES salt outside [./0-9A-Za-z]
    }
    return UnixCrypt.crypt(password, setting);
  }

  private static boolean saltChar(char c) {
    return c == '.'
        || c == '/'
        || c >= '0' && c <= '9'
        || c >= 'A' && c <= 'Z'
        || c >= 'a' && c <= 'z';
  }

  /** The system's libcrypt (libxcrypt on Debian), bound through JNA. */
  private static final class SystemCrypt {

    static final boolean AVAILABLE = load();

    private static boolean load() {
      for (String name : new String[] {"crypt", "libcrypt.so.1"}) {
        try {
          Native.register(SystemCrypt.class, NativeLibrary.getInstance(name));
          return true;
        } catch (UnsatisfiedLinkError | RuntimeException e) {
          // try the next name
        }
      }
      return false;
    }

    private static native Pointer crypt(byte[] key, byte[] setting);

    /** crypt(3) keeps its answer in a static buffer: one call at a time. */
    static synchronized String hash(byte[] password, String setting) {
      byte[] key = Arrays.copyOf(password, password.length + 1);
      byte[] salt = (setting + "\0").getBytes(StandardCharsets.ISO_8859_1);
      Pointer out = crypt(key, salt);
      if (out == null) {
        return null;
      }
      String result = out.getString(0, StandardCharsets.ISO_8859_1.name());
      // libxcrypt answers a failure with a string starting '*' that no setting starts with.
      return result.startsWith("*") ? null : result;
    }
  }
}
