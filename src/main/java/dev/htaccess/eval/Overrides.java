package dev.htaccess.eval;

import dev.htaccess.model.DirectiveInfo;
import dev.htaccess.model.OverrideClass;
import dev.htaccess.validate.CoreOption;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What the server lets the .htaccess files of one directory say: core's override classes, override
 * options and override list as the directory walk merges them from the {@code <Directory>} sections
 * (AllowOverride and AllowOverrideList).
 *
 * @param classes the directive classes granted
 * @param nonfatalOverride a directive of a class not granted is skipped rather than an error
 *     (Nonfatal=Override)
 * @param nonfatalUnknown an unknown directive is skipped rather than an error (Nonfatal=Unknown)
 * @param options what {@code Options} may set
 * @param list the directives AllowOverrideList grants by name (lower case; a section as {@code
 *     <ifmodule}, the name of its command)
 */
record Overrides(
    Set<OverrideClass> classes,
    boolean nonfatalOverride,
    boolean nonfatalUnknown,
    Set<CoreOption> options,
    Set<String> list) {

  Overrides {
    classes = classes.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(classes));
    options = Set.copyOf(options);
    list = Set.copyOf(list);
  }

  /** AllowOverride None: no .htaccess is read. */
  static final Overrides NONE = new Overrides(Set.of(), false, false, CoreOption.EVERY, Set.of());

  /** AllowOverride All. */
  static final Overrides ALL =
      new Overrides(EnumSet.allOf(OverrideClass.class), false, false, CoreOption.EVERY, Set.of());

  /**
   * Whether the directory's .htaccess is read at all: something is granted (a Nonfatal keyword
   * alone is enough for Apache to read the file and skip all it says).
   */
  boolean readsHtaccess() {
    return !classes.isEmpty() || nonfatalOverride || nonfatalUnknown || !list.isEmpty();
  }

  /** Whether an .htaccess may use this directive, or this section when {@code section}. */
  boolean allows(DirectiveInfo info, boolean section) {
    for (OverrideClass c : info.overrideClasses()) {
      if (classes.contains(c)) {
        return true;
      }
    }
    return list.contains((section ? "<" : "") + info.key());
  }

  /**
   * One {@code <Directory>} section's AllowOverride lines read in order onto {@code base} (the
   * section's own start: options that a line's {@code Options=} did not set stay as they were).
   * Each line starts from no class; {@code All} and {@code None} replace what the line said before
   * them, Nonfatal keywords included.
   *
   * @throws IllegalArgumentException with Apache's message, which stops it at start-up
   */
  static Overrides allowOverride(Overrides base, List<String> words) {
    Set<OverrideClass> classes = EnumSet.noneOf(OverrideClass.class);
    boolean nonfatalOverride = false;
    boolean nonfatalUnknown = false;
    Set<CoreOption> options = base.options();
    for (String word : words) {
      int eq = word.indexOf('=');
      String key = eq < 0 ? word : word.substring(0, eq);
      String value = eq < 0 ? null : word.substring(eq + 1);
      OverrideClass c = OverrideClass.of(key);
      if (c == OverrideClass.OPTIONS) {
        classes.add(c);
        options = value == null ? CoreOption.ALL : allowedOptions(options, value);
      } else if (c != null) {
        classes.add(c);
      } else if (key.equalsIgnoreCase("Nonfatal")) {
        if (value == null) {
          throw new IllegalArgumentException("=Override, =Unknown or =All expected after " + key);
        }
        // Any other value is ignored, as core.c does.
        switch (value.toLowerCase(Locale.ROOT)) {
          case "override" -> nonfatalOverride = true;
          case "unknown" -> nonfatalUnknown = true;
          case "all" -> nonfatalOverride = nonfatalUnknown = true;
          default -> {}
        }
      } else if (key.equalsIgnoreCase("None")) {
        classes.clear();
        nonfatalOverride = nonfatalUnknown = false;
      } else if (key.equalsIgnoreCase("All")) {
        classes.addAll(EnumSet.allOf(OverrideClass.class));
        nonfatalOverride = nonfatalUnknown = false;
      } else {
        throw new IllegalArgumentException("Illegal override option " + key);
      }
    }
    return new Overrides(classes, nonfatalOverride, nonfatalUnknown, options, base.list());
  }

  /**
   * {@code Options=a,b}: the listed options only; an empty list changes nothing.
   *
   * @throws IllegalArgumentException "Illegal option X" (Apache 2.4.71 refuses to start on it)
   */
  private static Set<CoreOption> allowedOptions(Set<CoreOption> before, String list) {
    Set<CoreOption> options = null;
    for (String word : list.split(",")) {
      if (word.isEmpty()) {
        continue;
      }
      Set<CoreOption> bits = CoreOption.ofWord(word);
      if (bits == null) {
        throw new IllegalArgumentException("Illegal option " + word);
      }
      if (options == null) {
        options = EnumSet.noneOf(CoreOption.class);
      }
      options.addAll(bits);
    }
    return options == null ? before : options;
  }

  /**
   * This with an AllowOverrideList line: the directives it names that the server knows and that may
   * appear in a directory's configuration (others are discarded with a warning), or none.
   *
   * @param known the directive (or {@code <section}) a name stands for, or null when no loaded
   *     module has it
   * @throws IllegalArgumentException when None comes with other names
   */
  Overrides withList(List<String> names, java.util.function.Function<String, DirectiveInfo> known) {
    Set<String> granted = new java.util.HashSet<>();
    for (String name : names) {
      if (name.equalsIgnoreCase("None")) {
        if (names.size() != 1) {
          throw new IllegalArgumentException(
              "'None' not allowed with other directives in AllowOverrideList");
        }
        break;
      }
      DirectiveInfo info = known.apply(name);
      if (info != null
          && (info.allowedInHtaccess()
              || info.contexts().contains(DirectiveInfo.Context.DIRECTORY))) {
        granted.add(name.toLowerCase(Locale.ROOT));
      }
    }
    return new Overrides(classes, nonfatalOverride, nonfatalUnknown, options, granted);
  }
}
