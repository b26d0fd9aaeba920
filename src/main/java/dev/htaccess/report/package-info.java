/**
 * Renderers: findings in text, JSON, SARIF, Checkstyle, GitHub and gcc formats; syntax trees;
 * traces; JUnit reports.
 *
 * <p>Internal: not part of the library API (see {@code dev.htaccess.api}); it may change in any
 * release.
 */
package dev.htaccess.report;
