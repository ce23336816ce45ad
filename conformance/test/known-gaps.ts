/**
 * Requirements our own server is known to fail, with the reason. The adapter suite passes them as
 * expected failures: they are reported, and the run fails as soon as one of them starts passing,
 * so this list cannot go stale.
 */
export const OUR_KNOWN_GAPS: Record<string, string> = {};
