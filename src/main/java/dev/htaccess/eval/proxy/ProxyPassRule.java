package dev.htaccess.eval.proxy;

import dev.htaccess.httpd.AliasMatch;
import dev.htaccess.httpd.Pregsub;
import dev.htaccess.regex.PcreMatch;
import dev.htaccess.regex.PcrePattern;
import dev.htaccess.regex.PcreSyntaxException;
import java.util.ArrayList;
import java.util.List;

/**
 * A ProxyPass or ProxyPassMatch of the virtual host, compiled: the URL prefix (or regex) it takes,
 * the worker URL it maps to ({@code !} for an exclusion), and its flags.
 */
public final class ProxyPassRule {

  private final String prefix;
  private final PcrePattern regex;
  private final String target;
  private final boolean noCanon;
  private final boolean encoded;

  private ProxyPassRule(
      String prefix, PcrePattern regex, String target, boolean noCanon, boolean encoded) {
    this.prefix = prefix;
    this.regex = regex;
    this.target = target;
    this.noCanon = noCanon;
    this.encoded = encoded;
  }

  /**
   * Reads the arguments of {@code ProxyPass} ({@code match} false) or {@code ProxyPassMatch} as
   * mod_proxy's add_pass does.
   *
   * @throws IllegalArgumentException with Apache's message when it refuses the directive
   */
  public static ProxyPassRule parse(List<String> args, boolean match) {
    boolean isRegex = match;
    String fake = null;
    String real = null;
    boolean noCanon = false;
    boolean encoded = false;
    List<String[]> params = new ArrayList<>();
    for (String word : args) {
      if (fake == null) {
        if (word.equals("~")) {
          if (match) {
            throw new IllegalArgumentException("ProxyPassMatch invalid syntax ('~' usage).");
          }
          isRegex = true;
          continue;
        }
        fake = word;
      } else if (real == null) {
        real = word;
      } else if (word.equalsIgnoreCase("nocanon")) {
        noCanon = true;
      } else if (word.equalsIgnoreCase("interpolate") || word.equalsIgnoreCase("noquery")) {
        continue; // interpolate needs ProxyPassInterpolateEnv; noquery changes nothing for http
      } else {
        int eq = word.indexOf('=');
        if (eq < 0) {
          throw new IllegalArgumentException(
              "Invalid ProxyPass|ProxyPassMatch parameter. Parameter must be in the form"
                  + " 'key=value'.");
        }
        String key = word.substring(0, eq);
        String value = word.substring(eq + 1);
        if (key.equalsIgnoreCase("mapping")) {
          if (value.equalsIgnoreCase("encoded")) {
            encoded = true;
          } else if (!value.equalsIgnoreCase("servlet")) {
            throw new IllegalArgumentException("unknown mapping");
          }
        } else {
          params.add(new String[] {key, value});
        }
      }
    }
    if (real == null) {
      throw new IllegalArgumentException(
          "ProxyPass|ProxyPassMatch needs a path when not defined in a location");
    }
    PcrePattern pattern = null;
    if (isRegex) {
      try {
        pattern = PcrePattern.compile(fake, false);
      } catch (PcreSyntaxException e) {
        throw new IllegalArgumentException("Regular expression could not be compiled.", e);
      }
    }
    if (!real.equals("!")) {
      WorkerUrl.check(real, isRegex);
      boolean balancer = real.regionMatches(true, 0, "balancer://", 0, 11);
      for (String[] p : params) {
        WorkerParams.check(p[0], p[1], balancer);
      }
    }
    return new ProxyPassRule(fake, pattern, real, noCanon, encoded);
  }

  /** The prefix or regex as written, for the trace. */
  public String from() {
    return prefix;
  }

  /** Whether the rule maps on the still-encoded URL, before the rewriting (mapping=encoded). */
  public boolean encoded() {
    return encoded;
  }

  /** The result of trying the rule on a URL. */
  public sealed interface Mapping {}

  /** The rule does not take the URL. */
  public record NoMatch() implements Mapping {}

  /** An exclusion ({@code ProxyPass /path !}) took the URL: it is not proxied. */
  public record Excluded() implements Mapping {}

  /** The rule takes the URL: this goes to mod_proxy. */
  public record Proxied(ProxyTarget target) implements Mapping {}

  /**
   * ap_proxy_trans_match: tries the rule on {@code uri} (decoded; the encoded one with
   * mapping=encoded). With nocanon, the part of {@code unparsed} (the request line's URL, query
   * included) the prefix matched is used instead, unless the decoding changed what matched.
   */
  public Mapping map(String uri, String unparsed, String args) {
    String useUri = noCanon ? unparsed : uri;
    boolean canonOff = noCanon;
    String found;
    if (regex != null) {
      PcreMatch m = regex.match(uri);
      if (m == null) {
        return new NoMatch();
      }
      if (target.equals("!")) {
        return new Excluded();
      }
      PcreMatch use = m;
      if (noCanon) {
        PcreMatch raw = regex.match(unparsed);
        if (raw == null) {
          canonOff = false;
          useUri = uri;
        } else {
          use = raw;
        }
      }
      String substituted = Pregsub.substitute(target, use);
      // without a substitution, the whole URL is appended: ProxyPassMatch \.gif$ http://b
      found = substituted.equals(target) ? target + useUri : substituted;
    } else {
      int len = AliasMatch.length(uri, prefix);
      if (len == 0) {
        return new NoMatch();
      }
      if (target.equals("!")) {
        return new Excluded();
      }
      if (noCanon && len != AliasMatch.length(unparsed, prefix)) {
        canonOff = false;
        useUri = uri;
      }
      found = target + useUri.substring(len);
    }
    return new Proxied(new ProxyTarget(found, args, canonOff, encoded));
  }
}
