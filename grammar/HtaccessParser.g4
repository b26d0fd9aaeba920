/*
 * Parser for Apache httpd configuration files: a sequence of logical lines, each a directive
 * (its name or section tag, then its argument tokens), a comment, or nothing. Sections are
 * ordinary lines here; the AST builder nests them by name as Apache does (server/config.c,
 * ap_build_config_sub), so that an unbalanced file gets Apache's messages rather than generic
 * "missing token" errors.
 */
parser grammar HtaccessParser;

options {
    tokenVocab = HtaccessLexer;
}

config
    : line* EOF
    ;

line
    : directive eol
    | COMMENT eol
    | NEWLINE
    ;

directive
    : head = (NAME | OPEN_TAG | CLOSE_TAG) argument*
    ;

argument
    : WORD
    | DQUOTED
    | SQUOTED
    ;

eol
    : NEWLINE
    | EOF
    ;
