package dev.htaccess.syntax;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.htaccess.source.SourceFile;
import dev.htaccess.testing.ProjectFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every real .htaccess in {@code ../shared/corpus} parses without a syntax error. */
class CorpusParseTest {

  static Stream<Path> corpus() throws IOException {
    var shared = ProjectFiles.shared();
    if (shared.isEmpty() || !Files.isDirectory(shared.get().resolve("corpus"))) {
      return Stream.of(Path.of("(../shared/corpus absent)"));
    }
    try (Stream<Path> dirs = Files.list(shared.get().resolve("corpus"))) {
      List<Path> files =
          dirs.map(d -> d.resolve(".htaccess")).filter(Files::isRegularFile).sorted().toList();
      return files.stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void parsesWithoutErrors(Path file) throws IOException {
    assumeTrue(Files.isRegularFile(file), "../shared/corpus is absent");
    ParseResult result = HtaccessReader.read(SourceFile.read(file));
    assertThat(result.diagnostics()).isEmpty();
    assertThat(result.nodes()).isNotEmpty();
  }
}
