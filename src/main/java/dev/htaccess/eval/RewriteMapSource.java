package dev.htaccess.eval;

import dev.htaccess.model.RewriteMap;
import dev.htaccess.source.RawText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/** A RewriteMap that can be looked up: txt, rnd and the internal functions. */
abstract class RewriteMapSource {

  /** The value for {@code key}, or null when the map has none. */
  abstract String lookup(String key);

  /** False when the same key may give another value next time (rnd, prg). */
  boolean deterministic() {
    return true;
  }

  static RewriteMapSource of(RewriteMap map, Path configDir) {
    switch (map.type()) {
      case "txt", "rnd" -> {
        Path file = configDir.resolve(map.source());
        Map<String, String> entries = new HashMap<>();
        try {
          for (String line : RawText.fromBytes(Files.readAllBytes(file)).split("\n")) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) {
              continue;
            }
            String[] kv = l.split("[ \t]+", 3);
            if (kv.length >= 2) {
              entries.putIfAbsent(kv[0], kv[1]);
            }
          }
        } catch (IOException e) {
          throw new IllegalArgumentException(
              "RewriteMap: file for map " + map.mapName() + " not found:" + file);
        }
        boolean random = map.type().equals("rnd");
        return new RewriteMapSource() {
          @Override
          boolean deterministic() {
            return !random;
          }

          @Override
          String lookup(String key) {
            String v = entries.get(key);
            if (v == null || !random) {
              return v;
            }
            String[] choices = v.split("\\|");
            return choices[ThreadLocalRandom.current().nextInt(choices.length)];
          }
        };
      }
      case "int" -> {
        String fn = map.source().toLowerCase(Locale.ROOT);
        return switch (fn) {
          case "toupper" -> fn(RewriteMapSource::asciiUpper);
          case "tolower" -> fn(RewriteMapSource::asciiLower);
          case "escape" -> fn(UrlEscaping::escapePath);
          case "unescape" -> fn(UrlEscaping::unescapeLenient);
          default ->
              throw new IllegalArgumentException(
                  "RewriteMap: internal map not found:" + map.source());
        };
      }
      case "prg" -> {
        return ProgramMap.start(map, configDir);
      }
      default ->
          throw new IllegalArgumentException(
              "RewriteMap type "
                  + map.type()
                  + " is not supported here (dbm and dbd need Apache's own libraries);"
                  + " use a txt map with the same entries");
    }
  }

  /** C's toupper in the C locale: ASCII letters only, as Apache. */
  static String asciiUpper(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      out.append(c >= 'a' && c <= 'z' ? (char) (c - 32) : c);
    }
    return out.toString();
  }

  /** C's tolower in the C locale. */
  static String asciiLower(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      out.append(c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
    }
    return out.toString();
  }

  private static RewriteMapSource fn(java.util.function.UnaryOperator<String> f) {
    return new RewriteMapSource() {
      @Override
      String lookup(String key) {
        return f.apply(key);
      }
    };
  }
}
