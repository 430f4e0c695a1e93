/**
 * The mapping language and its engine: the run config, the entity model, and source mappings whose
 * rules turn raw records into typed, canonical observations; every file validated when loaded,
 * errors naming file, place and line.
 */
package dev.salvage.mappings;
