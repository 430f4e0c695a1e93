/**
 * Probabilistic matching of evidence that lacks its entity's identifying keys, one unit per concept
 * as in Splink: blocking ({@code BlockingKeys}, {@code BlockCandidates}), comparison levels ({@code
 * FieldComparison}), u estimation ({@code UEstimate}), m from pairs known to match ({@code
 * KnownMatches}) and by EM ({@code EmFit}, {@code FitMatchModels}), the population prior ({@code
 * PopulationPrior}), the decision policy ({@code AttachmentPolicy}) and carrying decisions out
 * ({@code ApplyMatchDecisions}, {@code RecordAttacher}); {@code MatchUnlinkedEvidence} wires them.
 */
package dev.salvage.pipeline.match;
