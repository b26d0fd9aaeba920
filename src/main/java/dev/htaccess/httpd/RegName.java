package dev.htaccess.httpd;

import dev.htaccess.regex.PcreMatch;
import dev.htaccess.regex.PcrePattern;
import dev.htaccess.source.RawText;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ap_regname with AP_REG_MATCH: what a matching {@code <LocationMatch>}, {@code <FilesMatch>} (and
 * their {@code ~} forms) put in the environment: {@code MATCH_} and the upper-cased name of each
 * named group that took part in the match.
 */
public final class RegName {

  private RegName() {}

  /** The variables for {@code subject}; empty when the pattern does not match or names none. */
  public static Map<String, String> matchVariables(PcrePattern pattern, String subject) {
    List<String> names = pattern.groupNames();
    if (names.isEmpty()) {
      return Map.of();
    }
    PcreMatch m = pattern.match(subject);
    if (m == null) {
      return Map.of();
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 1; i < names.size(); i++) {
      if (names.get(i) != null && m.group(i) != null) {
        out.put("MATCH_" + RawText.asciiUpper(names.get(i)), m.group(i));
      }
    }
    return out;
  }
}
