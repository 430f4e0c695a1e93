/**
 * Reading mail: mbox files, .eml files and Maildir, and IMAP folders opened read-only and resumable
 * by UID; MIME to text, dates and addresses as written.
 */
package dev.salvage.connectors.email;
