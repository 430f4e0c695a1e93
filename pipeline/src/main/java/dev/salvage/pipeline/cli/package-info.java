/**
 * The {@code salvage} command line: every command, the only place options are parsed and exit codes
 * decided.
 */
package dev.salvage.pipeline.cli;
