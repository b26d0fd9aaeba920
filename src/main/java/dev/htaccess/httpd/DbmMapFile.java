package dev.htaccess.httpd;

import dev.htaccess.source.RawText;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A {@code RewriteMap dbm:} file, read whole: every key and value it holds. The two formats
 * apr-util's DBM layer writes and a reader can take without its libraries:
 *
 * <ul>
 *   <li><b>Berkeley DB</b>, hash access method ({@code dbm=db:}, and {@code dbm:} on Debian and
 *       Ubuntu, whose apr-util is built with it as the default: {@code httxt2dbm} without {@code
 *       -f} writes one). One file, the name as given.
 *   <li><b>SDBM</b> ({@code dbm=sdbm:}, apr-util's own default when built without Berkeley DB):
 *       {@code NAME.pag} holds the pairs, {@code NAME.dir} the directory of pages.
 * </ul>
 *
 * <p>Neither is read through its hash function: every page is visited and its pairs collected,
 * which finds exactly the entries a lookup finds (a key is stored once; a split moves pairs, it
 * does not copy them). GDBM files are refused with a message saying so; NDBM, which Debian's
 * apr-util lacks, is an invalid type as Apache there says.
 */
public final class DbmMapFile {

  private DbmMapFile() {}

  /** A DBM flavour as {@code dbm=TYPE:} names it (apr_dbm's type names, any case). */
  public enum Flavor {
    BERKELEY_DB,
    SDBM,
    GDBM;

    /**
     * The flavour {@code dbm=TYPE:} names; {@code default} (a bare {@code dbm:}) is Berkeley DB, as
     * in Debian's apr-util.
     *
     * @throws IllegalArgumentException for a type apr_dbm does not know, with mod_rewrite's message
     */
    public static Flavor of(String type) {
      return switch (type.toLowerCase(Locale.ROOT)) {
        case "", "default", "db" -> BERKELEY_DB;
        case "sdbm" -> SDBM;
        case "gdbm" -> GDBM;
        // Debian's apr-util has no NDBM driver: Apache refuses the type as it refuses a made-up
        // one
        default ->
            throw new IllegalArgumentException("RewriteMap: dbm type " + type + " is invalid");
      };
    }
  }

  /**
   * The files mod_rewrite stats (apr_dbm_get_usednames), the one it requires when the map is
   * declared first ({@code NAME.dir} for SDBM, whose {@code .pag} it checks only on lookups): a
   * missing one, or one that changed, decides whether the map is read again.
   */
  public static List<Path> usedFiles(Flavor flavor, Path name) {
    if (flavor == Flavor.SDBM) {
      return List.of(sibling(name, ".dir"), sibling(name, ".pag"));
    }
    return List.of(name);
  }

  private static Path sibling(Path name, String suffix) {
    return name.resolveSibling(name.getFileName() + suffix);
  }

  /**
   * The entries of the map {@code name} (text as in {@link RawText}: one char per byte).
   *
   * @throws IOException when a file cannot be read or is not of the flavour (Apache then finds no
   *     value for any key)
   * @throws IllegalArgumentException for a flavour this reader does not take
   */
  public static Map<String, String> read(Flavor flavor, Path name) throws IOException {
    requireReadable(flavor);
    return switch (flavor) {
      case BERKELEY_DB -> berkeleyHash(Files.readAllBytes(name), name);
      case SDBM -> sdbm(Files.readAllBytes(sibling(name, ".pag")), name);
      case GDBM -> throw new AssertionError();
    };
  }

  /**
   * Refuses a flavour this reader does not take, when the map is declared.
   *
   * @throws IllegalArgumentException for GDBM, saying what to do instead
   */
  public static void requireReadable(Flavor flavor) {
    if (flavor == Flavor.GDBM) {
      throw new IllegalArgumentException(
          "RewriteMap dbm=gdbm: GDBM files are not read here (Berkeley DB and SDBM are);"
              + " write the map with httxt2dbm -f SDBM (or -f DB) and name it dbm=sdbm:"
              + " (dbm=db:)");
    }
  }

  // ---- Berkeley DB, hash access method ----

  /** The hash meta page's magic number (DB_HASHMAGIC). */
  private static final int HASH_MAGIC = 0x061561;

  private static final int PAGE_HEADER = 26;

  /** Page types (db_page.h): a hash page, sorted or not, its meta page, an overflow page. */
  private static final int P_HASH_UNSORTED = 2;

  private static final int P_OVERFLOW = 7;
  private static final int P_HASHMETA = 8;
  private static final int P_HASH = 13;

  /** Item types on a hash page: the bytes themselves, or a chain of overflow pages. */
  private static final int H_KEYDATA = 1;

  private static final int H_OFFPAGE = 3;

  /** The meta page's flag for pages that carry a checksum (20 bytes after the header). */
  private static final int META_CHECKSUM = 0x01;

  private static Map<String, String> berkeleyHash(byte[] file, Path name) throws IOException {
    if (file.length < 512) {
      throw notA("Berkeley DB hash", name);
    }
    ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
    if (b.getInt(12) != HASH_MAGIC) {
      b.order(ByteOrder.BIG_ENDIAN); // written on a big-endian machine
      if (b.getInt(12) != HASH_MAGIC) {
        throw notA("Berkeley DB hash", name);
      }
    }
    int pageSize = b.getInt(20);
    if ((file[25] & 0xff) != P_HASHMETA || pageSize < 512 || pageSize > 65536) {
      throw notA("Berkeley DB hash", name);
    }
    if (file[24] != 0) {
      throw new IOException(name + ": an encrypted Berkeley DB cannot be read");
    }
    if ((file[26] & META_CHECKSUM) != 0) {
      // apr_dbm never turns checksums on; another writer's checksummed pages are laid out
      // differently, and are not guessed at
      throw new IOException(name + ": a checksummed Berkeley DB cannot be read");
    }
    int items = PAGE_HEADER;
    long lastPage = Integer.toUnsignedLong(b.getInt(32));
    Map<String, String> entries = new LinkedHashMap<>();
    for (long pgno = 1; pgno <= lastPage && (pgno + 1) * pageSize <= file.length; pgno++) {
      int page = (int) (pgno * pageSize);
      int type = file[page + 25] & 0xff;
      if (type != P_HASH && type != P_HASH_UNSORTED) {
        continue;
      }
      int count = b.getShort(page + 20) & 0xffff;
      if (items + 2L * count > pageSize || count % 2 != 0) {
        throw notA("Berkeley DB hash", name);
      }
      for (int i = 0; i + 1 < count; i += 2) {
        String key = hashItem(b, file, page, pageSize, items, i, name);
        String value = hashItem(b, file, page, pageSize, items, i + 1, name);
        entries.putIfAbsent(key, value);
      }
    }
    return Collections.unmodifiableMap(entries);
  }

  /** Item {@code i} of a hash page: it runs from its offset to the previous item's. */
  private static String hashItem(
      ByteBuffer b, byte[] file, int page, int pageSize, int items, int i, Path name)
      throws IOException {
    int offset = b.getShort(page + items + 2 * i) & 0xffff;
    int end = i == 0 ? pageSize : b.getShort(page + items + 2 * (i - 1)) & 0xffff;
    if (offset < items || end > pageSize || end <= offset) {
      throw notA("Berkeley DB hash", name);
    }
    int type = file[page + offset] & 0xff;
    if (type == H_KEYDATA) {
      return latin1(file, page + offset + 1, end - offset - 1);
    }
    if (type == H_OFFPAGE && end - offset >= 12) {
      long first = Integer.toUnsignedLong(b.getInt(page + offset + 4));
      long length = Integer.toUnsignedLong(b.getInt(page + offset + 8));
      return overflow(b, file, pageSize, items, first, length, name);
    }
    // duplicates (DB_DUP) are never written by apr_dbm
    throw new IOException(name + ": a Berkeley DB with duplicate keys is not a RewriteMap");
  }

  /** A long key or value: a chain of overflow pages, each holding part of it. */
  private static String overflow(
      ByteBuffer b, byte[] file, int pageSize, int items, long pgno, long length, Path name)
      throws IOException {
    if (length > file.length) {
      throw notA("Berkeley DB hash", name);
    }
    StringBuilder out = new StringBuilder((int) length);
    for (int hops = 0; out.length() < length; hops++) {
      if (pgno == 0 || (pgno + 1) * pageSize > file.length || hops > file.length / pageSize) {
        throw notA("Berkeley DB hash", name);
      }
      int page = (int) (pgno * pageSize);
      int used = b.getShort(page + 22) & 0xffff; // an overflow page's HOFFSET is its length
      if ((file[page + 25] & 0xff) != P_OVERFLOW || items + used > pageSize) {
        throw notA("Berkeley DB hash", name);
      }
      out.append(latin1(file, page + items, (int) Math.min(used, length - out.length())));
      pgno = Integer.toUnsignedLong(b.getInt(page + 16));
    }
    return out.toString();
  }

  // ---- SDBM ----

  /** An SDBM page (PBLKSIZ). */
  private static final int SDBM_PAGE = 1024;

  private static Map<String, String> sdbm(byte[] pag, Path name) throws IOException {
    Map<String, String> entries = new LinkedHashMap<>();
    ByteOrder order = sdbmOrder(pag);
    if (order == null) {
      throw notA("SDBM", name);
    }
    ByteBuffer b = ByteBuffer.wrap(pag).order(order);
    for (int page = 0; page + SDBM_PAGE <= pag.length; page += SDBM_PAGE) {
      // the page starts with the number of offsets, then each item's offset: key, value, key...
      // each item runs from its offset up to the previous one's (the first, to the page's end)
      int n = b.getShort(page);
      int end = SDBM_PAGE;
      for (int i = 1; i + 1 <= n; i += 2) {
        int keyAt = b.getShort(page + 2 * i);
        int valueAt = b.getShort(page + 2 * (i + 1));
        String key = latin1(pag, page + keyAt, end - keyAt);
        String value = latin1(pag, page + valueAt, keyAt - valueAt);
        entries.putIfAbsent(key, value);
        end = valueAt;
      }
    }
    return Collections.unmodifiableMap(entries);
  }

  /** The byte order the pages' shorts are in (the writer's), or null when neither makes pages. */
  private static ByteOrder sdbmOrder(byte[] pag) {
    if (pag.length % SDBM_PAGE != 0) {
      return null;
    }
    for (ByteOrder order : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
      if (sdbmPagesValid(ByteBuffer.wrap(pag).order(order), pag.length)) {
        return order;
      }
    }
    return null;
  }

  private static boolean sdbmPagesValid(ByteBuffer b, int length) {
    for (int page = 0; page < length; page += SDBM_PAGE) {
      int n = b.getShort(page);
      if (n < 0 || n % 2 != 0 || 2 * (n + 1) > SDBM_PAGE) {
        return false;
      }
      int previous = SDBM_PAGE;
      for (int i = 1; i <= n; i++) {
        int offset = b.getShort(page + 2 * i);
        if (offset > previous || offset < 2 * (n + 1)) {
          return false;
        }
        previous = offset;
      }
    }
    return true;
  }

  private static String latin1(byte[] bytes, int from, int length) {
    return RawText.fromBytes(java.util.Arrays.copyOfRange(bytes, from, from + length));
  }

  private static IOException notA(String format, Path name) {
    return new IOException(name + " is not a " + format + " file");
  }
}
