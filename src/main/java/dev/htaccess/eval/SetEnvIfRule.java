package dev.htaccess.eval;

import dev.htaccess.model.Argument;
import dev.htaccess.regex.PcreMatch;
import dev.htaccess.regex.PcrePattern;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * One SetEnvIf, SetEnvIfNoCase, BrowserMatch or BrowserMatchNoCase directive (mod_setenvif). In a
 * directory it runs in the header-parser phase, so its variables are visible to RewriteCond and to
 * {@code Require env}.
 *
 * @param attribute a request header, one of the special names (Remote_Addr, Request_URI ...) or an
 *     environment variable set earlier
 * @param pattern the regex
 * @param settings {@code VAR=value} (with $1..$9), {@code !VAR} or {@code VAR}
 */
record SetEnvIfRule(String attribute, PcrePattern pattern, List<String> settings) {

  static SetEnvIfRule of(String directive, List<Argument> args) {
    boolean browser = directive.startsWith("browsermatch");
    boolean nocase = directive.endsWith("nocase");
    int first = browser ? 0 : 1;
    if (args.size() < first + 2) {
      throw new IllegalArgumentException(directive + ": missing arguments");
    }
    String attribute = browser ? "User-Agent" : args.get(0).value();
    PcrePattern pattern = PcrePattern.compile(args.get(first).value(), nocase);
    List<String> settings = new ArrayList<>();
    for (int i = first + 1; i < args.size(); i++) {
      settings.add(args.get(i).value());
    }
    return new SetEnvIfRule(attribute, pattern, settings);
  }

  /** Applies the rule: {@code special} gives the special attributes, {@code header} headers. */
  void apply(
      Function<String, String> special, Function<String, String> header, Map<String, String> env) {
    String key = attribute.toLowerCase(Locale.ROOT);
    String value =
        switch (key) {
          case "remote_host",
              "remote_addr",
              "server_addr",
              "request_method",
              "request_protocol",
              "request_uri" ->
              special.apply(key);
          default -> {
            String h = header.apply(attribute);
            yield h != null ? h : env.get(attribute);
          }
        };
    if (value == null) {
      return;
    }
    PcreMatch m = pattern.match(value);
    if (m == null) {
      return;
    }
    for (String s : settings) {
      if (s.startsWith("!")) {
        env.remove(s.substring(1));
        continue;
      }
      int eq = s.indexOf('=');
      String name = eq < 0 ? s : s.substring(0, eq);
      String v = eq < 0 ? "1" : substitute(s.substring(eq + 1), m);
      env.put(name, v);
    }
  }

  private static String substitute(String template, PcreMatch m) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < template.length(); i++) {
      char c = template.charAt(i);
      if (c == '$' && i + 1 < template.length() && Character.isDigit(template.charAt(i + 1))) {
        int g = template.charAt(++i) - '0';
        if (g <= m.groupCount() && m.group(g) != null) {
          out.append(m.group(g));
        }
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
