package dev.htaccess.eval.rewrite;

/** What applying one rule gave (mod_rewrite's rule_return_type). */
enum RuleResult {
  /** The pattern or a condition did not match. */
  NO_MATCH,
  /** The rule matched and rewrote the URL. */
  MATCH,
  /** The rule matched but substitutes nothing ({@code -}, a status-only rule). */
  NO_SUBSTITUTION,
  /** The rule matched and refused the request: a status is set. */
  STATUS_SET
}
