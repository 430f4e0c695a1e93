package dev.salvage.pipeline.cli;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.salvage.pipeline.bundle.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The partitions of one source an unfinished {@code salvage fetch} already fetched to their end,
 * with how many records each gave, kept in {@code <snapshot>/.fetch-progress-<source>.json} after
 * each one, so that a rerun fetches only what is missing (the partitions that failed and those
 * never tried) and can say how many records the snapshot holds in all. The file is removed when a
 * fetch of the source ends complete: the next fetch is a fresh one (in which IMAP and Stripe still
 * resume from their snapshots, and google-calendar reads the calendars fetched to their end from
 * it). It holds a digest of the source's options; a file written under other options is ignored.
 */
final class FetchProgress {
  /**
   * The file's content.
   *
   * @param records the records of each partition fetched; empty in a file written before they were
   *     counted
   */
  record Saved(
      String options,
      @JsonProperty("fetched") List<String> fetched,
      @JsonProperty("records") Map<String, Long> records) {
    Saved {
      fetched = List.copyOf(fetched);
      records = records == null ? Map.of() : Map.copyOf(records);
    }
  }

  private final Path file;
  private final String options;
  private final TreeSet<String> fetched = new TreeSet<>();
  private final TreeMap<String, Long> records = new TreeMap<>();

  private FetchProgress(Path file, String options) {
    this.file = file;
    this.options = options;
  }

  /**
   * The progress of source {@code name} in {@code snapshot}, empty unless it was left unfinished.
   */
  static FetchProgress load(Path snapshot, String name, String type, Map<String, String> options)
      throws IOException {
    FetchProgress progress =
        new FetchProgress(
            snapshot.resolve(".fetch-progress-" + name + ".json"), digest(type, options));
    if (Files.isRegularFile(progress.file)) {
      Saved saved = Json.MAPPER.readValue(progress.file.toFile(), Saved.class);
      if (progress.options.equals(saved.options())) {
        progress.fetched.addAll(saved.fetched());
        progress.records.putAll(saved.records());
      }
    }
    return progress;
  }

  boolean fetched(String partition) {
    return fetched.contains(partition);
  }

  /**
   * How many records the partitions among {@code partitions} that were fetched before gave, or null
   * when a file written before they were counted does not say.
   */
  Long recordsOf(List<String> partitions) {
    long sum = 0;
    for (String partition : partitions) {
      Long of = records.get(partition);
      if (of == null) {
        return null;
      }
      sum += of;
    }
    return sum;
  }

  /** Records that {@code partition} was fetched to its end, giving {@code count} records. */
  void add(String partition, long count) throws IOException {
    fetched.add(partition);
    records.put(partition, count);
    Files.createDirectories(file.getParent());
    Path partial = file.resolveSibling(file.getFileName() + ".partial");
    Files.writeString(
        partial,
        Json.pretty(new Saved(options, new ArrayList<>(fetched), records)),
        StandardCharsets.UTF_8);
    Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
  }

  /** The source was fetched to its end: the next fetch starts afresh. */
  void clear() throws IOException {
    Files.deleteIfExists(file);
  }

  private static String digest(String type, Map<String, String> options) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      // option values name files and variables holding secrets, never the secrets themselves
      sha.update((type + "\n" + new TreeMap<>(options)).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("The JDK has no SHA-256", e);
    }
  }
}
