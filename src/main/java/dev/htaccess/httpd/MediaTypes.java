package dev.htaccess.httpd;

/** The media types of the answers Apache writes itself. */
public final class MediaTypes {

  private MediaTypes() {}

  /** Apache's own error pages and redirect bodies (ap_send_error_response). */
  public static final String ERROR_PAGE = "text/html; charset=iso-8859-1";

  /** mod_autoindex's listing of a directory. */
  public static final String LISTING = "text/html;charset=ISO-8859-1";

  /**
   * The type the core gives a directory (DIR_MAGIC_TYPE); it shows when nothing else answers for
   * the directory, as in the reply to OPTIONS.
   */
  public static final String DIRECTORY = "httpd/unix-directory";

  /** The core's echo of a TRACE request. */
  public static final String TRACE = "message/http";
}
