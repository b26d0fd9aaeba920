package dev.htaccess.eval;

import dev.htaccess.httpd.Expiry;
import dev.htaccess.model.Argument;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What mod_headers and mod_expires configure for a directory, merged as they merge: Header
 * directives accumulate from the outer directory inwards (then {@code <Files>}), Expires settings
 * of an inner level override the outer ones, type by type.
 */
final class ResponseSettings {

  final List<HeaderRule> headers;
  final List<HeaderRule> requestHeaders;
  Boolean expiresActive;
  final Map<String, Expiry> expiresByType;
  Expiry expiresDefault;

  ResponseSettings() {
    this(new ArrayList<>(), new ArrayList<>(), null, new HashMap<>(), null);
  }

  private ResponseSettings(
      List<HeaderRule> headers,
      List<HeaderRule> requestHeaders,
      Boolean active,
      Map<String, Expiry> byType,
      Expiry def) {
    this.headers = headers;
    this.requestHeaders = requestHeaders;
    this.expiresActive = active;
    this.expiresByType = byType;
    this.expiresDefault = def;
  }

  ResponseSettings copy() {
    return new ResponseSettings(
        new ArrayList<>(headers),
        new ArrayList<>(requestHeaders),
        expiresActive,
        new HashMap<>(expiresByType),
        expiresDefault);
  }

  static boolean handles(String key) {
    return switch (key) {
      case "header", "requestheader", "expiresactive", "expiresbytype", "expiresdefault" -> true;
      default -> false;
    };
  }

  /** Applies one directive (lower-case name); throws IllegalArgumentException as Apache refuses. */
  void apply(String key, List<Argument> args) {
    switch (key) {
      case "header" -> headers.add(HeaderRule.of("Header", args));
      case "requestheader" -> requestHeaders.add(HeaderRule.of("RequestHeader", args));
      case "expiresactive" ->
          expiresActive = !args.isEmpty() && args.get(0).value().equalsIgnoreCase("on");
      case "expiresbytype" -> {
        if (args.size() != 2) {
          throw new IllegalArgumentException("ExpiresByType takes two arguments");
        }
        expiresByType.put(
            args.get(0).value().toLowerCase(Locale.ROOT), Expiry.parse(args.get(1).value()));
      }
      case "expiresdefault" -> {
        if (args.size() != 1) {
          throw new IllegalArgumentException("ExpiresDefault takes one argument");
        }
        expiresDefault = Expiry.parse(args.get(0).value());
      }
      default -> throw new IllegalStateException(key);
    }
  }

  /**
   * The expiry mod_expires gives a response of this content type: the exact type, then without
   * parameters, then {@code major/*}, then ExpiresDefault; null when off or unconfigured.
   */
  Expiry expiryFor(String contentType) {
    if (!Boolean.TRUE.equals(expiresActive)) {
      return null;
    }
    if (contentType != null) {
      String full = contentType.toLowerCase(Locale.ROOT);
      Expiry e = expiresByType.get(full);
      String bare = full.contains(";") ? full.substring(0, full.indexOf(';')).strip() : full;
      if (e == null) {
        e = expiresByType.get(bare);
      }
      if (e == null && bare.contains("/")) {
        e = expiresByType.get(bare.substring(0, bare.indexOf('/')) + "/*");
      }
      if (e != null) {
        return e;
      }
    }
    return expiresDefault;
  }
}
