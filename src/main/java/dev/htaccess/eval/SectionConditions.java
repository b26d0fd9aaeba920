package dev.htaccess.eval;

import dev.htaccess.httpd.ModuleSet;
import dev.htaccess.model.DirectiveCatalog;
import dev.htaccess.model.Section;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Decides whether the content of a conditional section applies: {@code <IfModule>}, {@code
 * <IfDefine>}, {@code <IfDirective>}, {@code <IfSection>}, {@code <IfFile>}, {@code <IfVersion>},
 * {@code <Limit>} and {@code <LimitExcept>}; every other section is not a condition and gives
 * false.
 *
 * @param modules the modules the server has loaded
 * @param method the request's method, for {@code <Limit>}
 * @param serverRoot the ServerRoot, which a relative {@code <IfFile>} path is relative to
 * @param stat how the request looks at files
 */
record SectionConditions(ModuleSet modules, String method, Path serverRoot, StatLookup stat) {

  /** The version the simulated server reports (the oracle's Debian package). */
  static final String SERVER_VERSION = "2.4.71";

  /** {@code <IfVersion [[!]op] version>}: =, ==, <, <=, >, >=, ~ or /regex/ (mod_version). */
  static boolean versionMatches(Section s) {
    List<String> args = s.arguments().stream().map(a -> a.value()).toList();
    if (args.isEmpty()) {
      return false;
    }
    String op = args.size() > 1 ? args.get(0) : "=";
    String version = args.size() > 1 ? args.get(1) : args.get(0);
    boolean negate = op.startsWith("!");
    if (negate) {
      op = op.substring(1);
    }
    boolean result;
    if (op.equals("~")
        || (version.startsWith("/") && version.endsWith("/") && version.length() > 1)) {
      String regex = version.startsWith("/") ? version.substring(1, version.length() - 1) : version;
      result = java.util.regex.Pattern.compile(regex).matcher(SERVER_VERSION).find();
    } else {
      int c = compare(SERVER_VERSION, version);
      result =
          switch (op) {
            case "=", "==" -> c == 0;
            case "<" -> c < 0;
            case "<=" -> c <= 0;
            case ">" -> c > 0;
            case ">=" -> c >= 0;
            default -> false;
          };
    }
    return result != negate;
  }

  /** Compares dotted versions; a shorter version compares equal on its own parts ("2.4"). */
  static int compare(String a, String b) {
    String[] x = a.split("\\.");
    String[] y = b.split("\\.");
    for (int i = 0; i < y.length; i++) {
      int xi = i < x.length ? num(x[i]) : 0;
      int yi = num(y[i]);
      if (xi != yi) {
        return Integer.compare(xi, yi);
      }
    }
    return 0;
  }

  private static int num(String s) {
    try {
      return Integer.parseInt(s.replaceAll("[^0-9].*$", ""));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  boolean includes(Section s) {
    String arg = s.arguments().isEmpty() ? "" : s.arguments().get(0).value();
    boolean negate = arg.startsWith("!");
    String bare = negate ? arg.substring(1) : arg;
    return switch (s.key()) {
      case "ifmodule" -> modules.loadedForIfModule(bare.toLowerCase(Locale.ROOT)) != negate;
      case "ifdefine" -> negate;
      case "ifdirective" ->
          DirectiveCatalog.standard()
                  .find(bare)
                  .filter(i -> modules.providesCatalogModule(i.module()))
                  .isPresent()
              != negate;
      case "ifsection" ->
          DirectiveCatalog.standard()
                  .find(bare)
                  .filter(i -> i.section() && modules.providesCatalogModule(i.module()))
                  .isPresent()
              != negate;
      case "iffile" -> Files.exists(Path.of(bare)) != negate;
      case "ifversion" -> modules.loaded("version") && versionMatches(s);
      case "limit" -> s.arguments().stream().anyMatch(a -> a.value().equalsIgnoreCase(method));
      case "limitexcept" ->
          s.arguments().stream().noneMatch(a -> a.value().equalsIgnoreCase(method));
      default -> false;
    };
  }
}
