package dev.salvage.pipeline.bundle;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A file of a run directory is not what its type says: a line that is not JSON, a record without
 * its id, a decision of an unknown kind. The message names the file and the line ({@code
 * review/decisions.jsonl:3}) so the operator can find it.
 */
public final class BundleFormatException extends IOException {
  private static final long serialVersionUID = 1L;

  private final long line;

  BundleFormatException(Path file, long line, String problem, Throwable cause) {
    super("Cannot read " + file + (line > 0 ? ":" + line : "") + ": " + problem, cause);
    this.line = line;
  }

  /** The malformed line, from 1; 0 when the problem is the whole file. */
  public long line() {
    return line;
  }
}
