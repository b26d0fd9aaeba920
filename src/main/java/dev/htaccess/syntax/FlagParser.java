package dev.htaccess.syntax;

import dev.htaccess.httpd.CNumbers;
import dev.htaccess.httpd.HttpStatus;
import dev.htaccess.model.CondFlag;
import dev.htaccess.model.RuleFlag;
import dev.htaccess.model.RuleFlagKind;
import dev.htaccess.source.SourceSpan;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Splits a {@code [flag,flag=value]} field the way mod_rewrite's {@code cmd_parseflagfield} does:
 * commas separate flags, spaces around a flag are dropped, the first {@code =} separates key and
 * value, and an empty flag (as in {@code [L,]}) is an unknown flag.
 */
final class FlagParser {

  /** A flag field split into keys and values, or the first error. */
  record Field<T>(List<T> flags, String error, SourceSpan errorSpan) {}

  /** Where the field's text sits, so flags get spans. */
  interface Locator {
    SourceSpan span(int from, int to);
  }

  private FlagParser() {}

  /**
   * Parses the flags of a RewriteRule. {@code field} includes the brackets; the caller has checked
   * them.
   */
  static Field<RuleFlag> ruleFlags(String field, Locator where) {
    return parse(field, where, FlagParser::ruleFlag);
  }

  /** Parses the flags of a RewriteCond. */
  static Field<CondFlag> condFlags(String field, Locator where) {
    return parse(
        field,
        where,
        (piece, span) -> {
          CondFlag.Kind kind = CondFlag.Kind.of(piece.key);
          if (kind == null) {
            return Result.error("unknown flag '" + piece.key + "'");
          }
          return Result.ok(new CondFlag(kind, piece.key, span));
        });
  }

  private record Piece(String key, String value, boolean hasValue) {}

  private record Result<T>(T flag, String error) {
    static <T> Result<T> ok(T flag) {
      return new Result<>(flag, null);
    }

    static <T> Result<T> error(String message) {
      return new Result<>(null, message);
    }
  }

  private static Result<RuleFlag> ruleFlag(Piece piece, SourceSpan span) {
    var kind = RuleFlagKind.of(piece.key);
    if (kind.isEmpty()) {
      return Result.error("unknown flag '" + piece.key + "'");
    }
    RuleFlagKind k = kind.get();
    if (k == RuleFlagKind.ESCAPE_BACKREFS_EXCEPT && piece.value.isEmpty()) {
      return Result.error("flag 'BNE' wants a list of characters (i.e. [BNE=...])");
    }
    if (k == RuleFlagKind.REDIRECT && !HttpStatus.redirectFlag(piece.value).valid()) {
      return Result.error("invalid HTTP response code '" + piece.value + "' for flag 'R'");
    }
    return Result.ok(new RuleFlag(k, piece.key, piece.value, span));
  }

  private static <T> Field<T> parse(
      String field, Locator where, BiFunction<Piece, SourceSpan, Result<T>> interpret) {
    List<T> flags = new ArrayList<>();
    // The closing bracket acts as a final comma, as in Apache.
    String body = field.substring(1, field.length() - 1) + ",";
    int offset = 1;
    int i = 0;
    while (i < body.length()) {
      while (i < body.length() && CNumbers.isSpace(body.charAt(i))) {
        i++;
      }
      int comma = body.indexOf(',', i);
      if (i >= body.length() || comma < 0) {
        break;
      }
      int end = comma;
      while (end > i && CNumbers.isSpace(body.charAt(end - 1))) {
        end--;
      }
      String text = body.substring(i, end);
      int equals = text.indexOf('=');
      Piece piece =
          equals < 0
              ? new Piece(text, "", false)
              : new Piece(text.substring(0, equals), text.substring(equals + 1), true);
      SourceSpan span = where.span(offset + i, offset + Math.max(end, i + 1));
      Result<T> result = interpret.apply(piece, span);
      if (result.error() != null) {
        return new Field<>(List.of(), result.error(), span);
      }
      flags.add(result.flag());
      i = comma + 1;
    }
    return new Field<>(flags, null, null);
  }
}
