package dev.htaccess.fastcgi;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One connection to a FastCGI application, carrying one request at a time (request id 1), as
 * mod_proxy_fcgi does. Reads and writes may run in two threads at once (the request body is pumped
 * while the response is read); each blocking call is bounded by a watchdog that closes the channel,
 * because a {@link SocketChannel} has no read timeout of its own and unix sockets have no socket
 * adaptor to set one on.
 */
final class FastCgiConnection implements Closeable {

  static final int BEGIN_REQUEST = 1;
  static final int ABORT_REQUEST = 2;
  static final int END_REQUEST = 3;
  static final int PARAMS = 4;
  static final int STDIN = 5;
  static final int STDOUT = 6;
  static final int STDERR = 7;
  static final int GET_VALUES = 9;
  static final int GET_VALUES_RESULT = 10;

  private static final int REQUEST_ID = 1;
  private static final int MAX_CONTENT = 0xffff;

  private final SocketChannel channel;
  private final ScheduledExecutorService watchdog;
  private final long timeoutMillis;
  private final ByteBuffer header = ByteBuffer.allocate(8);
  private volatile boolean timedOut;

  /** When the connection was last put back in the pool (System.nanoTime). */
  volatile long idleSince;

  /** The type of the record last read by {@link #readRecord}, and its content. */
  int recordType;

  final byte[] content = new byte[MAX_CONTENT];
  int contentLength;

  FastCgiConnection(SocketChannel channel, ScheduledExecutorService watchdog, long timeoutMillis) {
    this.channel = channel;
    this.watchdog = watchdog;
    this.timeoutMillis = timeoutMillis;
  }

  boolean timedOut() {
    return timedOut;
  }

  /**
   * True when the backend closed this idle connection (php-fpm does when a worker is recycled): a
   * non-blocking read finds the end of the stream.
   */
  boolean closedByPeer() {
    try {
      channel.configureBlocking(false);
      try {
        ByteBuffer one = ByteBuffer.allocate(1);
        return channel.read(one) != 0;
      } finally {
        channel.configureBlocking(true);
      }
    } catch (IOException e) {
      return true;
    }
  }

  /**
   * Writes the request's start: BEGIN_REQUEST (keep the connection), the parameters, and ends them.
   */
  void writeBegin(List<String[]> params, boolean endStdin) throws IOException {
    ByteBuffer out = ByteBuffer.allocate(estimate(params));
    putHeader(out, BEGIN_REQUEST, 8);
    out.put(new byte[] {0, 1, 1, 0, 0, 0, 0, 0}); // role RESPONDER, flags KEEP_CONN
    // php-fpm parses each PARAMS record on its own, so a name-value pair never spans two records.
    ByteBuffer pairs = ByteBuffer.allocate(MAX_CONTENT);
    for (String[] p : params) {
      byte[] name = p[0].getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
      byte[] value = p[1].getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
      int size = lengthSize(name.length) + lengthSize(value.length) + name.length + value.length;
      if (size > MAX_CONTENT) {
        continue; // larger than one record: mod_proxy_fcgi cannot send it either
      }
      if (pairs.remaining() < size) {
        flushPairs(out, pairs);
      }
      putLength(pairs, name.length);
      putLength(pairs, value.length);
      pairs.put(name).put(value);
    }
    flushPairs(out, pairs);
    putHeader(out, PARAMS, 0);
    if (endStdin) {
      putHeader(out, STDIN, 0);
    }
    out.flip();
    write(out);
  }

  /** Writes one STDIN record; an empty one ends the request body. */
  void writeStdin(byte[] data, int offset, int length) throws IOException {
    ByteBuffer out = ByteBuffer.allocate(8 + length);
    putHeader(out, STDIN, length);
    out.put(data, offset, length);
    out.flip();
    write(out);
  }

  /** Asks the application for management values (FCGI_GET_VALUES); returns name=value pairs. */
  java.util.Map<String, String> getValues(List<String> names) throws IOException {
    ByteBuffer body = ByteBuffer.allocate(MAX_CONTENT);
    for (String n : names) {
      byte[] b = n.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
      putLength(body, b.length);
      putLength(body, 0);
      body.put(b);
    }
    body.flip();
    ByteBuffer out = ByteBuffer.allocate(8 + body.remaining());
    out.put((byte) 1).put((byte) GET_VALUES).putShort((short) 0);
    out.putShort((short) body.remaining()).put((byte) 0).put((byte) 0);
    out.put(body);
    out.flip();
    write(out);
    readRecord();
    java.util.Map<String, String> values = new java.util.LinkedHashMap<>();
    if (recordType != GET_VALUES_RESULT) {
      return values;
    }
    ByteBuffer in = ByteBuffer.wrap(content, 0, contentLength);
    while (in.hasRemaining()) {
      int nl = getLength(in);
      int vl = getLength(in);
      byte[] n = new byte[nl];
      byte[] v = new byte[vl];
      in.get(n).get(v);
      values.put(
          new String(n, java.nio.charset.StandardCharsets.ISO_8859_1),
          new String(v, java.nio.charset.StandardCharsets.ISO_8859_1));
    }
    return values;
  }

  /**
   * Reads the next record into {@link #recordType} and {@link #content}.
   *
   * @throws EOFException when the backend closed the connection first
   */
  void readRecord() throws IOException {
    header.clear();
    readFully(header);
    header.flip();
    int version = header.get() & 0xff;
    int type = header.get() & 0xff;
    header.getShort(); // request id: one request per connection
    int length = header.getShort() & 0xffff;
    int padding = header.get() & 0xff;
    if (version != 1) {
      throw new IOException("not a FastCGI record (version " + version + ")");
    }
    ByteBuffer body = ByteBuffer.wrap(content, 0, length);
    readFully(body);
    if (padding > 0) {
      readFully(ByteBuffer.allocate(padding));
    }
    recordType = type;
    contentLength = length;
  }

  private void readFully(ByteBuffer buf) throws IOException {
    while (buf.hasRemaining()) {
      ScheduledFuture<?> alarm = arm();
      int n;
      try {
        n = channel.read(buf);
      } finally {
        alarm.cancel(false);
      }
      if (n < 0) {
        throw new EOFException("the FastCGI application closed the connection");
      }
    }
  }

  private void write(ByteBuffer buf) throws IOException {
    while (buf.hasRemaining()) {
      ScheduledFuture<?> alarm = arm();
      try {
        channel.write(buf);
      } finally {
        alarm.cancel(false);
      }
    }
  }

  private ScheduledFuture<?> arm() {
    return watchdog.schedule(
        () -> {
          timedOut = true;
          close();
        },
        timeoutMillis,
        TimeUnit.MILLISECONDS);
  }

  private static void flushPairs(ByteBuffer out, ByteBuffer pairs) {
    if (pairs.position() == 0) {
      return;
    }
    pairs.flip();
    putHeader(out, PARAMS, pairs.remaining());
    out.put(pairs);
    pairs.clear();
  }

  private static void putHeader(ByteBuffer out, int type, int length) {
    out.put((byte) 1).put((byte) type).putShort((short) REQUEST_ID);
    out.putShort((short) length).put((byte) 0).put((byte) 0);
  }

  private static int estimate(List<String[]> params) {
    int size = 8 + 8 + 8 + 8;
    for (String[] p : params) {
      size += 8 + p[0].length() + p[1].length();
    }
    // one PARAMS header per record of pairs
    return size + 8 * (size / MAX_CONTENT + 1);
  }

  private static int lengthSize(int length) {
    return length < 128 ? 1 : 4;
  }

  private static void putLength(ByteBuffer out, int length) {
    if (length < 128) {
      out.put((byte) length);
    } else {
      out.putInt(length | 0x80000000);
    }
  }

  private static int getLength(ByteBuffer in) {
    int b = in.get() & 0xff;
    if (b < 128) {
      return b;
    }
    return ((b & 0x7f) << 24)
        | ((in.get() & 0xff) << 16)
        | ((in.get() & 0xff) << 8)
        | (in.get() & 0xff);
  }

  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException ignored) {
      // closing: nothing left to do
    }
  }
}
