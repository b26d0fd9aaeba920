package dev.htaccess.syntax;

import dev.htaccess.model.ConfigNode;
import dev.htaccess.source.Diagnostic;
import dev.htaccess.source.Severity;
import dev.htaccess.source.SourceFile;
import java.util.List;

/**
 * What reading one file gives: its nodes, and every problem found on the way.
 *
 * @param file the file read
 * @param nodes the top-level nodes in file order
 * @param diagnostics the problems, in file order
 */
public record ParseResult(SourceFile file, List<ConfigNode> nodes, List<Diagnostic> diagnostics) {

  public ParseResult {
    nodes = List.copyOf(nodes);
    diagnostics = List.copyOf(diagnostics);
  }

  /** True when Apache would refuse the file. */
  public boolean hasErrors() {
    return diagnostics.stream().anyMatch(d -> d.severity() == Severity.ERROR);
  }
}
