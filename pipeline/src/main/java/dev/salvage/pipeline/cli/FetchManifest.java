package dev.salvage.pipeline.cli;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.salvage.pipeline.bundle.Json;
import dev.salvage.pipeline.bundle.RunSummary.NotRead;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every partition a {@code salvage fetch} of one source set out to fetch, and which it fetched to
 * their end, kept in {@code <snapshot>/<source>/.salvage-fetch.json}: written before the first
 * partition is fetched and again after each one, so that a fetch that failed on a partition, or was
 * stopped or killed, leaves a snapshot that says what it lacks. Pages and mail alone cannot say it:
 * a slice or calendar never fetched leaves no file, and a run reading the snapshot with the file
 * types took it for complete. A run reading the source's directory with a file type reports each
 * partition not complete as not read.
 *
 * @param source the configured source name
 * @param type the network type fetched ({@code stripe-api}, {@code google-calendar}, {@code imap})
 * @param written when the fetch wrote the manifest last
 * @param partitions every partition of the source, in the order the fetch took them
 */
record FetchManifest(
    String source,
    String type,
    String written,
    @JsonProperty("partitions") List<Entry> partitions) {
  /** The manifest's name in a source's snapshot directory; hidden, so no file reader reads it. */
  static final String FILE = ".salvage-fetch.json";

  FetchManifest {
    requireNonNull(source, "source");
    requireNonNull(type, "type");
    requireNonNull(written, "written");
    partitions = List.copyOf(partitions);
  }

  /**
   * One partition.
   *
   * @param partition the partition string of the network source
   * @param description the partition for the operator ({@code charges created ..}, {@code calendar
   *     tech-rosa})
   * @param mark the file, relative to the source's directory, by which the partition's own snapshot
   *     says whether its fetch finished, or null; its file reader reports it then
   * @param complete whether the fetch fetched it to its end
   * @param note what the source said of it though nothing failed (messages a mail folder's listing
   *     named that were gone when fetched), or null
   */
  record Entry(
      String partition,
      String description,
      String mark,
      boolean complete,
      @JsonInclude(JsonInclude.Include.NON_NULL) String note) {
    Entry {
      requireNonNull(partition, "partition");
      requireNonNull(description, "description");
    }

    Entry completed(String said) {
      return new Entry(partition, description, mark, true, said == null ? note : said);
    }

    Entry noted(String said) {
      return new Entry(partition, description, mark, complete, said);
    }
  }

  /** This manifest with {@code partition} fetched to its end. */
  FetchManifest withComplete(String partition, String now) {
    return withComplete(partition, now, null);
  }

  /** This manifest with {@code partition} fetched to its end, with {@code note} if not null. */
  FetchManifest withComplete(String partition, String now, String note) {
    List<Entry> entries = new ArrayList<>();
    for (Entry entry : partitions) {
      entries.add(entry.partition().equals(partition) ? entry.completed(note) : entry);
    }
    return new FetchManifest(source, type, now, entries);
  }

  /**
   * This manifest with {@code note} beside {@code partition}, complete or not: a folder not read to
   * its end because listed messages were gone when fetched keeps that said after a rerun completes
   * it.
   */
  FetchManifest withNote(String partition, String now, String note) {
    List<Entry> entries = new ArrayList<>();
    for (Entry entry : partitions) {
      entries.add(entry.partition().equals(partition) ? entry.noted(note) : entry);
    }
    return new FetchManifest(source, type, now, entries);
  }

  /**
   * Marks complete, in the manifest in {@code directory} (if a fetch wrote one), each of {@code
   * read} that is not in {@code notRead} (by partition or description) and was not complete.
   *
   * @return the descriptions of the partitions marked, in the manifest's order
   */
  static List<String> markRead(
      Path directory, Collection<String> read, Set<String> notRead, String now) throws IOException {
    Path file = directory.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      return List.of();
    }
    FetchManifest manifest = Json.MAPPER.readValue(file.toFile(), FetchManifest.class);
    List<String> marked = new ArrayList<>();
    for (Entry entry : manifest.partitions()) {
      if (!entry.complete()
          && read.contains(entry.partition())
          && !notRead.contains(entry.partition())
          && !notRead.contains(entry.description())) {
        manifest = manifest.withComplete(entry.partition(), now);
        marked.add(entry.description());
      }
    }
    if (!marked.isEmpty()) {
      manifest.write(directory);
    }
    return marked;
  }

  /**
   * The partitions the fetch that wrote the manifest in {@code directory} listed: none when there
   * is none, or when it cannot be read, since the fetch about to list them writes it anew.
   */
  static List<String> listed(Path directory) {
    Path file = directory.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      return List.of();
    }
    try {
      return Json.MAPPER.readValue(file.toFile(), FetchManifest.class).partitions().stream()
          .map(Entry::partition)
          .toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  /**
   * The note beside each partition in the manifest in {@code directory}, by partition: none when
   * there is none or it cannot be read. A fetch writes its manifest anew, and a note of what the
   * snapshot lacks (messages gone from the server when an earlier fetch fetched them) was lost with
   * the rerun that completed the folder.
   */
  static Map<String, String> notes(Path directory) {
    Path file = directory.resolve(FILE);
    Map<String, String> notes = new LinkedHashMap<>();
    if (!Files.isRegularFile(file)) {
      return notes;
    }
    try {
      for (Entry entry : Json.MAPPER.readValue(file.toFile(), FetchManifest.class).partitions()) {
        if (entry.note() != null) {
          notes.put(entry.partition(), entry.note());
        }
      }
    } catch (IOException e) {
      // the fetch about to run writes it anew; what it said before is then lost, as before
    }
    return notes;
  }

  /**
   * Writes the manifest into {@code directory} whole or not at all (a kill leaves the last one).
   */
  void write(Path directory) throws IOException {
    Files.createDirectories(directory);
    Path partial = directory.resolve(FILE + ".partial");
    Files.writeString(partial, Json.pretty(this), StandardCharsets.UTF_8);
    Files.move(
        partial,
        directory.resolve(FILE),
        StandardCopyOption.REPLACE_EXISTING,
        StandardCopyOption.ATOMIC_MOVE);
  }

  /**
   * What the fetch that wrote the manifest in {@code directory} (if any) did not fetch to its end,
   * leaving out partitions whose own mark is there to report them: empty for a complete fetch, a
   * directory no fetch wrote, or a file.
   *
   * @throws IOException when the manifest cannot be read: what the snapshot lacks is unknown
   */
  static List<NotRead> notFetched(Path directory, String sourceName) throws IOException {
    if (directory == null || !Files.isRegularFile(directory.resolve(FILE))) {
      return List.of();
    }
    Path file = directory.resolve(FILE);
    FetchManifest manifest;
    try {
      manifest = Json.MAPPER.readValue(file.toFile(), FetchManifest.class);
    } catch (IOException e) {
      throw new IOException(
          "Source "
              + sourceName
              + ": cannot tell which partitions the fetch into "
              + directory
              + " fetched to their end: "
              + file
              + " cannot be read ("
              + e.getMessage()
              + "); run salvage fetch into the snapshot again",
          e);
    }
    List<NotRead> missing = new ArrayList<>();
    for (Entry entry : manifest.partitions()) {
      if (entry.complete()
          || (entry.mark() != null && Files.exists(directory.resolve(entry.mark())))) {
        continue;
      }
      missing.add(
          new NotRead(
              entry.description(),
              "the whole partition, or the rest of it: the "
                  + manifest.type()
                  + " fetch into "
                  + directory
                  + " (last written "
                  + manifest.written()
                  + ") did not fetch it to its end",
              0,
              "not fetched (the fetch failed on it, or was stopped before it); run salvage fetch"
                  + " into the same snapshot again: it fetches only what is missing",
              true));
    }
    return missing;
  }
}
