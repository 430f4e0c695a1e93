/**
 * The run's stages as the operator sees them (read, map, link, reconcile, match, resolve, write,
 * report): where a run may stop early, how long each took and how many records went in and out, and
 * the live progress line. Meters count elements at stage boundaries (Beam metrics and a
 * process-wide registry); CPU time is sampled from the threads of the process when Flink runs
 * embedded.
 */
package dev.salvage.pipeline.stage;
