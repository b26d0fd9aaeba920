package dev.htaccess.model;

import dev.htaccess.source.SourceSpan;

/**
 * A whole-line comment, kept in the AST because lint suppressions ({@code # htaccess-lint
 * disable=...}) live in comments.
 *
 * @param text the comment after its leading {@code #}, continuations joined
 */
public record Comment(String text, SourceSpan span) implements ConfigNode {}
