package dev.htaccess.eval.rewrite;

import dev.htaccess.expr.ApExpression;
import dev.htaccess.model.CondFlag;
import dev.htaccess.model.CondPattern;
import dev.htaccess.model.RewriteCond;
import dev.htaccess.regex.PcrePattern;

/**
 * A RewriteCond, compiled (cmd_rewritecond): its regex or expression parsed once.
 *
 * @param regex the compiled pattern of a regex condition, else null
 * @param expression the parsed {@code expr} of an expression condition, else null
 */
record CompiledCondition(
    RewriteCond source,
    PcrePattern regex,
    ApExpression expression,
    boolean noCase,
    boolean orNext,
    boolean noVary) {

  static CompiledCondition of(RewriteCond c) {
    boolean noCase = c.has(CondFlag.Kind.NO_CASE);
    PcrePattern regex =
        c.pattern() instanceof CondPattern.Regex r ? PcrePattern.compile(r.regex(), noCase) : null;
    ApExpression expression =
        c.pattern() instanceof CondPattern.Expression e ? ApExpression.parse(e.expression()) : null;
    return new CompiledCondition(
        c, regex, expression, noCase, c.has(CondFlag.Kind.OR_NEXT), c.has(CondFlag.Kind.NO_VARY));
  }
}
