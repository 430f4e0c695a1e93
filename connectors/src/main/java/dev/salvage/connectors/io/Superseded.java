package dev.salvage.connectors.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collection;

/**
 * What happens to a snapshot's files when a newer read replaces them: each is renamed, in place, to
 * the hidden {@code .superseded-<epoch millis>-<name>}, which file readers skip and the run counts
 * in one line, apart from the user's hidden files it names as not read. A snapshot may hold what
 * the service no longer gives (an object deleted since, a calendar cleared by a bad sync), so a
 * newer read that fails part-way, or that holds less, must not have destroyed it; the operator
 * deletes such files when sure. (Hidden files, not a hidden folder: file readers do read hidden
 * folders, where Maildir++ keeps mail.)
 */
public final class Superseded {
  private Superseded() {}

  private static final String PREFIX = ".superseded-";

  /** Renames {@code files} to hidden superseded names beside them. */
  public static void setAside(Collection<Path> files) throws IOException {
    String prefix = PREFIX + Instant.now().toEpochMilli() + "-";
    for (Path file : files) {
      Path aside = file.resolveSibling(prefix + file.getFileName());
      for (int n = 2; Files.exists(aside); n++) {
        aside = file.resolveSibling(prefix + n + "-" + file.getFileName());
      }
      Files.move(file, aside);
    }
  }

  /** Whether {@code file} is one {@link #setAside} renamed: Salvage's own, not the user's. */
  public static boolean isSetAside(Path file) {
    Path name = file.getFileName();
    return name != null && name.toString().startsWith(PREFIX);
  }
}
