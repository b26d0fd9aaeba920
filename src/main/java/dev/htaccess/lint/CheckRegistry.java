package dev.htaccess.lint;

import dev.htaccess.lint.checks.AllowOverrideClass;
import dev.htaccess.lint.checks.ArgumentCount;
import dev.htaccess.lint.checks.ByteOrderMark;
import dev.htaccess.lint.checks.ConflictingFlags;
import dev.htaccess.lint.checks.DeprecatedAccessControl;
import dev.htaccess.lint.checks.DirectiveNotAllowedHere;
import dev.htaccess.lint.checks.DuplicateRule;
import dev.htaccess.lint.checks.ErrorDocumentLiteralText;
import dev.htaccess.lint.checks.FragmentWithoutNe;
import dev.htaccess.lint.checks.HostCompareCaseSensitive;
import dev.htaccess.lint.checks.IfModuleTypo;
import dev.htaccess.lint.checks.InlineComment;
import dev.htaccess.lint.checks.InternalRewriteLoop;
import dev.htaccess.lint.checks.InvalidArgument;
import dev.htaccess.lint.checks.InvalidExpression;
import dev.htaccess.lint.checks.InvalidRegex;
import dev.htaccess.lint.checks.LeadingSlashInPerdirPattern;
import dev.htaccess.lint.checks.LineTooLong;
import dev.htaccess.lint.checks.MalformedSection;
import dev.htaccess.lint.checks.MixedAccessControl;
import dev.htaccess.lint.checks.ModuleMayBeAbsent;
import dev.htaccess.lint.checks.OpenProxy;
import dev.htaccess.lint.checks.OpenRedirect;
import dev.htaccess.lint.checks.OrphanRewriteCond;
import dev.htaccess.lint.checks.PhpDirective;
import dev.htaccess.lint.checks.QueryStringInPattern;
import dev.htaccess.lint.checks.RFlagNonRedirectStatus;
import dev.htaccess.lint.checks.RedirectLoop;
import dev.htaccess.lint.checks.RedirectWithoutLast;
import dev.htaccess.lint.checks.RegexRedos;
import dev.htaccess.lint.checks.RelativeRedirectWithoutBase;
import dev.htaccess.lint.checks.RemovedDirective;
import dev.htaccess.lint.checks.RequiresNewerApache;
import dev.htaccess.lint.checks.RewriteEngineNotOn;
import dev.htaccess.lint.checks.RewriteSyntax;
import dev.htaccess.lint.checks.RewriteWithoutFollowSymlinks;
import dev.htaccess.lint.checks.UnclosedConditional;
import dev.htaccess.lint.checks.UnclosedSection;
import dev.htaccess.lint.checks.UnescapedDot;
import dev.htaccess.lint.checks.UnknownDirective;
import dev.htaccess.lint.checks.UnknownFlag;
import dev.htaccess.lint.checks.UnknownVariable;
import dev.htaccess.lint.checks.UnmatchedBackreference;
import dev.htaccess.lint.checks.UnreachableRule;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Every check, registered explicitly (no class-path scanning), ordered by code. */
public final class CheckRegistry {

  private static final List<Check> ALL =
      java.util.stream.Stream.<Check>of(
              // keep-sorted start
              new AllowOverrideClass(),
              new ArgumentCount(),
              new ByteOrderMark(),
              new ConflictingFlags(),
              new DeprecatedAccessControl(),
              new DirectiveNotAllowedHere(),
              new DuplicateRule(),
              new ErrorDocumentLiteralText(),
              new FragmentWithoutNe(),
              new HostCompareCaseSensitive(),
              new IfModuleTypo(),
              new InlineComment(),
              new InternalRewriteLoop(),
              new InvalidArgument(),
              new InvalidExpression(),
              new InvalidRegex(),
              new LeadingSlashInPerdirPattern(),
              new LineTooLong(),
              new MalformedSection(),
              new MixedAccessControl(),
              new ModuleMayBeAbsent(),
              new OpenProxy(),
              new OpenRedirect(),
              new OrphanRewriteCond(),
              new PhpDirective(),
              new QueryStringInPattern(),
              new RFlagNonRedirectStatus(),
              new RedirectLoop(),
              new RedirectWithoutLast(),
              new RegexRedos(),
              new RelativeRedirectWithoutBase(),
              new RemovedDirective(),
              new RequiresNewerApache(),
              new RewriteEngineNotOn(),
              new RewriteSyntax(),
              new RewriteWithoutFollowSymlinks(),
              new UnclosedConditional(),
              new UnclosedSection(),
              new UnescapedDot(),
              new UnknownDirective(),
              new UnknownFlag(),
              new UnknownVariable(),
              new UnmatchedBackreference(),
              new UnreachableRule()
              // keep-sorted end
              )
          .sorted(Comparator.comparing(c -> c.info().code()))
          .toList();

  private CheckRegistry() {}

  /** All checks, by code. */
  public static List<Check> all() {
    return ALL;
  }

  /** The check with this code or name (case-insensitive). */
  public static Optional<Check> find(String codeOrName) {
    return ALL.stream()
        .filter(
            c ->
                c.info().code().equalsIgnoreCase(codeOrName)
                    || c.info().name().equalsIgnoreCase(codeOrName))
        .findFirst();
  }
}
