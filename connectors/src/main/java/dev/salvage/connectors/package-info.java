/**
 * Read-only access to the systems that hold evidence: the source types and their readers ({@code
 * SourceReaders}), the partitioned-source contract, raw and quarantined records, and the one way
 * options are declared ({@code Option}, {@code OptionSet}).
 */
package dev.salvage.connectors;
