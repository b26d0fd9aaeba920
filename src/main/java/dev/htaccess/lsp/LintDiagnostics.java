package dev.htaccess.lsp;

import dev.htaccess.lint.Finding;
import dev.htaccess.lint.Fix;
import dev.htaccess.model.ConfigNode;
import dev.htaccess.model.Directive;
import dev.htaccess.model.Section;
import dev.htaccess.source.RawText;
import dev.htaccess.source.Severity;
import dev.htaccess.source.SourceFile;
import dev.htaccess.syntax.ParseResult;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionKind;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.WorkspaceEdit;

/**
 * A document's lint findings as LSP diagnostics, and the code actions for them: each certain fix of
 * the linter, and a suppression comment with a reason to fill in.
 */
final class LintDiagnostics {

  /** The findings of one version of a document, with what converting them needs. */
  record Linted(String uri, ParseResult parse, Positions positions, List<Finding> findings) {
    SourceFile file() {
      return parse.file();
    }
  }

  private final String docsBase;

  /**
   * @param docsBase the URL the check pages are under ({@code .../docs/checks/}), for each
   *     diagnostic's link
   */
  LintDiagnostics(String docsBase) {
    this.docsBase = docsBase;
  }

  List<Diagnostic> diagnostics(Linted linted) {
    List<Diagnostic> out = new ArrayList<>();
    for (Finding f : linted.findings()) {
      Diagnostic d =
          new Diagnostic(
              linted.positions().range(f.span()),
              f.message(),
              severity(f.severity()),
              "htaccess",
              f.code());
      d.setCodeDescription(
          new org.eclipse.lsp4j.DiagnosticCodeDescription(docsBase + f.code() + ".md"));
      d.setData(f.check());
      out.add(d);
    }
    return out;
  }

  private static DiagnosticSeverity severity(Severity s) {
    return switch (s) {
      case ERROR -> DiagnosticSeverity.Error;
      case WARNING -> DiagnosticSeverity.Warning;
      default -> DiagnosticSeverity.Information;
    };
  }

  /** The actions for findings that touch {@code range}. */
  List<CodeAction> actions(Linted linted, Range range) {
    List<CodeAction> out = new ArrayList<>();
    for (Finding f : linted.findings()) {
      Range at = linted.positions().range(f.span());
      if (at.getEnd().getLine() < range.getStart().getLine()
          || at.getStart().getLine() > range.getEnd().getLine()) {
        continue;
      }
      Diagnostic diagnostic =
          diagnostics(new Linted(linted.uri(), linted.parse(), linted.positions(), List.of(f)))
              .get(0);
      if (f.fix() != null) {
        CodeAction fix = new CodeAction(f.fix().description());
        fix.setKind(CodeActionKind.QuickFix);
        fix.setDiagnostics(List.of(diagnostic));
        fix.setIsPreferred(true);
        fix.setEdit(edit(linted, f.fix()));
        out.add(fix);
      }
      CodeAction suppress =
          new CodeAction("Suppress " + f.code() + " (" + f.check() + ") here, with a reason");
      suppress.setKind(CodeActionKind.QuickFix);
      suppress.setDiagnostics(List.of(diagnostic));
      // before the directive's first line: the comment covers the next directive
      int line = directiveLine(linted.parse().nodes(), f.span().line()) - 1;
      String text = linted.positions().line(line);
      String indent = text.substring(0, text.length() - text.stripLeading().length());
      suppress.setEdit(
          new WorkspaceEdit(
              Map.of(
                  linted.uri(),
                  List.of(
                      new TextEdit(
                          new Range(new Position(line, 0), new Position(line, 0)),
                          indent + "# htaccess-lint disable=" + f.check() + " -- reason\n")))));
      out.add(suppress);
    }
    return out;
  }

  /** The first line of the directive that holds {@code line} (the innermost), or line itself. */
  private static int directiveLine(List<ConfigNode> nodes, int line) {
    for (ConfigNode node : nodes) {
      if (node instanceof Directive d && d.span().line() <= line && d.span().endLine() >= line) {
        if (d instanceof Section s && s.span().line() != line) {
          return directiveLine(s.children(), line);
        }
        return d.span().line();
      }
    }
    return line;
  }

  private static WorkspaceEdit edit(Linted linted, Fix fix) {
    List<TextEdit> edits = new ArrayList<>();
    SourceFile file = linted.file();
    for (Fix.Edit e : fix.edits()) {
      Range r =
          new Range(
              linted.positions().position(file.lineOf(e.start()), file.columnOf(e.start())),
              linted.positions().position(file.lineOf(e.end()), file.columnOf(e.end())));
      edits.add(new TextEdit(r, new String(RawText.toBytes(e.text()), StandardCharsets.UTF_8)));
    }
    return new WorkspaceEdit(Map.of(linted.uri(), edits));
  }
}
