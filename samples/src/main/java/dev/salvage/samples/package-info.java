/**
 * The sample business and its scenario generator: a simulated history, the backup, the surviving
 * mail, payments and calendars, and the ground truth to measure a run against.
 */
package dev.salvage.samples;
