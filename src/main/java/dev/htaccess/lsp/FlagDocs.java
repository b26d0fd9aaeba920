package dev.htaccess.lsp;

import dev.htaccess.model.CondFlag;
import dev.htaccess.model.RewriteOption;
import dev.htaccess.model.RuleFlagKind;
import java.util.EnumMap;
import java.util.Map;

/**
 * What each RewriteRule flag, RewriteCond flag and RewriteOptions option does, in the words of the
 * mod_rewrite manual (flags.html and the RewriteOptions section), for hover and completion.
 */
final class FlagDocs {

  private FlagDocs() {}

  static final Map<RuleFlagKind, String> RULE = new EnumMap<>(RuleFlagKind.class);
  static final Map<CondFlag.Kind, String> COND = new EnumMap<>(CondFlag.Kind.class);
  static final Map<RewriteOption, String> OPTIONS = new EnumMap<>(RewriteOption.class);

  static {
    RULE.put(
        RuleFlagKind.ESCAPE_BACKREFS,
        "Escape non-alphanumeric characters in backreferences before applying the transformation (B, or B=chars for only those).");
    RULE.put(
        RuleFlagKind.ESCAPE_BACKREFS_NO_PLUS,
        "With B: escape a space in a backreference as %20, not +.");
    RULE.put(
        RuleFlagKind.ESCAPE_BACKREFS_CONTROLS,
        "Escape only control characters and the space in backreferences.");
    RULE.put(
        RuleFlagKind.ESCAPE_BACKREFS_EXCEPT,
        "With B: do not escape the characters listed (BNE=chars).");
    RULE.put(
        RuleFlagKind.CHAIN,
        "Chain this rule to the next: if this one does not match, the chained rules are skipped.");
    RULE.put(
        RuleFlagKind.COOKIE,
        "Set a cookie in the response: CO=name:value:domain[:lifetime[:path[:secure[:httponly[:samesite]]]]].");
    RULE.put(RuleFlagKind.DISCARD_PATH_INFO, "Discard the PATH_INFO of the rewritten URI.");
    RULE.put(
        RuleFlagKind.ENV, "Set an environment variable: E=VAR[:VAL], or unset it with E=!VAR.");
    RULE.put(
        RuleFlagKind.END,
        "Stop the rewriting process at once, and do not start another round for the result.");
    RULE.put(RuleFlagKind.FORBIDDEN, "Answer 403 Forbidden.");
    RULE.put(RuleFlagKind.GONE, "Answer 410 Gone.");
    RULE.put(
        RuleFlagKind.HANDLER, "Force the request to be handled by this handler: H=handler-name.");
    RULE.put(
        RuleFlagKind.LAST,
        "Stop this round of rules; in .htaccess the result starts a new round (use END to stop for good).");
    RULE.put(
        RuleFlagKind.NEXT,
        "Start the rules over with the rewritten URI (N, or N=limit for at most that many rounds).");
    RULE.put(RuleFlagKind.NO_CASE, "Match the pattern without regard to case.");
    RULE.put(
        RuleFlagKind.NO_ESCAPE,
        "Do not %-escape special characters such as & and ? in the result.");
    RULE.put(
        RuleFlagKind.NO_SUBREQUESTS,
        "Skip this rule in internal subrequests (SSI includes, -F and -U look-aheads, index lookups).");
    RULE.put(
        RuleFlagKind.PROXY,
        "Proxy the result through mod_proxy (implies L): the substitution must be a full URL.");
    RULE.put(
        RuleFlagKind.PASS_THROUGH,
        "Pass the result on as a URI to the next mappers (Alias, ScriptAlias...) instead of a file path.");
    RULE.put(
        RuleFlagKind.QUERY_APPEND,
        "Append the request's query string to the substitution's instead of replacing it.");
    RULE.put(RuleFlagKind.QUERY_DISCARD, "Discard the request's query string.");
    RULE.put(
        RuleFlagKind.QUERY_LAST,
        "Split the query string at the last ? in the substitution, not the first.");
    RULE.put(
        RuleFlagKind.REDIRECT,
        "Send an external redirect (R, or R=code: 302 by default; a code outside 300-399 ends processing with that status).");
    RULE.put(RuleFlagKind.SKIP, "Skip the next N rules when this one matches: S=N.");
    RULE.put(RuleFlagKind.TYPE, "Force the response's Content-Type: T=media/type.");
    RULE.put(
        RuleFlagKind.UNSAFE_PREFIX_STAT,
        "Allow a server-context substitution that starts with a variable or backreference to be looked up as a file path.");
    RULE.put(
        RuleFlagKind.UNSAFE_ALLOW_3F,
        "Allow a substitution with an encoded question mark (%3F) when the URI had one.");
    RULE.put(RuleFlagKind.UNC, "Keep a leading // in the result as a UNC path (Windows).");
    COND.put(CondFlag.Kind.NO_CASE, "Compare without regard to case.");
    COND.put(
        CondFlag.Kind.OR_NEXT,
        "Combine this condition with the next by OR instead of the implicit AND.");
    COND.put(
        CondFlag.Kind.NO_VARY,
        "Do not add the header this condition tests to the response's Vary header.");
    OPTIONS.put(RewriteOption.INHERIT, "Run the parent context's rules after this context's own.");
    OPTIONS.put(
        RewriteOption.INHERIT_BEFORE, "Run the parent context's rules before this context's own.");
    OPTIONS.put(
        RewriteOption.INHERIT_DOWN, "Make every child context inherit these rules, after its own.");
    OPTIONS.put(
        RewriteOption.INHERIT_DOWN_BEFORE,
        "Make every child context inherit these rules, before its own.");
    OPTIONS.put(
        RewriteOption.IGNORE_INHERIT,
        "Ignore InheritDown and InheritDownBefore of the parent contexts.");
    OPTIONS.put(
        RewriteOption.ALLOW_NO_SLASH,
        "Also apply the rules to a directory request without its trailing slash.");
    OPTIONS.put(
        RewriteOption.ALLOW_ANY_URI,
        "Apply server-context rules to any request URI, even one that is not a path.");
    OPTIONS.put(
        RewriteOption.MERGE_BASE,
        "Inherit RewriteBase from the parent context when this one sets none.");
    OPTIONS.put(
        RewriteOption.IGNORE_CONTEXT_INFO,
        "Do not use the context prefix or RewriteBase when a rule's result is a relative path.");
    OPTIONS.put(
        RewriteOption.LEGACY_PREFIX_DOCROOT,
        "Prefix a relative substitution with the document root as before context info existed.");
    OPTIONS.put(
        RewriteOption.UNSAFE_PREFIX_STAT,
        "Allow a server-context substitution that starts with a variable to be looked up as a file path.");
    OPTIONS.put(
        RewriteOption.MAX_REDIRECTS,
        "Removed in 2.4: accepted with a warning and ignored (LimitInternalRecursion bounds loops).");
  }
}
