package dev.htaccess.eval;

import dev.htaccess.eval.rewrite.RewriteScope;
import dev.htaccess.source.Diagnostic;
import java.util.List;
import java.util.Map;

/**
 * The per-directory configuration that applies to a request after the directory walk: what the
 * server config and every .htaccess on the way say, merged as Apache merges them.
 *
 * @param rewrite mod_rewrite's merged config, or null when no level configured mod_rewrite
 * @param directoryIndex DirectoryIndex names
 * @param directorySlash DirectorySlash
 * @param errorDocuments ErrorDocument by status
 * @param followSymLinks Options FollowSymLinks or SymLinksIfOwnerMatch (mod_rewrite needs one)
 * @param symlinkOptions the symlink options after each directory of the walk (path without trailing
 *     slash), for the links in it
 * @param indexes Options Indexes
 * @param access the access control of the directory, before {@code <Files>} sections
 * @param fileSections {@code <Files>} and {@code <FilesMatch>} sections, in order, to apply to the
 *     final file name
 * @param ifSections {@code <If>}, {@code <ElseIf>} and {@code <Else>} sections, in order
 * @param redirects mod_alias Redirect directives, in order
 * @param addTypes AddType extension (lower case, without dot) to media type
 * @param addCharsets AddCharset extension (lower case, without dot) to charset
 * @param forceType ForceType, or null
 * @param setEnvIf SetEnvIf and BrowserMatch rules, in order
 * @param fallbackResource FallbackResource, or null
 * @param defaultCharset AddDefaultCharset's charset, or null when off
 * @param acceptPathInfo AcceptPathInfo: true (On), false (Off) or null (Default)
 * @param response mod_headers and mod_expires settings, before {@code <Files>} sections
 * @param error the error that makes Apache answer 500, or null
 * @param errorDirectory the directory whose .htaccess has the error (with trailing slash)
 * @param setHandler SetHandler at directory level, or null
 * @param addHandlers AddHandler extension (lower case, without dot) to handler name
 * @param setEnv mod_env's SetEnv and UnsetEnv, in order
 * @param cgiPassAuth CGIPassAuth: pass the Authorization header to scripts
 */
record DirConfig(
    RewriteScope rewrite,
    List<String> directoryIndex,
    boolean directorySlash,
    Map<Integer, String> errorDocuments,
    boolean followSymLinks,
    Map<String, SymlinkOptions> symlinkOptions,
    boolean indexes,
    AccessPolicy access,
    List<FilesSection> fileSections,
    List<IfSection> ifSections,
    List<AliasRedirect> redirects,
    Map<String, String> addTypes,
    Map<String, String> addCharsets,
    String forceType,
    List<SetEnvIfRule> setEnvIf,
    String fallbackResource,
    String defaultCharset,
    Boolean acceptPathInfo,
    ResponseSettings response,
    Diagnostic error,
    String errorDirectory,
    String setHandler,
    Map<String, String> addHandlers,
    List<EnvSetting> setEnv,
    boolean cgiPassAuth) {

  /** The same configuration with other symlink options (for directories that add nothing). */
  DirConfig withSymlinkOptions(Map<String, SymlinkOptions> options) {
    return new DirConfig(
        rewrite,
        directoryIndex,
        directorySlash,
        errorDocuments,
        followSymLinks,
        options,
        indexes,
        access,
        fileSections,
        ifSections,
        redirects,
        addTypes,
        addCharsets,
        forceType,
        setEnvIf,
        fallbackResource,
        defaultCharset,
        acceptPathInfo,
        response,
        error,
        errorDirectory,
        setHandler,
        addHandlers,
        setEnv,
        cgiPassAuth);
  }

  /** The symlink options for a link in {@code dir} (the server's for a directory not walked). */
  SymlinkOptions symlinkOptionsIn(String dir) {
    return symlinkOptions.getOrDefault(dir, SymlinkOptions.SERVER_DEFAULT);
  }
}
