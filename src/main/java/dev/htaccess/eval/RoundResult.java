package dev.htaccess.eval;

/** How one round of request processing ended: with an answer, or with an internal redirect. */
sealed interface RoundResult {

  /**
   * The round answered the request.
   *
   * @param location the Location of an external redirect, or null
   * @param proxy the URL to fetch upstream, or null
   * @param filename {@code r->filename} relative to the document root, or null
   * @param contentType the type of the content the round found, or null
   */
  record Answered(
      int status,
      String location,
      String uri,
      String args,
      String proxy,
      String filename,
      String contentType)
      implements RoundResult, Translation.Translated {

    /** A status with no content of the round's own. */
    static Answered status(int status, String uri, String args, String filename) {
      return new Answered(status, null, uri, args, null, filename, null);
    }

    /** An external redirect. */
    static Answered redirect(int status, String location, String uri, String args, String file) {
      return new Answered(status, location, uri, args, null, file, null);
    }

    /** A proxied request. */
    static Answered proxy(String url, String uri, String args) {
      return new Answered(200, null, uri, args, url, null, null);
    }

    /** A 200 with the round's file (or listing) and its type. */
    static Answered ok(String uri, String args, String filename, String contentType) {
      return new Answered(200, null, uri, args, null, filename, contentType);
    }
  }

  /** The round asks for an internal redirect to {@code uri}: a new round begins. */
  record Redirected(String uri, String args) implements RoundResult {}
}
