/**
 * {@code htaccess convert}: a document root's .htaccess files as an nginx {@code server {}} block
 * that behaves the same, each construct mapped with the source line above it, and what cannot be
 * expressed exactly reported ({@link dev.htaccess.convert.Finding}) rather than dropped. Reads the
 * model only; {@link dev.htaccess.convert.verify} runs the result on a real nginx.
 */
package dev.htaccess.convert;
