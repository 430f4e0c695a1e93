package dev.salvage.mappings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a run config adds for the mapping language: {@code as_of}, the files a source reads, the
 * backup that lookups and backup_time need, and a lenient read for tools.
 */
class RunConfigChoicesTest {
  private static final String ENTITIES =
      """
      entities:
        booking:
          keys: [number]
          fields:
            number: text
            car_id: text
            status: text
            return_at: datetime
      """;
  private static final String LOOKUP_MAPPING =
      """
      rules:
        - name: confirmation
          kind: mail
          observed_at: {path: date}
          emit:
            - entity: booking
              fields:
                number: {path: subject}
                car_id: {path: text, lookup: {table: cars, match: plate, take: id}}
      """;
  private static final String PLAIN_MAPPING =
      """
      rules:
        - name: event
          kind: calendar.event
          observed_at: {path: updated}
          emit:
            - entity: booking
              fields:
                number: {path: summary}
      """;
  private static final String CONFIG =
      """
      business: {name: Hire, timezone: Europe/Berlin}
      entities: entities.yaml
      as_of: 2026-04-15T00:00:00+02:00
      sources:
        - name: calendar
          type: calendar-json
          path: calendar
          mapping: calendar.yaml
          include: ["*.json"]
          exclude: [calendarList.json]
      backup:
        type: pgdump
        path: backup.sql
        mapping: backup.yaml
        taken_at: 2026-03-02T03:00:00Z
      """;

  @TempDir Path dir;

  @BeforeEach
  void writeFiles() throws IOException {
    Files.writeString(dir.resolve("entities.yaml"), ENTITIES);
    Files.writeString(dir.resolve("calendar.yaml"), PLAIN_MAPPING);
    Files.writeString(
        dir.resolve("backup.yaml"), PLAIN_MAPPING.replace("calendar.event", "backup.row"));
    Files.writeString(dir.resolve("mail.yaml"), LOOKUP_MAPPING);
    Files.writeString(dir.resolve("backup.sql"), "");
    Files.createDirectories(dir.resolve("calendar"));
  }

  private Path config(String text) throws IOException {
    return Files.writeString(dir.resolve("salvage.yaml"), text);
  }

  @Test
  void asOfAndTheFileGlobsAreRead() throws Exception {
    RunConfig config = RunConfig.load(config(CONFIG));
    assertThat(config.asOf()).isEqualTo(Instant.parse("2026-04-14T22:00:00Z"));
    assertThat(config.sources().get(0).include()).containsExactly("*.json");
    assertThat(config.sources().get(0).exclude()).containsExactly("calendarList.json");
  }

  @Test
  void anInstantWrittenWithASpaceForTheTIsReadAsRfc3339AllowsIt() throws Exception {
    RunConfig config =
        RunConfig.load(
            config(
                CONFIG
                    .replace("as_of: 2026-04-15T00:00:00+02:00", "as_of: 2026-04-15 00:00:00+02:00")
                    .replace(
                        "taken_at: 2026-03-02T03:00:00Z",
                        "taken_at: \"2026-03-02 03:00:00+00:00\"")));
    assertThat(config.asOf()).isEqualTo(Instant.parse("2026-04-14T22:00:00Z"));
    assertThat(config.backup().takenAt()).isEqualTo(Instant.parse("2026-03-02T03:00:00Z"));
  }

  @Test
  void globMistakesFailTheLoadNamingTheSource() throws Exception {
    assertThatThrownBy(
            () -> RunConfig.load(config(CONFIG.replace("[\"*.json\"]", "[\"*.{json\"]"))))
        .isInstanceOf(MappingException.class)
        .hasMessageContaining("salvage.yaml: sources[0]: include: \"*.{json\" is not a glob")
        .hasMessageEndingWith("(line 9)");
    assertThatThrownBy(
            () -> RunConfig.load(config(CONFIG.replace("path: calendar\n", "path: backup.sql\n"))))
        .hasMessageContaining(
            "sources[0]: include: chooses files in a directory; this source's path is not one");
    assertThatThrownBy(
            () ->
                RunConfig.load(
                    config(CONFIG.replace("as_of: 2026-04-15T00:00:00+02:00", "as_of: tomorrow"))))
        .hasMessageContaining(
            "as_of: \"tomorrow\" is not an ISO-8601 instant with an offset (line 3)");
  }

  @Test
  void aLookupWithoutABackupFailsTheLoadNamingRuleFieldAndLine() throws Exception {
    String withMail =
        CONFIG.replace(
            "backup:\n",
            "  - name: mail\n    type: mbox\n    path: backup.sql\n    mapping: mail.yaml\nbackup:\n");
    assertThat(RunConfig.load(config(withMail)).sources()).hasSize(2);
    String withoutBackup = withMail.substring(0, withMail.indexOf("backup:\n  type"));
    assertThatThrownBy(() -> RunConfig.load(config(withoutBackup)))
        .isInstanceOf(MappingException.class)
        .hasMessage(
            dir.resolve("mail.yaml")
                + ": rule confirmation, field car_id: lookup: reads a table of the backup, and the"
                + " run config names no backup (line 9)");
  }

  @Test
  void aDeriveRuleOnBackupTimeNeedsABackup() throws Exception {
    Files.writeString(
        dir.resolve("entities.yaml"),
        ENTITIES
            + """
                derive:
                  - {field: status, value: late, when: [{field: return_at, before: backup_time}]}
            """);
    String withoutBackup = CONFIG.substring(0, CONFIG.indexOf("backup:\n  type"));
    assertThatThrownBy(() -> RunConfig.load(config(withoutBackup)))
        .isInstanceOf(MappingException.class)
        .hasMessageEndingWith(
            "entity booking, derive[0]: when: compares with backup_time, and the run config names"
                + " no backup (line 10)");
  }

  @Test
  void toolsReadTheBusinessEntitiesAndTimesWithoutTheSourcesFiles() throws Exception {
    Files.delete(dir.resolve("calendar.yaml"));
    Files.delete(dir.resolve("backup.yaml"));
    Path file = config(CONFIG);
    assertThatThrownBy(() -> RunConfig.load(file)).isInstanceOf(MappingException.class);
    RunConfig.Basics basics = RunConfig.basics(file);
    assertThat(basics.business().timezone().getId()).isEqualTo("Europe/Berlin");
    assertThat(basics.entities().types()).containsKey("booking");
    assertThat(basics.asOf()).isEqualTo(Instant.parse("2026-04-14T22:00:00Z"));
    assertThat(basics.backupTakenAt()).isEqualTo(Instant.parse("2026-03-02T03:00:00Z"));
    assertThat(basics.backup()).isNull();
  }

  @Test
  void anUnknownSourceTypeFailsTheLoadAtItsLine() throws Exception {
    assertThatThrownBy(
            () ->
                RunConfig.load(config(CONFIG.replace("type: calendar-json", "type: calendar-jsn"))))
        .isInstanceOf(MappingException.class)
        .hasMessageStartingWith(
            dir.resolve("salvage.yaml")
                + ": sources[0]: type: unknown source type \"calendar-jsn\"; did you mean"
                + " \"calendar-json\"?; known types: mbox,")
        .hasMessageEndingWith("(line 6)");
    assertThatThrownBy(
            () -> RunConfig.load(config(CONFIG.replace("type: pgdump", "type: pg_dump"))))
        .hasMessageContaining("salvage.yaml: backup: type: unknown source type \"pg_dump\"")
        .hasMessageEndingWith("(line 12)");
  }

  @Test
  void anUnknownOptionFailsTheLoadAtTheLineOfItsKey() throws Exception {
    String withOptions =
        CONFIG.replace(
            "    exclude: [calendarList.json]\n",
            "    exclude: [calendarList.json]\n    options:\n      calendar: team\n");
    assertThatThrownBy(() -> RunConfig.load(config(withOptions)))
        .isInstanceOf(MappingException.class)
        .hasMessage(
            dir.resolve("salvage.yaml")
                + ": sources[0]: options: calendar: unknown option of calendar-json source"
                + " \"calendar\"; calendar-json takes no options (line 12)");
    String backupOption =
        CONFIG.replace(
            "  taken_at: 2026-03-02T03:00:00Z\n",
            "  taken_at: 2026-03-02T03:00:00Z\n  options:\n    databse: shop\n");
    assertThatThrownBy(() -> RunConfig.load(config(backupOption)))
        .hasMessageStartingWith(
            dir.resolve("salvage.yaml")
                + ": backup: options: databse: unknown option of pgdump backup; did you mean"
                + " \"database\"?; known options: database")
        .hasMessageEndingWith("(line 17)");
  }

  @Test
  void aBadOptionValueFailsTheLoadAtTheLineOfItsKey() throws Exception {
    String mail =
        CONFIG.replace(
            "backup:\n",
            """
              - name: mail
                type: mbox
                path: backup.sql
                mapping: calendar.yaml
                options:
                  split_size: 64MB
                  max_text_chars: lots
            backup:
            """);
    assertThatThrownBy(() -> RunConfig.load(config(mail)))
        .isInstanceOf(MappingException.class)
        .hasMessage(
            dir.resolve("salvage.yaml")
                + ": sources[1]: options: max_text_chars: must be an integer from 1000 to"
                + " 134217728, got \"lots\" (mbox source \"mail\") (line 17)");
    assertThatThrownBy(() -> RunConfig.load(config(mail.replace("lots", "3"))))
        .hasMessageContaining("max_text_chars: must be an integer from")
        .hasMessageEndingWith("(line 17)");
    assertThat(RunConfig.load(config(mail.replace("lots", "20000"))).sources()).hasSize(2);
  }

  @Test
  void aMissingRequiredOptionFailsTheLoadAtTheSourcesOptions() throws Exception {
    String imap =
        CONFIG.replace(
            "backup:\n",
            """
              - name: office
                type: imap
                mapping: calendar.yaml
                options:
                  user: desk@example.com
            backup:
            """);
    assertThatThrownBy(() -> RunConfig.load(config(imap)))
        .isInstanceOf(MappingException.class)
        .hasMessage(
            dir.resolve("salvage.yaml")
                + ": sources[1]: options: imap source \"office\": option host is required (line"
                + " 14)");
  }
}
