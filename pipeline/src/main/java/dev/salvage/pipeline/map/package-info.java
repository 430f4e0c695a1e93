/**
 * The map stage: each source's mapping rules turn raw records into observations of entities, with
 * counts of what was used, ignored and quarantined.
 */
package dev.salvage.pipeline.map;
