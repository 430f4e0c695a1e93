package dev.salvage.pipeline.cli;

import static java.util.Objects.requireNonNull;

import dev.salvage.connectors.FileSelection;
import dev.salvage.connectors.SourceReaders;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The files a run's sources and backup would read, looked at before anything is read for the two
 * ways one piece of evidence gets read twice without a word: one file under two sources (or twice
 * under one, through a symbolic link), which is refused, and two files with the same bytes (a
 * browser's second download, {@code payments (1).json}), which are named.
 */
final class SharedInputs {
  /** A source's files as configured: its name, path and the include/exclude choosing its files. */
  record Input(String source, Path path, FileSelection selection, boolean mail) {
    Input {
      requireNonNull(source, "source");
      requireNonNull(path, "path");
      requireNonNull(selection, "selection");
    }

    /** A source of other files than mail. */
    Input(String source, Path path, FileSelection selection) {
      this(source, path, selection, false);
    }
  }

  /** A file as a source lists it. */
  record Listed(String source, Path file, boolean mail) {
    Listed {
      requireNonNull(source, "source");
      requireNonNull(file, "file");
    }

    Listed(String source, Path file) {
      this(source, file, false);
    }

    @Override
    public String toString() {
      return file + " (source " + source + ")";
    }
  }

  /** Files holding the same bytes, in listing order. */
  record Copies(List<Listed> files, long bytes) {
    Copies {
      files = List.copyOf(files);
    }

    /** The one source all the files belong to, or null when they are of several. */
    String source() {
      String first = files.get(0).source();
      return files.stream().allMatch(file -> file.source().equals(first)) ? first : null;
    }

    /**
     * The file read of a group read once: the shortest name, so that {@code cal.ics} and not the
     * second download {@code cal (1).ics} names the evidence; the first listed among equals.
     */
    Listed kept() {
      return files.stream()
          .min(
              java.util.Comparator.comparingInt(
                  file -> file.file().getFileName().toString().length()))
          .orElseThrow();
    }

    /** The files' paths, comma-separated. */
    String named() {
      return String.join(", ", files.stream().map(file -> file.file().toString()).toList());
    }
  }

  private final List<Listed> files;

  private SharedInputs(List<Listed> files) {
    this.files = List.copyOf(files);
  }

  /**
   * Lists the files of {@code inputs}, refusing one that two sources read, or one source twice.
   * Paths are compared after resolving symbolic links, so {@code mail/2025 -> /mnt/archive/2025}
   * and a source on {@code /mnt/archive} are caught. There is no use in reading a file twice: two
   * mappings for one file are one mapping file with the rules of both, and two sources on one
   * directory choose different files with {@code include} and {@code exclude}, which is allowed. A
   * path that cannot be listed or resolved is left to the read, which names it.
   *
   * @throws ConfigException naming both sources, the file, and how each reaches it
   */
  static SharedInputs check(List<Input> inputs) throws ConfigException {
    Map<Path, Listed> byRealPath = new LinkedHashMap<>();
    List<Listed> listed = new ArrayList<>();
    for (Input input : inputs) {
      List<Path> chosen;
      try {
        chosen = SourceReaders.chosenFiles(input.path(), input.selection());
      } catch (IOException e) {
        continue; // the source's listing fails again when it is opened, and says why
      }
      for (Path file : chosen) {
        Path real;
        try {
          real = file.toRealPath();
        } catch (IOException e) {
          continue; // a broken link or a file gone: its read fails and names it
        }
        Listed here = new Listed(input.source(), file.toAbsolutePath().normalize(), input.mail());
        Listed earlier = byRealPath.putIfAbsent(real, here);
        if (earlier != null) {
          throw new ConfigException(twice(real, earlier, here));
        }
        listed.add(here);
      }
    }
    return new SharedInputs(listed);
  }

  private static String twice(Path real, Listed earlier, Listed here) {
    String how =
        earlier.file().equals(here.file())
            ? ""
            : " (as " + earlier.file() + " and as " + here.file() + ")";
    String who =
        earlier.source().equals(here.source())
            ? "Source " + here.source() + " reads the file " + real + " twice" + how
            : "Sources "
                + earlier.source()
                + " and "
                + here.source()
                + " both read the file "
                + real
                + how;
    return who
        + ": each of its records would be read, counted and weighed in linking twice. Leave it out"
        + " of one with exclude, or point one source elsewhere; two mappings for one file are one"
        + " mapping file with the rules of both.";
  }

  /**
   * The files holding the same bytes as another, in groups. Only files of the same size are read
   * and hashed (SHA-256), so a run whose files all differ in size reads none of them here.
   */
  List<Copies> identical() throws IOException {
    return identical(new PreparationActivity());
  }

  /** {@link #identical()}, telling {@code activity} when it compares files of one size. */
  List<Copies> identical(PreparationActivity activity) throws IOException {
    Map<Long, List<Listed>> bySize = new TreeMap<>();
    for (Listed file : files) {
      long size;
      try {
        size = Files.size(file.file());
      } catch (IOException e) {
        continue; // its read fails and names it
      }
      if (size > 0) { // empty files are named on their own
        bySize.computeIfAbsent(size, s -> new ArrayList<>()).add(file);
      }
    }
    long ofOneSize =
        bySize.values().stream().filter(group -> group.size() > 1).mapToLong(List::size).sum();
    activity.step(
        "all sources", "comparing the bytes of the files that have a size in common", ofOneSize);
    List<Copies> copies = new ArrayList<>();
    for (Map.Entry<Long, List<Listed>> sameSize : bySize.entrySet()) {
      if (sameSize.getValue().size() < 2) {
        continue;
      }
      Map<String, List<Listed>> byDigest = new LinkedHashMap<>();
      for (Listed file : sameSize.getValue()) {
        activity.done();
        String digest;
        try {
          digest = digest(file.file());
        } catch (IOException e) {
          continue; // its read fails and names it
        }
        byDigest.computeIfAbsent(digest, d -> new ArrayList<>()).add(file);
      }
      byDigest.values().stream()
          .filter(group -> group.size() > 1)
          .forEach(group -> copies.add(new Copies(group, sameSize.getKey())));
    }
    return copies;
  }

  /** The SHA-256 of a file's bytes, as hex. */
  static String digest(Path file) throws IOException {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
    byte[] buffer = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        sha.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  /** Groups named one by one on the console; past them, the rest are counted. */
  private static final int GROUPS_NAMED = 3;

  /**
   * The files not to read because an earlier file of the same source holds the same bytes (a
   * calendar saved twice, {@code cal.ics} and {@code cal (1).ics}): read, each of their records was
   * a second piece of evidence for the same event, payment or row, listed twice in every record and
   * diluting its confidences. Files of different sources are each read, since each source maps them
   * its own way; mail files need nothing, since a mail's evidence id is its own wherever it lies; a
   * fetch's snapshot is left as the fetch wrote it. Absolute, normalized paths, as a file source's
   * partitions are.
   */
  static Set<String> readOnce(List<Copies> copies, Set<String> fetched) {
    Set<String> skipped = new java.util.HashSet<>();
    for (Copies group : copies) {
      if (readOnce(group, fetched)) {
        Listed kept = group.kept();
        group.files().stream()
            .filter(file -> !file.equals(kept))
            .forEach(file -> skipped.add(file.file().toString()));
      }
    }
    return skipped;
  }

  private static boolean readOnce(Copies group, Set<String> fetched) {
    return group.source() != null && !allMail(group) && !fetched.contains(group.source());
  }

  /**
   * Every group of identical files that are not all mail, per source it involves, as the line
   * summary.json keeps among that source's notes: the console names only the first few.
   */
  static Map<String, List<String>> summaryNotes(List<Copies> copies, Set<String> fetched) {
    Map<String, List<String>> bySource = new TreeMap<>();
    for (Copies group : others(copies, fetched)) {
      String line = line(group, fetched);
      group.files().stream()
          .map(Listed::source)
          .distinct()
          .forEach(source -> bySource.computeIfAbsent(source, s -> new ArrayList<>()).add(line));
    }
    return bySource;
  }

  private static List<Copies> others(List<Copies> copies, Set<String> fetched) {
    return copies.stream()
        .filter(group -> !allMail(group))
        .filter(group -> !group.files().stream().allMatch(file -> fetched.contains(file.source())))
        .toList();
  }

  private static String line(Copies group, Set<String> fetched) {
    if (readOnce(group, fetched)) {
      return group.files().size()
          + " files of source "
          + group.source()
          + " hold the same "
          + group.bytes()
          + " bytes: "
          + group.named()
          + "; read once, from "
          + group.kept().file().getFileName();
    }
    return group.files().size()
        + " files hold the same "
        + group.bytes()
        + " bytes, and each is read by its own source, so their records count once per copy (a"
        + " second download, a copy kept twice?; leave the extra ones out with exclude): "
        + String.join(" = ", group.files().stream().map(Listed::toString).toList());
  }

  /**
   * The note naming identical files, one line per group (the first few, then a count of the rest,
   * which summary.json names), or empty when there are none. Mails kept in several folders (an IMAP
   * snapshot of Gmail's All Mail beside its INBOX holds every mail twice) are said apart: each copy
   * has the mail's one evidence id and counts once in linking, so there is nothing to leave out.
   */
  static List<String> notes(List<Copies> copies) {
    return notes(copies, Set.of());
  }

  /**
   * The same, leaving out the groups of other files than mail that only sources read from a {@code
   * salvage fetch} snapshot ({@code fetched}) hold: the fetch wrote them, not the user.
   */
  static List<String> notes(List<Copies> copies, Set<String> fetched) {
    List<Copies> mail = copies.stream().filter(SharedInputs::allMail).toList();
    List<Copies> other = others(copies, fetched);
    List<String> lines = new ArrayList<>();
    for (Copies group : other.subList(0, Math.min(GROUPS_NAMED, other.size()))) {
      lines.add("Note: " + line(group, fetched));
    }
    if (other.size() > GROUPS_NAMED) {
      lines.add(
          "Note: and "
              + (other.size() - GROUPS_NAMED)
              + " more groups of files hold the same bytes as each other ("
              + other.subList(GROUPS_NAMED, other.size()).stream()
                  .mapToInt(group -> group.files().size())
                  .sum()
              + " files), listed in summary.json among their sources' notes");
    }
    if (!mail.isEmpty()) {
      lines.add(
          "Note: "
              + mail.size()
              + " mail(s) are kept as identical files in more than one place (a mail filed in"
              + " several folders); each copy has the mail's evidence id and counts once in"
              + " linking. E.g. "
              + String.join(" = ", mail.get(0).files().stream().map(Listed::toString).toList()));
    }
    return lines;
  }

  // a mail source's copies are all read: each has the mail's one evidence id, and the folder of
  // each copy (a Trash beside the INBOX) is evidence of its own
  private static boolean allMail(Copies group) {
    return group.files().stream()
        .allMatch(
            listed ->
                listed.mail()
                    || listed.file().getFileName().toString().toLowerCase().endsWith(".eml"));
  }
}
