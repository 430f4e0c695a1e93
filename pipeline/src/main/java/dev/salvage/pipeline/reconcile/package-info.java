/**
 * Clusters to records: the one merge of an entity's evidence ({@code EntityMerger}, field values by
 * {@code FieldMerger} with ties ordered by {@code TieBreak}, derived values by {@code
 * DerivedFields}, the difference from the backup by {@code BackupDiff}), used for exact- key
 * clusters and again when matching attaches evidence; fields naming another entity resolved ({@code
 * ResolveReferences}), and unlinked evidence of that entity attached through the record naming it
 * ({@code AttachThroughReferences}); one rule for contradicting keys ({@code Keys}); stable ids.
 */
package dev.salvage.pipeline.reconcile;
