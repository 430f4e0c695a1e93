package dev.salvage.connectors.email;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salvage.connectors.CollectingSink;
import dev.salvage.connectors.PartitionedSource;
import dev.salvage.connectors.Quarantined;
import dev.salvage.connectors.RawRecord;
import dev.salvage.connectors.SourceReaders;
import dev.salvage.connectors.io.InputFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads an mbox fixture whole, as source {@code test}, and asserts on the way that read as a source
 * split into byte ranges it gives the very same records and quarantine entries, in the same order,
 * offsets included: with {@code split_size} 1 (every message its own range) and 200 bytes (ranges
 * of several messages, cut anywhere). Every mbox test of this package reads its fixtures through
 * it, so that every dialect and corner they cover is also read split.
 */
final class MboxReads {
  private MboxReads() {}

  static CollectingSink read(Path file) throws Exception {
    CollectingSink whole = CollectingSink.read(new MboxReader(), file);
    for (String splitSize : List.of("1", "200")) {
      PartitionedSource source =
          SourceReaders.open("test", "mbox", file, Map.of("split_size", splitSize));
      List<String> partitions = source.partitions();
      CollectingSink split = new CollectingSink();
      for (String partition : partitions) {
        source.read(partition, split);
      }

      assertThat(split.records)
          .as("records of %s read in ranges of %s byte(s): %s", file, splitSize, partitions)
          .containsExactlyElementsOf(whole.records);
      assertThat(split.quarantined)
          .as("quarantine of %s read in ranges of %s byte(s): %s", file, splitSize, partitions)
          .containsExactlyElementsOf(whole.quarantined);
      if (splitSize.equals("1")) {
        assertThat(partitions)
            .as("ranges of %s", file)
            .hasSize(InputFiles.isGzip(file) ? 1 : 1 + (int) laterMessageStarts(whole));
      }
    }
    return whole;
  }

  /**
   * The messages that do not start at byte 0: each starts a range of its own at split size 1, but
   * for one whose split is doubted (its notes name the message before it).
   */
  private static long laterMessageStarts(CollectingSink whole) {
    return Stream.concat(
            whole.records.stream()
                .filter(record -> !record.json().contains(MailNotes.DOUBTFUL_SPLIT))
                .map(RawRecord::location),
            whole.quarantined.stream().map(Quarantined::location))
        .map(location -> Long.parseLong(location.substring(location.lastIndexOf(':') + 1)))
        .filter(offset -> offset > 0)
        .count();
  }
}
