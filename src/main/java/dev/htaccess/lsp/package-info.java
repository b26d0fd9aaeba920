/**
 * {@code htaccess lsp}: the Language Server Protocol over LSP4J. Diagnostics are the linter's, code
 * actions its fixes, hover and completion come from the facts the engine already states (the
 * directive catalog, the flags, the variables), and "try a URL" runs the evaluator. The editor's
 * text is UTF-16 and the engine's columns are bytes; {@link dev.htaccess.lsp.Positions} converts
 * between them.
 */
package dev.htaccess.lsp;
