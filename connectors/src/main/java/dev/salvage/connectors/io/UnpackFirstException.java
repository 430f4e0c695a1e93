package dev.salvage.connectors.io;

import java.io.IOException;

/**
 * An input file is an archive, a compression or a container salvage does not open (zip, tar, 7z,
 * RAR, xz, bzip2, zstd, Outlook .pst and .msg): the source lists it as not read, with the command
 * that unpacks or converts it.
 */
public final class UnpackFirstException extends IOException {
  private final String format;

  UnpackFirstException(String format, String message) {
    super(message);
    this.format = format;
  }

  /**
   * The format found, in lower case: {@code zip}, {@code tar}, {@code seven_z}, {@code rar}, {@code
   * xz}, {@code bzip2}, {@code zstd}, {@code outlook_data}, {@code ole2}, {@code empty_zip}; a
   * reader that knows what such a file means for it (a pg_dump in tar format) can say so.
   */
  public String format() {
    return format;
  }
}
