/**
 * The read stage: one task per source partition (a file, a mail folder, a Stripe time slice, a
 * calendar), streaming raw records and quarantining what a reader cannot parse.
 */
package dev.salvage.pipeline.read;
