package dev.salvage.connectors.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.salvage.connectors.io.JsonInput;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupInspectionTest {
  @TempDir Path dir;

  private static Path rentwise() throws Exception {
    return Path.of(
        BackupInspectionTest.class.getClassLoader().getResource("pgdump/rentwise.sql").toURI());
  }

  @Test
  void dumpReportShowsTimeTablesColumnsAndRowCounts() throws Exception {
    StringWriter rows = new StringWriter();
    BackupInspection.Report report =
        BackupInspection.inspect("pgdump", rentwise(), Map.of(), "locations", rows);

    assertThat(report.takenAt()).contains(Instant.parse("2026-05-01T03:00:00Z"));
    assertThat(report.tables())
        .extracting(BackupInspection.TableSummary::table, BackupInspection.TableSummary::rows)
        .contains(
            org.assertj.core.groups.Tuple.tuple("customers", 4L),
            org.assertj.core.groups.Tuple.tuple("locations", 6L),
            org.assertj.core.groups.Tuple.tuple("billing.Payments", 2L));
    assertThat(report.tables().get(0).columns())
        .containsExactly("id", "email", "full_name", "phone", "stripe_customer_id", "created_at");
    assertThat(report.quarantined()).hasSize(2);
    assertThat(report.rowsWritten()).isEqualTo(6);
    List<String> lines = rows.toString().lines().toList();
    assertThat(lines).hasSize(6);
    JsonNode faro = JsonInput.MAPPER.readTree(lines.get(2));
    assertThat(faro.get("name").asText()).isEqualTo("Faro 'Sul'");
    assertThat(JsonInput.MAPPER.readTree(lines.get(3)).get("name").isNull()).isTrue();

    StringBuilder printed = new StringBuilder();
    BackupInspection.print(report, "rentwise.sql", printed);
    assertThat(printed.toString())
        .contains("Taken at: 2026-05-01T03:00:00Z")
        .containsPattern("locations +6 rows  code, name");
  }

  @Test
  void jsonLinesWrittenByInspectReadBackAsTheSameRows() throws Exception {
    Path out = dir.resolve("export/locations.jsonl");
    try (var writer = BackupInspection.jsonLinesWriter(out)) {
      BackupInspection.inspect("pgdump", rentwise(), Map.of(), "locations", writer);
    }

    BackupInspection.Report again =
        BackupInspection.inspect(
            BackupInspection.guessType(dir.resolve("export").toString()),
            dir.resolve("export"),
            Map.of(),
            null,
            null);

    assertThat(again.type()).isEqualTo("backup-jsonl");
    assertThat(again.tables())
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.table()).isEqualTo("locations");
              assertThat(t.rows()).isEqualTo(6);
              assertThat(t.columns()).containsExactly("code", "name");
            });
    assertThat(Files.readAllLines(out)).hasSize(6);
  }

  @Test
  void aDumpOfSeveralDatabasesIsInspectedThroughTheDatabaseOption() throws Exception {
    String database =
        "CREATE TABLE public.customers (\n    id integer NOT NULL,\n    email text\n);\n"
            + "COPY public.customers (id, email) FROM stdin;\n";
    Path all =
        Files.writeString(
            dir.resolve("all.sql"),
            "\\connect production\n"
                + database
                + "1\tana@example.com\n\\.\n"
                + "\\connect staging\n"
                + database
                + "1\ttest@staging.example\n2\tqa@staging.example\n\\.\n");

    assertThatThrownBy(() -> BackupInspection.inspect("pgdump", all, Map.of(), null, null))
        .hasMessageContaining("customers in production and staging");
    BackupInspection.Report staging =
        BackupInspection.inspect("pgdump", all, Map.of("database", "staging"), null, null);

    assertThat(staging.tables())
        .extracting(BackupInspection.TableSummary::table, BackupInspection.TableSummary::rows)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("customers", 2L));
  }

  @Test
  void guessesTheTypeFromTheArgument() throws Exception {
    assertThat(BackupInspection.guessType("jdbc:postgresql://h/db")).isEqualTo("jdbc");
    assertThat(BackupInspection.guessType(rentwise().toString())).isEqualTo("pgdump");
    Files.writeString(dir.resolve("a.csv.gz"), "");
    assertThat(BackupInspection.guessType(dir.toString())).isEqualTo("backup-csv");
  }

  @Test
  void inspectNamesACsvReadInAnEncodingAssumedAndRefusesOneThatMustBeDeclared() throws Exception {
    Files.copy(
        dev.salvage.connectors.EncodingFixtures.of("customers-1252.csv"),
        dir.resolve("customers.csv"));

    BackupInspection.Report report =
        BackupInspection.inspect("backup-csv", dir, Map.of(), null, null);
    StringBuilder printed = new StringBuilder();
    BackupInspection.print(report, dir.toString(), printed);

    assertThat(printed.toString())
        .contains(
            "  encoding: "
                + dir.resolve("customers.csv").toAbsolutePath()
                + " is not UTF-8 and no encoding is declared: read as windows-1252");

    Files.copy(
        dev.salvage.connectors.EncodingFixtures.of("reservations-cp932.csv"),
        dir.resolve("reservations.csv"));
    assertThatThrownBy(() -> BackupInspection.inspect("backup-csv", dir, Map.of(), null, null))
        .isInstanceOf(dev.salvage.connectors.InvalidSourceException.class)
        .hasMessageContaining("reservations.csv: it is not UTF-8")
        .hasMessageContaining("--option encoding=Shift_JIS");
    assertThat(
            BackupInspection.inspect("backup-csv", dir, Map.of("encoding", "Shift_JIS"), null, null)
                .tables())
        .extracting(BackupInspection.TableSummary::table)
        .containsExactlyInAnyOrder("customers", "reservations");
  }
}
