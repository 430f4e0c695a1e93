/**
 * Accuracy of a run against a generated scenario's ground truth: precision, recall of what was
 * recoverable, field accuracy and merged entities.
 */
package dev.salvage.pipeline.evaluate;
