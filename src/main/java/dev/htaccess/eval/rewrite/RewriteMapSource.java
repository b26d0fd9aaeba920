package dev.htaccess.eval.rewrite;

import dev.htaccess.httpd.DbmMapFile;
import dev.htaccess.httpd.TxtMapFile;
import dev.htaccess.httpd.UrlEscaping;
import dev.htaccess.model.RewriteMap;
import dev.htaccess.source.RawText;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** A RewriteMap that can be looked up: txt, rnd, dbm, prg and the internal functions. */
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
        return new MapFile(
            map.mapName(), List.of(file), () -> TxtMapFile.read(file), map.type().equals("rnd"));
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
      case "dbm" -> {
        DbmMapFile.Flavor flavor = DbmMapFile.Flavor.of(map.dbmType());
        DbmMapFile.requireReadable(flavor);
        Path name = configDir.resolve(map.source());
        return new MapFile(
            map.mapName(),
            DbmMapFile.usedFiles(flavor, name),
            () -> DbmMapFile.read(flavor, name),
            false);
      }
      default ->
          throw new IllegalArgumentException(
              "RewriteMap type "
                  + map.type()
                  + " is not supported here (dbd needs a database through mod_dbd);"
                  + " use a txt or dbm map with the same entries");
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
