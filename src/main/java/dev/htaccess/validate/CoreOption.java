package dev.htaccess.validate;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The options of core's {@code Options} directive (OPT_INDEXES ...), and the words of Options and
 * of {@code AllowOverride Options=...} that stand for them.
 */
public enum CoreOption {
  INDEXES,
  INCLUDES,
  /** Includes with exec: "Includes" is both, "IncludesNOEXEC" only {@link #INCLUDES}. */
  INCLUDES_EXEC,
  FOLLOW_SYMLINKS,
  SYMLINKS_IF_OWNER_MATCH,
  EXEC_CGI,
  MULTIVIEWS;

  /** {@code Options All}: everything but MultiViews and SymLinksIfOwnerMatch (OPT_ALL). */
  public static final Set<CoreOption> ALL =
      Set.copyOf(EnumSet.of(INDEXES, INCLUDES, INCLUDES_EXEC, FOLLOW_SYMLINKS, EXEC_CGI));

  /** Every option: what an .htaccess may set unless AllowOverride limits it. */
  public static final Set<CoreOption> EVERY = Set.copyOf(EnumSet.allOf(CoreOption.class));

  /** The words of Options as the manual spells them (each also with + or - before it). */
  public static final java.util.List<String> WORDS =
      java.util.List.of(
          "All",
          "None",
          "Indexes",
          "Includes",
          "IncludesNOEXEC",
          "FollowSymLinks",
          "SymLinksIfOwnerMatch",
          "ExecCGI",
          "MultiViews");

  /**
   * The options a word of Options stands for ({@code None} for none), or null when core does not
   * know the word. Case does not matter; RunScripts is the old name core still takes.
   */
  public static Set<CoreOption> ofWord(String word) {
    return switch (word.toLowerCase(Locale.ROOT)) {
      case "indexes" -> Set.of(INDEXES);
      case "includes" -> Set.of(INCLUDES, INCLUDES_EXEC);
      case "includesnoexec" -> Set.of(INCLUDES);
      case "followsymlinks" -> Set.of(FOLLOW_SYMLINKS);
      case "symlinksifownermatch" -> Set.of(SYMLINKS_IF_OWNER_MATCH);
      case "execcgi" -> Set.of(EXEC_CGI);
      case "multiviews" -> Set.of(MULTIVIEWS);
      case "runscripts" -> Set.of(MULTIVIEWS, EXEC_CGI);
      case "none" -> Set.of();
      case "all" -> ALL;
      default -> null;
    };
  }
}
