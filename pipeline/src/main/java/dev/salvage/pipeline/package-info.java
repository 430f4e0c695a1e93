/**
 * The Beam pipeline of a recovery run, one subpackage per stage of the data flow: {@code read}
 * (partitions to raw records), {@code map} (raw records to observations), {@code link}
 * (observations to clusters by exact keys), {@code reconcile} (clusters to records, reconciled with
 * the backup), {@code match} (unlinked evidence attached by probabilistic matching), {@code write}
 * (records to the review bundle), with the bundle's file types in {@code bundle} and Beam plumbing
 * in {@code beam}. After the run: {@code review} (decisions), {@code importer} (plan and apply),
 * {@code evaluate} (accuracy against a scenario's truth); {@code cli} is the only place options are
 * parsed. {@link dev.salvage.pipeline.SalvagePipeline} wires the stages. See docs/architecture.md.
 */
package dev.salvage.pipeline;
