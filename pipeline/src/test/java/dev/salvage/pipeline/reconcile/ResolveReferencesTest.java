package dev.salvage.pipeline.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salvage.mappings.EntityModel;
import dev.salvage.mappings.Observation;
import dev.salvage.pipeline.beam.ReconstructedRecordCoder;
import dev.salvage.pipeline.bundle.ReconstructedRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.Filter;
import org.apache.beam.sdk.values.PCollection;
import org.junit.jupiter.api.Test;

/** Resolve rules fill a field from the linked entity of another type, one field each. */
class ResolveReferencesTest {
  private static final String MODEL =
      """
      entities:
        client:
          keys: [email, backup_id]
          fields:
            backup_id: text
            email: email
        booking:
          keys: [number]
          require_keys: [number]
          fields:
            number: text
            client_email: email
            client_backup_id: text
          resolve:
            client_email:
              entity: client
              by: {client_email: email, client_backup_id: backup_id}
              take: email
            client_backup_id:
              entity: client
              by: {client_email: email}
              take: backup_id
      """;
  private static final Instant BACKUP = Instant.parse("2026-03-02T03:00:00Z");

  private static ReconstructedRecord record(Observation... cluster) throws Exception {
    MergeSettings settings =
        new MergeSettings(
            MODEL, "entities.yaml", List.of("mail", "backup"), "backup", BACKUP, Map.of());
    EntityMerger merger = new EntityMerger(EntityModel.parse(MODEL, "entities.yaml"), settings);
    return ((EntityMerger.Emitted) merger.merge(List.of(cluster))).record();
  }

  private static Observation obs(
      String type, String ref, Map<String, String> fields, String... keys) {
    Map<String, String> keyValues = new TreeMap<>();
    for (String key : keys) {
      keyValues.put(key, fields.get(key));
    }
    return new Observation(
        type, keyValues, fields, Instant.parse("2026-03-10T00:00:00Z"), "mail", ref, "r");
  }

  @Test
  void aClientWithoutABackupIdLeavesTheBookingsBackupIdEmptyNotAnEmail() throws Exception {
    // regression: the answer for take: email was given to the question for take: backup_id
    ReconstructedRecord newClient =
        record(obs("client", "email:<w1@x>", Map.of("email", "new@example.de"), "email"));
    ReconstructedRecord knownClient =
        record(
            new Observation(
                "client",
                Map.of("email", "old@example.de", "backup_id", "41"),
                Map.of("email", "old@example.de", "backup_id", "41"),
                Instant.parse("2026-02-01T00:00:00Z"),
                "backup",
                "backup:clients#41",
                "r"),
            obs("client", "email:<w0@x>", Map.of("email", "old@example.de"), "email"));
    ReconstructedRecord newBooking =
        record(
            obs(
                "booking",
                "email:<b1@x>",
                Map.of("number", "B-1", "client_email", "new@example.de"),
                "number"));
    ReconstructedRecord knownBooking =
        record(
            obs(
                "booking",
                "email:<b2@x>",
                Map.of("number", "B-2", "client_email", "old@example.de"),
                "number"));

    TestPipeline pipeline = TestPipeline.create().enableAbandonedNodeEnforcement(false);
    MergeSettings settings =
        new MergeSettings(
            MODEL, "entities.yaml", List.of("mail", "backup"), "backup", BACKUP, Map.of());
    PCollection<ReconstructedRecord> resolved =
        pipeline
            .apply(
                Create.of(List.of(newClient, knownClient, newBooking, knownBooking))
                    .withCoder(ReconstructedRecordCoder.INSTANCE))
            .apply(new ResolveReferences(settings));
    PAssert.that(resolved)
        .satisfies(
            records -> {
              Map<String, ReconstructedRecord> byNumber = new TreeMap<>();
              List<ReconstructedRecord> all = new ArrayList<>();
              records.forEach(all::add);
              all.stream()
                  .filter(r -> r.entity().equals("booking"))
                  .forEach(r -> byNumber.put(r.value("number"), r));
              assertThat(byNumber.get("B-1").value("client_backup_id")).isNull();
              assertThat(byNumber.get("B-1").value("client_email")).isEqualTo("new@example.de");
              assertThat(byNumber.get("B-2").value("client_backup_id")).isEqualTo("41");
              return null;
            });
    pipeline.run().waitUntilFinish();
  }

  @Test
  void aBookingTheAnswersConfirmComesOutAsItWentInAndTheFirstRuleOutranksALaterOne()
      throws Exception {
    ReconstructedRecord known =
        record(
            new Observation(
                "client",
                Map.of("email", "old@example.de", "backup_id", "41"),
                Map.of("email", "old@example.de", "backup_id", "41"),
                Instant.parse("2026-02-01T00:00:00Z"),
                "backup",
                "backup:clients#41",
                "r"),
            obs("client", "email:<w4@x>", Map.of("email", "old@example.de"), "email"));
    ReconstructedRecord other =
        record(
            new Observation(
                "client",
                Map.of("email", "other@example.de", "backup_id", "77"),
                Map.of("email", "other@example.de", "backup_id", "77"),
                Instant.parse("2026-02-01T00:00:00Z"),
                "backup",
                "backup:clients#77",
                "r"),
            obs("client", "email:<w7@x>", Map.of("email", "other@example.de"), "email"));
    // every answer says what the booking holds already
    ReconstructedRecord confirmed =
        record(
            obs(
                "booking",
                "email:<b3@x>",
                Map.of("number", "B-3", "client_email", "old@example.de", "client_backup_id", "41"),
                "number"));
    // by its email the booking is client 41's; by its backup id client 77's: the email rule is
    // listed first and wins, so the email stays and the backup id follows it
    ReconstructedRecord torn =
        record(
            obs(
                "booking",
                "email:<b4@x>",
                Map.of("number", "B-4", "client_email", "old@example.de", "client_backup_id", "77"),
                "number"));

    TestPipeline pipeline = TestPipeline.create().enableAbandonedNodeEnforcement(false);
    MergeSettings settings =
        new MergeSettings(
            MODEL, "entities.yaml", List.of("mail", "backup"), "backup", BACKUP, Map.of());
    PCollection<ReconstructedRecord> resolved =
        pipeline
            .apply(
                Create.of(List.of(known, other, confirmed, torn))
                    .withCoder(ReconstructedRecordCoder.INSTANCE))
            .apply(new ResolveReferences(settings));
    PAssert.that(resolved)
        .satisfies(
            records -> {
              Map<String, ReconstructedRecord> byId = new TreeMap<>();
              records.forEach(r -> byId.put(r.id(), r));
              assertThat(byId).hasSize(4);
              assertThat(byId.values())
                  .filteredOn(r -> "B-3".equals(r.value("number")))
                  .singleElement()
                  .satisfies(r -> assertThat(r.reasons()).noneMatch(x -> x.contains("resolved")));
              ReconstructedRecord b4 =
                  byId.values().stream()
                      .filter(r -> "B-4".equals(r.value("number")))
                      .findFirst()
                      .orElseThrow();
              assertThat(b4.value("client_email")).isEqualTo("old@example.de");
              assertThat(b4.value("client_backup_id")).isEqualTo("41");
              assertThat(b4.reasons())
                  .anyMatch(x -> x.startsWith("client_backup_id resolved through client:41"));
              return null;
            });
    PAssert.that(
            resolved
                .apply(Filter.by(r -> !"B-4".equals(r.value("number"))))
                .setCoder(ReconstructedRecordCoder.INSTANCE))
        .containsInAnyOrder(known, other, confirmed);
    pipeline.run().waitUntilFinish();
  }
}
