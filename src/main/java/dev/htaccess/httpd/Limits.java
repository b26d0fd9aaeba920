package dev.htaccess.httpd;

/** The core's size limits at their defaults (httpd.h). */
public final class Limits {

  private Limits() {}

  /** LimitRequestLine: the longest request line (414 beyond it). */
  public static final int REQUEST_LINE = 8190;

  /** LimitRequestFieldSize: the longest header line (400 beyond it). */
  public static final int REQUEST_FIELD_SIZE = 8190;

  /** LimitRequestFields: the most header lines (400 beyond them). */
  public static final int REQUEST_FIELDS = 100;

  /** The longest logical line of an .htaccess file (the reader's MAX_STRING_LEN buffer). */
  public static final int HTACCESS_LINE = 8190;
}
