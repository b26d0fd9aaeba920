package dev.htaccess.syntax;

import dev.htaccess.model.Argument;
import dev.htaccess.model.Comment;
import dev.htaccess.model.ConfigNode;
import dev.htaccess.model.Directive;
import dev.htaccess.model.GenericDirective;
import dev.htaccess.model.Section;
import dev.htaccess.source.Diagnostic;
import dev.htaccess.source.Severity;
import dev.htaccess.source.SourceFile;
import dev.htaccess.source.SourceSpan;
import dev.htaccess.syntax.antlr.HtaccessLexer;
import dev.htaccess.syntax.antlr.HtaccessParser;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.antlr.v4.runtime.Token;

/**
 * Turns the parse tree's flat list of lines into the AST: directives with their arguments split by
 * Apache's rules, and sections nested by name as {@code ap_build_config_sub} nests them, with its
 * messages for every imbalance.
 */
final class AstBuilder {

  /** Sections Apache executes while reading (EXEC_ON_READ): the conditional ones. */
  private static final java.util.Set<String> CONDITIONALS =
      java.util.Set.of("ifmodule", "ifdefine", "ifversion", "ifdirective", "ifsection", "iffile");

  private final SourceFile file;
  private final HtaccessReader.Kind kind;
  private final Consumer<Diagnostic> report;
  private final RewriteDirectiveParser rewriteParser;

  /** An open section and what has been read inside it so far. */
  private static final class Frame {
    final String name;
    final List<Argument> arguments;
    final String rawArguments;
    final SourceSpan span;
    final List<ConfigNode> children = new ArrayList<>();

    Frame(String name, List<Argument> arguments, String rawArguments, SourceSpan span) {
      this.name = name;
      this.arguments = arguments;
      this.rawArguments = rawArguments;
      this.span = span;
    }

    Section close(SourceSpan endSpan) {
      return new Section(name, arguments, rawArguments, children, span, endSpan);
    }
  }

  AstBuilder(SourceFile file, HtaccessReader.Kind kind, Consumer<Diagnostic> report) {
    this.file = file;
    this.kind = kind;
    this.report = report;
    this.rewriteParser = new RewriteDirectiveParser(report);
  }

  List<ConfigNode> build(HtaccessParser.ConfigContext tree) {
    List<ConfigNode> top = new ArrayList<>();
    Deque<Frame> open = new ArrayDeque<>();
    for (HtaccessParser.LineContext line : tree.line()) {
      checkLength(line);
      List<ConfigNode> target = open.isEmpty() ? top : open.peek().children;
      if (line.COMMENT() != null) {
        Token t = line.COMMENT().getSymbol();
        String text = JoinedText.join(t.getText()).substring(1).strip();
        target.add(new Comment(text, file.span(t.getStartIndex(), t.getStopIndex() + 1)));
      } else if (line.directive() != null) {
        directive(line.directive(), top, open);
      }
    }
    while (!open.isEmpty()) {
      Frame frame = open.pop();
      String message = "Expected </" + frame.name + "> before end of configuration";
      if (CONDITIONALS.contains(frame.name.toLowerCase(Locale.ROOT))) {
        // Apache reads a true conditional section up to the end of the file without complaint,
        // but skips a false one looking for its end tag, and fails. The reader cannot know which:
        // a warning here, decided by whoever knows the modules.
        report.accept(
            new Diagnostic(
                SyntaxRule.UNCLOSED_CONDITIONAL.code(), Severity.WARNING, message, frame.span));
      } else {
        error(SyntaxRule.UNCLOSED_SECTION, "<" + frame.name + "> was not closed.", frame.span);
      }
      (open.isEmpty() ? top : open.peek().children).add(frame.close(frame.span));
    }
    return top;
  }

  private void error(SyntaxRule rule, String message, SourceSpan span) {
    report.accept(new Diagnostic(rule.code(), Severity.ERROR, message, span));
  }

  /** Apache refuses an .htaccess line longer than its buffer ("Line too long"). */
  private void checkLength(HtaccessParser.LineContext line) {
    if (kind != HtaccessReader.Kind.HTACCESS) {
      return;
    }
    Token first = line.getStart();
    Token last = line.getStop();
    if (first == null || last == null || first.getType() == Token.EOF) {
      return;
    }
    int lineStart = first.getStartIndex() - (file.columnOf(first.getStartIndex()) - 1);
    int end = last.getType() == HtaccessLexer.NEWLINE ? last.getStartIndex() : file.text().length();
    if (end - lineStart <= HtaccessReader.HTACCESS_MAX_LINE) {
      return;
    }
    int joinedLength = JoinedText.of(file, lineStart, end).length();
    if (joinedLength > HtaccessReader.HTACCESS_MAX_LINE) {
      error(
          SyntaxRule.LINE_TOO_LONG,
          "Line too long: "
              + joinedLength
              + " bytes, Apache reads at most "
              + HtaccessReader.HTACCESS_MAX_LINE
              + " in an .htaccess file",
          file.span(first.getStartIndex(), first.getStartIndex() + 1));
    }
  }

  private void directive(
      HtaccessParser.DirectiveContext ctx, List<ConfigNode> top, Deque<Frame> open) {
    Token head = ctx.head;
    Token last = ctx.getStop();
    int argsStart = head.getStopIndex() + 1;
    int argsEnd = Math.max(argsStart, last.getStopIndex() + 1);
    SourceSpan span = file.span(head.getStartIndex(), argsEnd);
    String headText = JoinedText.join(head.getText());
    List<ConfigNode> target = open.isEmpty() ? top : open.peek().children;
    switch (head.getType()) {
      case HtaccessLexer.OPEN_TAG -> openSection(ctx, headText, argsStart, argsEnd, span, open);
      case HtaccessLexer.CLOSE_TAG -> closeSection(ctx, headText, span, top, open);
      default -> target.add(plainDirective(ctx, headText, argsStart, argsEnd, span));
    }
  }

  private Directive plainDirective(
      HtaccessParser.DirectiveContext ctx,
      String headText,
      int argsStart,
      int argsEnd,
      SourceSpan span) {
    List<Word> nameWords = WordSplitter.confWords(headText);
    String name = nameWords.isEmpty() ? headText : nameWords.get(0).value();
    JoinedText args = JoinedText.of(file, argsStart, argsEnd);
    if (RewriteDirectiveParser.handles(name.toLowerCase(Locale.ROOT))) {
      return rewriteParser.build(name, args, span);
    }
    List<Argument> arguments = new ArrayList<>();
    for (HtaccessParser.ArgumentContext arg : ctx.argument()) {
      Token t = arg.getStart();
      String raw = JoinedText.join(t.getText());
      List<Word> words = WordSplitter.confWords(raw);
      String value = words.isEmpty() ? "" : words.get(0).value();
      arguments.add(new Argument(value, raw, file.span(t.getStartIndex(), t.getStopIndex() + 1)));
    }
    return new GenericDirective(name, arguments, args.text().strip(), span);
  }

  private void openSection(
      HtaccessParser.DirectiveContext ctx,
      String headText,
      int argsStart,
      int argsEnd,
      SourceSpan span,
      Deque<Frame> open) {
    boolean headClosed = headText.endsWith(">");
    String name = headText.substring(1, headClosed ? headText.length() - 1 : headText.length());
    JoinedText args = JoinedText.of(file, argsStart, argsEnd);
    String rawArgs = args.text();
    List<Argument> arguments = new ArrayList<>();
    String sectionArgs;
    if (headClosed && rawArgs.isBlank()) {
      sectionArgs = "";
    } else {
      int gt = rawArgs.lastIndexOf('>');
      if (gt < 0) {
        error(SyntaxRule.MALFORMED_SECTION, "<" + name + "> directive missing closing '>'", span);
        gt = rawArgs.length();
      }
      sectionArgs = rawArgs.substring(0, gt);
      for (Word w : WordSplitter.confWords(sectionArgs)) {
        arguments.add(
            new Argument(
                w.value(), rawArgs.substring(w.start(), w.end()), args.span(w.start(), w.end())));
      }
    }
    if (open.size() >= MAX_SECTION_DEPTH) {
      // Deeper sections are not opened: their content goes to the deepest open one, their
      // closing tags are dropped with them, and the tree stays shallow enough to walk.
      if (unopened++ == 0) {
        error(
            SyntaxRule.MALFORMED_SECTION,
            "<"
                + name
                + "> nested deeper than "
                + MAX_SECTION_DEPTH
                + " sections: this tool's limit (Apache reads on)",
            span);
      }
      return;
    }
    Frame frame = new Frame(name, arguments, sectionArgs.strip(), span);
    open.push(frame);
  }

  /**
   * How deep sections may nest. Real files nest a handful; Apache reads thousands (measured: 2000
   * and 4000 levels). Deeper files are refused with an error: every pass over the tree is
   * recursive, and the command line's and serve's threads have the stack for this depth (about 8
   * MB), not for any depth.
   */
  static final int MAX_SECTION_DEPTH = 4096;

  /** Sections opened beyond {@link #MAX_SECTION_DEPTH} and not yet closed. */
  private int unopened;

  private void closeSection(
      HtaccessParser.DirectiveContext ctx,
      String headText,
      SourceSpan span,
      List<ConfigNode> top,
      Deque<Frame> open) {
    boolean wellFormed = headText.endsWith(">") && ctx.argument().isEmpty();
    String name =
        headText.substring(2, headText.endsWith(">") ? headText.length() - 1 : headText.length());
    if (unopened > 0) {
      unopened--;
      return;
    }
    if (open.isEmpty()) {
      error(
          SyntaxRule.UNCLOSED_SECTION,
          "</" + name + "> without matching <" + name + "> section",
          span);
      return;
    }
    Frame current = open.peek();
    if (!wellFormed && current.name.equalsIgnoreCase(name)) {
      // "</Files >" or "</Files x>": Apache reads the tag up to the space and finds no '>'.
      error(SyntaxRule.MALFORMED_SECTION, "</" + name + "> directive missing closing '>'", span);
      wellFormed = true;
    }
    if (wellFormed && current.name.equalsIgnoreCase(name)) {
      open.pop();
      (open.isEmpty() ? top : open.peek().children).add(current.close(span));
      return;
    }
    error(
        SyntaxRule.UNCLOSED_SECTION,
        "Expected </" + current.name + "> but saw </" + name + ">",
        span);
    // Recover: when an outer section has this name, close everything up to it.
    boolean outerMatches = wellFormed && open.stream().anyMatch(f -> f.name.equalsIgnoreCase(name));
    if (!outerMatches) {
      return;
    }
    while (!open.isEmpty()) {
      Frame frame = open.pop();
      (open.isEmpty() ? top : open.peek().children).add(frame.close(span));
      if (frame.name.equalsIgnoreCase(name)) {
        return;
      }
    }
  }
}
