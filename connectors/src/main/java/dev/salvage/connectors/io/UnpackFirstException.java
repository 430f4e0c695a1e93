package dev.salvage.connectors.io;

import java.io.IOException;

/**
 * An input file is an archive, a compression or a container salvage does not open (zip, tar, 7z,
 * RAR, xz, bzip2, zstd, Outlook .pst and .msg): the source lists it as not read, with the command
 * that unpacks or converts it.
 */
public final class UnpackFirstException extends IOException {
  UnpackFirstException(String message) {
    super(message);
  }
}
