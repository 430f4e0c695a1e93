/**
 * The link stage: observations sharing a strong key (reference, email, payment id, backup id) form
 * clusters, computed as connected components over Beam shuffles.
 */
package dev.salvage.pipeline.link;
