package dev.htaccess.regex;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import java.lang.ref.Cleaner;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.LongBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * libpcre2-8, the library Apache httpd 2.4 matches with, bound through JNA. Patterns are compiled
 * with the options ap_regcomp gives them (util_pcre.c: DUPNAMES, and Apache's default DOTALL and
 * DOLLAR_ENDONLY; CASELESS for [NC]; no UTF mode: bytes are matched as bytes) and matched without a
 * match context, so PCRE2's own default match and depth limits apply, as in Apache. An error of the
 * match (the match limit above all) is what ap_regexec makes of it: no match.
 *
 * <p>Native memory: each thread keeps one match data (freed with the thread; a pattern with more
 * groups than it holds gets its own, freed as soon as the match is read); a compiled pattern is
 * freed when the last configuration that holds it is gone (a {@link Cleaner}).
 */
final class Pcre2Engine implements RegexEngine {

  private static final int CASELESS = 0x00000008;
  private static final int DOLLAR_ENDONLY = 0x00000010;
  private static final int DOTALL = 0x00000020;
  private static final int DUPNAMES = 0x00000040;
  private static final int INFO_CAPTURECOUNT = 4;
  private static final int INFO_NAMECOUNT = 17;
  private static final int INFO_NAMEENTRYSIZE = 18;
  private static final int INFO_NAMETABLE = 19;
  private static final int CONFIG_VERSION = 11;
  private static final int ERROR_NOMATCH = -1;
  private static final int ERROR_MATCHLIMIT = -47;
  private static final int ERROR_DEPTHLIMIT = -53;
  private static final int ERROR_HEAPLIMIT = -63;

  private static final Cleaner CLEANER = Cleaner.create();

  /** Pairs of offsets a pooled match data holds: enough for nearly every pattern of a site. */
  private static final int POOLED_PAIRS = 16;

  /**
   * Match data with room for {@link #POOLED_PAIRS}, one per thread and reused (a match needs no
   * allocation and one native call; a shared pool cost two atomic operations a match). A match
   * never calls back into Java, so no thread uses its own twice at once. The native part is freed
   * when the thread is gone and the match data with it.
   */
  private static final ThreadLocal<MatchData> POOL =
      ThreadLocal.withInitial(MatchData::createPooled);

  /**
   * A pcre2_match_data, its ovector seen as a buffer (read without a native call), and a native
   * buffer for the subject (filled without one). JNA passes a direct buffer's address as it is,
   * where it would copy an array in and out on every call.
   */
  private static final class MatchData {
    final Pointer data;
    final LongBuffer ovector;
    ByteBuffer subject = ByteBuffer.allocateDirect(1024);
    Pointer subjectAddress = Native.getDirectBufferPointer(subject);
    byte[] scratch = new byte[1024];

    private MatchData(Pointer data, int pairs) {
      this.data = data;
      this.ovector =
          Lib.pcre2_get_ovector_pointer_8(data)
              .getByteBuffer(0, pairs * 2L * Long.BYTES)
              .order(ByteOrder.nativeOrder())
              .asLongBuffer();
    }

    /** New match data, or null when PCRE2 has no memory for it. */
    static MatchData create(int pairs) {
      Pointer data = Lib.pcre2_match_data_create_8(pairs, null);
      return data == null ? null : new MatchData(data, pairs);
    }

    /** Match data that frees its native part when it becomes unreachable. */
    static MatchData createPooled() {
      MatchData m = create(POOLED_PAIRS);
      if (m != null) {
        CLEANER.register(m, new FreeMatchData(Pointer.nativeValue(m.data)));
      }
      return m;
    }

    /** The subject's bytes in the native buffer (grown when it is too small); its address. */
    @SuppressWarnings("deprecation") // getBytes(int, int, byte[], int): the low byte of each char
    Pointer subject(String text) {
      int n = text.length();
      if (subject.capacity() < n) {
        int size = Math.max(n, subject.capacity() * 2);
        subject = ByteBuffer.allocateDirect(size);
        subjectAddress = Native.getDirectBufferPointer(subject);
        scratch = new byte[size];
      }
      // A byte string's chars are its bytes: copied in bulk, then into the native buffer.
      text.getBytes(0, n, scratch, 0);
      subject.clear();
      subject.put(scratch, 0, n);
      return subjectAddress;
    }
  }

  /** The library's functions (JNA direct mapping: no reflection per call). */
  private static final class Lib {
    static native Pointer pcre2_compile_8(
        byte[] pattern,
        long length,
        int options,
        IntByReference errorcode,
        LongByReference erroroffset,
        Pointer context);

    static native void pcre2_code_free_8(Pointer code);

    /** {@code where} receives a uint32_t or a pointer, as {@code what} says. */
    static native int pcre2_pattern_info_8(Pointer code, int what, Pointer where);

    static native Pointer pcre2_match_data_create_8(int ovecsize, Pointer context);

    static native void pcre2_match_data_free_8(Pointer data);

    static native int pcre2_match_8(
        Pointer code,
        Pointer subject,
        long length,
        long start,
        int options,
        Pointer data,
        Pointer context);

    static native Pointer pcre2_get_ovector_pointer_8(Pointer data);

    static native int pcre2_get_error_message_8(int errorcode, byte[] buffer, long length);

    static native int pcre2_config_8(int what, byte[] where);
  }

  private final String version;

  private Pcre2Engine(String version) {
    this.version = version;
  }

  /** The engine, or null when libpcre2-8 cannot be loaded on this machine. */
  static Pcre2Engine load() {
    if (Native.SIZE_T_SIZE != 8) {
      return null; // the bindings below pass size_t as a 64-bit long
    }
    for (String name : new String[] {"pcre2-8", "libpcre2-8.so.0", "libpcre2-8.0.dylib"}) {
      try {
        Native.register(Lib.class, NativeLibrary.getInstance(name));
        byte[] buffer = new byte[64];
        int n = Lib.pcre2_config_8(CONFIG_VERSION, buffer);
        String v = n > 1 ? new String(buffer, 0, n - 1, StandardCharsets.ISO_8859_1) : "?";
        return new Pcre2Engine(v);
      } catch (UnsatisfiedLinkError | RuntimeException e) {
        // try the next name
      }
    }
    return null;
  }

  @Override
  public String name() {
    return "PCRE2 " + version + " (libpcre2-8, as Apache)";
  }

  @Override
  public Compiled compile(String pcre, boolean caseless) {
    byte[] pattern = pcre.getBytes(StandardCharsets.ISO_8859_1);
    IntByReference error = new IntByReference();
    LongByReference offset = new LongByReference();
    int options = DUPNAMES | DOTALL | DOLLAR_ENDONLY | (caseless ? CASELESS : 0);
    Pointer code = Lib.pcre2_compile_8(pattern, pattern.length, options, error, offset, null);
    if (code == null) {
      throw new PcreSyntaxException(pcre, message(error.getValue()), (int) offset.getValue());
    }
    int groups = intInfo(code, INFO_CAPTURECOUNT);
    NativeCode compiled = new NativeCode(code, groups, groupNames(code, groups));
    CLEANER.register(compiled, new Free(Pointer.nativeValue(code)));
    return compiled;
  }

  private static int intInfo(Pointer code, int what) {
    try (Memory where = new Memory(8)) {
      where.clear();
      Lib.pcre2_pattern_info_8(code, what, where);
      return where.getInt(0);
    }
  }

  /**
   * The names of the groups from the pattern's name table: each entry is the group number in two
   * bytes, high byte first, then the name, NUL-terminated.
   */
  private static List<String> groupNames(Pointer code, int groups) {
    int count = intInfo(code, INFO_NAMECOUNT);
    if (count == 0) {
      return List.of();
    }
    int size = intInfo(code, INFO_NAMEENTRYSIZE);
    Pointer table;
    try (Memory where = new Memory(Native.POINTER_SIZE)) {
      Lib.pcre2_pattern_info_8(code, INFO_NAMETABLE, where);
      table = where.getPointer(0);
    }
    String[] names = new String[groups + 1];
    for (int i = 0; i < count; i++) {
      int number =
          ((table.getByte((long) i * size) & 0xff) << 8)
              | (table.getByte((long) i * size + 1) & 0xff);
      if (number <= groups) {
        names[number] = table.getString((long) i * size + 2, "ISO-8859-1");
      }
    }
    return Arrays.asList(names);
  }

  private static String message(int code) {
    byte[] buffer = new byte[256];
    int n = Lib.pcre2_get_error_message_8(code, buffer, buffer.length);
    return n > 0 ? new String(buffer, 0, n, StandardCharsets.ISO_8859_1) : "error " + code;
  }

  /** Frees a compiled pattern (holds the address only, so the pattern can become unreachable). */
  private record Free(long address) implements Runnable {
    @Override
    public void run() {
      Lib.pcre2_code_free_8(new Pointer(address));
    }
  }

  /** Frees a thread's match data once it is unreachable (holds the address only). */
  private record FreeMatchData(long address) implements Runnable {
    @Override
    public void run() {
      Lib.pcre2_match_data_free_8(new Pointer(address));
    }
  }

  private static final class NativeCode implements Compiled {
    private final Pointer code;
    private final int groups;
    private final List<String> names;

    NativeCode(Pointer code, int groups, List<String> names) {
      this.code = code;
      this.groups = groups;
      this.names = names;
    }

    @Override
    public int groupCount() {
      return groups;
    }

    @Override
    public List<String> groupNames() {
      return names;
    }

    @Override
    public Result match(CharSequence subject) {
      String text = subject.toString();
      boolean pooled = groups + 1 <= POOLED_PAIRS;
      MatchData data = pooled ? POOL.get() : MatchData.create(groups + 1);
      if (data == null) {
        if (pooled) {
          POOL.remove(); // try again next time
        }
        return Result.LIMIT;
      }
      try {
        Pointer bytes = data.subject(text);
        int rc = Lib.pcre2_match_8(code, bytes, text.length(), 0, 0, data.data, null);
        if (rc < 0) {
          boolean limit = rc == ERROR_MATCHLIMIT || rc == ERROR_DEPTHLIMIT || rc == ERROR_HEAPLIMIT;
          return rc == ERROR_NOMATCH || !limit ? Result.NO_MATCH : Result.LIMIT;
        }
        int[] offsets = new int[(groups + 1) * 2];
        for (int i = 0; i < offsets.length; i++) {
          long offset = data.ovector.get(i);
          // PCRE2_UNSET (~0) for a group that took no part; rc counts the groups set.
          offsets[i] = offset < 0 || i >= rc * 2 ? -1 : (int) offset;
        }
        return Result.match(new PcreMatch(text, offsets));
      } finally {
        if (!pooled) {
          Lib.pcre2_match_data_free_8(data.data);
        }
      }
    }
  }
}
