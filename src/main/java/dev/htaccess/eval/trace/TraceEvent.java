package dev.htaccess.eval.trace;

import dev.htaccess.source.SourceSpan;
import java.util.List;

/**
 * One step of an evaluation, as typed data: renderers decide how it reads, and tools (serve's error
 * log, the expectation checker) dispatch on the type, never on text. The vocabulary follows
 * mod_rewrite's own log ("applying pattern", "RewriteCond: input=", "rewrite ... -> ...", "internal
 * redirect", "[INTERNAL REDIRECT]"). Strings are byte strings (see {@code RawText}).
 *
 * <p>Every event has a {@link #message()}: the one line a person reads. Events that are about a
 * directive carry its span ({@code null} when the directive has none, as the server's built-in
 * defaults).
 */
public sealed interface TraceEvent {

  /** The line a person reads for this event. */
  String message();

  /** An event about a directive's work that names its line (null when it has none). */
  interface Located {
    SourceSpan span();
  }

  /** How a round of request processing began. */
  enum RoundReason {
    REQUEST("request"),
    INTERNAL_REDIRECT("internal redirect"),
    ERROR_DOCUMENT("ErrorDocument");

    private final String text;

    RoundReason(String text) {
      this.text = text;
    }

    /** The words the trace shows. */
    public String text() {
      return text;
    }
  }

  /**
   * A round of request processing: the request itself, an internal redirect, an ErrorDocument.
   *
   * @param number 1 for the request, then one more per internal redirect
   * @param status for an ErrorDocument round, the status it answers; else 0
   */
  record Round(int number, String uri, String query, RoundReason why, int status)
      implements TraceEvent {
    /** Why the round started, as the trace shows it ("ErrorDocument 404"). */
    public String reason() {
      return why == RoundReason.ERROR_DOCUMENT ? why.text() + " " + status : why.text();
    }

    @Override
    public String message() {
      return "round " + number + ": " + uri + (query == null ? "" : "?" + query);
    }
  }

  /**
   * A rule set is applied.
   *
   * @param context {@code server} for the virtual host's rules, {@code per-dir} for .htaccess
   * @param directory for per-dir rules, the directory prefix that is stripped before matching
   */
  record RuleSetStart(String context, String directory) implements TraceEvent {
    @Override
    public String message() {
      return context.equals("server")
          ? "virtual host rules"
          : "per-directory rules of " + directory + " (prefix stripped)";
    }
  }

  /**
   * A RewriteRule pattern was applied to the URL path.
   *
   * @param input what the pattern saw (per-dir: without the directory prefix)
   * @param matched whether the rule matched (a negated pattern matches when the regex does not)
   * @param captures $0..$N when the regex matched, else empty
   */
  record RuleTried(
      SourceSpan span,
      String pattern,
      boolean negated,
      String input,
      boolean matched,
      List<String> captures)
      implements TraceEvent, Located {
    @Override
    public String message() {
      return "RewriteRule " + (negated ? "!" : "") + pattern + (matched ? " matched" : " no match");
    }
  }

  /**
   * A RewriteCond was evaluated.
   *
   * @param expanded the test string after expansion
   * @param captures %0..%N when a regex matched, else empty
   */
  record CondTried(
      SourceSpan span,
      String testString,
      String expanded,
      String pattern,
      boolean matched,
      List<String> captures)
      implements TraceEvent, Located {
    @Override
    public String message() {
      return "RewriteCond " + testString + " " + pattern + (matched ? " true" : " false");
    }
  }

  /**
   * A pattern stopped at the regex engine's match limit (PCRE2's, or the fallback's step budget):
   * Apache counts it as no match.
   */
  record MatchLimit(SourceSpan span, String pattern, String input) implements TraceEvent, Located {
    @Override
    public String message() {
      return "the pattern " + pattern + " hit the match limit on \"" + input + "\": no match";
    }
  }

  /** The substitution was expanded: the URL path before and the result. */
  record Substituted(SourceSpan span, String before, String after) implements TraceEvent, Located {
    @Override
    public String message() {
      return "rewrite " + before + " -> " + after;
    }
  }

  /** A flag took effect, e.g. [L] ended the round or [S=2] skipped two rules. */
  record FlagApplied(SourceSpan span, String flag, String effect) implements TraceEvent, Located {
    @Override
    public String message() {
      return "[" + flag + "] " + effect;
    }
  }

  /** A conditional section ({@code <If>}, {@code <ElseIf>}, {@code <Else>}) applies. */
  record SectionApplies(SourceSpan span, String section) implements TraceEvent, Located {
    @Override
    public String message() {
      return "<" + section + "> applies";
    }
  }

  /** mod_dir looks up an index file with a subrequest, or takes the one it found. */
  record IndexLookup(String uri, boolean chosen) implements TraceEvent {
    @Override
    public String message() {
      return (chosen ? "DirectoryIndex: using " : "DirectoryIndex: subrequest for ") + uri;
    }
  }

  /**
   * The configuration that applies has an error: Apache answers 500 (and logs the directive).
   *
   * @param span the offending directive
   * @param error Apache's complaint
   */
  record ConfigError(SourceSpan span, String error) implements TraceEvent, Located {
    @Override
    public String message() {
      return "500: " + error;
    }
  }

  /**
   * A step of access control: the host rules, the Require tree without and with a user, and
   * authentication.
   *
   * @param step which ({@code hosts}, {@code authz}, {@code authn})
   * @param detail what it found
   * @param span the Require line whose answer refused the request, or null
   */
  record AccessStep(String step, String detail, SourceSpan span) implements TraceEvent, Located {
    @Override
    public String message() {
      return step + ": " + detail;
    }
  }

  /** A Redirect line was tried (a full trace only). */
  record RedirectTried(SourceSpan span, boolean matched) implements TraceEvent, Located {
    @Override
    public String message() {
      return matched ? "Redirect matched" : "Redirect no match";
    }
  }

  /**
   * A Require line was decided (a full trace only).
   *
   * @param line the provider and its words ({@code ip 10.0.0.0/8})
   * @param verdict the provider's answer ({@code granted}, {@code denied}, {@code denied, no user},
   *     {@code neutral}, {@code error}), before a {@code Require not} turns it
   */
  record RequireTried(SourceSpan span, String line, String verdict) implements TraceEvent, Located {
    @Override
    public String message() {
      return "Require " + line + ": " + verdict;
    }

    /** Whether the line let the request in. */
    public boolean granted() {
      return verdict.equals("granted");
    }
  }

  /** The trace stopped keeping events here (the evaluation itself went on). */
  record Truncated(int kept) implements TraceEvent {
    @Override
    public String message() {
      return "trace truncated after " + kept + " events";
    }
  }

  /** What decided the round: a redirect, a proxy, an internal redirect, a refusal. */
  sealed interface Decision extends TraceEvent {}

  /**
   * mod_alias, mod_proxy or mod_dir in the virtual host or a directory: Redirect, ProxyPass...
   *
   * @param from for ProxyPass, the URL prefix (or regex) that matched; else null
   * @param status for redirects, the status; else 0
   * @param span the Redirect line that decided, or null
   */
  record AliasDecision(
      AliasDecision.Kind kind, String from, int status, String target, SourceSpan span)
      implements Decision {
    /** Which directive decided. */
    public enum Kind {
      PROXY_PASS,
      SERVER_REDIRECT,
      DIRECTORY_REDIRECT,
      FALLBACK_RESOURCE
    }

    @Override
    public String message() {
      return switch (kind) {
        case PROXY_PASS -> "ProxyPass " + from + " -> " + target;
        case SERVER_REDIRECT -> "Redirect " + status + " " + target;
        case DIRECTORY_REDIRECT -> "mod_alias redirect " + status + " " + target;
        case FALLBACK_RESOURCE -> "FallbackResource " + target;
      };
    }
  }

  /** An ErrorDocument given as a full URL: Apache redirects to it instead of the error. */
  record ErrorDocumentRedirect(int status, String url) implements Decision {
    @Override
    public String message() {
      return "ErrorDocument " + status + " -> " + url;
    }
  }

  /** mod_rewrite's result of a rule set: a redirect, an internal redirect, an ignored rewrite. */
  record RewriteDecision(RewriteDecision.Kind kind, String target, int status) implements Decision {
    /** What mod_rewrite does with the rewritten URL. */
    public enum Kind {
      REDIRECT,
      INTERNAL_REDIRECT,
      HANDLER_OVERRIDES_REDIRECT,
      IGNORED_SAME_URL
    }

    @Override
    public String message() {
      return switch (kind) {
        case REDIRECT -> "redirect to " + target + " [REDIRECT/" + status + "]";
        case INTERNAL_REDIRECT -> "internal redirect with " + target + " [INTERNAL REDIRECT]";
        case HANDLER_OVERRIDES_REDIRECT -> "[H=" + target + "] overrides the internal redirect";
        case IGNORED_SAME_URL ->
            "initial URL equal rewritten URL: " + target + " [IGNORING REWRITE]";
      };
    }
  }

  /** Apache refuses the rewritten request, with the status given. */
  record Refusal(Refusal.Reason reason, int status) implements Decision {
    /** Why, in Apache's own words where it has an error code. */
    public enum Reason {
      SERVER_QUERY_CONTROLS(
          "AH10410: Rewritten query string contains control characters or spaces"),
      PERDIR_QUERY_CONTROLS(
          "AH10411: Rewritten query string contains control characters or spaces"),
      UNSAFE_QUESTION_MARK("AH10508: Unsafe URL with %3f URL rewritten without UnsafeAllow3F"),
      MAXIMUM_LENGTH("RewriteRule exceeded maximum length (16380)"),
      ABOVE_DOCUMENT_ROOT("400: the new URI has a bad escape or climbs above the document root"),
      ENCODED_SLASH("404: the new URI has an encoded slash or NUL (AllowEncodedSlashes Off)"),
      PROXY_BAD_URL(
          "AH01083: error parsing the URL to proxy to (malformed, or a bad host or port)"),
      PROXY_PATH_CONTROLS("AH10415: To be forwarded path contains control characters or spaces"),
      PROXY_QUERY_CONTROLS(
          "AH10408: To be forwarded query string contains control characters or spaces"),
      PROXY_BAD_UDS("AH10292: Invalid proxy UDS filename"),
      PROXY_NO_HANDLER(
          "AH01144: No protocol handler was valid for the URL (its proxy module is not loaded)"),
      PROXY_UDS_UNREACHABLE("AH02454: failed to make connection to backend: the Unix socket"),
      PROXY_MAX_FORWARDS_BAD("AH10188: Max-Forwards request header could not be parsed"),
      PROXY_MAX_FORWARDS_ZERO("Max-Forwards has reached zero - proxy loop?"),
      REDIRECT_NOT_URL(
          "AH00676: cannot redirect: target is not a valid absoluteURI or abs_path (or its"
              + " expression failed)"),
      SYMLINK(
          "AH00037: Symbolic link not allowed or link target not accessible (Options"
              + " FollowSymLinks / SymLinksIfOwnerMatch of its directory)"),
      NOT_A_FILE("AH00038: Forbidden: it doesn't point to a file or directory");

      private final String text;

      Reason(String text) {
        this.text = text;
      }

      /** The message as the trace shows it. */
      public String text() {
        return text;
      }
    }

    @Override
    public String message() {
      return reason.text();
    }
  }

  /** LimitInternalRecursion stopped a loop of internal redirects (AH00124): a 500. */
  record RecursionLimit(int limit) implements Decision {
    @Override
    public String message() {
      return "Request exceeded the limit of " + limit + " internal redirects";
    }
  }
}
