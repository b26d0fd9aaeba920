/*
 * Lexer for Apache httpd configuration files as used in .htaccess and <VirtualHost> snippets.
 *
 * Apache reads a configuration file line by line (server/util.c, ap_cfg_getline): a backslash
 * right before the line feed joins the next physical line, leading and trailing white space is
 * dropped, a line whose first character is '#' is a comment, and the first word names the
 * directive. Arguments are split later, by each directive's own rules (ap_getword_conf for most,
 * mod_rewrite's own splitter for RewriteRule and RewriteCond), so the lexer keeps the raw text of
 * every argument token and the AST builder applies the right rule. Input is read as ISO-8859-1,
 * one char per byte, so arbitrary bytes survive unchanged.
 *
 * Modes: DEFAULT_MODE is the start of a logical line; the directive name pushes ARGS, and the
 * end of the line pops it. Section nesting (<IfModule> ... </IfModule>) is resolved by the AST
 * builder, which reports a mismatch in Apache's own words.
 */
lexer grammar HtaccessLexer;

NEWLINE
    : '\n'
    ;

// Leading white space, including a continuation that joins an otherwise empty line.
WS
    : (HSPACE | CONT)+ -> channel (HIDDEN)
    ;

// A whole-line comment; a trailing backslash continues it, as Apache joins lines first.
COMMENT
    : '#' (CONT | ~ '\n')*
    ;

// "</Name>": closes a section.
CLOSE_TAG
    : '</' WORD_CHAR* -> pushMode (ARGS)
    ;

// "<Name": opens a section; the header's closing '>' is part of the last argument.
OPEN_TAG
    : '<' ~ [/ \t\r\f\u000B\n] WORD_CHAR* -> pushMode (ARGS)
    ;

// Any other first word names a directive (quotes included, as Apache would see them).
NAME
    : (~ [<# \t\r\f\u000B\n\\] WORD_CHAR* | '\\' WORD_CHAR* | '<') -> pushMode (ARGS)
    ;

fragment HSPACE
    : [ \t\r\f\u000B]
    ;

// Backslash-newline: removed by Apache before the line is split into words.
fragment CONT
    : '\\' '\r'? '\n'
    ;

fragment WORD_CHAR
    : CONT
    | ~ [ \t\r\f\u000B\n]
    ;

mode ARGS;

ARGS_NEWLINE
    : '\n' -> type (NEWLINE), popMode
    ;

ARGS_WS
    : (HSPACE | CONT)+ -> channel (HIDDEN)
    ;

// "..." with \" and \\ escapes; an unterminated string runs to the end of the line. A backslash
// is read together with the character after it, as ap_getword_conf scans, so "a\\"b" ends at the
// quote after the escaped backslash and b is the next word.
DQUOTED
    : '"' ('\\' ~ [\n] | CONT | ~ ["\\\n])* '"'?
    ;

// '...' with \' and \\ escapes; an unterminated string runs to the end of the line.
SQUOTED
    : '\'' ('\\' ~ [\n] | CONT | ~ ['\\\n])* '\''?
    ;

// An unquoted word runs to the next white space; quotes inside it are ordinary characters.
WORD
    : ~ ["' \t\r\f\u000B\n] WORD_CHAR*
    ;
