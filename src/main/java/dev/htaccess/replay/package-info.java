/**
 * Replays traffic against configurations: {@code diff} compares what each request gets under an old
 * and a new configuration. Pure library code over the evaluator (no command line, no global state),
 * so a replay is a map over partitions of a log.
 */
package dev.htaccess.replay;
