/**
 * The map stage: each source's mapping rules turn raw records into observations of entities, with
 * counts of what was used, ignored and quarantined; the backup's rows are indexed first for the
 * rules' lookups in its tables.
 */
package dev.salvage.pipeline.map;
