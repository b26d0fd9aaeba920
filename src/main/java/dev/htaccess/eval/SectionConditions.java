package dev.htaccess.eval;

import dev.htaccess.httpd.IfVersion;
import dev.htaccess.httpd.ModuleSet;
import dev.htaccess.httpd.ReadTimeConditions;
import dev.htaccess.model.Argument;
import dev.htaccess.model.DirectiveCatalog;
import dev.htaccess.model.Section;
import dev.htaccess.validate.DirectiveValidator;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Set;

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

  /** The conditions Apache decides as it reads the configuration (EXEC_ON_READ), once. */
  static final Set<String> STARTUP_CONDITIONS =
      Set.of("ifmodule", "ifdefine", "ifdirective", "ifsection", "iffile", "ifversion");

  /**
   * {@code <IfModule>}, {@code <IfDefine>} and {@code <IfVersion>} on the simulated server; an
   * {@code <IfVersion>} header Apache refuses is an error of the file ({@link
   * DirectiveValidator#sectionProblem}) and its content does not apply.
   */
  private boolean readTimeHolds(Section s) {
    try {
      return Boolean.TRUE.equals(
          ReadTimeConditions.holds(
              s.key(), s.arguments().stream().map(Argument::value).toList(), modules));
    } catch (IfVersion.Invalid e) {
      return false;
    }
  }

  /** ap_server_root_relative: an absolute path as it is, a relative one under the ServerRoot. */
  private String serverRootRelative(String path) {
    if (path.startsWith("/")) {
      return path;
    }
    try {
      return serverRoot.resolve(path).toString();
    } catch (InvalidPathException e) {
      return path; // not a path this system can have: it does not exist
    }
  }

  boolean includes(Section s) {
    String arg = s.arguments().isEmpty() ? "" : s.arguments().get(0).value();
    boolean negate = arg.startsWith("!");
    String bare = negate ? arg.substring(1) : arg;
    return switch (s.key()) {
      case "ifmodule", "ifdefine", "ifversion" -> readTimeHolds(s);
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
      case "iffile" -> stat.stat(serverRootRelative(bare)).exists() != negate;
      // Only access control looks at the method (see includesForAccess); everything else in
      // <Limit> applies to every method, as Apache's core reads the section.
      case "limit", "limitexcept" -> true;
      default -> false;
    };
  }

  /**
   * Whether a section's Require, Allow and Deny lines apply to this request: {@code <Limit>} and
   * {@code <LimitExcept>} restrict them to (or exclude) the methods they name.
   */
  boolean includesForAccess(Section s) {
    // HEAD has GET's method number: <Limit GET> covers it.
    String m = method.equals("HEAD") ? "GET" : method;
    return switch (s.key()) {
      case "limit" -> s.arguments().stream().anyMatch(a -> a.value().equalsIgnoreCase(m));
      case "limitexcept" -> s.arguments().stream().noneMatch(a -> a.value().equalsIgnoreCase(m));
      default -> includes(s);
    };
  }
}
