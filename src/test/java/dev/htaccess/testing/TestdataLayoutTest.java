package dev.htaccess.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Rules for what may be under {@code testdata/}, so that a clean clone holds the same cases. */
class TestdataLayoutTest {

  /**
   * Git keeps no empty directory, so a case whose docroot has one answers differently on a clean
   * clone (a directory request becomes a 404): such a directory holds a {@code .keep}, as the
   * oracle's case format says.
   */
  @Test
  void noDirectoryIsEmpty() throws IOException {
    List<String> empty;
    try (Stream<Path> all = Files.walk(ProjectFiles.root().resolve("testdata"))) {
      empty =
          all.filter(Files::isDirectory)
              .filter(TestdataLayoutTest::isEmpty)
              .map(d -> ProjectFiles.root().relativize(d).toString())
              .toList();
    }
    assertThat(empty).as("empty directories (git drops them: add a .keep)").isEmpty();
  }

  private static boolean isEmpty(Path dir) {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.findAny().isEmpty();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
