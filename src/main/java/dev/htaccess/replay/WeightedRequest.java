package dev.htaccess.replay;

import dev.htaccess.eval.RequestSpec;

/**
 * A distinct request and how often the traffic has it.
 *
 * @param label the request as a reader sees it ({@code GET /path})
 * @param spec the request to evaluate
 * @param weight how many times it occurs
 */
public record WeightedRequest(String label, RequestSpec spec, long weight) {}
