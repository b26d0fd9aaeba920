package dev.htaccess.lint;

import dev.htaccess.source.Severity;
import dev.htaccess.source.SourceFile;
import dev.htaccess.syntax.HtaccessReader;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies the certain fixes of a file one at a time, each verified before it is kept: the fixed
 * file lints again, it has no error the file did not have (the same validator that says what Apache
 * refuses), and the finding the fix is for is gone. Then the findings are computed anew and the
 * next fix is tried, so offsets always refer to the current text; a fixed file offers nothing more,
 * so fixing twice changes nothing the second time.
 */
public final class Fixer {

  /**
   * More fixes than a file of thousands of lines needs: a guard against a fix that undoes another.
   */
  private static final int MAX_FIXES = 1000;

  private final Linter linter;
  private final java.util.function.Predicate<String> codes;

  public Fixer(Linter linter) {
    this(linter, code -> true);
  }

  /** A fixer that applies only the fixes of the checks whose codes pass. */
  public Fixer(Linter linter, java.util.function.Predicate<String> codes) {
    this.linter = linter;
    this.codes = codes;
  }

  /** The fixed text and what was done (empty when nothing was). */
  public record Result(String text, List<String> applied) {}

  public Result fix(SourceFile file) {
    SourceFile current = file;
    List<Finding> findings = linter.lint(HtaccessReader.read(current));
    List<String> applied = new ArrayList<>();
    java.util.Set<String> refused = new java.util.HashSet<>();
    for (int n = 0; n < MAX_FIXES; n++) {
      Finding next = null;
      for (Finding f : findings) {
        if (f.fix() != null && codes.test(f.code()) && !refused.contains(key(f))) {
          next = f;
          break;
        }
      }
      if (next == null) {
        break;
      }
      SourceFile candidate = new SourceFile(file.path(), next.fix().applyTo(current.text()));
      List<Finding> after = linter.lint(HtaccessReader.read(candidate));
      if (verified(findings, after, next)) {
        applied.add(
            next.span().line() + ": " + next.fix().description() + " [" + next.code() + "]");
        current = candidate;
        findings = after;
      } else {
        refused.add(key(next));
      }
    }
    return new Result(current.text(), applied);
  }

  private static String key(Finding f) {
    return f.code() + "@" + f.span().line() + ":" + f.span().column() + ":" + f.message();
  }

  private static boolean verified(List<Finding> before, List<Finding> after, Finding fixed) {
    long errorsBefore = before.stream().filter(f -> f.severity() == Severity.ERROR).count();
    long errorsAfter = after.stream().filter(f -> f.severity() == Severity.ERROR).count();
    if (errorsAfter > errorsBefore - (fixed.severity() == Severity.ERROR ? 1 : 0)) {
      return false;
    }
    long sameBefore = before.stream().filter(f -> f.code().equals(fixed.code())).count();
    long sameAfter = after.stream().filter(f -> f.code().equals(fixed.code())).count();
    return sameAfter < sameBefore;
  }
}
