/**
 * The evaluator's trace as typed events, and how much of it to keep.
 *
 * <p>Part of the library API (see {@code dev.htaccess.api}).
 */
package dev.htaccess.eval.trace;
