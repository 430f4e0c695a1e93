/**
 * Comparing values as people write them, shared by matching (how alike two pieces of evidence are)
 * and merging (which spellings are one value): names by tokens with case and accents folded, typos
 * and initials; canonical instants read without a formatter, since both read them for every
 * compared pair and every claim.
 */
package dev.salvage.pipeline.values;
