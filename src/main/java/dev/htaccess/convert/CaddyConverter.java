package dev.htaccess.convert;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A document root's .htaccess files as one Caddyfile site block. Caddy has no internal redirect
 * that runs the configuration again, so the site is one {@code route} that does Apache's per-
 * directory loop itself: up to {@link #ROUNDS} rounds, each running the rules of the directory the
 * path is in (a {@code route} per directory, its matcher leaving out the subdirectories that have
 * their own file), and starting another round when the path changed, as Apache's internal redirect
 * does; then the path is served as Apache's core and mod_dir serve it.
 */
public final class CaddyConverter {

  /**
   * Apache's default LimitInternalRecursion (10 internal redirects, so 11 rounds of the rules),
   * after which it answers 500.
   */
  static final int ROUNDS = 11;

  private CaddyConverter() {}

  public static Conversion convert(ConvertOptions options) throws IOException {
    Path root = options.docroot().toAbsolutePath().normalize();
    List<Finding> findings = new ArrayList<>();
    ServerConfigReader.ServerSettings server =
        ServerConfigReader.read(options.serverConfig(), findings);
    List<DocrootDirectories.Dir> dirs = DocrootDirectories.read(root, options, findings);
    CaddyMaps maps = new CaddyMaps(server);
    CaddyPlaceholders placeholders = new CaddyPlaceholders(root.toString(), maps);
    CaddyText matchers = new CaddyText();
    sharedMatchers(matchers);
    CaddyText round = new CaddyText();
    CaddyText served = new CaddyText();
    List<String> names = new ArrayList<>();
    for (int i = 0; i < dirs.size(); i++) {
      names.add("d" + i);
    }
    CaddyText refusals = new CaddyText();
    // deepest first: a subdirectory's route before its parent's (only the file's order)
    for (int i = dirs.size() - 1; i >= 0; i--) {
      DocrootDirectories.Dir dir = dirs.get(i);
      String id = names.get(i);
      directoryMatcher(dirs, dir, id, matchers);
      String title =
          dir.file() == null ? "the document root (no .htaccess)" : dir.file().toString();
      if (dir.refused() != null) {
        // Apache answers every request below this directory with 500, subdirectories included
        matchers.line(
            "@"
                + id
                + "all path_regexp "
                + CaddyText.quote("^" + PatternPrefix.quoteLiteral(dir.prefix())));
        refusals.comment(title);
        refusals.comment(dir.refused() + "\nApache refuses this file: every request here is a 500");
        refusals.line("respond @" + id + "all 500");
        continue;
      }
      CaddyDirectoryWriter writer =
          new CaddyDirectoryWriter(id, dir.reader(), placeholders, options, findings);
      round.comment(title);
      round.open("route @in_" + id);
      writer.rules(matchers, round);
      round.close();
      served.open("route @in_" + id);
      writer.served(matchers, served);
      served.close();
      if (dir.file() != null) {
        writer.reportLeftOut(dir.file(), dirs, i);
      }
    }
    CaddyText site = new CaddyText();
    site.comment("Converted from the .htaccess files of " + root + " by htaccess convert.");
    site.open(address(options, server.names()));
    String host = bindHost(options.listen());
    if (host != null) {
      site.line("bind " + host);
    }
    site.line("root * " + CaddyText.quote(root.toString()));
    site.append(maps.text());
    site.append(matchers);
    site.open("route");
    site.line("vars htaccess_go 1");
    site.line("vars htaccess_end 0");
    java.util.SortedSet<String> set = new java.util.TreeSet<>();
    java.util.SortedSet<String> read = new java.util.TreeSet<>();
    environment(dirs, set, read);
    if (!read.isEmpty() || !set.isEmpty()) {
      site.comment("the environment mod_rewrite reads and sets, as variables (unset is empty)");
      for (String name : union(read, set)) {
        site.line("vars htaccess_env_" + name + " \"\"");
      }
    }
    for (int r = 1; r <= ROUNDS; r++) {
      site.comment(
          r == 1
              ? "round 1 of the rules; another when the path changed (Apache's internal redirect)"
              : "round " + r + ": as round 1");
      round(site, r, set, read, refusals, names, round);
    }
    site.comment("Apache's LimitInternalRecursion: still rewriting after 10 internal redirects");
    site.line("respond @htaccess_go 500");
    site.comment("the path the rules left is served as Apache serves it");
    site.line("respond @htaccess_ht 403");
    site.comment("mod_dir: a directory without its slash is redirected to it");
    site.line("redir @htaccess_slash_query \"{scheme}://{hostport}{path}/?{query}\" 301");
    site.line("redir @htaccess_slash \"{scheme}://{hostport}{path}/\" 301");
    dispatch(site, names);
    site.append(served);
    site.close();
    site.close();
    return new Conversion(site.text(), List.copyOf(findings));
  }

  /** The matchers every converted site has, named {@code @htaccess_...}. */
  private static void sharedMatchers(CaddyText matchers) {
    matchers.line("@htaccess_go vars htaccess_go 1");
    matchers.line("@htaccess_query expression `{query} != \"\"`");
    matchers.comment("Apache's own configuration (Debian's): .ht* files are never served");
    matchers.line("@htaccess_ht path_regexp /\\.ht");
    matchers.line("@htaccess_name path_regexp htaccess_name \"([^/]*)$\"");
    matchers.comment("a substitution that starts with $N or %{VAR}: absolute, a URL, or relative");
    matchers.line("@htaccess_url vars_regexp htaccess_target \"^[A-Za-z][A-Za-z0-9+.-]*://\"");
    matchers.line(
        "@htaccess_relative not vars_regexp htaccess_target"
            + " \"^(/|[A-Za-z][A-Za-z0-9+.-]*://)\"");
    matchers.comment(
        "the round ends the loop unless it rewrote: to a path with a slash first, or to another"
            + " file than the one it started with, or below a directory that does not exist");
    matchers.open("@htaccess_again_absolute");
    matchers.line("vars htaccess_absolute 1");
    matchers.line("not vars htaccess_end 1");
    matchers.close();
    matchers.open("@htaccess_again_relative");
    matchers.line("vars htaccess_absolute 0");
    matchers.line("not vars htaccess_end 1");
    // (Caddy 2.6's file matcher expands {path} but not {vars.*} or {re.*}: the directory a path
    // is in is {path}/../, or the path itself when it ends in a slash)
    for (String parent : List.of("{path}/", "{path}/../")) {
      matchers.open("not");
      matchers.line("expression `{path} == {vars.htaccess_uri}`");
      matchers.line((parent.endsWith("../") ? "not " : "") + "path */");
      matchers.line("file " + parent);
      matchers.close();
    }
    matchers.close();
    matchers.open("@htaccess_forced");
    matchers.line("vars htaccess_forced 1");
    matchers.line("file {path}");
    matchers.close();
    matchers.line("@htaccess_round_slash vars htaccess_round_slash 1");
    matchers.open("@htaccess_round_slash_query");
    matchers.line("vars htaccess_round_slash 1");
    matchers.line("expression `{query} != \"\"`");
    matchers.close();
    for (String name : List.of("@htaccess_slash", "@htaccess_slash_query")) {
      matchers.open(name);
      matchers.line("file {path}/");
      matchers.line("not path */");
      if (name.endsWith("query")) {
        matchers.line("expression `{query} != \"\"`");
      }
      matchers.close();
    }
  }

  /**
   * One round of the rules: the environment renamed after an internal redirect, the round's state
   * reset, refused files and .ht* first, the directory chosen, its rules, and whether another round
   * follows.
   */
  private static void round(
      CaddyText site,
      int r,
      java.util.Set<String> set,
      java.util.Set<String> read,
      CaddyText refusals,
      List<String> names,
      CaddyText rules) {
    site.open("route @htaccess_go");
    if (r > 1 && !set.isEmpty()) {
      // an internal redirect renames each variable REDIRECT_name and sets REDIRECT_STATUS
      for (String name : set) {
        String value = "{vars.htaccess_env_" + name + "}";
        site.line("vars htaccess_env_REDIRECT_" + name + " \"" + value + "\"");
        site.line("vars htaccess_env_" + name + " \"\"");
      }
    }
    if (r > 1 && read.contains("REDIRECT_STATUS")) {
      site.line("vars htaccess_env_REDIRECT_STATUS 200");
    }
    site.line("vars htaccess_go 0");
    site.line("vars htaccess_forced 0");
    site.line("vars htaccess_stop 0");
    site.line("vars htaccess_uri {path}");
    site.line("vars htaccess_round_slash 0");
    site.line("vars @htaccess_slash htaccess_round_slash 1");
    site.line("vars htaccess_absolute \"\"");
    site.append(refusals);
    site.line("respond @htaccess_ht 403");
    dispatch(site, names);
    site.line("vars htaccess_file \"\"");
    site.line("vars @htaccess_name htaccess_file {re.htaccess_name.1}");
    if (r == 1) {
      site.append(rules);
    } else {
      site.appendWithoutComments(rules);
    }
    // mod_dir's fixup runs after mod_rewrite's: a directory requested without its slash is
    // redirected whatever the rules rewrote it to, with the query they left
    site.line(
        "redir @htaccess_round_slash_query"
            + " \"{scheme}://{hostport}{vars.htaccess_uri}/?{query}\" 301");
    site.line("redir @htaccess_round_slash \"{scheme}://{hostport}{vars.htaccess_uri}/\" 301");
    site.line("vars @htaccess_again_absolute htaccess_go 1");
    site.line("vars @htaccess_again_relative htaccess_go 1");
    site.close();
  }

  /**
   * A directory's matchers: {@code @dN} for the paths in it and not in a subdirectory that has its
   * own file (case-sensitive, as the file system is: Caddy's {@code path} is not), and {@code
   * @in_dN} for the directory {@link #dispatch} chose.
   */
  private static void directoryMatcher(
      List<DocrootDirectories.Dir> dirs, DocrootDirectories.Dir dir, String id, CaddyText out) {
    out.open("@" + id);
    out.line("path_regexp " + CaddyText.quote("^" + PatternPrefix.quoteLiteral(dir.prefix())));
    List<String> children = new ArrayList<>();
    for (DocrootDirectories.Dir other : dirs) {
      if (other != dir && other.prefix().startsWith(dir.prefix())) {
        children.add(PatternPrefix.quoteLiteral(other.prefix()));
      }
    }
    if (!children.isEmpty()) {
      out.line("not path_regexp " + CaddyText.quote("^(?:" + String.join("|", children) + ")"));
    }
    out.close();
    out.line("@in_" + id + " vars htaccess_dir " + id);
  }

  /**
   * Chooses the directory of the path once: its routes then run whatever their rules make of the
   * path (a rewrite into another directory is for the next round, as in Apache).
   */
  private static void dispatch(CaddyText out, List<String> names) {
    out.line("vars htaccess_dir \"\"");
    for (String id : names) {
      out.line("vars @" + id + " htaccess_dir " + id);
    }
  }

  /** The variables the rules set with [E=] and the ones they read with %{ENV:...}. */
  private static void environment(
      List<DocrootDirectories.Dir> dirs, java.util.Set<String> set, java.util.Set<String> read) {
    for (DocrootDirectories.Dir dir : dirs) {
      for (RewriteTranslator.Rule r : dir.reader().rules()) {
        for (dev.htaccess.model.RuleFlag f : r.rule().flags()) {
          if (f.kind() == dev.htaccess.model.RuleFlagKind.ENV
              && CaddyRules.envName(f) != null
              && !CaddyRules.passThroughEnv(f.value())) {
            set.add(CaddyRules.envName(f));
          }
        }
      }
    }
    for (String name : DocrootDirectories.envRead(dirs)) {
      if (name.matches("[A-Za-z0-9_-]+")) {
        read.add(name);
      }
    }
  }

  private static java.util.SortedSet<String> union(
      java.util.Set<String> a, java.util.Set<String> b) {
    java.util.SortedSet<String> all = new java.util.TreeSet<>(a);
    all.addAll(b);
    return all;
  }

  /** The site address: {@code http://} (Caddy would turn on HTTPS for a name), name, port. */
  private static String address(ConvertOptions options, List<String> serverNames) {
    String listen = options.listen();
    String port = listen.contains(":") ? listen.substring(listen.lastIndexOf(':') + 1) : listen;
    List<String> names =
        options.serverName() != null
            ? List.of(options.serverName())
            : serverNames.isEmpty() ? List.of("") : serverNames;
    return String.join(", ", names.stream().map(n -> "http://" + n + ":" + port).toList());
  }

  private static String bindHost(String listen) {
    int colon = listen.lastIndexOf(':');
    return colon <= 0 ? null : listen.substring(0, colon);
  }
}
