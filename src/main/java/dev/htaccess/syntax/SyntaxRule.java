package dev.htaccess.syntax;

/**
 * The problems the reader itself reports, each with a stable code. All of them make Apache refuse
 * the file (a 500 for an .htaccess), so all are errors.
 */
public enum SyntaxRule {
  SYNTAX("HT1000", "syntax", "Text the configuration grammar cannot read."),
  UNCLOSED_SECTION(
      "HT1001", "unclosed-section", "A section is not closed, or closed by the wrong tag."),
  MALFORMED_SECTION(
      "HT1002", "malformed-section", "A section tag lacks its closing '>' or its arguments."),
  REWRITE_SYNTAX(
      "HT1003",
      "rewrite-syntax",
      "A mod_rewrite directive has the wrong arguments: count, flag delimiters, option or map."),
  UNKNOWN_FLAG(
      "HT1004", "unknown-flag", "A RewriteRule or RewriteCond flag that Apache does not know."),
  UNCLOSED_CONDITIONAL(
      "HT1013",
      "unclosed-conditional",
      "An <IfModule>/<IfDefine>/<IfVersion> left open at the end of the file: Apache accepts it"
          + " when the condition holds and refuses the file when it does not."),
  LINE_TOO_LONG(
      "HT1005", "line-too-long", "A logical line longer than Apache reads in an .htaccess file.");

  private final String code;
  private final String checkName;
  private final String summary;

  SyntaxRule(String code, String checkName, String summary) {
    this.code = code;
    this.checkName = checkName;
    this.summary = summary;
  }

  public String code() {
    return code;
  }

  public String checkName() {
    return checkName;
  }

  public String summary() {
    return summary;
  }
}
