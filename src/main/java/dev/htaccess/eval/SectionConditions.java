package dev.htaccess.eval;

import dev.htaccess.model.DirectiveCatalog;
import dev.htaccess.model.Section;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Decides whether the content of a conditional section applies: {@code <IfModule>}, {@code
 * <IfDefine>}, {@code <IfDirective>}, {@code <IfSection>}, {@code <IfFile>}, {@code <Limit>} and
 * {@code <LimitExcept>}; every other section is not a condition and gives false.
 */
record SectionConditions(Modules modules, String method) {

  boolean includes(Section s) {
    String arg = s.arguments().isEmpty() ? "" : s.arguments().get(0).value();
    boolean negate = arg.startsWith("!");
    String bare = negate ? arg.substring(1) : arg;
    return switch (s.key()) {
      case "ifmodule" -> modules.hasModule(bare) != negate;
      case "ifdefine" -> negate;
      case "ifdirective" ->
          DirectiveCatalog.standard()
                  .find(bare)
                  .filter(i -> modules.provides(i.module()))
                  .isPresent()
              != negate;
      case "ifsection" ->
          DirectiveCatalog.standard()
                  .find(bare)
                  .filter(i -> i.section() && modules.provides(i.module()))
                  .isPresent()
              != negate;
      case "iffile" -> Files.exists(Path.of(bare)) != negate;
      case "limit" -> s.arguments().stream().anyMatch(a -> a.value().equalsIgnoreCase(method));
      case "limitexcept" ->
          s.arguments().stream().noneMatch(a -> a.value().equalsIgnoreCase(method));
      default -> false;
    };
  }
}
