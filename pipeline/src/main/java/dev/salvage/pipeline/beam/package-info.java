/**
 * Beam plumbing shared by the stages: hand-written binary coders for the value records that cross
 * shuffles, and summary counters carried as elements so they are exact on every runner.
 */
package dev.salvage.pipeline.beam;
