package dev.htaccess.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.htaccess.testing.ProjectFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every check has a unique, well-formed code and name, a doc page, fixtures and a README row. */
class CatalogTest {

  @Test
  void everyCheckIsComplete() throws IOException {
    Set<String> codes = new HashSet<>();
    Set<String> names = new HashSet<>();
    String readme = Files.readString(ProjectFiles.root().resolve("README.md"));
    for (Check check : CheckRegistry.all()) {
      CheckInfo info = check.info();
      assertThat(info).as("%s has @CheckInfo", check.getClass()).isNotNull();
      assertThat(info.code()).matches("HT[1-5]\\d{3}");
      assertThat(info.name()).matches("[a-z0-9]+(-[a-z0-9]+)*");
      assertThat(codes.add(info.code())).as("unique code %s", info.code()).isTrue();
      assertThat(names.add(info.name())).as("unique name %s", info.name()).isTrue();
      assertThat(info.summary()).isNotBlank();
      Path doc = ProjectFiles.root().resolve("docs/checks/" + info.code() + ".md");
      assertThat(doc).as("doc page").exists();
      assertThat(Files.readString(doc)).startsWith("# " + info.code() + " " + info.name());
      Path fixtures = ProjectFiles.testdata("lint", info.code());
      assertThat(fixtures.resolve("positive.htaccess")).as("positive fixture").exists();
      assertThat(fixtures.resolve("negative.htaccess")).as("negative fixture").exists();
      assertThat(readme).as("README row").contains("| " + info.code() + " | `" + info.name() + "`");
    }
    assertThat(CheckRegistry.all()).hasSizeGreaterThanOrEqualTo(40);
  }

  @Test
  void registryIsSortedByCodeAndFindsByName() {
    var all = CheckRegistry.all();
    for (int i = 1; i < all.size(); i++) {
      assertThat(all.get(i - 1).info().code()).isLessThan(all.get(i).info().code());
    }
    assertThat(CheckRegistry.find("open-redirect")).isPresent();
    assertThat(CheckRegistry.find("HT2001")).isPresent();
  }
}
