package dev.salvage.connectors.stripe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.salvage.connectors.CollectingSink;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StripeListJsonReaderTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CHARGE =
      "{\"id\":\"ch_1\",\"object\":\"charge\",\"amount\":12345,\"currency\":\"eur\",\"fee_rate\":1.50,"
          + "\"metadata\":{\"booking_ref\":\"RW-ABC123\"},\"refunded\":false,\"customer\":null}";

  @TempDir Path dir;

  @Test
  void listPageGivesOneRecordPerObjectUnchanged() throws IOException {
    Path page =
        write(
            "charges-0001.json",
            "{\n  \"object\": \"list\",\n  \"url\": \"/v1/charges\",\n  \"has_more\": true,\n  \"data\": [\n    "
                + CHARGE
                + ",\n    {\"id\": \"cs_9\", \"object\": \"checkout.session\", \"amount_total\": 5000}\n  ]\n}\n");
    write("charges-0002.json", "{\"object\":\"list\",\"has_more\":false,\"data\":[]}");

    CollectingSink sink = CollectingSink.read(new StripeListJsonReader(), page);

    assertThat(sink.refs()).containsExactly("stripe:ch_1", "stripe:cs_9");
    assertThat(sink.record("stripe:ch_1").kind()).isEqualTo("stripe.charge");
    assertThat(sink.record("stripe:cs_9").kind()).isEqualTo("stripe.checkout.session");
    assertThat(sink.record("stripe:ch_1").json()).isEqualTo(CHARGE);
    assertThat(sink.record("stripe:ch_1").location()).isEqualTo(page + ":6:5");
    assertThat(sink.quarantined).isEmpty();
  }

  @Test
  void aCustomerTheFetchFoundDeletedInStripeIsQuarantinedWithItsReason() throws IOException {
    String reason =
        "Customer cus_gone, named by charge ch_1, is deleted in Stripe (GET /v1/customers/cus_gone"
            + " answers deleted: true): its contact details are gone; the objects naming it keep"
            + " its id only";
    Path page =
        write(
            "named-by-charges-1765443600-1774018800.json",
            "{\"object\":\"list\",\"data\":[{\"id\":\"cus_1\",\"object\":\"customer\"}],"
                + "\"has_more\":false,\"url\":\"/v1/customers\",\"salvage_gone\":[{\"id\":"
                + "\"cus_gone\",\"reason\":\""
                + reason
                + "\"}]}");

    CollectingSink sink = CollectingSink.read(new StripeListJsonReader(), page);

    assertThat(sink.refs()).containsExactly("stripe:cus_1");
    assertThat(sink.quarantined).hasSize(1);
    assertThat(sink.quarantined.get(0).reason()).isEqualTo(reason);
    assertThat(sink.quarantined.get(0).location()).isEqualTo(page.toString());
  }

  @Test
  void aPageSayingHasMoreWithoutItsNextPageIsNotReadToItsEnd() throws IOException {
    Path page =
        write(
            "refunds-0001.json",
            "{\"object\":\"list\",\"data\":["
                + CHARGE
                + ",{\"id\":\"re_7\",\"object\":\"refund\"}],\"has_more\":true,\"url\":\"/v1/refunds\"}");
    CollectingSink sink = new CollectingSink();

    assertThatThrownBy(() -> new StripeListJsonReader().read(page, "stripe", sink))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith(
            "Cannot read Stripe list /v1/refunds to its end: page "
                + page
                + " says has_more: true, but its next page refunds-0002.json is not beside it;"
                + " the list's objects after re_7 were not read.");
    // what the page holds is read all the same
    assertThat(sink.refs()).containsExactly("stripe:ch_1", "stripe:re_7");
  }

  @Test
  void aPageSayingHasMoreIsReadWhenItsNextPageIsBesideItNumberedWithOrWithoutPadding()
      throws IOException {
    String more = "{\"object\":\"list\",\"has_more\":true,\"data\":[" + CHARGE + "]}";
    Path padded = write("page-1700000000-1800000000-0009.json", more);
    write("page-1700000000-1800000000-0010.json", "{\"object\":\"list\",\"data\":[]}");
    Path plain = write("charges-9.json.gz", "");
    write("charges-10.json.gz", "");
    Path unnumbered = write("charges.json", more);

    assertThat(CollectingSink.read(new StripeListJsonReader(), padded).refs())
        .containsExactly("stripe:ch_1");
    assertThat(NextPage.candidates(plain)).contains(dir.resolve("charges-10.json.gz"));
    assertThatThrownBy(() -> new StripeListJsonReader().read(unnumbered, "s", new CollectingSink()))
        .hasMessageContaining("its name has no page number to find the next page by");
  }

  @Test
  void truncatedPageKeepsTheObjectsBeforeTheBreak() throws IOException {
    Path page =
        write(
            "charges-0002.json",
            "{\"object\":\"list\",\"data\":[\n"
                + CHARGE
                + ",\n{\"id\":\"ch_2\",\"object\":\"charge\",\"amo");

    CollectingSink sink = new CollectingSink();

    // the objects after the break cannot be read: the file is not read to its end, and says so
    assertThatThrownBy(() -> new StripeListJsonReader().read(page, "stripe", sink))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith("Cannot read Stripe file " + page + " to its end: broken JSON at ")
        .hasMessageEndingWith("the objects before it were read");
    assertThat(sink.refs()).containsExactly("stripe:ch_1");
    assertThat(sink.quarantined).hasSize(1);
    assertThat(sink.quarantined.get(0).location())
        .matches(java.util.regex.Pattern.quote(page.toString()) + ":3:\\d+");
    assertThat(sink.quarantined.get(0).reason())
        .startsWith("Cannot parse Stripe file")
        .contains("broken JSON");
  }

  @Test
  void aStringLongerThanARecordMayHoldStopsTheFileLoudlyNotTheRun() throws IOException {
    // a 2 MB gzip holding one 2 GB description ran the JVM out of memory
    Path page = dir.resolve("charges-0001.json.gz");
    try (java.io.OutputStream out =
        new java.util.zip.GZIPOutputStream(Files.newOutputStream(page))) {
      out.write(
          ("{\"object\":\"list\",\"has_more\":false,\"data\":[\n"
                  + CHARGE
                  + ",\n{\"id\":\"ch_2\",\"object\":\"charge\",\"description\":\"")
              .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      byte[] chunk = "x".repeat(1 << 20).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
      for (int i = 0; i < 70; i++) {
        out.write(chunk);
      }
      out.write("\"}]}".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }
    CollectingSink sink = new CollectingSink();

    assertThatThrownBy(() -> new StripeListJsonReader().read(page, "stripe", sink))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith("Cannot read Stripe file " + page + " to its end: ")
        .hasMessageContaining(
            "a string value longer than 64 MB (67108864 characters), the longest a record may"
                + " hold");
    assertThat(sink.refs()).containsExactly("stripe:ch_1");
  }

  @Test
  void objectWithoutIdOrTypeIsQuarantinedAndTheOthersRead() throws IOException {
    Path page =
        write(
            "customers-0001.json",
            "[{\"id\":\"cus_1\",\"object\":\"customer\"},{\"object\":\"customer\",\"email\":\"x@example.com\"},"
                + "{\"id\":\"cus_3\"},42,{\"id\":\"cus_4\",\"object\":\"customer\"}]");

    CollectingSink sink = CollectingSink.read(new StripeListJsonReader(), page);

    assertThat(sink.refs()).containsExactly("stripe:cus_1", "stripe:cus_4");
    assertThat(sink.quarantined)
        .extracting(q -> q.reason())
        .containsExactly(
            "Cannot read Stripe object at [1]: field id is missing",
            "Cannot read Stripe object at [2]: field object is missing",
            "Cannot read Stripe object at [3]: not a JSON object");
    assertThat(sink.quarantined.get(0).excerpt()).contains("x@example.com");
  }

  @Test
  void jsonLinesGoOnAfterABrokenLine() throws IOException {
    Path file =
        write(
            "refunds.json",
            "{\"id\":\"re_1\",\"object\":\"refund\",\"amount\":100}\n"
                + "{\"id\":\"re_2\",\"object\":\"refund\",\"amount\":\n"
                + "\n"
                + "{\"id\":\"re_3\",\"object\":\"refund\",\"amount\":300}\n");

    CollectingSink sink = CollectingSink.read(new StripeListJsonReader(), file);

    assertThat(sink.refs()).containsExactly("stripe:re_1", "stripe:re_3");
    assertThat(sink.record("stripe:re_3").location()).isEqualTo(file + ":4:1");
    assertThat(sink.quarantined).hasSize(1);
    assertThat(sink.quarantined.get(0).location()).startsWith(file + ":2:");
    assertThat(JSON.readTree(sink.record("stripe:re_3").json()).get("amount").asInt())
        .isEqualTo(300);
  }

  @Test
  void jsonLinesNamedJsonGoOnAfterABrokenFirstLine() throws IOException {
    Path file =
        write(
            "refunds.json",
            "{\"id\":\"re_1\",\"object\":\"refund\",\"amount\":\n"
                + "{\"id\":\"re_2\",\"object\":\"refund\",\"amount\":200}\n"
                + "{\"id\":\"re_3\",\"object\":\"refund\",\"amount\":300}\n");

    CollectingSink sink = CollectingSink.read(new StripeListJsonReader(), file);

    assertThat(sink.refs()).containsExactly("stripe:re_2", "stripe:re_3");
    assertThat(sink.quarantined)
        .singleElement()
        .satisfies(
            q -> {
              assertThat(q.location()).startsWith(file + ":1:");
              assertThat(q.reason()).contains("broken JSON").doesNotContain("REDACTED");
            });
  }

  @Test
  void clientSecretsAreRemovedAtAnyDepthFromRecordsAndTheQuarantine() throws IOException {
    Path page =
        write(
            "mixed.json",
            "{\"object\":\"list\",\"data\":["
                + "{\"id\":\"pi_1\",\"object\":\"payment_intent\",\"client_secret\":\"pi_1_secret_a\"},"
                + "{\"id\":\"ch_1\",\"object\":\"charge\",\"payment_intent\":"
                + "{\"id\":\"pi_1\",\"client_secret\":\"pi_1_secret_a\"}},"
                + "{\"object\":\"checkout.session\",\"client_secret\":\"cs_secret_b\"}]}");

    CollectingSink sink = CollectingSink.read(new StripeListJsonReader(), page);

    assertThat(sink.refs()).containsExactly("stripe:pi_1", "stripe:ch_1");
    assertThat(sink.records).allSatisfy(r -> assertThat(r.json()).doesNotContain("secret"));
    assertThat(sink.json("stripe:ch_1").get("payment_intent").get("id").asText()).isEqualTo("pi_1");
    assertThat(sink.quarantined)
        .singleElement()
        .satisfies(q -> assertThat(q.excerpt()).doesNotContain("secret"));
  }

  @Test
  void prettyPrintedObjectsOneAfterAnotherAreRead() throws IOException {
    Path file =
        write(
            "intents.json",
            "{\n \"id\": \"pi_1\",\n \"object\": \"payment_intent\"\n}\n{\n \"id\": \"pi_2\",\n \"object\": \"payment_intent\"\n}\n");

    CollectingSink sink = CollectingSink.read(new StripeListJsonReader(), file);

    assertThat(sink.refs()).containsExactly("stripe:pi_1", "stripe:pi_2");
    assertThat(sink.record("stripe:pi_1").kind()).isEqualTo("stripe.payment_intent");
  }

  @Test
  void aStripeErrorBodySavedAsAPageIsNotRead() throws IOException {
    Path file =
        write(
            "refunds-0001.json",
            "{\n  \"error\": {\n    \"type\": \"rate_limit_error\",\n    \"message\": \"Too many"
                + " requests\"\n  }\n}\n");

    assertThatThrownBy(() -> new StripeListJsonReader().read(file, "stripe", new CollectingSink()))
        .isInstanceOf(IOException.class)
        .hasMessage(
            "Cannot read Stripe file "
                + file
                + ": it holds a Stripe error response, not a page of objects (rate_limit_error: Too"
                + " many requests); what the page should hold was not read. Fetch it again");
  }

  @Test
  void anHtmlErrorPageSavedAsAPageIsNotReadAndCountsNoRecord() throws IOException {
    Path file =
        write(
            "payment_intents-0002.json",
            "<!DOCTYPE html>\n<html><head><title>502 Bad\n Gateway</title></head>"
                + "<body><h1>502</h1></body></html>\n");
    CollectingSink sink = new CollectingSink();

    assertThatThrownBy(() -> new StripeListJsonReader().read(file, "stripe", sink))
        .isInstanceOf(IOException.class)
        .hasMessage(
            "Cannot read Stripe file "
                + file
                + ": it is an HTML page titled \"502 Bad Gateway\", not Stripe's JSON (a saved"
                + " error page?); what the page should hold was not read. Fetch it again");
    assertThat(sink.records).isEmpty();
    assertThat(sink.quarantined).isEmpty();
  }

  /**
   * A Dashboard CSV export in a source of type stripe-json (a first-timer's mix-up of the two
   * types): until 2026-12-07 it was "broken JSON at 1:4", one record read and quarantined, which
   * sent the operator to mend a file that is fine.
   */
  @Test
  void aDashboardCsvExportIsNotReadAndNamesTheTypeThatReadsIt() throws IOException {
    Path file =
        write(
            "unified_payments.csv",
            "id,Created date (UTC),Amount,Currency,Status\n"
                + "ch_1,2026-03-01 10:00:00,120.00,eur,Paid\n");
    CollectingSink sink = new CollectingSink();

    assertThatThrownBy(() -> new StripeListJsonReader().read(file, "stripe", sink))
        .isInstanceOf(IOException.class)
        .hasMessage(
            "Cannot read Stripe file "
                + file
                + ": it is a CSV file (its first line: id,Created date (UTC),Amount,Currency,Status),"
                + " not Stripe's JSON; a Dashboard CSV export is read by a source of type"
                + " stripe-csv (docs/stripe.md); nothing of it was read");
    assertThat(sink.records).isEmpty();
    assertThat(sink.quarantined).isEmpty();
  }

  @Test
  void anEmptyFileIsNotReadAndCountsNoRecord() throws IOException {
    Path file = write("charges-0003.json", "  \n");
    CollectingSink sink = new CollectingSink();

    assertThatThrownBy(() -> new StripeListJsonReader().read(file, "stripe", sink))
        .isInstanceOf(IOException.class)
        .hasMessage(
            "Cannot read Stripe file "
                + file
                + ": it is empty, not a page of objects (cut before anything was written?); what"
                + " it should hold was not read");
    // a quarantine entry counted as one record read: "not read: what follows the first 1"
    assertThat(sink.records).isEmpty();
    assertThat(sink.quarantined).isEmpty();
  }

  @Test
  void aFileOfAByteOrderMarkAloneSaysSo() throws IOException {
    Path file =
        Files.write(
            dir.resolve("charges-0004.json"), new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
    CollectingSink sink = new CollectingSink();

    assertThatThrownBy(() -> new StripeListJsonReader().read(file, "stripe", sink))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith(
            "Cannot read Stripe file "
                + file
                + ": it holds only a byte order mark (EF BB BF), nothing after it, not a page of"
                + " objects");
    assertThat(sink.quarantined).isEmpty();
  }

  private Path write(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content);
  }
}
