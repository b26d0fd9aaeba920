package dev.htaccess.syntax;

import dev.htaccess.httpd.Limits;
import dev.htaccess.source.Diagnostic;
import dev.htaccess.source.Severity;
import dev.htaccess.source.SourceFile;
import dev.htaccess.source.SourceSpan;
import dev.htaccess.syntax.antlr.HtaccessLexer;
import dev.htaccess.syntax.antlr.HtaccessParser;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.PredictionMode;

/**
 * Reads a configuration file into an AST. The only entry point into the generated ANTLR code:
 * nothing else in the project sees ANTLR types. Never throws on bad input; every problem becomes a
 * {@link Diagnostic} with a position.
 */
public final class HtaccessReader {

  /** Apache's limit for one logical line of an .htaccess file (HUGE_STRING_LEN less two). */
  public static final int HTACCESS_MAX_LINE = Limits.HTACCESS_LINE;

  /** What kind of file is read: the line length limit differs. */
  public enum Kind {
    /** A per-directory file: lines up to {@link #HTACCESS_MAX_LINE} bytes. */
    HTACCESS,
    /** Server configuration: Apache reads lines up to 16 MiB. */
    SERVER_CONFIG
  }

  private HtaccessReader() {}

  /** Reads an .htaccess file. */
  public static ParseResult read(SourceFile file) {
    return read(file, Kind.HTACCESS);
  }

  /** Reads a file of the given kind. */
  public static ParseResult read(SourceFile file, Kind kind) {
    List<Diagnostic> diagnostics = new ArrayList<>();
    HtaccessLexer lexer = new HtaccessLexer(CharStreams.fromString(file.text(), file.path()));
    lexer.removeErrorListeners();
    lexer.addErrorListener(new Collector(file, diagnostics));
    HtaccessParser parser = new HtaccessParser(new CommonTokenStream(lexer));
    parser.removeErrorListeners();
    parser.addErrorListener(new Collector(file, diagnostics));
    // The grammar is LL(1) line by line; SLL prediction is exact for it and much faster.
    parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
    HtaccessParser.ConfigContext tree = parser.config();
    AstBuilder builder = new AstBuilder(file, kind, diagnostics::add);
    var nodes = builder.build(tree);
    diagnostics.sort(
        (a, b) ->
            a.span().line() != b.span().line()
                ? Integer.compare(a.span().line(), b.span().line())
                : Integer.compare(a.span().column(), b.span().column()));
    return new ParseResult(file, nodes, diagnostics);
  }

  /** Turns ANTLR's console messages into diagnostics (the grammar accepts any input, so rare). */
  private static final class Collector extends BaseErrorListener {
    private final SourceFile file;
    private final List<Diagnostic> sink;

    Collector(SourceFile file, List<Diagnostic> sink) {
      this.file = file;
      this.sink = sink;
    }

    @Override
    public void syntaxError(
        Recognizer<?, ?> recognizer,
        Object offendingSymbol,
        int line,
        int charPositionInLine,
        String msg,
        RecognitionException e) {
      int offset =
          offendingSymbol instanceof Token t && t.getStartIndex() >= 0 ? t.getStartIndex() : -1;
      var span =
          offset >= 0
              ? file.span(offset, offset + 1)
              : SourceSpan.at(file.path(), Math.max(1, line), charPositionInLine + 1);
      sink.add(new Diagnostic(SyntaxRule.SYNTAX.code(), Severity.ERROR, msg, span));
    }
  }
}
