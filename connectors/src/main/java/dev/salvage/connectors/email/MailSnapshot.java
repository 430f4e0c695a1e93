package dev.salvage.connectors.email;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The raw copy of what an IMAP source fetched: {@code <dir>/<folder>/<uid>.eml}, the message bytes
 * exactly as the server sent them, so that a {@code type: eml} source can read them later without
 * the server. The folder hierarchy becomes directories. Files are written under a hidden name and
 * renamed, so a crash never leaves half a message where a reader would find it.
 */
final class MailSnapshot {
  private static final Pattern MESSAGE_FILE = Pattern.compile("([0-9]{1,19})\\.eml");
  private static final Pattern REPLACED_FILE =
      Pattern.compile("\\.replaced-[0-9]+-[0-9]{1,19}\\.eml");
  private static final Pattern UNSAFE = Pattern.compile("[\\\\/:*?\"<>|\\x00-\\x1f]");

  private final Path root;

  MailSnapshot(Path root) {
    this.root = root;
  }

  /** A message of the snapshot. */
  record Stored(long uid, Path file) {}

  /** The directory of an IMAP folder, one level per hierarchy level. */
  Path directory(String folder, char separator) {
    Path directory = root;
    String[] levels =
        separator == 0
            ? new String[] {folder}
            : folder.split(Pattern.quote(String.valueOf(separator)));
    for (String level : levels) {
      directory = directory.resolve(safeName(level));
    }
    return directory;
  }

  /**
   * A file or directory name that stays where it is put and is not hidden from file readers, and
   * that no other folder name gets: a name that had to be altered carries a digest of the original
   * ({@code Res:2024} and {@code Res_2024} once shared a directory, and one folder's mail overwrote
   * the other's in the snapshot, silently).
   */
  static String safeName(String level) {
    String name = UNSAFE.matcher(level).replaceAll("_");
    if (name.isEmpty() || name.startsWith(".")) {
      name = "_" + name;
    }
    return name.equals(level) ? name : name + "~" + digest(level);
  }

  private static String digest(String level) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(level.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }

  void write(Path directory, long uid, byte[] raw) throws IOException {
    Files.createDirectories(directory);
    Path temporary = directory.resolve("." + uid + ".eml.tmp");
    Files.write(temporary, raw);
    ImapState.move(temporary, directory.resolve(uid + ".eml"));
  }

  /** The messages stored for a folder with a UID up to {@code maxUid}, by UID. */
  List<Stored> stored(Path directory, long maxUid) throws IOException {
    List<Stored> stored = new ArrayList<>();
    if (!Files.isDirectory(directory)) {
      return stored;
    }
    try (Stream<Path> files = Files.list(directory)) {
      files.forEach(
          file -> {
            Matcher name = MESSAGE_FILE.matcher(file.getFileName().toString());
            if (name.matches() && Files.isRegularFile(file)) {
              long uid = Long.parseLong(name.group(1));
              if (uid <= maxUid) {
                stored.add(new Stored(uid, file));
              }
            }
          });
    }
    stored.sort((a, b) -> Long.compare(a.uid(), b.uid()));
    return stored;
  }

  /**
   * Hides the messages stored for a folder before it is read again from scratch: they keep their
   * bytes under a hidden name that file readers skip, so nothing fetched is lost and nothing is
   * read twice. Messages set aside because the server renumbered the folder (or the snapshot or
   * state was damaged) are named {@code .replaced-<time>-<uid>.eml}, and the reader reads those the
   * server no longer holds; those set aside for other search criteria are {@code
   * .other-criteria-...}, as the operator chose not to read them.
   */
  void setAside(Path directory, String why) throws IOException {
    for (Stored message : stored(directory, Long.MAX_VALUE)) {
      ImapState.move(message.file(), directory.resolve("." + why + "-" + message.uid() + ".eml"));
    }
  }

  /**
   * The messages of earlier snapshots of a folder set aside when the server renumbered it, by file
   * name (oldest set-aside first).
   */
  List<Path> replaced(Path directory) throws IOException {
    List<Path> replaced = new ArrayList<>();
    if (!Files.isDirectory(directory)) {
      return replaced;
    }
    try (Stream<Path> files = Files.list(directory)) {
      files
          .filter(file -> REPLACED_FILE.matcher(file.getFileName().toString()).matches())
          .filter(Files::isRegularFile)
          .forEach(replaced::add);
    }
    replaced.sort(null);
    return replaced;
  }

  /**
   * The set-aside files below {@code root} (an IMAP source's snapshot read as {@code type: eml})
   * holding mail that the current files of their folder do not: what the server lost or renumbered
   * away, which the IMAP source reads from them and a reader of the files must read too, since the
   * snapshot may be its only copy. Each message once, from the oldest set-aside that kept it, as
   * the IMAP source reads it; set-asides for other search criteria are left, as it leaves them.
   */
  static List<Path> onlySetAside(Path root) throws IOException {
    List<Path> only = new ArrayList<>();
    if (!Files.isDirectory(root)) {
      return only;
    }
    // walked as the source's files are: a folder the run may not open is reported, not fatal
    List<Path> directories = dev.salvage.connectors.SourceReaders.directories(root);
    MailSnapshot snapshot = new MailSnapshot(root);
    for (Path directory : directories) {
      List<Path> replaced = snapshot.replaced(directory);
      if (replaced.isEmpty()) {
        continue;
      }
      java.util.Set<String> held = new java.util.HashSet<>();
      for (Stored message : snapshot.stored(directory, Long.MAX_VALUE)) {
        held.add(ImapFolderReader.identity(Files.readAllBytes(message.file())));
      }
      for (Path file : replaced) {
        if (held.add(ImapFolderReader.identity(Files.readAllBytes(file)))) {
          only.add(file.toAbsolutePath().normalize());
        }
      }
    }
    return only;
  }
}
