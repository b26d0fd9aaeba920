package dev.htaccess.syntax;

import dev.htaccess.model.Argument;
import dev.htaccess.model.CondFlag;
import dev.htaccess.model.CondPattern;
import dev.htaccess.model.CondPattern.Operator;
import dev.htaccess.model.Directive;
import dev.htaccess.model.GenericDirective;
import dev.htaccess.model.RewriteBase;
import dev.htaccess.model.RewriteCond;
import dev.htaccess.model.RewriteEngine;
import dev.htaccess.model.RewriteMap;
import dev.htaccess.model.RewriteOption;
import dev.htaccess.model.RewriteOptions;
import dev.htaccess.model.RewriteRule;
import dev.htaccess.model.RuleFlag;
import dev.htaccess.source.Diagnostic;
import dev.htaccess.source.Severity;
import dev.htaccess.source.SourceSpan;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Builds the detailed records of mod_rewrite's directives. The rules and messages follow
 * mod_rewrite.c's command handlers, so that what Apache refuses is reported here with Apache's
 * words. A directive that cannot be built falls back to a {@link GenericDirective} and an error.
 */
final class RewriteDirectiveParser {

  private final Consumer<Diagnostic> report;

  RewriteDirectiveParser(Consumer<Diagnostic> report) {
    this.report = report;
  }

  /** True for the directive names this class builds. */
  static boolean handles(String lowerName) {
    return switch (lowerName) {
      case "rewriterule",
          "rewritecond",
          "rewriteengine",
          "rewritebase",
          "rewriteoptions",
          "rewritemap" ->
          true;
      default -> false;
    };
  }

  Directive build(String name, JoinedText args, SourceSpan span) {
    String lower = name.toLowerCase(Locale.ROOT);
    return switch (lower) {
      case "rewriterule" -> rule(name, args, span);
      case "rewritecond" -> cond(name, args, span);
      default -> confDirective(name, lower, args, span);
    };
  }

  private void error(SyntaxRule rule, String message, SourceSpan span) {
    report.accept(new Diagnostic(rule.code(), Severity.ERROR, message, span));
  }

  private static List<Argument> arguments(JoinedText args, List<Word> words) {
    List<Argument> arguments = new ArrayList<>(words.size());
    for (Word w : words) {
      arguments.add(
          new Argument(w.value(), args.text().substring(w.start(), w.end()), spanOf(args, w)));
    }
    return arguments;
  }

  private static SourceSpan spanOf(JoinedText args, Word word) {
    return args.span(word.start(), Math.max(word.end(), word.start()));
  }

  private Directive generic(String name, JoinedText args, List<Word> words, SourceSpan span) {
    return new GenericDirective(name, arguments(args, words), args.text().strip(), span);
  }

  private Directive confDirective(String name, String lower, JoinedText args, SourceSpan span) {
    List<Word> words = WordSplitter.confWords(args.text());
    List<Argument> arguments = arguments(args, words);
    switch (lower) {
      case "rewriteengine" -> {
        // AP_INIT_FLAG: the first word must be on or off; further words are ignored.
        String first = words.isEmpty() ? "" : words.get(0).value();
        if (!first.equalsIgnoreCase("on") && !first.equalsIgnoreCase("off")) {
          error(SyntaxRule.REWRITE_SYNTAX, name + " must be On or Off", span);
          return generic(name, args, words, span);
        }
        return new RewriteEngine(name, arguments, first.equalsIgnoreCase("on"), span);
      }
      case "rewritebase" -> {
        if (words.size() != 1 || words.get(0).value().isEmpty()) {
          error(SyntaxRule.REWRITE_SYNTAX, name + " takes one argument", span);
          return generic(name, args, words, span);
        }
        String url = words.get(0).value();
        if (url.charAt(0) != '/') {
          error(
              SyntaxRule.REWRITE_SYNTAX,
              "RewriteBase: argument is not a valid URL",
              spanOf(args, words.get(0)));
          return generic(name, args, words, span);
        }
        return new RewriteBase(name, arguments, url, span);
      }
      case "rewriteoptions" -> {
        if (words.isEmpty() || words.get(0).value().isEmpty()) {
          error(SyntaxRule.REWRITE_SYNTAX, name + " requires at least one argument", span);
          return generic(name, args, words, span);
        }
        List<RewriteOption> options = new ArrayList<>();
        for (Word w : words) {
          var option = RewriteOption.of(w.value());
          if (option.isEmpty()) {
            error(
                SyntaxRule.REWRITE_SYNTAX,
                "RewriteOptions: unknown option '" + w.value() + "'",
                spanOf(args, w));
            return generic(name, args, words, span);
          }
          options.add(option.get());
        }
        return new RewriteOptions(name, arguments, options, span);
      }
      default -> {
        return rewriteMap(name, args, words, span);
      }
    }
  }

  private Directive rewriteMap(String name, JoinedText args, List<Word> words, SourceSpan span) {
    if (words.size() < 2
        || words.size() > 3
        || words.get(0).value().isEmpty()
        || words.get(1).value().isEmpty()) {
      error(SyntaxRule.REWRITE_SYNTAX, name + " takes two or three arguments", span);
      return generic(name, args, words, span);
    }
    String mapName = words.get(0).value();
    String spec = words.get(1).value();
    String lowerSpec = spec.toLowerCase(Locale.ROOT);
    String type;
    String dbmType = "";
    String source;
    if (lowerSpec.startsWith("dbm")) {
      type = "dbm";
      if (spec.length() > 3 && spec.charAt(3) == ':') {
        source = spec.substring(4);
      } else if (spec.length() > 4 && spec.charAt(3) == '=' && spec.charAt(4) == ':') {
        // an empty type is no DBM type apr-util knows
        error(SyntaxRule.REWRITE_SYNTAX, "RewriteMap: dbm type  is invalid", span);
        return generic(name, args, words, span);
      } else if (spec.length() > 3 && spec.charAt(3) == '=' && spec.indexOf(':', 4) > 0) {
        int colon = spec.indexOf(':', 4);
        dbmType = spec.substring(4, colon);
        source = spec.substring(colon + 1);
      } else {
        error(SyntaxRule.REWRITE_SYNTAX, "RewriteMap: bad map:" + spec, span);
        return generic(name, args, words, span);
      }
    } else if (lowerSpec.startsWith("fastdbd:")) {
      type = "fastdbd";
      source = spec.substring(8);
    } else {
      int colon = spec.indexOf(':');
      String prefix = colon > 0 ? lowerSpec.substring(0, colon) : "";
      switch (prefix) {
        case "txt", "rnd", "int", "prg", "dbd" -> {
          type = prefix;
          source = spec.substring(colon + 1);
        }
        default -> {
          // A bare path is a txt map.
          type = "txt";
          source = spec;
        }
      }
    }
    return new RewriteMap(name, arguments(args, words), mapName, type, dbmType, source, span);
  }

  private Directive rule(String name, JoinedText args, SourceSpan span) {
    WordSplitter.RewriteArgs split = WordSplitter.rewriteArgs(args.text());
    List<Word> words = split.words();
    if (split.error() != null) {
      error(SyntaxRule.REWRITE_SYNTAX, "RewriteRule: " + split.error(), span);
      return generic(name, args, words, span);
    }
    List<RuleFlag> flags = List.of();
    if (words.size() == 3) {
      var field = flagField(name, args, words.get(2), FlagParser::ruleFlags);
      if (field == null) {
        return generic(name, args, words, span);
      }
      flags = field;
    }
    String pattern = words.get(0).value();
    boolean negated = pattern.startsWith("!");
    if (negated) {
      pattern = pattern.substring(1);
    }
    return new RewriteRule(
        name,
        arguments(args, words),
        negated,
        pattern,
        TemplateParser.parse(words.get(1).value()),
        flags,
        span);
  }

  private Directive cond(String name, JoinedText args, SourceSpan span) {
    WordSplitter.RewriteArgs split = WordSplitter.rewriteArgs(args.text());
    List<Word> words = split.words();
    if (split.error() != null) {
      error(SyntaxRule.REWRITE_SYNTAX, "RewriteCond: " + split.error(), span);
      return generic(name, args, words, span);
    }
    List<CondFlag> flags = List.of();
    if (words.size() == 3) {
      var field = flagField(name, args, words.get(2), FlagParser::condFlags);
      if (field == null) {
        return generic(name, args, words, span);
      }
      flags = field;
    }
    String testString = words.get(0).value();
    String raw = words.get(1).value();
    boolean negated = raw.startsWith("!");
    String p = negated ? raw.substring(1) : raw;
    CondPattern pattern;
    if (testString.equalsIgnoreCase("expr")) {
      pattern = new CondPattern.Expression(p);
    } else {
      pattern = classify(p);
      if (pattern instanceof CondPattern.IntegerCompare ic && p.startsWith("-ne")) {
        negated = !negated;
        pattern = ic;
      }
    }
    return new RewriteCond(
        name,
        arguments(args, words),
        TemplateParser.parse(testString),
        negated,
        pattern,
        raw,
        flags,
        span);
  }

  /** Classifies a CondPattern (without its {@code !}) as cmd_rewritecond does. */
  static CondPattern classify(String p) {
    if (p.length() >= 2) {
      if (p.charAt(0) == '-') {
        if (p.length() == 2) {
          char test = p.charAt(1);
          if ("fsdxhLlUF".indexOf(test) >= 0) {
            return new CondPattern.FileTest(test);
          }
        } else if (p.length() >= 4) {
          String op = p.substring(1, 3);
          Operator operator =
              switch (op) {
                case "lt" -> Operator.LESS;
                case "le" -> Operator.LESS_OR_EQUAL;
                case "gt" -> Operator.GREATER;
                case "ge" -> Operator.GREATER_OR_EQUAL;
                case "eq", "ne" -> Operator.EQUAL;
                default -> null;
              };
          if (operator != null) {
            return new CondPattern.IntegerCompare(operator, p.substring(3));
          }
        }
      } else {
        switch (p.charAt(0)) {
          case '>':
            return p.charAt(1) == '='
                ? new CondPattern.Lexical(Operator.GREATER_OR_EQUAL, p.substring(2))
                : new CondPattern.Lexical(Operator.GREATER, p.substring(1));
          case '<':
            return p.charAt(1) == '='
                ? new CondPattern.Lexical(Operator.LESS_OR_EQUAL, p.substring(2))
                : new CondPattern.Lexical(Operator.LESS, p.substring(1));
          case '=':
            String operand = p.substring(1);
            return new CondPattern.Lexical(Operator.EQUAL, operand.equals("\"\"") ? "" : operand);
          default:
            break;
        }
      }
    }
    return new CondPattern.Regex(p);
  }

  private interface FieldParser<T> {
    FlagParser.Field<T> parse(String field, FlagParser.Locator where);
  }

  /** Checks the delimiters of a flag field and parses it; null after reporting an error. */
  private <T> List<T> flagField(String name, JoinedText args, Word word, FieldParser<T> parser) {
    String field = word.value();
    SourceSpan span = spanOf(args, word);
    String directive =
        name.toLowerCase(Locale.ROOT).equals("rewriterule") ? "RewriteRule" : "RewriteCond";
    if (field.isEmpty() || field.charAt(0) != '[') {
      error(
          SyntaxRule.REWRITE_SYNTAX,
          directive
              + ": bad flag delimiters: third argument must begin with '[' but found '"
              + (field.isEmpty() ? "" : field.substring(0, 1))
              + "' - too many arguments or rogue whitespace?",
          span);
      return null;
    }
    if (field.charAt(field.length() - 1) != ']') {
      error(
          SyntaxRule.REWRITE_SYNTAX,
          directive
              + ": bad flag delimiters: third argument must end with ']' but found '"
              + field.charAt(field.length() - 1)
              + "' - unintended whitespace within the flags definition?",
          span);
      return null;
    }
    boolean quoted =
        args.text().charAt(word.start()) == '"' || args.text().charAt(word.start()) == '\'';
    int base = word.start() + (quoted ? 1 : 0);
    FlagParser.Field<T> parsed =
        parser.parse(field, (from, to) -> args.span(base + from, base + to));
    if (parsed.error() != null) {
      error(SyntaxRule.UNKNOWN_FLAG, directive + ": " + parsed.error(), parsed.errorSpan());
      return null;
    }
    return parsed.flags();
  }
}
