package dev.salvage.pipeline.importer;

/**
 * A row found by an insert's natural key that the record updates: one an earlier apply inserted and
 * nobody changed since, so the record's later evidence updates it, or one present with other values
 * that {@code --overwrite} names, which the operator says is the record's.
 *
 * @param salvaged which apply inserted it, for plan.sql and the plan's output; null when
 *     overwriting
 * @param otherwise why the record is kept out should the update write nothing (its differences lie
 *     in columns written on insert only)
 * @param overwriting whether {@code --overwrite} asked for it: each column written is named as
 *     written over
 */
record OwnRow(Approved record, String salvaged, String otherwise, boolean overwriting) {}
