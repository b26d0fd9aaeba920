package dev.htaccess.httpd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The DBM files httxt2dbm writes, read back: the recorded case's (a Berkeley DB with a value on
 * overflow pages, an SDBM of 59 pages), and where httxt2dbm is installed, random tables of each
 * format against the text they were made from.
 */
class DbmMapFileTest {

  private static final Path MAPS = Path.of("testdata/eval/rewritemap-dbm/maps");

  @TempDir Path dir;

  /**
   * What httxt2dbm stores from a text map: it reads the lines as mod_rewrite reads a txt map (at
   * most 1,024 bytes at a time, so the rest of a longer line is a line of its own), but each entry
   * replaces an earlier one for the same key.
   */
  private static Map<String, String> stored(Path txt) throws IOException {
    String text = dev.htaccess.source.RawText.fromBytes(Files.readAllBytes(txt));
    Map<String, String> out = new LinkedHashMap<>();
    int pos = 0;
    while (pos < text.length()) {
      int newline = text.indexOf('\n', pos);
      int end = Math.min(newline < 0 ? text.length() : newline + 1, pos + TxtMapFile.LINE);
      out.putAll(TxtMapFile.parse(text.substring(pos, end)));
      pos = end;
    }
    return out;
  }

  @Test
  void readsTheRecordedCasesBerkeleyDb() throws IOException {
    Map<String, String> read =
        DbmMapFile.read(DbmMapFile.Flavor.BERKELEY_DB, MAPS.resolve("backends.db"));
    assertThat(read).isEqualTo(stored(MAPS.resolve("backends.txt")));
    // the line was longer than httxt2dbm reads at once: its first 1,024 bytes made the entry
    assertThat(read.get("long.example.com")).hasSize(1024 - "long.example.com ".length());
    assertThat(read.get("dup.example.com")).isEqualTo("http://second.example");
  }

  @Test
  void readsTheRecordedCasesSdbm() throws IOException {
    Map<String, String> read =
        DbmMapFile.read(DbmMapFile.Flavor.SDBM, MAPS.resolve("backends.sdbm"));
    assertThat(read).isEqualTo(stored(MAPS.resolve("backends-short.txt")));
    assertThat(Files.size(MAPS.resolve("backends.sdbm.pag"))).isGreaterThan(10 * 1024);
  }

  @Test
  void aFileOfAnotherFormatIsNotAMap() {
    assertThatThrownBy(
            () -> DbmMapFile.read(DbmMapFile.Flavor.BERKELEY_DB, MAPS.resolve("backends.txt")))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("not a Berkeley DB hash file");
    assertThatThrownBy(() -> DbmMapFile.read(DbmMapFile.Flavor.SDBM, MAPS.resolve("backends")))
        .isInstanceOf(IOException.class);
  }

  @Test
  void typesAreNamedAsAprDbmNamesThem() {
    assertThat(DbmMapFile.Flavor.of("default")).isEqualTo(DbmMapFile.Flavor.BERKELEY_DB);
    assertThat(DbmMapFile.Flavor.of("DB")).isEqualTo(DbmMapFile.Flavor.BERKELEY_DB);
    assertThat(DbmMapFile.Flavor.of("SDBM")).isEqualTo(DbmMapFile.Flavor.SDBM);
    assertThat(DbmMapFile.Flavor.of("sDbm")).isEqualTo(DbmMapFile.Flavor.SDBM);
    assertThatThrownBy(() -> DbmMapFile.Flavor.of("ndbm"))
        .hasMessage("RewriteMap: dbm type ndbm is invalid");
    assertThatThrownBy(() -> DbmMapFile.Flavor.of("cdb"))
        .hasMessage("RewriteMap: dbm type cdb is invalid");
    assertThatThrownBy(() -> DbmMapFile.requireReadable(DbmMapFile.Flavor.GDBM))
        .hasMessageContaining("GDBM files are not read here");
  }

  @Test
  void randomTablesOfEachFormatReadBackWhole() throws Exception {
    assumeTrue(hasHttxt2dbm(), "httxt2dbm (apache2-utils) is not installed");
    Random random = new Random(20261204);
    for (int round = 0; round < 3; round++) {
      StringBuilder text = new StringBuilder();
      StringBuilder shortText = new StringBuilder();
      int entries = 500 + random.nextInt(3000);
      for (int i = 0; i < entries; i++) {
        String key = word(random, 1 + random.nextInt(60)) + i;
        // some values past a quarter of a page: Berkeley DB puts them on overflow pages
        String value =
            word(
                random,
                random.nextInt(20) == 0 ? 1500 + random.nextInt(6000) : 1 + random.nextInt(200));
        text.append(key).append(' ').append(value).append('\n');
        if (key.length() + value.length() < 1000) { // SDBM's PAIRMAX
          shortText.append(key).append(' ').append(value).append('\n');
        }
      }
      Path txt = dir.resolve("t" + round + ".txt");
      Path shortTxt = dir.resolve("s" + round + ".txt");
      Files.writeString(txt, text, StandardCharsets.ISO_8859_1);
      Files.writeString(shortTxt, shortText, StandardCharsets.ISO_8859_1);
      Path db = dir.resolve("t" + round + ".db");
      Path sdbm = dir.resolve("s" + round);
      run("httxt2dbm", "-i", txt.toString(), "-o", db.toString());
      run("httxt2dbm", "-f", "SDBM", "-i", shortTxt.toString(), "-o", sdbm.toString());
      assertThat(DbmMapFile.read(DbmMapFile.Flavor.BERKELEY_DB, db)).isEqualTo(stored(txt));
      assertThat(DbmMapFile.read(DbmMapFile.Flavor.SDBM, sdbm)).isEqualTo(stored(shortTxt));
    }
  }

  /**
   * Keys and values past a quarter of a page, which Berkeley DB keeps on chains of overflow pages:
   * httxt2dbm cannot write them (it reads 1,024 bytes of a line), other writers do (Perl's DB_File
   * here, on the same libdb).
   */
  @Test
  void overflowPagesOfOtherWritersAreRead() throws Exception {
    assumeTrue(hasPerlDbFile(), "perl with DB_File is not installed");
    Random random = new Random(7);
    Map<String, String> written = new LinkedHashMap<>();
    StringBuilder tsv = new StringBuilder();
    for (int i = 0; i < 1500; i++) {
      String key = word(random, random.nextInt(50) == 0 ? 2000 + random.nextInt(5000) : 8) + i;
      String value = word(random, random.nextInt(10) == 0 ? 1000 + random.nextInt(20000) : 30);
      written.put(key, value);
      tsv.append(key).append('\t').append(value).append('\n');
    }
    Path in = dir.resolve("in.tsv");
    Path db = dir.resolve("big.db");
    Files.writeString(in, tsv, StandardCharsets.ISO_8859_1);
    run(
        "perl",
        "-MDB_File",
        "-MFcntl",
        "-e",
        "tie my %h, 'DB_File', $ARGV[1], O_RDWR|O_CREAT, 0644, $DB_HASH or die $!;"
            + " open my $f, '<', $ARGV[0] or die $!;"
            + " while (<$f>) { chomp; my ($k, $v) = split /\t/, $_, 2; $h{$k} = $v } untie %h",
        in.toString(),
        db.toString());
    assertThat(DbmMapFile.read(DbmMapFile.Flavor.BERKELEY_DB, db)).isEqualTo(written);
  }

  private static boolean hasPerlDbFile() {
    try {
      Process p =
          new ProcessBuilder("perl", "-MDB_File", "-e", "1").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  private static String word(Random random, int length) {
    StringBuilder b = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      b.append((char) ('!' + random.nextInt(94))); // printable, no space
    }
    return b.toString().replace("#", "%");
  }

  private static void run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
  }

  private static boolean hasHttxt2dbm() {
    for (String d : new String[] {"/usr/sbin", "/usr/bin", "/usr/local/bin", "/usr/local/sbin"}) {
      if (Files.isExecutable(Path.of(d, "httxt2dbm"))) {
        return true;
      }
    }
    return false;
  }
}
