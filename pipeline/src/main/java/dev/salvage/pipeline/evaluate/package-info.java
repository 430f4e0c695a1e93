/**
 * Accuracy of a run against a generated scenario's ground truth: precision, recall of what was
 * recoverable, field accuracy and merged entities; the review load (flagged share, precision of the
 * unflagged records) and whether confidence is calibrated (a table by confidence and the Brier
 * score).
 */
package dev.salvage.pipeline.evaluate;
