/**
 * The evaluator: what Apache httpd 2.4 does with a request against a document root. Build an {@link
 * dev.htaccess.eval.Evaluator} from {@link dev.htaccess.eval.EvaluatorOptions}; each {@link
 * dev.htaccess.eval.Evaluation} holds the {@link dev.htaccess.eval.Outcome} and the trace. The
 * package's other classes are the request's phases and are not public.
 *
 * <p>Part of the library API (see {@code dev.htaccess.api}).
 */
package dev.htaccess.eval;
