package dev.htaccess.lint;

import dev.htaccess.source.Severity;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A check's metadata, declared once on its class (Error Prone's @BugPattern, in small). */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface CheckInfo {
  /**
   * The stable code, {@code HT} and four digits: 1xxx syntax, 2xxx rewrite logic, 3xxx security,
   * 4xxx portability, 5xxx PHP and modules.
   */
  String code();

  /** The kebab-case name, usable wherever the code is. */
  String name();

  /** The default severity. */
  Severity severity();

  /** One sentence: what the check finds. */
  String summary();
}
