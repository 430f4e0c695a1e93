/**
 * Reading the old backup: plain pg_dump files (COPY and INSERT), a restored database over a read-
 * only JDBC connection, and per-table CSV or JSON-lines exports.
 */
package dev.salvage.connectors.backup;
