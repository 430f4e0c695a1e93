package dev.salvage.connectors.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.salvage.connectors.CollectingSink;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Dumps made by the real pg_dump of a real PostgreSQL, read back and compared row by row. */
class PgDumpRealPostgresTest extends AwkwardDatabaseTest {
  @TempDir Path dir;

  private CollectingSink readDump(String... pgDumpArguments) throws Exception {
    Path dump = database.dump(dir.resolve("dump.sql"), pgDumpArguments);
    return CollectingSink.read(new PgDumpReader(), dump);
  }

  private static void assertSameRowsAsTheDatabase(CollectingSink sink) {
    Map<String, List<String>> actual = AwkwardSchema.actual(sink);
    assertThat(actual.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
    expected.forEach((ref, row) -> assertThat(actual.get(ref)).as(ref).isEqualTo(row));
    // no_key's third row repeats its first, ref and all: kept out, and said so, not merged
    assertThat(sink.records.stream().filter(r -> r.ref().startsWith("backup:no_key#")).count())
        .isEqualTo(2);
    assertThat(sink.quarantined)
        .singleElement()
        .satisfies(q -> assertThat(q.reason()).contains("same ref backup:no_key#first"));
  }

  @Test
  void plainDumpGivesTheRowsPostgresHolds() throws Exception {
    assertThat(expected).hasSizeGreaterThan(300);
    assertSameRowsAsTheDatabase(readDump());
  }

  @Test
  void insertsDumpGivesTheSameRows() throws Exception {
    assertSameRowsAsTheDatabase(readDump("--inserts"));
  }

  @Test
  void columnInsertsDumpGivesTheSameRows() throws Exception {
    assertSameRowsAsTheDatabase(readDump("--column-inserts", "--rows-per-insert=7"));
  }

  @Test
  void gzippedPlainDumpGivesTheSameRows() throws Exception {
    CollectingSink sink = readDump("--compress=6");
    try (InputStream in = Files.newInputStream(dir.resolve("dump.sql"))) {
      assertThat(in.readNBytes(2)).containsExactly(0x1f, 0x8b);
    }
    assertSameRowsAsTheDatabase(sink);
  }

  @Test
  void verboseDumpTellsWhenItWasTaken() throws Exception {
    Instant before = Instant.now().minusSeconds(2);
    Path dump = database.dump(dir.resolve("verbose.sql"), "--verbose");
    assertThat(PgDumpReader.takenAt(dump))
        .hasValueSatisfying(
            at -> assertThat(at).isBetween(before, Instant.now().plus(Duration.ofSeconds(2))));
  }

  @Test
  void customFormatDumpIsRefusedWithThePgRestoreCommand() throws Exception {
    Path custom = database.dump(dir.resolve("backup.dump"), "--format=custom");
    assertThatThrownBy(() -> CollectingSink.read(new PgDumpReader(), custom))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("custom-format")
        .hasMessageContaining("pg_restore -f plain.sql " + custom);
  }
}
