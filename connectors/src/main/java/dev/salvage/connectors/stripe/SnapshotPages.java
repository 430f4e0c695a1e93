package dev.salvage.connectors.stripe;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Keeps every list page read, byte for byte, as {@code <dir>/<object>/page-<slice start>-NNNN.json}
 * so that a {@code stripe-json} source can read the same objects again without calling Stripe. A
 * page is written whole or not at all, and rereading a slice overwrites its pages.
 */
final class SnapshotPages {
  private final Path dir;

  SnapshotPages(Path dir) {
    this.dir = dir;
  }

  void write(Slice slice, int page, String body) throws IOException {
    Path folder = dir.resolve(slice.type().optionName());
    Files.createDirectories(folder);
    Path target = folder.resolve(String.format("page-%d-%04d.json", slice.from(), page));
    Path partial = folder.resolve("." + target.getFileName() + ".partial");
    Files.writeString(partial, body, StandardCharsets.UTF_8);
    Files.move(
        partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
