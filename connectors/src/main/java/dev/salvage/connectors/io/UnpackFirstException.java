package dev.salvage.connectors.io;

import java.io.IOException;

/**
 * An input file is an archive or a compression salvage does not unpack (zip, tar, 7z, RAR, xz,
 * bzip2, zstd): the source lists it as not read, with the command that unpacks it.
 */
public final class UnpackFirstException extends IOException {
  UnpackFirstException(String message) {
    super(message);
  }
}
