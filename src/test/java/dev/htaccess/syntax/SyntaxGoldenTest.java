package dev.htaccess.syntax;

import static org.assertj.core.api.Assertions.assertThat;

import dev.htaccess.report.AstRenderer;
import dev.htaccess.source.Diagnostic;
import dev.htaccess.source.SourceFile;
import dev.htaccess.testing.ProjectFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden files, grammars-v4 style: every {@code testdata/syntax/NAME.htaccess} (or {@code .conf},
 * read as server configuration) has {@code NAME.ast} (the outline of its AST) and {@code
 * NAME.errors} (its diagnostics). Rewrite them with {@code -Dgolden.update=true} and review the
 * diff.
 */
class SyntaxGoldenTest {

  static Stream<Path> fixtures() throws IOException {
    try (Stream<Path> files = Files.list(ProjectFiles.testdata("syntax"))) {
      return files
          .filter(p -> p.toString().endsWith(".htaccess") || p.toString().endsWith(".conf"))
          .sorted()
          .toList()
          .stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void matchesGoldenFiles(Path input) throws IOException {
    String name = input.getFileName().toString();
    String base = name.substring(0, name.lastIndexOf('.'));
    HtaccessReader.Kind kind =
        name.endsWith(".conf") ? HtaccessReader.Kind.SERVER_CONFIG : HtaccessReader.Kind.HTACCESS;
    ParseResult result = HtaccessReader.read(SourceFile.read(input), kind);

    String ast = AstRenderer.text(result.nodes());
    StringBuilder errors = new StringBuilder();
    for (Diagnostic d : result.diagnostics()) {
      errors
          .append(d.span().line())
          .append(':')
          .append(d.span().column())
          .append(": ")
          .append(d.severity().label())
          .append(": ")
          .append(d.message())
          .append(" [")
          .append(d.code())
          .append("]\n");
    }

    Path astFile = input.resolveSibling(base + ".ast");
    Path errorsFile = input.resolveSibling(base + ".errors");
    if (ProjectFiles.updateGolden()) {
      ProjectFiles.writeGolden(astFile, ast);
      ProjectFiles.writeGolden(errorsFile, errors.toString());
      return;
    }
    assertThat(ProjectFiles.readGolden(astFile)).as("%s", astFile).isEqualTo(ast);
    assertThat(ProjectFiles.readGolden(errorsFile))
        .as("%s", errorsFile)
        .isEqualTo(errors.toString());
  }
}
