package dev.htaccess.convert.verify;

import dev.htaccess.convert.NginxConverter;
import dev.htaccess.httpd.UrlEscaping;
import dev.htaccess.model.ConfigNode;
import dev.htaccess.model.Directive;
import dev.htaccess.model.RewriteRule;
import dev.htaccess.model.RuleFlagKind;
import dev.htaccess.model.Section;
import dev.htaccess.regex.Witness;
import dev.htaccess.source.SourceFile;
import dev.htaccess.syntax.HtaccessReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * URLs made from the rules' own patterns: for each RewriteRule (and RedirectMatch) of the document
 * root's .htaccess files, a path its pattern matches (a {@link Witness}, checked with the real
 * regex engine), below the directory whose file holds it. The files on disk alone rarely reach a
 * rule that matches a made-up path, such as {@code ^api/(.*)$} or {@code \.(css|js)$}.
 */
final class RulePatternRequests {

  private RulePatternRequests() {}

  static Set<String> of(Path root) throws IOException {
    Set<String> out = new LinkedHashSet<>();
    for (Path file : NginxConverter.htaccessFiles(root)) {
      String prefix = NginxConverter.prefix(root, file.getParent());
      Deque<ConfigNode> todo = new ArrayDeque<>(HtaccessReader.read(SourceFile.read(file)).nodes());
      while (!todo.isEmpty()) {
        ConfigNode node = todo.removeFirst();
        if (node instanceof Section s) {
          List<ConfigNode> children = s.children();
          for (int i = children.size() - 1; i >= 0; i--) {
            todo.addFirst(children.get(i)); // in the file's order
          }
        } else if (node instanceof RewriteRule r && !r.negated()) {
          Witness.of(r.pattern(), r.has(RuleFlagKind.NO_CASE), Map.of())
              .filter(w -> !w.startsWith("/"))
              .ifPresent(w -> out.add(encode(prefix + w)));
        } else if (node instanceof Directive d
            && d.key().equals("redirectmatch")
            && !d.arguments().isEmpty()) {
          String pattern = d.arguments().get(d.arguments().size() > 2 ? 1 : 0).value();
          Witness.of(pattern, false, Map.of())
              .filter(w -> w.startsWith("/"))
              .ifPresent(w -> out.add(encode(w)));
        }
      }
    }
    return out;
  }

  /** The path as a request target: its UTF-8 bytes escaped as Apache's ap_escape_uri does. */
  private static String encode(String path) {
    return UrlEscaping.escapePath(
        new String(path.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1));
  }
}
