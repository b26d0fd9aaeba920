package dev.htaccess.fastcgi;

import java.io.IOException;

/** A FastCGI exchange failed; {@link #kind()} says how, which decides the HTTP status. */
public final class BackendException extends IOException {

  private static final long serialVersionUID = 1L;

  /** How the exchange failed. */
  public enum Kind {
    /** No connection could be made (Apache: 503 Service Unavailable). */
    UNAVAILABLE,
    /** The backend did not answer in time (Apache: 504 Gateway Timeout). */
    TIMEOUT,
    /** The backend broke the protocol or the connection mid-response (Apache: 502). */
    PROTOCOL
  }

  private final Kind kind;

  public BackendException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
