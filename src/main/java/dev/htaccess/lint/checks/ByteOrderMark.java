package dev.htaccess.lint.checks;

import dev.htaccess.lint.Check;
import dev.htaccess.lint.CheckInfo;
import dev.htaccess.lint.Fix;
import dev.htaccess.lint.LintContext;
import dev.htaccess.source.Severity;

/** A UTF-8 byte-order mark becomes part of the first directive's name: "Invalid command". */
@CheckInfo(
    code = "HT1006",
    name = "byte-order-mark",
    severity = Severity.ERROR,
    summary =
        "The file starts with a UTF-8 byte-order mark, which Apache reads as part of the first directive.")
public final class ByteOrderMark implements Check {
  @Override
  public void check(LintContext context) {
    if (context.file().text().startsWith("\u00ef\u00bb\u00bf")) {
      context.report(
          context.file().span(0, 3),
          "the file starts with a UTF-8 byte-order mark; Apache reads it as part of the first"
              + " directive's name and answers 500 (save the file as UTF-8 without BOM)",
          Fix.of("drop the byte-order mark", 0, 3, ""));
    }
  }
}
