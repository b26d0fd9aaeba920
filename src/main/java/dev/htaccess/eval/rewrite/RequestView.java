package dev.htaccess.eval.rewrite;

/**
 * The request fields that {@code %{VARIABLE}}s read, as they stand at the moment of reading:
 * mod_rewrite changes {@code r->filename} and {@code r->args} while its rules run.
 */
public interface RequestView {

  /** {@code r->uri}: the decoded URL path. */
  String uri();

  /** {@code r->args}: the query string, or null. */
  String args();

  /** {@code r->filename}: the file the request maps to so far (or the URL, before mapping). */
  String filename();

  /** {@code r->path_info}, possibly empty. */
  String pathInfo();

  /** True in a subrequest (IS_SUBREQ). */
  boolean subrequest();

  /**
   * True once the directory walk has run, so {@code r->finfo} describes {@link #filename()} (false
   * in the virtual host's rules, which run before it).
   */
  boolean walked();
}
