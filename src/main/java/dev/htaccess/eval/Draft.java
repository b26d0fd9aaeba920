package dev.htaccess.eval;

import dev.htaccess.httpd.MediaTypes;

/**
 * The outcome's fields as the rounds left them, before mod_headers and mod_expires have their say
 * and before the kind of answer is decided ({@link Answer#outcome}).
 */
record Draft(
    int status,
    String location,
    String uri,
    String query,
    String proxy,
    String filename,
    String contentType,
    String vary) {

  /** Apache's own error page (and its type). */
  static Draft errorPage(int status, String uri, String query, String vary) {
    return new Draft(status, null, uri, query, null, null, MediaTypes.ERROR_PAGE, vary);
  }

  /** This with another status. */
  Draft withStatus(int newStatus) {
    return new Draft(newStatus, location, uri, query, proxy, filename, contentType, vary);
  }
}
