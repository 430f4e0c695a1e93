package dev.salvage.pipeline.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.salvage.pipeline.importer.TargetMapping.ColumnMapping;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A lookup given as a list of alternatives ({@code lookup: [{field, table, match, take}, ...]}):
 * loaded in order, each alternative checked at load and named by its index.
 */
class TargetMappingLookupAlternativesTest {
  @TempDir Path dir;

  private static final String GUESTS =
      """
      entities:
        guest:
          table: guests
          key: {column: id, type: integer}
          natural_key: email
          columns:
            email: {field: email, type: text}
            channel_email: {field: channel_email, type: text}
        stay:
          table: stays
          key: {column: id, type: integer}
          natural_key: code
          columns:
            code: {field: code, type: text}
            guest_id:
              type: integer
      """;

  /** The mapping with {@code lines} under the stay's guest_id column. */
  private Path mapping(String... lines) throws Exception {
    Path file = dir.resolve("target.yaml");
    Files.writeString(file, GUESTS + String.join("\n", lines).indent(8));
    return file;
  }

  @Test
  void choosesTheFirstAlternativeWhoseFieldTheRecordHolds() throws Exception {
    TargetMapping loaded =
        TargetMapping.load(
            mapping(
                "lookup:",
                "  - {field: guest_email, table: guests, match: email, take: id}",
                "  - {field: guest_channel_email, table: guests, match: channel_email, take: id}"));
    ColumnMapping guestId = loaded.tables().get(1).column("guest_id");

    assertThat(guestId.field()).isEqualTo("guest_email");
    assertThat(
            guestId
                .resolvedFor(Map.of("guest_email", "a@x.example", "guest_channel_email", "r@x"))
                .lookup())
        .isEqualTo(new TargetMapping.Lookup("guests", "email", "id"));
    ColumnMapping channel = guestId.resolvedFor(Map.of("guest_channel_email", "r@x"));
    assertThat(channel.field()).isEqualTo("guest_channel_email");
    assertThat(channel.lookup())
        .isEqualTo(new TargetMapping.Lookup("guests", "channel_email", "id"));
    assertThat(guestId.resolvedFor(Map.of()).field()).isEqualTo("guest_email");
  }

  @Test
  void refusesAnAlternativeOfAnotherTableNamingItsIndex() throws Exception {
    Path file =
        mapping(
            "lookup:",
            "  - {field: guest_email, table: guests, match: email, take: id}",
            "  - {field: guest_channel_email, table: hosts, match: channel_email, take: id}");

    assertThatThrownBy(() -> TargetMapping.load(file))
        .isInstanceOf(TargetMappingException.class)
        .hasMessageContaining(
            "entities.stay.columns.guest_id.lookup[1].table: 'hosts' is not guests, the table the"
                + " first alternative finds");
  }

  @Test
  void refusesAnAlternativeRepeatingAnEarlierField() throws Exception {
    Path file =
        mapping(
            "lookup:",
            "  - {field: guest_email, table: guests, match: email, take: id}",
            "  - {field: guest_email, table: guests, match: channel_email, take: id}");

    assertThatThrownBy(() -> TargetMapping.load(file))
        .isInstanceOf(TargetMappingException.class)
        .hasMessageContaining(
            "entities.stay.columns.guest_id.lookup[1].field: 'guest_email' is the field of an"
                + " earlier alternative");
  }

  @Test
  void refusesAColumnFieldBesideAListOfAlternatives() throws Exception {
    Path file =
        mapping(
            "field: guest_email",
            "lookup:",
            "  - {field: guest_email, table: guests, match: email, take: id}");

    assertThatThrownBy(() -> TargetMapping.load(file))
        .isInstanceOf(TargetMappingException.class)
        .hasMessageContaining("entities.stay.columns.guest_id.field: a lookup given as a list");
  }

  @Test
  void refusesAnAlternativeWithoutField() throws Exception {
    Path file =
        mapping(
            "lookup:",
            "  - {field: guest_email, table: guests, match: email, take: id}",
            "  - {table: guests, match: channel_email, take: id}");

    assertThatThrownBy(() -> TargetMapping.load(file))
        .isInstanceOf(TargetMappingException.class)
        .hasMessageContaining("entities.stay.columns.guest_id.lookup[1].field: missing");
  }

  @Test
  void keepsTheFirstAlternativeToThePlannedTablesNaturalKey() throws Exception {
    Path file =
        mapping(
            "lookup:",
            "  - {field: guest_channel_email, table: guests, match: channel_email, take: id}",
            "  - {field: guest_email, table: guests, match: email, take: id}");

    assertThatThrownBy(() -> TargetMapping.load(file))
        .isInstanceOf(TargetMappingException.class)
        .hasMessageContaining(
            "entities.stay.columns.guest_id.lookup[0].match: rows of guests planned in this import"
                + " are found by their natural key email, not by channel_email");
  }
}
