/**
 * The write stage: the review bundle's files, written in parts by every worker and joined after the
 * pipeline finished.
 */
package dev.salvage.pipeline.write;
