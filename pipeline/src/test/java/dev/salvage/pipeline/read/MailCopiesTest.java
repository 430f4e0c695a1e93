package dev.salvage.pipeline.read;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.salvage.connectors.RawRecord;
import dev.salvage.pipeline.bundle.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
}
