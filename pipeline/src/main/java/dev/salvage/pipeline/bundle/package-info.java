/**
 * The review bundle a run leaves for people and for the import: one Java record per line of each
 * file ({@link dev.salvage.pipeline.bundle.ReconstructedRecord} in records.jsonl and
 * unlinked.jsonl, {@link dev.salvage.pipeline.bundle.EvidenceEntry}, {@link
 * dev.salvage.pipeline.bundle.QuarantineEntry}, {@link dev.salvage.pipeline.bundle.Decision}),
 * {@link dev.salvage.pipeline.bundle.RunSummary} for summary.json and {@link
 * dev.salvage.pipeline.bundle.RecordCsv} for records.csv; {@link
 * dev.salvage.pipeline.bundle.RunLayout} names the files, {@link
 * dev.salvage.pipeline.bundle.JsonlFile} reads and writes them a line at a time, {@link
 * dev.salvage.pipeline.bundle.Decisions} holds the one rule for which decision is in force, and
 * {@link dev.salvage.pipeline.bundle.Json} is the module's one configured Jackson mapper. Run
 * writes the bundle; review, import and evaluate read it only through these types.
 */
package dev.salvage.pipeline.bundle;
