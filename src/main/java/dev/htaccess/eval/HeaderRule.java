package dev.htaccess.eval;

import dev.htaccess.model.Argument;
import java.util.List;
import java.util.Locale;
import java.util.Set;

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
    ApExpression expr) {

  private static final Set<String> ACTIONS =
      Set.of(
          "set", "setifempty", "append", "add", "merge", "unset", "edit", "edit*", "echo", "note");

  static HeaderRule of(List<Argument> args) {
    int i = 0;
    boolean always = false;
    if (!args.isEmpty()) {
      String first = args.get(0).value().toLowerCase(Locale.ROOT);
      if (first.equals("always") || first.equals("onsuccess")) {
        always = first.equals("always");
        i++;
      }
    }
    if (args.size() < i + 2) {
      throw new IllegalArgumentException("Header requires at least two arguments");
    }
    String action = args.get(i++).value().toLowerCase(Locale.ROOT);
    if (!ACTIONS.contains(action)) {
      throw new IllegalArgumentException(
          "first argument must be 'add', 'set', 'setifempty', 'append', 'merge', 'unset', 'echo',"
              + " 'note', 'edit', or 'edit*'.");
    }
    String name = args.get(i++).value();
    String value = null;
    String replacement = null;
    if (!action.equals("unset") && !action.equals("echo")) {
      if (i >= args.size()) {
        throw new IllegalArgumentException("header requires three arguments");
      }
      value = args.get(i++).value();
      if (action.startsWith("edit")) {
        if (i >= args.size()) {
          throw new IllegalArgumentException("Header edit requires a match and a substitution");
        }
        replacement = args.get(i++).value();
      }
    }
    String envVar = null;
    boolean negated = false;
    ApExpression expr = null;
    if (i < args.size()) {
      String cond = args.get(i++).value();
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
      } else if (!cond.equalsIgnoreCase("early")) {
        throw new IllegalArgumentException("Unknown parameter: " + cond);
      }
    }
    if (i < args.size()) {
      throw new IllegalArgumentException("Header has too many arguments");
    }
    return new HeaderRule(always, action, name, value, replacement, envVar, negated, expr);
  }
}
