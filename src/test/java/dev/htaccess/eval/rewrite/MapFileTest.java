package dev.htaccess.eval.rewrite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.htaccess.model.RewriteMap;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A map kept in files follows them as mod_rewrite does: stat'ed before each lookup. */
class MapFileTest {

  private static final Path MAPS = Path.of("testdata/eval/rewritemap-dbm/maps");

  @TempDir Path dir;

  private RewriteMapSource map(String type, String file) {
    return RewriteMapSource.of(
        new RewriteMap("RewriteMap", List.of(), "hosts", "dbm", type, file, null), dir);
  }

  @Test
  void aTextMapIsReadAgainWhenItChanges() throws Exception {
    Path file = dir.resolve("hosts.txt");
    Files.writeString(file, "a.example.com http://one.example\n");
    RewriteMapSource txt =
        RewriteMapSource.of(
            new RewriteMap("RewriteMap", List.of(), "hosts", "txt", "", "hosts.txt", null), dir);
    assertThat(txt.lookup("a.example.com")).isEqualTo("http://one.example");
    Files.writeString(file, "a.example.com http://two.example\nb.example.com http://b.example\n");
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
    assertThat(txt.lookup("a.example.com")).isEqualTo("http://two.example");
    assertThat(txt.lookup("b.example.com")).isEqualTo("http://b.example");
    Files.delete(file);
    assertThat(txt.lookup("a.example.com")).isNull(); // AH00661, and the default applies
  }

  @Test
  void aMissingFileIsRefusedWhenDeclaredAndFindsNothingLater() throws Exception {
    assertThatThrownBy(() -> map("", "hosts.db"))
        .hasMessage("RewriteMap: file for map hosts not found:" + dir.resolve("hosts.db"));
    // SDBM: the declaration needs the .dir, a lookup both
    assertThatThrownBy(() -> map("sdbm", "hosts"))
        .hasMessageEndingWith("not found:" + dir.resolve("hosts.dir"));
    Files.createFile(dir.resolve("hosts.dir"));
    RewriteMapSource sdbm = map("sdbm", "hosts");
    assertThat(sdbm.lookup("a.example.com")).isNull();
    Files.copy(MAPS.resolve("backends.sdbm.pag"), dir.resolve("hosts.pag"));
    assertThat(sdbm.lookup("a.example.com")).isEqualTo("http://127.0.0.1:9001");

    Files.copy(MAPS.resolve("backends.db"), dir.resolve("hosts.db"));
    RewriteMapSource db = map("", "hosts.db");
    assertThat(db.lookup("h7.example.com")).isEqualTo("http://10.0.0.7/site7");
    Files.delete(dir.resolve("hosts.db"));
    assertThat(db.lookup("h7.example.com")).isNull();
  }

  @Test
  void aChangedFileIsReadAgainAndOneOfAnotherFormatFindsNothing() throws Exception {
    Path file = dir.resolve("hosts.db");
    Files.copy(MAPS.resolve("backends.txt"), file); // text, not a Berkeley DB
    RewriteMapSource db = map("DB", "hosts.db");
    assertThat(db.lookup("a.example.com")).isNull();
    Files.copy(MAPS.resolve("backends.db"), file, StandardCopyOption.REPLACE_EXISTING);
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
    assertThat(db.lookup("a.example.com")).isEqualTo("http://127.0.0.1:9001");
  }

  @Test
  void gdbmAndUnknownTypesAreRefused() {
    assertThatThrownBy(() -> map("gdbm", "hosts.db"))
        .hasMessageContaining("GDBM files are not read");
    assertThatThrownBy(() -> map("ndbm", "hosts.db"))
        .hasMessage("RewriteMap: dbm type ndbm is invalid");
  }
}
