package dev.htaccess.convert.verify;

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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * URLs made from the rules' own patterns: for each RewriteRule (and RedirectMatch) of the document
 * root's .htaccess files, a path its pattern matches (a {@link Witness}, checked with the real
 * regex engine), below the directory whose file holds it. The files on disk alone rarely reach a
 * rule that matches a made-up path, such as {@code ^api/(.*)$} or {@code \.(css|js)$}.
 */
final class RulePatternRequests {

  private RulePatternRequests() {}

  /** Characters a request target may hold as they are; the others are percent-encoded. */
  private static final String SAFE =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~/!$&'()*+,;=:@";

  static Set<String> of(Path root) throws IOException {
    Set<String> out = new LinkedHashSet<>();
    List<Path> files;
    try (Stream<Path> walk = Files.walk(root, 32)) {
      files =
          walk.filter(p -> p.getFileName().toString().equals(".htaccess"))
              .filter(Files::isRegularFile)
              .sorted(Comparator.comparing(Path::toString))
              .toList();
    } catch (java.io.UncheckedIOException e) {
      throw e.getCause();
    }
    for (Path file : files) {
      String rel = root.relativize(file.getParent()).toString().replace('\\', '/');
      String prefix = rel.isEmpty() ? "/" : "/" + rel + "/";
      Deque<ConfigNode> todo = new ArrayDeque<>(HtaccessReader.read(SourceFile.read(file)).nodes());
      while (!todo.isEmpty()) {
        ConfigNode node = todo.removeFirst();
        if (node instanceof Section s) {
          List<ConfigNode> children = s.children();
          for (int i = children.size() - 1; i >= 0; i--) {
            todo.addFirst(children.get(i)); // in the file's order
          }
        } else if (node instanceof RewriteRule r && !r.negated()) {
          witness(r.pattern(), r.has(RuleFlagKind.NO_CASE))
              .filter(w -> !w.startsWith("/"))
              .ifPresent(w -> out.add(encode(prefix + w)));
        } else if (node instanceof Directive d
            && d.key().equals("redirectmatch")
            && !d.arguments().isEmpty()) {
          String pattern = d.arguments().get(d.arguments().size() > 2 ? 1 : 0).value();
          witness(pattern, false).filter(w -> w.startsWith("/")).ifPresent(w -> out.add(encode(w)));
        }
      }
    }
    return out;
  }

  private static Optional<String> witness(String pattern, boolean caseless) {
    return Witness.of(pattern, caseless, Map.of());
  }

  private static String encode(String path) {
    StringBuilder b = new StringBuilder();
    for (byte x : path.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (x & 0xff);
      if (c < 0x80 && SAFE.indexOf(c) >= 0) {
        b.append(c);
      } else {
        b.append('%').append(String.format("%02X", x & 0xff));
      }
    }
    return b.toString();
  }
}
