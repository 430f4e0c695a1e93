/**
 * Putting approved records back: the target mapping, a plan that only reads the target, and an
 * apply that runs exactly that plan in one transaction, never deleting, auditing every change and
 * writing an undo script. {@link dev.salvage.pipeline.importer.Importer} is its entry point.
 */
package dev.salvage.pipeline.importer;
