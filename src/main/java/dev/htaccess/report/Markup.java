package dev.htaccess.report;

/** Text escaped for HTML (the reports' pages and Markdown tables). */
final class Markup {

  private Markup() {}

  static String escape(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
