/**
 * The operator's review: the local web UI and its API over a run's bundle, the append-only
 * decisions log, and the self-contained HTML report.
 */
package dev.salvage.pipeline.review;
