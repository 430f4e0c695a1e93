package dev.salvage.pipeline.reconcile;

import static dev.salvage.pipeline.reconcile.EntityMergerTest.obs;
import static org.assertj.core.api.Assertions.assertThat;

import dev.salvage.mappings.EntityModel;
import dev.salvage.mappings.Observation;
import dev.salvage.pipeline.beam.Coders;
import dev.salvage.pipeline.bundle.ReconstructedRecord;
import dev.salvage.pipeline.bundle.ReconstructedRecord.Action;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.junit.jupiter.api.Test;

/**
 * A cluster that a key two entities share joined (a family's email two owners receive mail at) is
 * taken apart into its entities instead of merged into one CONFLICT that imports neither.
 */
class IdentitySplitTest {
  private static final String MODEL =
      """
      entities:
        owner:
          keys: [owner_no, email, phone, backup_id]
          identity_keys: [owner_no]
          fields:
            backup_id: text
            owner_no: text
            email: email
            name: name
            phone: phone
          merge:
            name: {strategy: precedence, order: [backup, mail, calendar]}
      """;
  private static final String FAMILY = "familie.pichler@aon.at";
  private static final String STEFAN = "+436507890125";
  private static final String ANNA = "+436600867178";

  private static MergeSettings settings() {
    return new MergeSettings(
        MODEL,
        "entities.yaml",
        List.of("mail", "calendar", "backup"),
        "backup",
        EntityMergerTest.T0,
        Map.of("owner", List.of("backup_id", "owner_no", "email", "name", "phone")));
  }

  private final EntityMerger merger =
      new EntityMerger(EntityModel.parse(MODEL, "entities.yaml"), settings());

  IdentitySplitTest() throws Exception {}

  /** The backup's owner {@code number}, at the family's email. */
  private static Observation backupOwner(String number, String name, String phone) {
    return obs(
        "owner",
        "backup",
        "backup:clinic_owner#" + number,
        "2026-04-20T10:00:00Z",
        Map.of(
            "backup_id", number, "owner_no", number, "email", FAMILY, "name", name, "phone", phone),
        "backup_id",
        "owner_no",
        "email",
        "phone");
  }

  /** A mail to owner {@code number} at the family's email, after the backup. */
  private static Observation mail(String ref, String number, String name, String phone) {
    return obs(
        "owner",
        "mail",
        ref,
        "2026-05-03T00:00:00Z",
        Map.of("owner_no", number, "email", FAMILY, "name", name, "phone", phone),
        "owner_no",
        "email",
        "phone");
  }

  /** A mail that names the family's email and nothing else of the owner. */
  private static Observation familyOnly(String ref) {
    return obs("owner", "mail", ref, "2026-05-04T00:00:00Z", Map.of("email", FAMILY), "email");
  }

  private Map<String, EntityMerger.Merged> byId(List<Observation> cluster) {
    Map<String, EntityMerger.Merged> byId = new TreeMap<>();
    for (EntityMerger.Part part : merger.mergeCluster(cluster)) {
      byId.put(record(part.merged()).id(), part.merged());
    }
    return byId;
  }

  private static ReconstructedRecord record(EntityMerger.Merged merged) {
    if (merged instanceof EntityMerger.Emitted emitted) {
      return emitted.record();
    }
    if (merged instanceof EntityMerger.CarriedOver carried) {
      return carried.record();
    }
    return ((EntityMerger.Unlinked) merged).record();
  }

  @Test
  void twoBackupOwnersSharingAFamilyEmailAreTwoRecordsWithTheirOwnValuesNamingEachOther() {
    Observation calendar =
        obs(
            "owner",
            "calendar",
            "calendar:e1",
            "2026-05-05T00:00:00Z",
            Map.of("name", "Pichler Stefan", "phone", STEFAN),
            "phone");
    Map<String, EntityMerger.Merged> out =
        byId(
            List.of(
                backupOwner("81", "Stefan Pichler", STEFAN),
                backupOwner("82", "Anna Pichler", ANNA),
                mail("email:1", "81", "Stefan Pichler", STEFAN),
                mail("email:2", "82", "Anna Pichler", "+436641112233"),
                calendar));

    assertThat(out).containsOnlyKeys("owner:81", "owner:82");
    ReconstructedRecord stefan = record(out.get("owner:81"));
    ReconstructedRecord anna = record(out.get("owner:82"));
    assertThat(stefan.action()).isEqualTo(Action.UNCHANGED);
    assertThat(stefan.value("name")).isEqualTo("Stefan Pichler");
    assertThat(stefan.value("phone")).isEqualTo(STEFAN);
    assertThat(stefan.evidence()).extracting(e -> e.ref()).contains("calendar:e1");
    assertThat(anna.action()).isEqualTo(Action.UPDATED);
    assertThat(anna.value("name")).isEqualTo("Anna Pichler");
    assertThat(anna.value("phone")).isEqualTo("+436641112233");
    assertThat(anna.value("owner_no")).isEqualTo("82");
    assertThat(stefan.flagged()).isTrue();
    assertThat(anna.flagged()).isTrue();
    assertThat(stefan.reasons())
        .contains(
            "shares email "
                + FAMILY
                + " with owner:82, a key 2 owner records hold: evidence that names only that key"
                + " was joined to neither; check it");
    assertThat(anna.reasons())
        .anyMatch(r -> r.startsWith("shares email " + FAMILY + " with owner:81"));
    // both keep the family email as a key: a lookup by it names two owners and resolves to neither
    assertThat(anna.keys().get("email")).containsExactly(FAMILY);
    assertThat(stefan.keys().get("email")).containsExactly(FAMILY);
  }

  @Test
  void aFamilyMailboxSpeltOtherwiseByEachOwnerIsSharedAndTakenApartNotOneConflict() {
    // linking joins the spellings of one mailbox, so the split must see them as one shared value
    Observation stefanRow =
        obs(
            "owner",
            "backup",
            "backup:clinic_owner#81",
            "2026-04-20T10:00:00Z",
            Map.of(
                "backup_id",
                "81",
                "owner_no",
                "81",
                "email",
                "familie.pichler@gmail.com",
                "name",
                "Stefan Pichler",
                "phone",
                STEFAN),
            "backup_id",
            "owner_no",
            "email",
            "phone");
    Observation annaRow =
        obs(
            "owner",
            "backup",
            "backup:clinic_owner#82",
            "2026-04-20T10:00:00Z",
            Map.of(
                "backup_id",
                "82",
                "owner_no",
                "82",
                "email",
                "familiepichler+anna@googlemail.com",
                "name",
                "Anna Pichler",
                "phone",
                ANNA),
            "backup_id",
            "owner_no",
            "email",
            "phone");

    Map<String, EntityMerger.Merged> out = byId(List.of(stefanRow, annaRow));

    assertThat(out).containsOnlyKeys("owner:81", "owner:82");
    assertThat(record(out.get("owner:81")).action()).isNotEqualTo(Action.CONFLICT);
    assertThat(record(out.get("owner:81")).value("email")).isEqualTo("familie.pichler@gmail.com");
    assertThat(record(out.get("owner:82")).value("email"))
        .isEqualTo("familiepichler+anna@googlemail.com");
  }

  @Test
  void twoNewOwnersWithADeclaredIdentityKeyAreTwoRecordsWithTheIdsEachWouldHaveAlone() {
    List<Observation> stefan =
        List.of(
            mail("email:1", "271", "Stefan Leitner", STEFAN),
            mail("email:3", "271", "Stefan Leitner", STEFAN));
    List<Observation> anna = List.of(mail("email:2", "272", "Anna Leitner", ANNA));
    List<Observation> cluster = new ArrayList<>(stefan);
    cluster.addAll(anna);

    Map<String, EntityMerger.Merged> out = byId(cluster);

    String stefanId = record(merger.merge(stefan)).id();
    String annaId = record(merger.merge(anna)).id();
    assertThat(stefanId).startsWith("owner:new-");
    assertThat(out).containsOnlyKeys(stefanId, annaId);
    assertThat(record(out.get(stefanId)).action()).isEqualTo(Action.NEW);
    assertThat(record(out.get(stefanId)).value("name")).isEqualTo("Stefan Leitner");
    assertThat(record(out.get(annaId)).value("name")).isEqualTo("Anna Leitner");
    assertThat(record(out.get(annaId)).reasons())
        .anyMatch(r -> r.startsWith("shares email " + FAMILY + " with " + stefanId));
  }

  @Test
  void aMailNamingOnlyTheSharedEmailIsUnlinkedAndGivenToNeitherOwner() {
    TestPipeline pipeline = TestPipeline.create().enableAbandonedNodeEnforcement(false);
    List<KV<String, Observation>> cluster = new ArrayList<>();
    for (Observation observation :
        List.of(
            mail("email:1", "271", "Stefan Leitner", STEFAN),
            mail("email:2", "272", "Anna Leitner", ANNA),
            familyOnly("email:9"),
            familyOnly("email:10"))) {
      cluster.add(KV.of("c1", observation));
    }
    PCollectionTuple merged =
        pipeline
            .apply(
                Create.of(cluster)
                    .withCoder(KvCoder.of(StringUtf8Coder.of(), Coders.observation())))
            .apply(new MergeClusters(settings()));

    PAssert.that(merged.get(MergeClusters.RECORDS))
        .satisfies(
            records -> {
              List<String> owners = new ArrayList<>();
              for (ReconstructedRecord record : records) {
                owners.add(record.value("owner_no"));
                assertThat(record.evidence())
                    .extracting(e -> e.ref())
                    .doesNotContain("email:9", "email:10");
                assertThat(record.action()).isEqualTo(Action.NEW);
              }
              assertThat(owners).containsExactlyInAnyOrder("271", "272");
              return null;
            });
    PAssert.that(merged.get(MergeClusters.UNLINKED))
        .satisfies(
            pieces -> {
              List<ReconstructedRecord> all = new ArrayList<>();
              pieces.forEach(all::add);
              // one each, told apart by its piece
              assertThat(all).hasSize(2);
              assertThat(all.get(0).id()).isNotEqualTo(all.get(1).id());
              for (ReconstructedRecord piece : all) {
                assertThat(piece.flagged()).isTrue();
                assertThat(piece.evidence()).hasSize(1);
                assertThat(piece.reasons())
                    .singleElement()
                    .satisfies(
                        reason ->
                            assertThat(reason)
                                .startsWith("names email " + FAMILY + ", which owner:new-")
                                .endsWith(
                                    " share: a key that is not one owner's, so this evidence was"
                                        + " joined to neither; check whose it is"));
              }
              return null;
            });
    pipeline.run().waitUntilFinish();
  }

  @Test
  void twoOwnersThatOneObservationNamesBothOfStayOneConflictWhileAThirdIsSplitOff() {
    // a mail giving owner 81's number with owner 82's backup id joins the two by no shared key
    Observation both =
        obs(
            "owner",
            "mail",
            "email:5",
            "2026-05-03T00:00:00Z",
            Map.of("owner_no", "81", "backup_id", "82", "email", FAMILY),
            "owner_no",
            "backup_id",
            "email");
    Map<String, EntityMerger.Merged> out =
        byId(
            List.of(
                backupOwner("81", "Stefan Pichler", STEFAN),
                backupOwner("82", "Anna Pichler", ANNA),
                both,
                backupOwner("83", "Paul Pichler", "+436761234567"),
                mail("email:6", "83", "Paul Pichler", "+436761234567")));

    assertThat(out).hasSize(2).containsKey("owner:83");
    ReconstructedRecord conflict =
        out.entrySet().stream()
            .filter(e -> !e.getKey().equals("owner:83"))
            .map(e -> record(e.getValue()))
            .findFirst()
            .orElseThrow();
    assertThat(conflict.action()).isEqualTo(Action.CONFLICT);
    assertThat(conflict.reasons())
        .contains("linked to 2 backup rows: backup:clinic_owner#81, backup:clinic_owner#82");
    assertThat(record(out.get("owner:83")).value("name")).isEqualTo("Paul Pichler");
    assertThat(record(out.get("owner:83")).reasons())
        .anyMatch(r -> r.startsWith("shares email " + FAMILY + " with " + conflict.id()));
  }

  @Test
  void aConflictOfTwoDeclaredOwnersDoesNotAdviseDeclaringTheKey() {
    EntityMerger.Merged merged =
        merger.merge(
            List.of(
                mail("email:1", "271", "Stefan Leitner", STEFAN),
                mail("email:2", "272", "Anna Leitner", ANNA)));

    ReconstructedRecord record = record(merged);
    assertThat(record.action()).isEqualTo(Action.CONFLICT);
    assertThat(record.reasons())
        .contains(
            "may be two people joined through a key they share (a couple's phone, a card):"
                + " owner_no 271 comes with Stefan Leitner, owner_no 272 with Anna Leitner; its"
                + " values mix both");
  }
}
