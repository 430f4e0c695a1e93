package dev.salvage.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salvage.mappings.EntityModel;
import dev.salvage.pipeline.bundle.JsonlFile;
import dev.salvage.pipeline.bundle.ReconstructedRecord;
import dev.salvage.pipeline.bundle.RunLayout;
import dev.salvage.pipeline.bundle.RunSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Probabilistic linking is the default, but it weighs only entity types with a {@code linking:}
 * section. A model written without one (the mappings reference did not list the key) left every
 * appointment's code-less calendar event unlinked, and the run did not say that linking did nothing
 * for the type.
 */
class UnweighedEvidenceTest {
  @TempDir Path dir;

  private static final String MODEL =
      """
      entities:
        appointment:
          keys: [code, calendar_uid]
          require_keys: [code]
          fields: {code: upper, calendar_uid: text, starts_at: datetime, patient_email: email}
      %s
      """;

  private static final String LINKING =
      """
          linking:
            compare: [patient_email, starts_at]
            block: [patient_email]
      """;

  private static RunSummary summaryWithUnlinked(long unlinked) {
    return new RunSummary(
        Map.of("appointment", Map.of("NEW", 1L, RunSummary.UNLINKED, unlinked)),
        Map.of(),
        null,
        2,
        Map.of(),
        null,
        Map.of(),
        null,
        null,
        Map.of(),
        List.of());
  }

  private JsonlFile<ReconstructedRecord> noPieces() {
    return RunLayout.of(dir.resolve("none")).unlinked();
  }

  @Test
  void doesNotAdviseALinkingSectionForPiecesThatHoldOnlyAName() throws Exception {
    EntityModel model =
        EntityModel.parse(
            """
            entities:
              student:
                keys: [email]
                fields: {email: email, full_name: text}
            """,
            "entities.yaml");
    Path unlinked = Files.createDirectories(dir.resolve("run/review")).resolve("unlinked.jsonl");
    Files.writeString(
        unlinked,
        "{\"id\":\"student:u1\",\"entity\":\"student\",\"action\":\"NEW\","
            + "\"confidence\":0.0,\"flagged\":true,\"reasons\":[],\"fields\":{\"full_name\":"
            + "{\"value\":\"Ana Lima\",\"sources\":[\"calendar:e1\"],\"confidence\":1.0}},"
            + "\"changes\":[],\"keys\":{},\"evidence\":[]}\n");
    RunSummary summary =
        new RunSummary(
            Map.of("student", Map.of("NEW", 1L, RunSummary.UNLINKED, 1L)),
            Map.of(),
            null,
            2,
            Map.of(),
            null,
            Map.of(),
            null,
            null,
            Map.of(),
            List.of());

    assertThat(
            LinkingNotes.unweighedForWantOfLinking(
                summary, model, RunLayout.of(dir.resolve("run")).unlinked()))
        .singleElement()
        .asString()
        .contains("each holding one text value only (a name)")
        .contains("A name alone is not enough to link")
        .doesNotContain("to have them matched, add a linking: section");
  }

  @Test
  void saysNothingWhenTheTypeHasALinkingSectionOrNothingStayedUnlinked() throws Exception {
    EntityModel withLinking = EntityModel.parse(MODEL.formatted(LINKING), "entities.yaml");
    EntityModel without = EntityModel.parse(MODEL.formatted(""), "entities.yaml");

    assertThat(
            LinkingNotes.unweighedForWantOfLinking(summaryWithUnlinked(3), withLinking, noPieces()))
        .isEmpty();
    assertThat(LinkingNotes.unweighedForWantOfLinking(summaryWithUnlinked(0), without, noPieces()))
        .isEmpty();
    assertThat(LinkingNotes.unweighedForWantOfLinking(summaryWithUnlinked(3), without, noPieces()))
        .singleElement()
        .asString()
        .startsWith(
            "appointment: 3 unlinked cluster(s) of evidence were not weighed against the"
                + " identified appointment records: the entity model gives appointment no"
                + " linking: section");
  }

  @Test
  void aRunWhoseUnlinkedEvidenceNoLinkingSectionWeighsSaysSo() throws Exception {
    Files.createDirectories(dir.resolve("mappings"));
    Files.createDirectories(dir.resolve("mail"));
    Files.writeString(dir.resolve("entities.yaml"), MODEL.formatted(""));
    Files.writeString(
        dir.resolve("mail/confirmation.eml"),
        "Message-ID: <m1@kine.example>\r\nFrom: rdv@kine.example\r\n"
            + "To: ines@mail.example\r\nDate: Tue, 10 Mar 2026 09:30:00 +0000\r\n"
            + "Subject: Confirmation RDV-10234\r\n\r\nDate : 2026-03-17 14:30\r\n");
    Files.writeString(
        dir.resolve("mail/reminder.eml"),
        "Message-ID: <m2@kine.example>\r\nFrom: rdv@kine.example\r\n"
            + "To: ines@mail.example\r\nDate: Mon, 16 Mar 2026 09:30:00 +0000\r\n"
            + "Subject: Rappel\r\n\r\nDate : 2026-03-17 14:30\r\n");
    Files.writeString(
        dir.resolve("mappings/mail.yaml"),
        """
        rules:
          - name: mail
            kind: mail
            observed_at: {path: date}
            emit:
              - entity: appointment
                fields:
                  code: {path: subject, regex: '(RDV-[0-9]+)'}
                  calendar_uid: {path: message_id}
                  patient_email: {path: "to[0]"}
                  starts_at: {path: text, regex: '^Date : (.+)$'}
        """);
    Path config =
        Files.writeString(
            dir.resolve("salvage.yaml"),
            """
            business: {name: Kine, timezone: Europe/Paris}
            entities: entities.yaml
            as_of: 2026-04-01T00:00:00Z
            sources:
              - {name: mail, type: eml, path: mail, mapping: mappings/mail.yaml}
            """);

    CliRun run =
        CliRun.of("run", "--config", config.toString(), "--out", dir.resolve("out").toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.err())
        .contains(
            "appointment: 1 unlinked cluster(s) of evidence were not weighed against the"
                + " identified appointment records: the entity model gives appointment no"
                + " linking: section, so --linking probabilistic does nothing for it.");
  }

  @Test
  void theClosingLinesCountThePiecesOfEachTypeLeftUnlinkedAsAmbiguous() {
    Map<String, Long> counters =
        Map.of(
            dev.salvage.pipeline.SalvagePipeline.ambiguousCounter("hire"), 5L,
            dev.salvage.pipeline.SalvagePipeline.ambiguousCounter("payment"), 0L);

    assertThat(LinkingNotes.leftAmbiguous(counters, List.of("customer", "hire", "payment")))
        .containsExactly(
            "hire: 5 piece(s) of evidence left unlinked as ambiguous: two identified hire records"
                + " match each about equally (its reason in review/unlinked.jsonl names both); a"
                + " person decides which, if either");
    assertThat(LinkingNotes.leftAmbiguous(Map.of(), List.of("hire"))).isEmpty();
  }
}
