package dev.salvage.pipeline.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salvage.mappings.EntityModel;
import dev.salvage.mappings.Observation;
import dev.salvage.pipeline.beam.ReconstructedRecordCoder;
import dev.salvage.pipeline.beam.RunCounts;
import dev.salvage.pipeline.bundle.ReconstructedRecord;
import dev.salvage.pipeline.bundle.ReconstructedRecord.Link;
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
import org.apache.beam.sdk.values.PCollectionTuple;
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
            full_name: text
        booking:
          keys: [number]
          require_keys: [number]
          fields:
            number: text
            client_email: email
            client_backup_id: text
            client_name: text
            player_name: text
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

  private static final MergeSettings SETTINGS =
      new MergeSettings(
          MODEL,
          "entities.yaml",
          List.of("mail", "calendar", "backup"),
          "backup",
          BACKUP,
          Map.of());

  private static ReconstructedRecord record(Observation... cluster) throws Exception {
    EntityMerger merger = new EntityMerger(EntityModel.parse(MODEL, "entities.yaml"), SETTINGS);
    return ((EntityMerger.Emitted) merger.merge(List.of(cluster))).record();
  }

  /** Evidence that links to nothing by its keys: what reconciling reports as unlinked. */
  private static ReconstructedRecord piece(Observation observation) throws Exception {
    EntityMerger merger = new EntityMerger(EntityModel.parse(MODEL, "entities.yaml"), SETTINGS);
    return ((EntityMerger.Unlinked) merger.merge(List.of(observation))).record();
  }

  private static PCollectionTuple resolve(
      TestPipeline pipeline,
      List<ReconstructedRecord> records,
      List<ReconstructedRecord> unlinked) {
    return resolveWithCarried(pipeline, records, unlinked, List.of());
  }

  private static Observation obs(
      String type, String ref, Map<String, String> fields, String... keys) {
    return observed("mail", type, ref, fields, keys);
  }

  private static Observation observed(
      String source, String type, String ref, Map<String, String> fields, String... keys) {
    Map<String, String> keyValues = new TreeMap<>();
    for (String key : keys) {
      keyValues.put(key, fields.get(key));
    }
    return new Observation(
        type, keyValues, fields, Instant.parse("2026-03-10T00:00:00Z"), source, ref, "r");
  }

  /** A client the backup holds, seen again in a mail since. */
  private static ReconstructedRecord client(String backupId, String email, String name)
      throws Exception {
    Map<String, String> row = Map.of("email", email, "backup_id", backupId, "full_name", name);
    return record(
        new Observation(
            "client",
            Map.of("email", email, "backup_id", backupId),
            row,
            Instant.parse("2026-02-01T00:00:00Z"),
            "backup",
            "backup:clients#" + backupId,
            "r"),
        obs("client", "email:<w" + backupId + "@x>", Map.of("email", email), "email"));
  }

  /**
   * A booking of the client with {@code email} and {@code backupId} (nothing to resolve), its mail
   * and the calendar events {@code events}.
   */
  private static ReconstructedRecord booking(
      String number, String email, String backupId, String... events) throws Exception {
    List<Observation> cluster = new ArrayList<>();
    cluster.add(
        obs(
            "booking",
            "email:<" + number + "@x>",
            Map.of("number", number, "client_email", email, "client_backup_id", backupId),
            "number"));
    for (String event : events) {
      cluster.add(observed("calendar", "booking", event, Map.of("number", number), "number"));
    }
    return record(cluster.toArray(Observation[]::new));
  }

  private static ReconstructedRecord calendarName(String event, String name) throws Exception {
    return piece(observed("calendar", "client", event, Map.of("full_name", name)));
  }

  private static List<ReconstructedRecord> all(Iterable<ReconstructedRecord> records) {
    List<ReconstructedRecord> all = new ArrayList<>();
    records.forEach(all::add);
    return all;
  }

  /** The booking records of {@code records} by their number. */
  private static Map<String, ReconstructedRecord> bookingsByNumber(
      Iterable<ReconstructedRecord> records) {
    Map<String, ReconstructedRecord> byNumber = new TreeMap<>();
    all(records).stream()
        .filter(r -> r.entity().equals("booking"))
        .forEach(r -> byNumber.put(r.value("number"), r));
    return byNumber;
  }

  @Test
  void aBookingFindsItsClientByAnotherSpellingOfTheMailboxAndTakesTheClientsSpelling()
      throws Exception {
    ReconstructedRecord gmail = client("41", "anna.mueller@gmail.com", "Anna Müller");
    ReconstructedRecord gmx = client("42", "m.garcia@gmx.de", "María García");
    // the checkout's spellings: googlemail without the dots and a +tag; GMX without the dot,
    // which on GMX is another mailbox
    ReconstructedRecord paid =
        record(
            obs(
                "booking",
                "stripe:pi_1",
                Map.of("number", "B-1", "client_email", "annamueller+ski@googlemail.com"),
                "number"));
    ReconstructedRecord other =
        record(
            obs(
                "booking",
                "stripe:pi_2",
                Map.of("number", "B-2", "client_email", "mgarcia@gmx.de"),
                "number"));

    TestPipeline pipeline = TestPipeline.create().enableAbandonedNodeEnforcement(false);
    PCollectionTuple out = resolve(pipeline, List.of(gmail, gmx, paid, other), List.of());
    PAssert.that(out.get(MergeClusters.RECORDS))
        .satisfies(
            records -> {
              Map<String, ReconstructedRecord> bookings = bookingsByNumber(records);
              assertThat(bookings.get("B-1").value("client_email"))
                  .isEqualTo("anna.mueller@gmail.com");
              assertThat(bookings.get("B-1").value("client_backup_id")).isEqualTo("41");
              assertThat(bookings.get("B-2").value("client_email")).isEqualTo("mgarcia@gmx.de");
              assertThat(bookings.get("B-2").value("client_backup_id")).isNull();
              return null;
            });
    pipeline.run().waitUntilFinish();
  }

  @Test
  void aNameOnlyCalendarEventJoinsTheClientThatItsBookingNames() throws Exception {
    ReconstructedRecord anna = client("41", "anna@example.de", "Anna Berg");
    ReconstructedRecord booking = booking("B-1", "anna@example.de", "41", "cal:e1");
    ReconstructedRecord name = calendarName("cal:e1", "Anna Berg");
    ReconstructedRecord stranger = calendarName("cal:e9", "Nobody Known");
    String bookingId = booking.id();
    ReconstructedRecord.Action before = anna.action();

    TestPipeline pipeline = TestPipeline.create().enableAbandonedNodeEnforcement(false);
    PCollectionTuple out = resolve(pipeline, List.of(anna, booking), List.of(name, stranger));
    PAssert.that(out.get(MergeClusters.RECORDS))
        .satisfies(
            records -> {
              List<ReconstructedRecord> all = all(records);
              assertThat(all).hasSize(2);
              ReconstructedRecord client =
                  all.stream().filter(r -> r.id().equals("client:41")).findFirst().orElseThrow();
              assertThat(client.evidence()).extracting(e -> e.ref()).contains("cal:e1");
              assertThat(client.fields().get("full_name").sources()).contains("cal:e1");
              assertThat(client.action()).isEqualTo(before);
              assertThat(client.reasons())
                  .contains("attached cal:e1 as the client that " + bookingId + " names");
              return null;
            });
    PAssert.that(out.get(MergeClusters.UNLINKED)).containsInAnyOrder(stranger);
    assertThat(RunCounts.run(pipeline))
        .isEqualTo(Map.of("linking.client.attached_through_reference", 1L));
  }

  @Test
  void aMisspeltCalendarNameJoinsTheClientWithoutChangingItsName() throws Exception {
    // one newer source's spelling a typo apart is not a change of the backup's name (until
    // 2026-12-06 it won the name, so the piece was left unlinked): it only corroborates
    ReconstructedRecord anna = client("41", "anna@example.de", "Anna Berg");
    ReconstructedRecord booking = booking("B-1", "anna@example.de", "41", "cal:e1");
    ReconstructedRecord piece = calendarName("cal:e1", "Ana Berg");

    TestPipeline pipeline = TestPipeline.create().enableAbandonedNodeEnforcement(false);
    PCollectionTuple out = resolve(pipeline, List.of(anna, booking), List.of(piece));
    PAssert.that(out.get(MergeClusters.UNLINKED)).empty();
    String annaId = anna.id(); // the check is serialized: it holds the id, not the record
    PAssert.that(out.get(MergeClusters.RECORDS))
        .satisfies(
            records -> {
              assertThat(records)
                  .filteredOn(record -> record.id().equals(annaId))
                  .singleElement()
                  .satisfies(
                      record -> {
                        assertThat(record.value("full_name")).isEqualTo("Anna Berg");
                        assertThat(record.changes()).isEmpty();
                        assertThat(record.evidence())
                            .extracting(ReconstructedRecord.Evidence::ref)
                            .contains("cal:e1");
                      });
              return null;
            });
    pipeline.run().waitUntilFinish();
  }

  @Test
  void aCalendarNameOfAnotherPersonStaysUnlinkedSayingWhoTheBookingNames() throws Exception {
    assertLeftUnlinked("Otto Meyer", "it names full_name Otto Meyer where that one has Anna Berg");
  }

  /**
   * The calendar event of Anna's booking names {@code name}: it stays unlinked, saying {@code why},
   * and Anna and her booking come out as they went in.
   */
  private static void assertLeftUnlinked(String name, String why) throws Exception {
    ReconstructedRecord anna = client("41", "anna@example.de", "Anna Berg");
    ReconstructedRecord booking = booking("B-1", "anna@example.de", "41", "cal:e1");
    ReconstructedRecord piece = calendarName("cal:e1", name);

    TestPipeline pipeline = TestPipeline.create().enableAbandonedNodeEnforcement(false);
    PCollectionTuple out = resolve(pipeline, List.of(anna, booking), List.of(piece));
    PAssert.that(out.get(MergeClusters.RECORDS)).containsInAnyOrder(anna, booking);
    PAssert.that(out.get(MergeClusters.UNLINKED))
        .containsInAnyOrder(
            piece.withReason(
                "is evidence of "
                    + booking.id()
                    + ", whose client is client:41, but "
                    + why
                    + ": left for review"));
    assertThat(RunCounts.run(pipeline))
        .isEqualTo(Map.of("linking.client.refused_through_reference", 1L));
  }

  @Test
  void anEventOfBookingsOfTwoClientsLeavesItsNameUnlinked() throws Exception {
    ReconstructedRecord anna = client("41", "anna@example.de", "Anna Berg");
    ReconstructedRecord ben = client("77", "ben@example.de", "Anna Bergen");
    ReconstructedRecord first = booking("B-1", "anna@example.de", "41", "cal:e2");
    ReconstructedRecord second = booking("B-2", "ben@example.de", "77", "cal:e2");
    ReconstructedRecord name = calendarName("cal:e2", "Anna Berg");

    TestPipeline pipeline = TestPipeline.create().enableAbandonedNodeEnforcement(false);
    PCollectionTuple out = resolve(pipeline, List.of(anna, ben, first, second), List.of(name));
    PAssert.that(out.get(MergeClusters.RECORDS)).containsInAnyOrder(anna, ben, first, second);
    PAssert.that(out.get(MergeClusters.UNLINKED))
        .containsInAnyOrder(
            name.withReason(
                "its evidence belongs to records that name different client records"
                    + " (client:41, client:77): left for review"));
    assertThat(RunCounts.run(pipeline)).isEqualTo(Map.of("linking.client.ambiguous_reference", 1L));
  }

  @Test
  void twoRecordsUnderTheNamedIdTakeNoPieceAndLoseNothing() throws Exception {
    ReconstructedRecord anna = client("41", "anna@example.de", "Anna Berg");
    ReconstructedRecord twin = client("41", "twin@example.de", "Anna Berg");
    ReconstructedRecord booking = booking("B-1", "anna@example.de", "41", "cal:e1");
    ReconstructedRecord name = calendarName("cal:e1", "Anna Berg");

    TestPipeline pipeline = TestPipeline.create().enableAbandonedNodeEnforcement(false);
    PCollectionTuple out = resolve(pipeline, List.of(anna, twin, booking), List.of(name));
    PAssert.that(out.get(MergeClusters.RECORDS)).containsInAnyOrder(anna, twin, booking);
    PAssert.that(out.get(MergeClusters.UNLINKED)).containsInAnyOrder(name);
    pipeline.run().waitUntilFinish();
  }

  @Test
  void evidenceAttachedToABookingOnlyForReviewVouchesForNoClient() throws Exception {
    ReconstructedRecord anna = client("41", "anna@example.de", "Anna Berg");
    ReconstructedRecord booking =
        booking("B-1", "anna@example.de", "41", "cal:e3").toBuilder()
            .links(List.of(new Link(List.of("cal:e3"), 2.0, 0.8, true, List.of())))
            .build();
    ReconstructedRecord name = calendarName("cal:e3", "Anna Berg");

    TestPipeline pipeline = TestPipeline.create().enableAbandonedNodeEnforcement(false);
    PCollectionTuple out = resolve(pipeline, List.of(anna, booking), List.of(name));
    PAssert.that(out.get(MergeClusters.RECORDS)).containsInAnyOrder(anna, booking);
    PAssert.that(out.get(MergeClusters.UNLINKED)).containsInAnyOrder(name);
    pipeline.run().waitUntilFinish();
  }

  @Test
  void twoClientsJoinedByASharedKeyAreAConflictThatResolvesNoBooking() throws Exception {
    // a couple's shared landline joined the backup's client 4 and the new client 56 into one
    // cluster; merged, the newer client's email would be handed to the older one's bookings
    Observation jules =
        new Observation(
            "client",
            Map.of("email", "jules@example.fr", "backup_id", "4"),
            Map.of("email", "jules@example.fr", "backup_id", "4", "full_name", "Jules Martin"),
            Instant.parse("2026-02-01T00:00:00Z"),
            "backup",
            "backup:clients#4",
            "r");
    Observation noe =
        obs(
            "client",
            "email:<welcome56@x>",
            Map.of("email", "home@example.fr", "backup_id", "56", "full_name", "Noé Martin"),
            "email",
            "backup_id");
    ReconstructedRecord joined = record(jules, noe);
    ReconstructedRecord booking =
        record(
            obs(
                "booking",
                "email:<b9@x>",
                Map.of(
                    "number", "B-9", "client_email", "jules@example.fr", "client_backup_id", "4"),
                "number"));

    assertThat(joined.action()).isEqualTo(ReconstructedRecord.Action.CONFLICT);
    assertThat(joined.flagged()).isTrue();
    assertThat(joined.reasons())
        .anySatisfy(r -> assertThat(r).contains("names 2 different backup_id: 4, 56"));
    TestPipeline pipeline = TestPipeline.create().enableAbandonedNodeEnforcement(false);
    PCollection<ReconstructedRecord> resolved =
        resolve(pipeline, List.of(joined, booking), List.of()).get(MergeClusters.RECORDS);
    PAssert.that(resolved)
        .satisfies(
            records -> {
              ReconstructedRecord out =
                  all(records).stream().filter(r -> r.entity().equals("booking")).findFirst().get();
              assertThat(out.value("client_email")).isEqualTo("jules@example.fr");
              assertThat(out.reasons()).noneMatch(r -> r.contains("resolved through"));
              return null;
            });
    pipeline.run().waitUntilFinish();
  }

  @Test
  void aBookingNamingAnEmailTwoClientsShareResolvesToNeitherAndIsFlaggedSayingSo()
      throws Exception {
    // a family's email: two owners, each a record of its own, both hold it as a key
    String family = "familie.pichler@aon.at";
    ReconstructedRecord stefan = client("81", family, "Stefan Pichler");
    ReconstructedRecord anna = client("82", family, "Anna Pichler");
    ReconstructedRecord booking =
        record(
            obs(
                "booking",
                "email:<b5@x>",
                Map.of("number", "B-5", "client_email", family),
                "number"));

    TestPipeline pipeline = TestPipeline.create().enableAbandonedNodeEnforcement(false);
    PCollection<ReconstructedRecord> resolved =
        resolve(pipeline, List.of(stefan, anna, booking), List.of()).get(MergeClusters.RECORDS);
    PAssert.that(resolved)
        .satisfies(
            records -> {
              ReconstructedRecord out =
                  all(records).stream().filter(r -> r.entity().equals("booking")).findFirst().get();
              assertThat(out.value("client_email")).isEqualTo(family);
              assertThat(out.value("client_backup_id")).isNull();
              assertThat(out.flagged()).isTrue();
              assertThat(out.reasons())
                  .contains(
                      "client_email "
                          + family
                          + " names 2 client records, client:81, client:82 (a key they share):"
                          + " client_backup_id was resolved to none of them; check whose it is")
                  .noneMatch(r -> r.contains("resolved through"));
              return null;
            });
    pipeline.run().waitUntilFinish();
  }

  @Test
  void anotherSpellingOfAnEmailTwoClientsShareIsNamedAsTheBookingWritesIt() throws Exception {
    ReconstructedRecord stefan = client("81", "familie.pichler@gmail.com", "Stefan Pichler");
    ReconstructedRecord anna = client("82", "familie.pichler@gmail.com", "Anna Pichler");
    ReconstructedRecord booking =
        record(
            obs(
                "booking",
                "email:<b6@x>",
                Map.of("number", "B-6", "client_email", "familiepichler+ski@googlemail.com"),
                "number"));

    TestPipeline pipeline = TestPipeline.create().enableAbandonedNodeEnforcement(false);
    PCollection<ReconstructedRecord> resolved =
        resolve(pipeline, List.of(stefan, anna, booking), List.of()).get(MergeClusters.RECORDS);
    PAssert.that(resolved)
        .satisfies(
            records -> {
              ReconstructedRecord out =
                  all(records).stream().filter(r -> r.entity().equals("booking")).findFirst().get();
              assertThat(out.value("client_email")).isEqualTo("familiepichler+ski@googlemail.com");
              assertThat(out.value("client_backup_id")).isNull();
              assertThat(out.reasons())
                  .contains(
                      "client_email familiepichler+ski@googlemail.com names 2 client records,"
                          + " client:81, client:82 (a key they share): client_backup_id was"
                          + " resolved to none of them; check whose it is");
              return null;
            });
    pipeline.run().waitUntilFinish();
  }

  @Test
  void aValueTakenFromAClientFlaggedForReviewFlagsTheBookingThatTookIt() throws Exception {
    // two new clients sharing a phone came out as one record, flagged; the booking of one of them
    // would get the other's email, and be imported under that person unseen
    ReconstructedRecord joined =
        client("41", "karin@example.no", "Karin Myklebust").toBuilder()
            .flag()
            .addReason("email: equally new claims ...")
            .build();
    ReconstructedRecord unsure =
        record(
            obs(
                "booking",
                "email:<b1@x>",
                Map.of(
                    "number", "B-1", "client_email", "tone@example.no", "client_backup_id", "41"),
                "number"));
    ReconstructedRecord agreeing =
        record(
            obs(
                "booking",
                "email:<b2@x>",
                Map.of(
                    "number", "B-2", "client_email", "karin@example.no", "client_backup_id", "41"),
                "number"));

    TestPipeline pipeline = TestPipeline.create().enableAbandonedNodeEnforcement(false);
    PCollection<ReconstructedRecord> resolved =
        resolve(pipeline, List.of(joined, unsure, agreeing), List.of()).get(MergeClusters.RECORDS);
    PAssert.that(resolved)
        .satisfies(
            records -> {
              Map<String, ReconstructedRecord> byNumber = bookingsByNumber(records);
              ReconstructedRecord changed = byNumber.get("B-1");
              assertThat(changed.value("client_email")).isEqualTo("karin@example.no");
              assertThat(changed.flagged()).isTrue();
              assertThat(changed.reasons())
                  .contains(
                      "client_email was taken from client:41, which is flagged for review: check it"
                          + " when that record is reviewed");
              // what its own evidence already says is not taken from the flagged record
              assertThat(byNumber.get("B-2").flagged()).isFalse();
              return null;
            });
    pipeline.run().waitUntilFinish();
  }

  /**
   * A booking named by the card's customer (the paying spouse's) takes that person's email: its own
   * name says it is someone else's, and an outside trial's such enrolment got the payer's email
   * unseen. A name a typo apart is the same person.
   */
  @Test
  void aValueTakenFromAClientWhoseNameIsNotTheBookingsFlagsItNamingBoth() throws Exception {
    ReconstructedRecord hannah = client("41", "hannah@example.de", "Hannah Weber");
    ReconstructedRecord gabriel = bookingOfClientNamed("B-1", "Gabriel Weber");
    ReconstructedRecord typo = bookingOfClientNamed("B-2", "Hanah Weber");
    ReconstructedRecord unnamed = bookingOfClientNamed("B-3", null);

    TestPipeline pipeline = TestPipeline.create().enableAbandonedNodeEnforcement(false);
    PCollection<ReconstructedRecord> resolved =
        resolve(pipeline, List.of(hannah, gabriel, typo, unnamed), List.of())
            .get(MergeClusters.RECORDS);
    PAssert.that(resolved)
        .satisfies(
            records -> {
              Map<String, ReconstructedRecord> byNumber = bookingsByNumber(records);
              ReconstructedRecord other = byNumber.get("B-1");
              assertThat(other.value("client_email")).isEqualTo("hannah@example.de");
              assertThat(other.flagged()).isTrue();
              assertThat(other.confidence()).isLessThanOrEqualTo(0.5);
              assertThat(other.reasons())
                  .contains(
                      "client_email was taken from client:41, whose full_name Hannah Weber is not"
                          + " this booking's client_name Gabriel Weber: client_backup_id may name"
                          + " another person (a payer); check it");
              assertThat(byNumber.get("B-2").flagged()).isFalse();
              assertThat(byNumber.get("B-3").flagged()).isFalse();
              return null;
            });
    pipeline.run().waitUntilFinish();
  }

  /**
   * A booking whose own evidence gives another client's address beside its own client's name: a
   * relative forwarded the confirmation, and a rule reading the sender as the client's address took
   * the relative's, unflagged at confidence 1.0, in an outside trial's grooming salon.
   */
  @Test
  void aBookingsOwnAddressThatIsAnotherClientsFlagsItNamingBoth() throws Exception {
    ReconstructedRecord hannah = client("41", "hannah@example.de", "Hannah Weber");
    ReconstructedRecord forwarded = bookingWritingClient("B-5", "Gabriel Weber");
    ReconstructedRecord hers = bookingWritingClient("B-6", "Hannah");

    TestPipeline pipeline = TestPipeline.create().enableAbandonedNodeEnforcement(false);
    PCollection<ReconstructedRecord> resolved =
        resolve(pipeline, List.of(hannah, forwarded, hers), List.of()).get(MergeClusters.RECORDS);
    PAssert.that(resolved)
        .satisfies(
            records -> {
              Map<String, ReconstructedRecord> byNumber = bookingsByNumber(records);
              ReconstructedRecord other = byNumber.get("B-5");
              assertThat(other.value("client_email")).isEqualTo("hannah@example.de");
              assertThat(other.flagged()).isTrue();
              assertThat(other.confidence()).isLessThanOrEqualTo(0.5);
              assertThat(other.reasons())
                  .contains(
                      "client_email hannah@example.de is that of client:41, whose full_name Hannah"
                          + " Weber is not this booking's client_name Gabriel Weber: its evidence"
                          + " may give another person's address (a forwarder, a relative, a"
                          + " payer); check it");
              assertThat(byNumber.get("B-6").flagged()).as("a first name alone is hers").isFalse();
              return null;
            });
    pipeline.run().waitUntilFinish();
  }

  /**
   * A booking whose keys name two clients: the relative who paid and wrote gave her address, the
   * payment's metadata the account holder's id. An outside trial's kimono rental imported it into
   * the relative's account, unflagged at confidence 1.0.
   */
  @Test
  void aBookingWhoseKeysNameTwoClientsIsFlaggedNamingBoth() throws Exception {
    ReconstructedRecord daughter = client("41", "hannah@example.de", "Hannah Weber");
    ReconstructedRecord mother = client("52", "ute@example.de", "Ute Weber");
    ReconstructedRecord paidByDaughter = booking("B-7", "hannah@example.de", "52");
    ReconstructedRecord hers = booking("B-8", "hannah@example.de", "41");

    TestPipeline pipeline = TestPipeline.create().enableAbandonedNodeEnforcement(false);
    PCollection<ReconstructedRecord> resolved =
        resolve(pipeline, List.of(daughter, mother, paidByDaughter, hers), List.of())
            .get(MergeClusters.RECORDS);
    PAssert.that(resolved)
        .satisfies(
            records -> {
              Map<String, ReconstructedRecord> byNumber = bookingsByNumber(records);
              ReconstructedRecord both = byNumber.get("B-7");
              assertThat(both.value("client_email"))
                  .as("the first key of by still gives the value")
                  .isEqualTo("hannah@example.de");
              assertThat(both.flagged()).isTrue();
              assertThat(both.confidence()).isLessThanOrEqualTo(0.5);
              assertThat(both.reasons())
                  .contains(
                      "client_email was taken from client:41, which client_email"
                          + " hannah@example.de names, while client_backup_id 52 names client:52:"
                          + " the evidence names two client records (a relative or a payer beside"
                          + " the client, or one client recorded twice); check which is this"
                          + " booking's");
              assertThat(byNumber.get("B-8").flagged()).as("both keys name her").isFalse();
              return null;
            });
    pipeline.run().waitUntilFinish();
  }

  /**
   * A booking whose address names one client while its backup id names another known without an
   * address (a holiday flat's guest: the backup row holds the channel's relay alone, the guest's
   * reply gives the real address): the client without the value taken answered nothing, and the
   * booking came out unflagged beside two client records of one person.
   */
  @Test
  void aBookingWhoseOtherKeyNamesAClientWithoutAnEmailIsFlaggedNamingBoth() throws Exception {
    ReconstructedRecord relayOnly =
        record(
            new Observation(
                "client",
                Map.of("backup_id", "77"),
                Map.of("backup_id", "77", "full_name", "Ana Silva"),
                Instant.parse("2026-02-01T00:00:00Z"),
                "backup",
                "backup:clients#77",
                "r"),
            obs("client", "email:<w77@x>", Map.of("backup_id", "77"), "backup_id"));
    ReconstructedRecord byReply =
        record(obs("client", "email:<r1@x>", Map.of("email", "ana.real@example.pt"), "email"));
    ReconstructedRecord both = booking("B-9", "ana.real@example.pt", "77");
    ReconstructedRecord onlyTheRow =
        record(
            obs(
                "booking",
                "email:<b10@x>",
                Map.of("number", "B-10", "client_backup_id", "77"),
                "number"));

    TestPipeline pipeline = TestPipeline.create().enableAbandonedNodeEnforcement(false);
    PCollection<ReconstructedRecord> resolved =
        resolve(pipeline, List.of(relayOnly, byReply, both, onlyTheRow), List.of())
            .get(MergeClusters.RECORDS);
    PAssert.that(resolved)
        .satisfies(
            records -> {
              Map<String, ReconstructedRecord> byNumber = bookingsByNumber(records);
              ReconstructedRecord nine = byNumber.get("B-9");
              assertThat(nine.value("client_email")).isEqualTo("ana.real@example.pt");
              assertThat(nine.flagged()).isTrue();
              assertThat(nine.confidence()).isLessThanOrEqualTo(0.5);
              assertThat(nine.reasons())
                  .anySatisfy(
                      reason ->
                          assertThat(reason)
                              .startsWith("client_email was taken from ")
                              .contains(
                                  ", which client_email ana.real@example.pt names, while"
                                      + " client_backup_id 77 names client:77, which has no"
                                      + " email: the evidence names two client records"));
              assertThat(byNumber.get("B-10").flagged())
                  .as("one client named, with nothing to take")
                  .isFalse();
              assertThat(byNumber.get("B-10").value("client_email")).isNull();
              return null;
            });
    pipeline.run().waitUntilFinish();
  }

  /**
   * The payer is the client, and the booking names another person in another role by design (an
   * outside trial's rental contract: the parent pays, the child plays): only a name of the client's
   * role says whether the client found is the booking's.
   */
  @Test
  void aNameOfAnotherRoleDoesNotFlagTheClientTakenThroughTheBackup() throws Exception {
    ReconstructedRecord hannah = client("41", "hannah@example.de", "Hannah Weber");
    ReconstructedRecord lina =
        record(
            obs(
                "booking",
                "email:<B-4@x>",
                Map.of("number", "B-4", "client_backup_id", "41", "player_name", "Lina Weber"),
                "number"));
    ReconstructedRecord both =
        record(
            obs(
                "booking",
                "email:<B-5@x>",
                Map.of(
                    "number",
                    "B-5",
                    "client_backup_id",
                    "41",
                    "player_name",
                    "Lina Weber",
                    "client_name",
                    "Gabriel Weber"),
                "number"));

    TestPipeline pipeline = TestPipeline.create().enableAbandonedNodeEnforcement(false);
    PCollection<ReconstructedRecord> resolved =
        resolve(pipeline, List.of(hannah, lina, both), List.of()).get(MergeClusters.RECORDS);
    PAssert.that(resolved)
        .satisfies(
            records -> {
              Map<String, ReconstructedRecord> byNumber = bookingsByNumber(records);
              ReconstructedRecord played = byNumber.get("B-4");
              assertThat(played.value("client_email")).isEqualTo("hannah@example.de");
              assertThat(played.flagged()).as("%s", played.reasons()).isFalse();
              // the client's own role still says so
              assertThat(byNumber.get("B-5").reasons())
                  .contains(
                      "client_email was taken from client:41, whose full_name Hannah Weber is not"
                          + " this booking's client_name Gabriel Weber: client_backup_id may name"
                          + " another person (a payer); check it");
              return null;
            });
    pipeline.run().waitUntilFinish();
  }

  /** A booking of client 41 by backup id, whose own evidence names the client {@code name}. */
  /** A booking whose own mail gives hannah@example.de as its client's address, and {@code name}. */
  private static ReconstructedRecord bookingWritingClient(String number, String name)
      throws Exception {
    return record(
        obs(
            "booking",
            "email:<" + number + "@x>",
            Map.of("number", number, "client_email", "hannah@example.de", "client_name", name),
            "number"));
  }

  private static ReconstructedRecord bookingOfClientNamed(String number, String name)
      throws Exception {
    Map<String, String> fields = new TreeMap<>(Map.of("number", number, "client_backup_id", "41"));
    if (name != null) {
      fields.put("client_name", name);
    }
    return record(obs("booking", "email:<" + number + "@x>", fields, "number"));
  }

  @Test
  void aChosenEmailThatNamesNoClientWhereAnotherClaimNamesOneFlagsTheBooking() throws Exception {
    // an outside trial's wedding planner forwarded the confirmation: her address, read as the
    // client's by a rule for mail quoting a folio, won as the newest claim and named nobody
    ReconstructedRecord ana =
        record(obs("client", "email:<w1@x>", Map.of("email", "ana@example.mx"), "email"));
    ReconstructedRecord forwarded =
        record(
            new Observation(
                "booking",
                Map.of("number", "B-7"),
                Map.of("number", "B-7", "client_email", "ana@example.mx"),
                Instant.parse("2026-03-01T10:00:00Z"),
                "mail",
                "email:<b7@x>",
                "r"),
            new Observation(
                "booking",
                Map.of("number", "B-7"),
                Map.of("number", "B-7", "client_email", "paola@planner.example"),
                Instant.parse("2026-03-05T10:00:00Z"),
                "mail",
                "email:<fwd7@x>",
                "r"));
    ReconstructedRecord plain =
        record(
            obs(
                "booking",
                "email:<b8@x>",
                Map.of("number", "B-8", "client_email", "ana@example.mx"),
                "number"));

    TestPipeline pipeline = TestPipeline.create().enableAbandonedNodeEnforcement(false);
    PCollection<ReconstructedRecord> resolved =
        resolve(pipeline, List.of(ana, forwarded, plain), List.of()).get(MergeClusters.RECORDS);
    PAssert.that(resolved)
        .satisfies(
            records -> {
              Map<String, ReconstructedRecord> byNumber = bookingsByNumber(records);
              ReconstructedRecord b7 = byNumber.get("B-7");
              assertThat(b7.value("client_email"))
                  .as("the value stays as chosen: only a person can tell")
                  .isEqualTo("paola@planner.example");
              assertThat(b7.flagged()).isTrue();
              assertThat(b7.reasons())
                  .anySatisfy(
                      reason ->
                          assertThat(reason)
                              .startsWith(
                                  "client_email paola@planner.example names no client, while"
                                      + " ana@example.mx, which other evidence gives for it,"
                                      + " names client:")
                              .endsWith(": check which is right"));
              assertThat(byNumber.get("B-8").flagged()).isFalse();
              return null;
            });
    pipeline.run().waitUntilFinish();
  }

  @Test
  void aClientWithoutABackupIdLeavesTheBookingsBackupIdEmptyNotAnEmail() throws Exception {
    // regression: the answer for take: email was given to the question for take: backup_id
    ReconstructedRecord newClient =
        record(obs("client", "email:<w1@x>", Map.of("email", "new@example.de"), "email"));
    ReconstructedRecord knownClient = client("41", "old@example.de", "Client 41");
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
    PCollection<ReconstructedRecord> resolved =
        resolve(pipeline, List.of(newClient, knownClient, newBooking, knownBooking), List.of())
            .get(MergeClusters.RECORDS);
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
    ReconstructedRecord known = client("41", "old@example.de", "Client 41");
    ReconstructedRecord other = client("77", "other@example.de", "Client 77");
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
    PCollection<ReconstructedRecord> resolved =
        resolve(pipeline, List.of(known, other, confirmed, torn), List.of())
            .get(MergeClusters.RECORDS);
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

  /** A client the backup holds and nothing since changed: not written, carried over. */
  private static ReconstructedRecord carriedClient(String backupId, String email, String name)
      throws Exception {
    EntityMerger merger = new EntityMerger(EntityModel.parse(MODEL, "entities.yaml"), SETTINGS);
    return ((EntityMerger.CarriedOver)
            merger.merge(
                List.of(
                    new Observation(
                        "client",
                        Map.of("email", email, "backup_id", backupId),
                        Map.of("email", email, "backup_id", backupId, "full_name", name),
                        Instant.parse("2026-02-01T00:00:00Z"),
                        "backup",
                        "backup:clients#" + backupId,
                        "r"))))
        .record();
  }

  /** A booking that names its client only by the backup's id, as a moved booking's row does. */
  private static ReconstructedRecord bookingOfClientId(String number, String backupId)
      throws Exception {
    return record(
        obs(
            "booking",
            "email:<" + number + "@x>",
            Map.of("number", number, "client_backup_id", backupId),
            "number"));
  }

  private static PCollectionTuple resolveWithCarried(
      TestPipeline pipeline,
      List<ReconstructedRecord> records,
      List<ReconstructedRecord> unlinked,
      List<ReconstructedRecord> carried) {
    return PCollectionTuple.of(
            MergeClusters.RECORDS,
            pipeline.apply(
                "Records", Create.of(records).withCoder(ReconstructedRecordCoder.INSTANCE)))
        .and(
            MergeClusters.UNLINKED,
            pipeline.apply(
                "Unlinked", Create.of(unlinked).withCoder(ReconstructedRecordCoder.INSTANCE)))
        .and(
            MergeClusters.LOOKED_UP,
            pipeline.apply(
                "Carried", Create.of(carried).withCoder(ReconstructedRecordCoder.INSTANCE)))
        .apply(new ResolveReferences(SETTINGS));
  }

  @Test
  void aBookingNamingAnUnchangedClientByBackupIdTakesThatClientsEmail() throws Exception {
    ReconstructedRecord anna = carriedClient("41", "anna@example.de", "Anna Berg");
    ReconstructedRecord booking = bookingOfClientId("B-7", "41");
    assertThat(booking.value("client_email")).isNull();

    TestPipeline pipeline = TestPipeline.create().enableAbandonedNodeEnforcement(false);
    PCollectionTuple out = resolveWithCarried(pipeline, List.of(booking), List.of(), List.of(anna));
    PAssert.that(out.get(MergeClusters.RECORDS))
        .satisfies(
            records -> {
              // the carried-over client answers, and is still not written
              ReconstructedRecord only = all(records).stream().reduce((a, b) -> null).orElseThrow();
              assertThat(only.value("client_email")).isEqualTo("anna@example.de");
              assertThat(only.reasons())
                  .contains(
                      "client_email resolved through client:41 by client_backup_id,"
                          + " unchanged since the backup");
              return null;
            });
    pipeline.run().waitUntilFinish();
  }

  @Test
  void aWrittenRecordAnswersInsteadOfTheBackupRowItChanged() throws Exception {
    // matching made the carried-over client UPDATED: one owner, its new value, not two answers
    ReconstructedRecord before = carriedClient("41", "anna@example.de", "Anna Berg");
    ReconstructedRecord after = client("41", "anna.berg@example.de", "Anna Berg");
    ReconstructedRecord booking = bookingOfClientId("B-8", "41");

    TestPipeline pipeline = TestPipeline.create().enableAbandonedNodeEnforcement(false);
    PCollectionTuple out =
        resolveWithCarried(pipeline, List.of(after, booking), List.of(), List.of(before));
    PAssert.that(out.get(MergeClusters.RECORDS))
        .satisfies(
            records -> {
              ReconstructedRecord resolved =
                  all(records).stream()
                      .filter(r -> "B-8".equals(r.value("number")))
                      .findFirst()
                      .orElseThrow();
              assertThat(resolved.value("client_email")).isEqualTo("anna.berg@example.de");
              return null;
            });
    pipeline.run().waitUntilFinish();
  }

  @Test
  void anEventOfBookingsOfAnUnchangedAndAWrittenClientLeavesItsNameUnlinked() throws Exception {
    // the unchanged client is not written, but it is named: the event is not the other's alone
    ReconstructedRecord anna = carriedClient("41", "anna@example.de", "Anna Berg");
    ReconstructedRecord ben = client("77", "ben@example.de", "Anna Bergen");
    ReconstructedRecord first =
        record(
            obs(
                "booking",
                "email:<B-9@x>",
                Map.of("number", "B-9", "client_backup_id", "41"),
                "number"),
            observed("calendar", "booking", "cal:e9", Map.of("number", "B-9"), "number"));
    ReconstructedRecord second = booking("B-10", "ben@example.de", "77", "cal:e9");
    ReconstructedRecord name = calendarName("cal:e9", "Anna Berg");

    TestPipeline pipeline = TestPipeline.create().enableAbandonedNodeEnforcement(false);
    PCollectionTuple out =
        resolveWithCarried(pipeline, List.of(ben, first, second), List.of(name), List.of(anna));
    PAssert.that(out.get(MergeClusters.UNLINKED))
        .containsInAnyOrder(
            name.withReason(
                "its evidence belongs to records that name different client records"
                    + " (client:41, client:77): left for review"));
    pipeline.run().waitUntilFinish();
  }
}
