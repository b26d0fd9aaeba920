package dev.htaccess.replay;

import java.util.Locale;

/** The part of an answer that a change is about, the first that differs in this order. */
public enum Field {
  STATUS,
  REDIRECT,
  PROXY,
  FILE,
  REWRITE,
  CONTENT_TYPE,
  COOKIE;

  /** The name {@code --fail-on} takes: {@code status}, {@code content-type} ... */
  public String cliName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The field a {@code --fail-on} name names. */
  public static Field fromCliName(String name) {
    for (Field f : values()) {
      if (f.cliName().equalsIgnoreCase(name.trim())) {
        return f;
      }
    }
    throw new IllegalArgumentException(
        "unknown change kind '"
            + name
            + "' (status, redirect, proxy, file, rewrite,"
            + " content-type, cookie or any)");
  }

  /** What a group of changes of this field is called when the kind of answer stays. */
  String changed() {
    return switch (this) {
      case STATUS -> "status changed";
      case REDIRECT -> "redirect target changed";
      case PROXY -> "proxy target changed";
      case FILE -> "served file changed";
      case REWRITE -> "rewrite target changed";
      case CONTENT_TYPE -> "content type changed";
      case COOKIE -> "cookies changed";
    };
  }
}
