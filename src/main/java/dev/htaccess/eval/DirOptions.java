package dev.htaccess.eval;

import dev.htaccess.model.Argument;
import java.util.List;
import java.util.Locale;

/**
 * The Options a directory walk tracks, as each level's Options directive leaves them: a list of
 * only {@code +X}/{@code -X} changes the options before it, any other list replaces them.
 */
record DirOptions(boolean followSymLinks, boolean symLinksIfOwnerMatch, boolean indexes) {

  static final DirOptions NONE = new DirOptions(false, false, false);

  /** The options after an {@code Options} directive with these arguments. */
  DirOptions apply(List<Argument> args) {
    boolean relative =
        args.stream().allMatch(a -> a.value().startsWith("+") || a.value().startsWith("-"));
    boolean follow = relative && followSymLinks;
    boolean ownerMatch = relative && symLinksIfOwnerMatch;
    boolean index = relative && indexes;
    for (Argument a : args) {
      String v = a.value();
      boolean on = !v.startsWith("-");
      String name = v.startsWith("+") || v.startsWith("-") ? v.substring(1) : v;
      switch (name.toLowerCase(Locale.ROOT)) {
        case "followsymlinks" -> follow = on;
        case "symlinksifownermatch" -> ownerMatch = on;
        case "indexes" -> index = on;
        // OPT_ALL: Indexes, Includes, FollowSymLinks, ExecCGI (not SymLinksIfOwnerMatch)
        case "all" -> {
          follow = on;
          index = on;
        }
        case "none" -> {
          follow = false;
          ownerMatch = false;
          index = false;
        }
        default -> {}
      }
    }
    return new DirOptions(follow, ownerMatch, index);
  }
}
