package dev.htaccess.eval;

import dev.htaccess.expr.ApExpression;
import dev.htaccess.model.Argument;
import dev.htaccess.regex.PcrePattern;
import dev.htaccess.regex.PcreSyntaxException;
import dev.htaccess.validate.DirectiveValidator;
import java.util.List;
import java.util.Locale;

/**
 * A {@code Header [always|onsuccess] action name [value [replacement]] [early|env=[!]VAR|expr=E]}
 * directive, checked once when its .htaccess is read.
 */
record HeaderRule(
    boolean always,
    String action,
    String name,
    String value,
    String replacement,
    String envVar,
    boolean envNegated,
    ApExpression expr,
    PcrePattern echoNames,
    PcrePattern editPattern) {

  /**
   * Builds the rule of a {@code Header} or {@code RequestHeader} directive; arguments that Apache
   * refuses (as {@link DirectiveValidator#header} decides) throw IllegalArgumentException.
   */
  static HeaderRule of(String directive, List<Argument> args) {
    String problem = DirectiveValidator.header(directive, args);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
    int i = 0;
    String first = args.get(0).value().toLowerCase(Locale.ROOT);
    boolean always = first.equals("always");
    if (directive.equalsIgnoreCase("header") && (always || first.equals("onsuccess"))) {
      i++;
    }
    String action = args.get(i++).value().toLowerCase(Locale.ROOT);
    String name = i < args.size() ? args.get(i++).value() : "";
    if (!action.equals("echo") && name.indexOf(':') >= 0) {
      name = name.substring(0, name.indexOf(':')); // mod_headers keeps the name before a colon
    }
    String value = null;
    String replacement = null;
    if (!action.equals("unset") && !action.equals("echo")) {
      value = args.get(i++).value();
      if (action.startsWith("edit")) {
        replacement = args.get(i++).value();
      }
    }
    String envVar = null;
    boolean negated = false;
    ApExpression expr = null;
    if (i < args.size()) {
      String cond = args.get(i).value();
      if (cond.regionMatches(true, 0, "env=", 0, 4)) {
        envVar = cond.substring(4);
        negated = envVar.startsWith("!");
        if (negated) {
          envVar = envVar.substring(1);
        }
      } else if (cond.regionMatches(true, 0, "expr=", 0, 5)) {
        try {
          expr = ApExpression.parse(cond.substring(5));
        } catch (RuntimeException e) {
          throw new IllegalArgumentException("Can't parse envclause/expression: " + e.getMessage());
        }
      }
    }
    PcrePattern echo = null;
    if (action.equals("echo")) {
      try {
        echo = PcrePattern.compile(name, false);
      } catch (PcreSyntaxException e) {
        // Echoes nothing, as before the pattern was compiled with the rule.
      }
    }
    PcrePattern edit = null;
    if (action.startsWith("edit")) {
      try {
        edit = PcrePattern.compile(value, false);
      } catch (PcreSyntaxException e) {
        // mod_headers compiles the regex when it reads the file: Apache answers 500.
        throw new IllegalArgumentException("Header edit regex could not be compiled");
      }
    }
    return new HeaderRule(
        always, action, name, value, replacement, envVar, negated, expr, echo, edit);
  }
}
