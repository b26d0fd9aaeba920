package dev.htaccess.source;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Strings that carry bytes. Apache handles configuration text and URLs as bytes; we hold them in
 * Java strings with one char per byte (ISO-8859-1), so that regular expressions match byte by byte
 * as PCRE does in Apache, and nothing is lost. These helpers convert between that form and readable
 * text.
 */
public final class RawText {

  private RawText() {}

  /** The byte string for {@code bytes}: one char per byte. */
  public static String fromBytes(byte[] bytes) {
    return new String(bytes, StandardCharsets.ISO_8859_1);
  }

  /** The bytes of a byte string. */
  public static byte[] toBytes(String raw) {
    return raw.getBytes(StandardCharsets.ISO_8859_1);
  }

  /** The byte string holding the UTF-8 encoding of ordinary text. */
  public static String fromText(String text) {
    return fromBytes(text.getBytes(StandardCharsets.UTF_8));
  }

  /** True when every char is ASCII, so the byte string reads the same as text. */
  public static boolean isAscii(String raw) {
    for (int i = 0; i < raw.length(); i++) {
      if (raw.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }

  /**
   * Readable text for a byte string: valid UTF-8 sequences are decoded, every other byte is written
   * as {@code \xNN} (as the oracle prints bytes that are not UTF-8).
   */
  public static String display(String raw) {
    if (isAscii(raw)) {
      return raw;
    }
    byte[] bytes = toBytes(raw);
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    try {
      return decoder.decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      return displayMixed(bytes);
    }
  }

  private static String displayMixed(byte[] bytes) {
    StringBuilder out = new StringBuilder(bytes.length + 16);
    int i = 0;
    while (i < bytes.length) {
      int b = bytes[i] & 0xff;
      int length = utf8SequenceLength(bytes, i);
      if (b < 0x80) {
        out.append((char) b);
        i++;
      } else if (length > 0) {
        out.append(new String(bytes, i, length, StandardCharsets.UTF_8));
        i += length;
      } else {
        out.append(String.format("\\x%02x", b));
        i++;
      }
    }
    return out.toString();
  }

  /** Length of a valid UTF-8 multi-byte sequence at {@code i}, or 0 when there is none. */
  private static int utf8SequenceLength(byte[] bytes, int i) {
    int b = bytes[i] & 0xff;
    int length;
    if (b >= 0xc2 && b <= 0xdf) {
      length = 2;
    } else if (b >= 0xe0 && b <= 0xef) {
      length = 3;
    } else if (b >= 0xf0 && b <= 0xf4) {
      length = 4;
    } else {
      return 0;
    }
    if (i + length > bytes.length) {
      return 0;
    }
    try {
      CharBuffer decoded =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes, i, length));
      return decoded.length() > 0 ? length : 0;
    } catch (CharacterCodingException e) {
      return 0;
    }
  }

  /** C's toupper in the C locale: ASCII letters only, as Apache's apr_toupper. */
  public static String asciiUpper(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 'a' && c <= 'z') {
        StringBuilder out = new StringBuilder(s.length()).append(s, 0, i);
        for (int j = i; j < s.length(); j++) {
          char d = s.charAt(j);
          out.append(d >= 'a' && d <= 'z' ? (char) (d - 32) : d);
        }
        return out.toString();
      }
    }
    return s;
  }

  /** C's tolower in the C locale: ASCII letters only. */
  public static String asciiLower(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 'A' && c <= 'Z') {
        StringBuilder out = new StringBuilder(s.length()).append(s, 0, i);
        for (int j = i; j < s.length(); j++) {
          char d = s.charAt(j);
          out.append(d >= 'A' && d <= 'Z' ? (char) (d + 32) : d);
        }
        return out.toString();
      }
    }
    return s;
  }
}
