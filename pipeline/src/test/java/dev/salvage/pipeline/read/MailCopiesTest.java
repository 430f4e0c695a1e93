package dev.salvage.pipeline.read;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.salvage.connectors.RawRecord;
import dev.salvage.pipeline.beam.Coders;
import dev.salvage.pipeline.beam.RunCounts;
import dev.salvage.pipeline.beam.StepOutputs;
import dev.salvage.pipeline.bundle.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.junit.jupiter.api.Test;

class MailCopiesTest {
  private final Map<String, Long> counts = new HashMap<>();

  private static RawRecord takeout(String source, String folder, String labels) {
    return new RawRecord(
        source,
        "mail",
        "email:<m1@rent.example>#abc",
        source + "/" + folder + ".mbox:0",
        "{\"message_id\":\"<m1@rent.example>\",\"folder\":\""
            + folder
            + "\",\"labels\":"
            + labels
            + ",\"discarded\":null}",
        "copy-1");
  }

  private List<String> labelsKept(List<RawRecord> mails, List<String> sourceOrder)
      throws Exception {
    List<RawRecord> kept =
        MailCopies.keep(
            "<m1@rent.example>",
            mails,
            List.of(),
            sourceOrder,
            (n, c) -> counts.merge(n, c, Long::sum));
    assertThat(kept).hasSize(1);
    List<String> labels = new ArrayList<>();
    JsonNode json = Json.MAPPER.readTree(kept.get(0).json());
    json.path("labels").forEach(label -> labels.add(label.asText()));
    return labels;
  }

  @Test
  void theCopiesStepSendsTheRecordsAloneBesideOneOutputOfSharedMailAndBounces() {
    TestPipeline pipeline = TestPipeline.create().enableAbandonedNodeEnforcement(false);
    pipeline
        .apply(Create.empty(Coders.rawRecord()))
        .apply(new MailCopies(List.of("inbox", "sent")));

    // on Flink each more output would be one more copy of every raw record
    assertThat(StepOutputs.of(pipeline, "KeyMailByMessageId")).isEqualTo(2);
  }

  @Test
  void keepsTheLabelsOfEveryCopyWhicheverCopyIsKept() throws Exception {
    List<RawRecord> mails =
        List.of(
            takeout("gmail", "Bestaetigungen", "[\"Bestaetigungen\",\"Archiviert\"]"),
            takeout("takeout", "Posteingang", "[\"Posteingang\",\"Geoeffnet\"]"),
            takeout("maildir", "INBOX", "[]"));

    assertThat(labelsKept(mails, List.of("gmail", "takeout", "maildir")))
        .containsExactly("Bestaetigungen", "Archiviert", "Posteingang", "Geoeffnet");
    // a Maildir copy kept first, which has no labels, carries the Takeout copies' labels
    assertThat(labelsKept(mails, List.of("maildir", "takeout", "gmail")))
        .containsExactly("Posteingang", "Geoeffnet", "Bestaetigungen", "Archiviert");
    assertThat(counts).containsEntry(MailCopies.copiesCounter("gmail", "maildir"), 1L);
  }

  @Test
  void keepsOneOfARecordReadTwiceWithTheSameContentAndBothOfOtherContent() {
    RawRecord first =
        new RawRecord("stripe", "stripe.charge", "stripe:ch_1", "a.json:1", "{\"amount\":1}");
    RawRecord again =
        new RawRecord("stripe", "stripe.charge", "stripe:ch_1", "b.json:1", "{\"amount\":1}");
    RawRecord changed =
        new RawRecord("stripe", "stripe.charge", "stripe:ch_1", "c.json:1", "{\"amount\":2}");

    List<RawRecord> kept =
        MailCopies.keepRecordCopies(
            List.of(changed, again, first), (n, c) -> counts.merge(n, c, Long::sum));

    assertThat(kept).containsExactly(first, changed);
    assertThat(counts)
        .containsEntry(MailCopies.copiesCounter("stripe", "stripe"), 1L)
        .containsEntry("source.stripe.read", 1L);
  }

  private static RawRecord mail(String source, String messageId, String copyKey, String json) {
    return new RawRecord(
        source, "mail", "email:" + messageId + "#h", source + ".mbox:" + copyKey, json, copyKey);
  }

  @Test
  void groupsOnlyTheRecordsThatShareAKeyAndPassesTheOthersAsTheyAre() {
    RawRecord alone = mail("inbox", "<a@x>", "ca", "{\"to\":[\"ann@x\"]}");
    RawRecord copy = mail("inbox", "<b@x>", "cb", "{\"to\":[\"bo@x\"]}");
    RawRecord sameCopy = mail("sent", "<b@x>", "cb", "{\"to\":[\"bo@x\"]}");
    // alone under its own Message-ID, and so is the mail it returns: they still meet
    RawRecord bounce =
        mail(
            "inbox",
            "<bounce@x>",
            "cx",
            "{\"returned_message_id\":\"<c@x>\",\"delivery_failed_to\":[\"typo@x\"]}");
    RawRecord returned = mail("sent", "<c@x>", "cc", "{\"to\":[\"typo@x\",\"cy@x\"]}");
    RawRecord charge = new RawRecord("stripe", "stripe.charge", "stripe:ch_1", "a:1", "{}");
    RawRecord chargeAgain = new RawRecord("stripe", "stripe.charge", "stripe:ch_1", "b:1", "{}");
    String returnedRef = returned.ref();
    String aloneJson = alone.json();
    TestPipeline pipeline = TestPipeline.create().enableAbandonedNodeEnforcement(false);

    PCollection<RawRecord> kept =
        pipeline
            .apply(
                Create.of(alone, copy, sameCopy, bounce, returned, charge, chargeAgain)
                    .withCoder(Coders.rawRecord()))
            .apply(new MailCopies(List.of("inbox", "sent", "stripe")));

    PAssert.that(kept)
        .satisfies(
            records -> {
              List<String> seen = new ArrayList<>();
              records.forEach(r -> seen.add(r.source() + " " + r.ref() + " " + r.location()));
              assertThat(seen)
                  .containsExactlyInAnyOrder(
                      "inbox email:<a@x>#h inbox.mbox:ca",
                      "inbox email:<b@x>#h inbox.mbox:cb",
                      "inbox email:<bounce@x>#h inbox.mbox:cx",
                      "sent email:<c@x>#h sent.mbox:cc",
                      "stripe stripe:ch_1 a:1");
              records.forEach(
                  r -> {
                    if (r.ref().equals(returnedRef)) {
                      assertThat(r.json()).contains("\"to\":[\"cy@x\"]");
                    } else if (r.ref().equals("email:<a@x>#h")) {
                      assertThat(r.json()).isEqualTo(aloneJson);
                    }
                  });
              return null;
            });
    Map<String, Long> counts = RunCounts.run(pipeline);

    assertThat(counts)
        .containsEntry(MailCopies.copiesCounter("sent", "inbox"), 1L)
        .containsEntry(MailCopies.copiesCounter("stripe", "stripe"), 1L)
        .containsEntry(MailCopies.bouncedCounter("sent"), 1L);
  }
}
