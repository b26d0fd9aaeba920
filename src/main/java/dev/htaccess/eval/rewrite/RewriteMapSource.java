package dev.htaccess.eval.rewrite;

import dev.htaccess.httpd.TxtMapFile;
import dev.htaccess.httpd.UrlEscaping;
import dev.htaccess.model.RewriteMap;
import dev.htaccess.source.RawText;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/** A RewriteMap that can be looked up: txt, rnd and the internal functions. */
public abstract class RewriteMapSource {

  /** The value for {@code key}, or null when the map has none. */
  public abstract String lookup(String key);

  /** False when the same key may give another value next time (rnd, prg). */
  public boolean deterministic() {
    return true;
  }

  public static RewriteMapSource of(RewriteMap map, Path configDir) {
    switch (map.type()) {
      case "txt", "rnd" -> {
        Path file = configDir.resolve(map.source());
        Map<String, String> entries;
        try {
          entries = TxtMapFile.read(file);
        } catch (IOException e) {
          throw new IllegalArgumentException(
              "RewriteMap: file for map " + map.mapName() + " not found:" + file);
        }
        boolean random = map.type().equals("rnd");
        return new RewriteMapSource() {
          @Override
          public boolean deterministic() {
            return !random;
          }

          @Override
          public String lookup(String key) {
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
          case "toupper" -> fn(RawText::asciiUpper);
          case "tolower" -> fn(RawText::asciiLower);
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

  private static RewriteMapSource fn(java.util.function.UnaryOperator<String> f) {
    return new RewriteMapSource() {
      @Override
      public String lookup(String key) {
        return f.apply(key);
      }
    };
  }
}
