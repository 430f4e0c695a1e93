/**
 * Byte-exact reading helpers shared by the readers: line reading with offsets, text decoding, JSON
 * input with locations.
 */
package dev.salvage.connectors.io;
