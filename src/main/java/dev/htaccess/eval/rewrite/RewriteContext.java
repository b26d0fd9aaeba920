package dev.htaccess.eval.rewrite;

import dev.htaccess.regex.PcreMatch;

/**
 * The state of one run of a rule list: mod_rewrite's rewrite_ctx (the per-directory prefix, the
 * back-references of the last matched rule and condition) plus the request fields the rules edit
 * ({@code r->filename}, {@code r->args}, {@code r->path_info}) and what the run decided. A fresh
 * one for every run, subrequests included.
 */
public final class RewriteContext implements RequestView {

  final RewriteScope scope;
  final String perdir;
  private final boolean subrequest;
  private final boolean walked;
  private final String uri;
  String args;
  String filename;
  String pathInfo;

  /** The last {@link #matchInput} and the filename and path info it was made of. */
  private String inputFilename;

  private String inputPathInfo;
  private String input;

  /** A status the rules set ([F], [G], [R=4xx], a 500 for a loop), else 0. */
  int status;

  /** The [R] status of the redirect, when the rules made one. */
  int redirectStatus;

  PcreMatch ruleMatch;
  PcreMatch condMatch;

  /** The [H] handler a matched rule forced, or null. */
  String handler;

  /**
   * A run in the virtual host ({@code scope} null) or in a directory.
   *
   * @param filename {@code r->filename}, or null before URL mapping (the rules see the URL)
   * @param pathInfo {@code r->path_info}, or null
   */
  public RewriteContext(
      RewriteScope scope,
      boolean subrequest,
      String uri,
      String args,
      String filename,
      String pathInfo) {
    this.scope = scope;
    this.perdir = scope == null ? null : scope.directory();
    this.subrequest = subrequest;
    this.uri = uri;
    this.args = args;
    this.walked = filename != null;
    this.filename = filename == null ? uri : filename;
    this.pathInfo = pathInfo == null ? "" : pathInfo;
  }

  @Override
  public String uri() {
    return uri;
  }

  @Override
  public String args() {
    return args;
  }

  /**
   * What a rule's pattern is matched against: the filename, in a directory with the path info and
   * without the directory's prefix. Made once until a rule changes the filename or path info.
   */
  String matchInput() {
    // The same strings, not equal ones: a new value, even an equal one, just makes it anew.
    if (input != null && filename == inputFilename && pathInfo == inputPathInfo) {
      return input;
    }
    String in = filename;
    if (perdir != null) {
      if (!pathInfo.isEmpty()) {
        in = in + pathInfo;
      }
      if (in.startsWith(perdir)) {
        in = in.substring(perdir.length());
      }
    }
    inputFilename = filename;
    inputPathInfo = pathInfo;
    input = in;
    return in;
  }

  @Override
  public String filename() {
    return filename;
  }

  @Override
  public String pathInfo() {
    return pathInfo;
  }

  @Override
  public boolean subrequest() {
    return subrequest;
  }

  @Override
  public boolean walked() {
    return walked;
  }

  /** A status the rules set, or 0. */
  public int status() {
    return status;
  }

  /** The [R] status of a redirect the rules made. */
  public int redirectStatus() {
    return redirectStatus;
  }

  /** The [H] handler of a matched rule, or null. */
  public String handler() {
    return handler;
  }
}
