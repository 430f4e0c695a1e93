package dev.salvage.connectors.stripe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.salvage.connectors.CollectingSink;
import dev.salvage.connectors.RawRecord;
import dev.salvage.connectors.SourceReaders;
import dev.salvage.connectors.io.JsonInput;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StripeCsvReaderTest {
  @TempDir Path dir;

  private CollectingSink read(String name, String csv, boolean bom) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    if (bom) {
      bytes.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
    }
    bytes.write(csv.getBytes(StandardCharsets.UTF_8));
    Path file = dir.resolve(name);
    Files.write(file, bytes.toByteArray());
    CollectingSink collected = new CollectingSink();
    SourceReaders.forType("stripe-csv").read(file, "stripe", collected);
    return collected;
  }

  private static JsonNode json(RawRecord record) throws IOException {
    return JsonInput.MAPPER.readTree(record.json());
  }

  @Test
  void anEmptyExportSaysItIsEmptyOrHoldsAByteOrderMarkAlone() {
    Path empty = dir.resolve("payments.csv");
    Path bomOnly = dir.resolve("payments-bom.csv");

    assertThatThrownBy(() -> read("payments.csv", "", false))
        .hasMessage(
            "Cannot read Stripe CSV export "
                + empty
                + ": it is empty (not even a header line; cut before anything was written?); what"
                + " it should hold was not read");
    assertThatThrownBy(() -> read("payments-bom.csv", "", true))
        .hasMessageStartingWith(
            "Cannot read Stripe CSV export "
                + bomOnly
                + ": it holds only a byte order mark (EF BB BF), nothing after it (not even");
  }

  @Test
  void aRowRepeatedWithTheSameValuesIsACopyOfTheFirstAndOneWithOtherValuesIsQuarantined()
      throws IOException {
    // two payments exports pasted one after the other, the second made after a refund
    String header = "id,Created date (UTC),Amount,Currency,Status\r\n";
    CollectingSink read =
        read(
            "payments.csv",
            header
                + "ch_1,2026-03-01 10:00,75.00,eur,Paid\r\n"
                + "ch_2,2026-03-02 10:00,80.00,eur,Paid\r\n"
                + header.replace("\r\n", "") // the second export's header is a bad row
                + "\r\n"
                + "ch_1,2026-03-01 10:00,75.00,eur,Paid\r\n"
                + "ch_2,2026-03-02 10:00,80.00,eur,Refunded\r\n",
            false);
    Path file = dir.resolve("payments.csv");

    assertThat(read.refs()).containsExactly("stripe:ch_1", "stripe:ch_2");
    assertThat(read.copies).containsExactly(entry(file + ":5", file + ":2"));
    assertThat(read.quarantined)
        .filteredOn(bad -> bad.location().equals(file + ":6"))
        .singleElement()
        .satisfies(
            bad ->
                assertThat(bad.reason())
                    .isEqualTo(
                        "Cannot read Stripe payments export row 5 (ch_2): the row at "
                            + file
                            + ":3 has the same id with other values (two exports of overlapping"
                            + " periods, the object changed between them?); that one is read,"
                            + " this one kept out: compare the two"));
  }

  @Test
  void everyColumnOfARowIsKeptUnderCsvSoADisputeIsNotLost() throws IOException {
    CollectingSink read =
        read(
            "payments.csv",
            "id,Created date (UTC),Amount,Currency,Status,Disputed Amount,Dispute Status,"
                + "rental_id (metadata)\r\n"
                + "ch_3Pd1,2026-03-07 14:31,120.00,usd,Paid,75.00,lost,77\r\n",
            false);

    JsonNode charge = json(read.records.get(0));
    assertThat(charge.path("status").asText()).isEqualTo("succeeded");
    JsonNode columns = charge.path("_csv");
    assertThat(columns.path("disputed_amount").asText()).isEqualTo("75.00");
    assertThat(columns.path("dispute_status").asText()).isEqualTo("lost");
    assertThat(columns.path("rental_id_metadata").asText()).isEqualTo("77");
    assertThat(columns.path("created_date_utc").asText()).isEqualTo("2026-03-07 14:31");
  }

  @Test
  void paymentsExportRowsBecomeChargesShapedLikeTheApi() throws IOException {
    CollectingSink read =
        read(
            "unified_payments.csv",
            "id,Created date (UTC),Amount,Amount Refunded,Currency,Captured,Description,"
                + "Status,Customer ID,Customer Email,PaymentIntent ID,Refunded date (UTC),"
                + "booking_ref (metadata)\r\n"
                + "ch_3Pa1,2026-02-03 14:05:09,\"1,234.50\",0.00,eur,true,"
                + "\"Booking RW-7K2M9Q, Lisbon\nairport\",Paid,cus_Q1,Jane.Doe@example.com,"
                + "pi_3Pa1,,RW-7K2M9Q\r\n"
                + "ch_3Pa2,2026-02-04 09:00,5000,5000,JPY,true,,Refunded,,,pi_3Pa2,"
                + "2026-02-05 10:00:00,\r\n",
            true);

    assertThat(read.quarantined).isEmpty();
    assertThat(read.records).extracting(RawRecord::kind).containsOnly("stripe.charge");
    assertThat(read.records)
        .extracting(RawRecord::ref)
        .containsExactly("stripe:ch_3Pa1", "stripe:ch_3Pa2");
    JsonNode paid = json(read.records.get(0));
    assertThat(paid.path("object").asText()).isEqualTo("charge");
    assertThat(paid.path("amount").asLong()).isEqualTo(123_450);
    assertThat(paid.path("currency").asText()).isEqualTo("eur");
    assertThat(paid.path("created").asLong()).isEqualTo(1_770_127_509L);
    assertThat(paid.path("status").asText()).isEqualTo("succeeded");
    assertThat(paid.path("description").asText()).isEqualTo("Booking RW-7K2M9Q, Lisbon\nairport");
    assertThat(paid.path("billing_details").path("email").asText())
        .isEqualTo("Jane.Doe@example.com");
    assertThat(paid.path("payment_intent").asText()).isEqualTo("pi_3Pa1");
    assertThat(paid.path("customer").asText()).isEqualTo("cus_Q1");
    assertThat(paid.path("metadata").path("booking_ref").asText()).isEqualTo("RW-7K2M9Q");
    assertThat(paid.path("refunds").path("data")).isEmpty();
    JsonNode refunded = json(read.records.get(1));
    assertThat(refunded.path("amount").asLong()).isEqualTo(5000);
    assertThat(refunded.path("currency").asText()).isEqualTo("jpy");
    assertThat(refunded.path("refunded").asBoolean()).isTrue();
    assertThat(refunded.path("metadata").has("booking_ref")).isFalse();
    assertThat(refunded.path("billing_details").path("email").isNull()).isTrue();
    JsonNode refund = refunded.path("refunds").path("data").get(0);
    assertThat(refund.path("status").asText()).isEqualTo("succeeded");
    assertThat(refund.path("created").asLong()).isEqualTo(1_770_285_600L);
  }

  @Test
  void anUncapturedPaymentIsTheApisSucceededChargeThatIsNotCaptured() throws IOException {
    CollectingSink read =
        read(
            "unified_payments.csv",
            "id,Created date (UTC),Amount,Currency,Status,PaymentIntent ID\n"
                + "ch_3Pu1,2026-02-03 14:05:09,120.00,eur,Uncaptured,pi_3Pu1\n"
                + "ch_3Pu2,2026-02-03 15:05:09,80.00,eur,Pending,pi_3Pu2\n",
            true);

    assertThat(read.quarantined).isEmpty();
    JsonNode uncaptured = json(read.records.get(0));
    assertThat(uncaptured.path("status").asText()).isEqualTo("succeeded");
    assertThat(uncaptured.path("paid").asBoolean()).isTrue();
    assertThat(uncaptured.path("captured").asBoolean()).isFalse();
    JsonNode pending = json(read.records.get(1));
    assertThat(pending.path("status").asText()).isEqualTo("pending");
    assertThat(pending.path("captured").asBoolean()).isTrue();
  }

  @Test
  void customersExportWithoutOptionalColumnsKeepsTheRest() throws IOException {
    CollectingSink read =
        read(
            "customers.csv",
            "id,Email,Name,Created (UTC)\n"
                + "cus_Q1,jane@example.com,\"Doe, Jane\",2026-01-10 08:30:00\n"
                + "cus_Q2,,,2026-01-11 08:30:00\n",
            false);

    assertThat(read.quarantined).isEmpty();
    assertThat(read.records).extracting(RawRecord::kind).containsOnly("stripe.customer");
    JsonNode jane = json(read.records.get(0));
    assertThat(jane.path("email").asText()).isEqualTo("jane@example.com");
    assertThat(jane.path("name").asText()).isEqualTo("Doe, Jane");
    assertThat(jane.path("phone").isNull()).isTrue();
    assertThat(jane.path("created").asLong()).isEqualTo(1_768_033_800L);
    assertThat(json(read.records.get(1)).path("email").isNull()).isTrue();
  }

  @Test
  void refundsExportRowsNameTheirCharge() throws IOException {
    CollectingSink read =
        read(
            "refunds.csv",
            "id,Amount,Currency,Created (UTC),Charge ID,Reason,Status,booking_ref (metadata)\n"
                + "re_1,12.5,KWD,2026-02-05T10:00:00Z,ch_3Pa1,requested_by_customer,Succeeded,RW-1\n",
            true);

    JsonNode refund = json(read.records.get(0));
    assertThat(read.records.get(0).kind()).isEqualTo("stripe.refund");
    assertThat(refund.path("amount").asLong()).isEqualTo(12_500);
    assertThat(refund.path("charge").asText()).isEqualTo("ch_3Pa1");
    assertThat(refund.path("status").asText()).isEqualTo("succeeded");
    assertThat(refund.path("metadata").path("booking_ref").asText()).isEqualTo("RW-1");
  }

  @Test
  void aBadRowIsQuarantinedAndTheNextOneRead() throws IOException {
    CollectingSink read =
        read(
            "payments.csv",
            "id,Created date (UTC),Amount,Currency,Status\n"
                + "ch_bad,2026-02-03 14:05:09,twelve,eur,Paid\n"
                + "ch_yen,2026-02-03 14:05:09,10.5,jpy,Paid\n"
                + "ch_ok,2026-02-03 14:05:09,12.00,eur,Failed\n",
            false);

    assertThat(read.records).extracting(RawRecord::ref).containsExactly("stripe:ch_ok");
    assertThat(json(read.records.get(0)).path("status").asText()).isEqualTo("failed");
    assertThat(read.quarantined).hasSize(2);
    assertThat(read.quarantined.get(0).reason())
        .contains("payments export row 1 (ch_bad)", "column amount", "'twelve' is not a number");
    assertThat(read.quarantined.get(0).location()).endsWith("payments.csv:2");
    assertThat(read.quarantined.get(1).reason()).contains("more decimals than JPY");
  }

  @Test
  void slashedDatesAreReadInTheOrderTheFilesOwnDatesTellAndQuarantinedWhenNoneTells()
      throws IOException {
    String header = "id,Created date (UTC),Amount,Currency,Status,Customer Email\n";
    // 25/01 can only be day first: so 03/02 is the 3rd of February
    CollectingSink dayFirst =
        read(
            "day-first.csv",
            header
                + "ch_1,03/02/2026 09:30,10.00,eur,Paid,a@x.example\n"
                + "ch_2,25/01/2026 18:00,20.00,eur,Paid,b@x.example\n",
            false);
    assertThat(dayFirst.quarantined).isEmpty();
    assertThat(json(dayFirst.records.get(0)).path("created").asLong())
        .isEqualTo(java.time.Instant.parse("2026-02-03T09:30:00Z").getEpochSecond());

    CollectingSink monthFirst =
        read(
            "month-first.csv",
            header
                + "ch_1,03/02/2026 09:30,10.00,eur,Paid,a@x.example\n"
                + "ch_2,01/25/2026 18:00,20.00,eur,Paid,b@x.example\n",
            false);
    assertThat(json(monthFirst.records.get(0)).path("created").asLong())
        .isEqualTo(java.time.Instant.parse("2026-03-02T09:30:00Z").getEpochSecond());

    CollectingSink untold =
        read("untold.csv", header + "ch_1,03/02/2026 09:30,10.00,eur,Paid,a@x.example\n", false);
    assertThat(untold.records).isEmpty();
    assertThat(untold.quarantined)
        .singleElement()
        .satisfies(
            q ->
                assertThat(q.reason())
                    .contains(
                        "column created date (utc): '03/02/2026 09:30' is day first in some"
                            + " locales and month first in others, and no date of this file"
                            + " tells"));
  }

  @Test
  void theOptionDateOrderReadsSlashedDatesNoDateOfTheFileCanTellTheOrderOf() throws Exception {
    // a UK business's January: every day up to 12, so the file's own dates tell nothing
    Path file = dir.resolve("uk.csv");
    Files.writeString(
        file,
        "id,Created date (UTC),Amount,Currency,Status\n"
            + "ch_1,05/01/2026 10:05,245.50,gbp,Paid\n"
            + "ch_2,12/01/2026 12:05,310.00,gbp,Paid\n");

    CollectingSink untold = new CollectingSink();
    SourceReaders.forType("stripe-csv").read(file, "stripe", untold);
    assertThat(untold.records).isEmpty();
    assertThat(untold.quarantined.get(0).reason())
        .contains("no date of this file tells", "set the source option date_order");

    CollectingSink dayFirst = new CollectingSink();
    var source =
        SourceReaders.open(
            "stripe", "stripe-csv", file, java.util.Map.of("date_order", "day_first"));
    for (String partition : source.partitions()) {
      source.read(partition, dayFirst);
    }
    assertThat(dayFirst.quarantined).isEmpty();
    assertThat(dayFirst.records)
        .extracting(record -> json(record).path("created").asLong())
        .containsExactly(
            java.time.Instant.parse("2026-01-05T10:05:00Z").getEpochSecond(),
            java.time.Instant.parse("2026-01-12T12:05:00Z").getEpochSecond());

    assertThatThrownBy(
            () ->
                SourceReaders.open(
                    "stripe", "stripe-csv", file, java.util.Map.of("date_order", "british")))
        .hasMessageContaining("date_order")
        .hasMessageContaining("day_first");
  }

  @Test
  void amountsWithACurrencySignAreReadAsTheMoneyTypeReadsThemAndASignNamingAnotherIsRefused()
      throws IOException {
    // Excel's currency format: "£1,234.50"
    CollectingSink read =
        read(
            "pounds.csv",
            "id,Created date (UTC),Amount,Amount Refunded,Currency,Status\n"
                + "ch_1,2026-01-05 10:05:00,\"£1,234.50\",£0.00,gbp,Paid\n"
                + "ch_2,2026-01-05 10:06:00,GBP 245.50,,gbp,Paid\n"
                + "ch_3,2026-01-05 10:07:00,$245.50,,gbp,Paid\n",
            false);

    assertThat(read.records)
        .extracting(record -> json(record).path("amount").asLong())
        .containsExactly(123450L, 24550L);
    assertThat(read.quarantined)
        .singleElement()
        .satisfies(
            q ->
                assertThat(q.reason())
                    .contains(
                        "(ch_3): column amount: '$245.50' is an amount in USD, and column"
                            + " Currency says GBP"));
  }

  @Test
  void anUnknownExportIsNotReadAndSaysSoNotOneQuarantinedRecord() {
    // nothing of the file is read: the run must list it as not read (exit 3), not count one
    // quarantined record and exit 0
    assertThatThrownBy(() -> read("balance.csv", "id,Net,Fee\ntxn_1,1,2\n", false))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("balance.csv")
        .hasMessageContaining("not a payments, customers or refunds export")
        .hasMessageEndingWith(": id,Net,Fee");
  }

  @Test
  void anExportSavedAgainByAPolishSpreadsheetIsReadWithItsSeparatorDecimalCommaAndCodePage()
      throws IOException {
    // Excel in Polish: ';' between fields, a decimal comma, dates day first, windows-1250
    Path file = dir.resolve("payments.csv");
    Files.write(
        file,
        ("id;Created date (UTC);Amount;Amount Refunded;Currency;Status;Customer Email;Card Name\r\n"
                + "ch_1;10.01.2026 11:03;1 300,00;0,00;pln;Paid;a@x.pl;W\u0142adys\u0142aw"
                + " \u0141o\u015b\r\n"
                + "ch_2;2026-01-11 11:03:00;350,5;0,00;pln;Paid;b@x.pl;\u017baneta"
                + " G\u0105siorowska\r\n")
            .getBytes(java.nio.charset.Charset.forName("windows-1250")));
    CollectingSink read = new CollectingSink();

    SourceReaders.forType("stripe-csv").read(file, "stripe", read);

    assertThat(read.quarantined).isEmpty();
    JsonNode first = json(read.records.get(0));
    assertThat(first.path("amount").asLong()).isEqualTo(130000);
    assertThat(first.path("created").asLong()).isEqualTo(1768042980L);
    assertThat(first.path("billing_details").path("name").asText())
        .isEqualTo("W\u0142adys\u0142aw \u0141o\u015b");
    JsonNode second = json(read.records.get(1));
    assertThat(second.path("amount").asLong()).isEqualTo(35050);
    assertThat(second.path("billing_details").path("name").asText())
        .isEqualTo("\u017baneta G\u0105siorowska");
  }

  @Test
  void aDutchExcelExportWithASepLineIsReadWithThatSeparatorAndItsLinesCounted() throws IOException {
    // Excel in Dutch: "sep=;" first (Excel's own separator line), decimal comma, d-M-yyyy dates
    CollectingSink read =
        read(
            "unified_payments.csv",
            "sep=;\r\n"
                + "id;Created date (UTC);Amount;Currency;Status;Customer Email;appointment"
                + " (metadata)\r\n"
                + "ch_1;16-3-2026 09:20;45,50;eur;Paid;sanne@x.nl;FA-1002\r\n"
                + "ch_2;20-3-2026 16:40;1.045,00;eur;Paid;eva@x.nl;FA-1003\r\n",
            true);

    assertThat(read.quarantined).isEmpty();
    assertThat(read.records)
        .extracting(RawRecord::ref)
        .containsExactly("stripe:ch_1", "stripe:ch_2");
    JsonNode second = json(read.records.get(1));
    assertThat(second.path("amount").asLong()).isEqualTo(104500);
    assertThat(second.path("metadata").path("appointment").asText()).isEqualTo("FA-1003");
    assertThat(read.records.get(1).location()).endsWith("unified_payments.csv:4");
  }

  @Test
  void capturedWrittenInASpreadsheetsLanguageIsReadAndAnUnknownWordIsNotTakenForFalse()
      throws IOException {
    CollectingSink read =
        read(
            "payments.csv",
            "id;Amount;Currency;Captured;Status\n"
                + "ch_1;45,50;eur;WAAR;Paid\n"
                + "ch_2;45,50;eur;ONWAAR;Uncaptured\n"
                + "ch_3;45,50;eur;VRAI;Paid\n"
                + "ch_4;45,50;eur;1;Paid\n"
                + "ch_5;45,50;eur;ja?;Paid\n",
            false);

    assertThat(read.records)
        .extracting(r -> r.ref() + "=" + json(r).path("captured").asBoolean())
        .containsExactly(
            "stripe:ch_1=true", "stripe:ch_2=false", "stripe:ch_3=true", "stripe:ch_4=true");
    assertThat(read.quarantined)
        .singleElement()
        .satisfies(
            q ->
                assertThat(q.reason())
                    .contains("payments export row 5 (ch_5)", "column Captured is 'ja?'"));
  }

  @Test
  void anUnclosedQuoteKeepsTheRowsBeforeIt() throws IOException {
    Path file =
        Files.writeString(
            dir.resolve("payments.csv"), "id,Amount,Currency\nch_1,1.00,eur\nch_2,\"2.00,eur\n");
    CollectingSink read = new CollectingSink();

    // the rows after the quote are inside it: the file is not read to its end, and says so
    assertThatThrownBy(() -> SourceReaders.forType("stripe-csv").read(file, "stripe", read))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("Cannot read Stripe CSV export " + file + " to its end");

    assertThat(read.records).extracting(RawRecord::ref).containsExactly("stripe:ch_1");
    assertThat(read.quarantined)
        .singleElement()
        .satisfies(q -> assertThat(q.reason()).contains("Cannot parse Stripe CSV export"));
  }

  @Test
  void rowsOfAnotherExportWithTheColumnsOfAKnownOneAreQuarantinedByTheirIds() throws IOException {
    // balance history has Amount and Currency; an invoices export has Customer Email and no Amount
    CollectingSink balance =
        read(
            "balance_history.csv",
            "id,Type,Source,Amount,Fee,Net,Currency,Created (UTC)\n"
                + "txn_1AAA,charge,ch_1AAA,103.00,3.29,99.71,eur,2026-02-03 14:05:09\n",
            false);
    CollectingSink invoices =
        read(
            "invoices.csv",
            "id,Customer Email,Amount Due,Currency,Created (UTC)\n"
                + "in_1AAA,ana@example.com,10.00,eur,2026-02-03 14:05:09\n",
            false);

    assertThat(balance.records).isEmpty();
    assertThat(balance.quarantined)
        .singleElement()
        .satisfies(
            q ->
                assertThat(q.reason())
                    .contains(
                        "(txn_1AAA)", "is not a charge id (ch_, py_, pi_)", "another export"));
    assertThat(invoices.records).isEmpty();
    assertThat(invoices.quarantined)
        .singleElement()
        .satisfies(q -> assertThat(q.reason()).contains("is not a customer id (cus_)"));
  }

  @Test
  void aRowWithoutAnIdIsQuarantinedAndTheRowsAfterItRead() throws IOException {
    CollectingSink read =
        read(
            "payments.csv", "id,Amount,Currency\nch_1,1.00,eur\n,2.00,eur\nch_3,3.00,eur\n", false);

    assertThat(read.records)
        .extracting(RawRecord::ref)
        .containsExactly("stripe:ch_1", "stripe:ch_3");
    assertThat(read.quarantined)
        .singleElement()
        .satisfies(
            q -> {
              assertThat(q.reason()).contains("payments export row 2", "column id is empty");
              assertThat(q.location()).endsWith("payments.csv:3");
            });
  }

  @Test
  void aTrailingSeparatorInTheHeaderIsAnEmptyColumnNotAnUnreadFile() throws IOException {
    CollectingSink read =
        read("payments.csv", "id,Amount,Currency,\nch_1,1.00,eur,\nch_2,2.00,eur,\n", false);

    assertThat(read.quarantined).isEmpty();
    assertThat(read.records)
        .extracting(RawRecord::ref)
        .containsExactly("stripe:ch_1", "stripe:ch_2");
  }

  @Test
  void anExportSavedAgainByExcelIsReadAsWindows1252NotWithReplacementCharacters()
      throws IOException {
    Path file = dir.resolve("customers.csv");
    Files.write(
        file,
        "id,Email,Name\ncus_1,jose@example.com,José Núñez Ibáñez\n"
            .getBytes(java.nio.charset.Charset.forName("windows-1252")));
    CollectingSink read = new CollectingSink();

    SourceReaders.forType("stripe-csv").read(file, "stripe", read);

    assertThat(json(read.records.get(0)).path("name").asText()).isEqualTo("José Núñez Ibáñez");
  }

  @Test
  void anExportSavedAgainByExcelOnJapaneseWindowsIsRefusedUntilItsEncodingIsDeclared()
      throws Exception {
    Path file = dir.resolve("customers.csv");
    Files.write(
        file,
        "id,Email,Name\ncus_1,taro@example.jp,山田 太郎\ncus_2,hanako@example.jp,佐藤 花子\n"
            .getBytes(java.nio.charset.Charset.forName("windows-31j")));
    var undeclared = SourceReaders.open("stripe", "stripe-csv", dir, java.util.Map.of());

    // read as windows-1252 the names were mojibake, with exit 0
    assertThatThrownBy(() -> undeclared.checkEncodings(undeclared.partitions()))
        .isInstanceOf(dev.salvage.connectors.InvalidSourceException.class)
        .hasMessageStartingWith("Cannot configure stripe-csv source \"stripe\": Cannot read")
        .hasMessageContaining("As Shift_JIS it reads '山田', '太郎', '佐藤'")
        .hasMessageContaining("Set the option encoding: Shift_JIS");

    var declared =
        SourceReaders.open("stripe", "stripe-csv", dir, java.util.Map.of("encoding", "Shift_JIS"));
    assertThat(declared.checkEncodings(declared.partitions())).isEmpty();
    CollectingSink read = CollectingSink.readAll(declared);
    assertThat(json(read.records.get(0)).path("name").asText()).isEqualTo("山田 太郎");
  }

  @Test
  void anExportReadAsWindows1252IsNamedForTheRunsEnd() throws Exception {
    Files.write(
        dir.resolve("customers.csv"),
        "id,Email,Name\ncus_1,jose@example.com,José Núñez Ibáñez\n"
            .getBytes(java.nio.charset.Charset.forName("windows-1252")));
    var source = SourceReaders.open("stripe", "stripe-csv", dir, java.util.Map.of());

    assertThat(source.checkEncodings(source.partitions()))
        .singleElement()
        .satisfies(note -> assertThat(note.encoding()).isEqualTo("windows-1252"));
  }

  @Test
  void aCommaGroupedAmountInAThreeDecimalCurrencyIsAmbiguousAndQuarantined() throws IOException {
    CollectingSink read =
        read(
            "payments.csv",
            "id,Amount,Currency\nch_1,\"12,500\",kwd\nch_2,\"12,500.250\",kwd\nch_3,\"1,500\",jpy\n",
            false);

    assertThat(read.records)
        .extracting(RawRecord::ref)
        .containsExactly("stripe:ch_2", "stripe:ch_3");
    assertThat(json(read.records.get(0)).path("amount").asLong()).isEqualTo(12_500_250L);
    assertThat(json(read.records.get(1)).path("amount").asLong()).isEqualTo(1_500L);
    assertThat(read.quarantined)
        .singleElement()
        .satisfies(q -> assertThat(q.reason()).contains("'12,500' is ambiguous in KWD"));
  }

  @Test
  void aDotGroupedAmountInATwoDecimalCurrencyIsQuarantinedNamingTheThousandsReading()
      throws IOException {
    // a Dutch spreadsheet's re-save writes 1045 as 1.045: three decimals in English
    CollectingSink read =
        read("payments.csv", "id,Amount,Currency\nch_1,1.045,eur\nch_2,10.45,eur\n", false);

    assertThat(read.records).extracting(RawRecord::ref).containsExactly("stripe:ch_2");
    assertThat(read.quarantined)
        .singleElement()
        .satisfies(
            q ->
                assertThat(q.reason())
                    .contains(
                        "'1.045' has more decimals than EUR has, or groups thousands with \".\""
                            + " (1045) as a spreadsheet saved in a decimal-comma locale writes"
                            + " them"));
  }

  @Test
  void metadataKeysDifferingOnlyInCaseAreTwoKeys() throws IOException {
    CollectingSink read =
        read(
            "payments.csv",
            "id,Amount,Currency,booking_ref (metadata),Booking_Ref (metadata)\n"
                + "ch_1,1.00,eur,RW-1,legacy-7\n",
            false);

    JsonNode metadata = json(read.records.get(0)).path("metadata");
    assertThat(metadata.path("booking_ref").asText()).isEqualTo("RW-1");
    assertThat(metadata.path("Booking_Ref").asText()).isEqualTo("legacy-7");
  }

  @Test
  void dashedDatesWithTheYearLastAreReadInTheOrderTheFileOrTheOptionDateOrderTells()
      throws Exception {
    // Dutch Excel's re-save of the export: d-M-yyyy H:mm
    String header = "id,Created date (UTC),Amount,Currency,Status\n";
    CollectingSink told =
        read(
            "nl.csv",
            header + "ch_1,3-2-2026 7:03,10.00,eur,Paid\nch_2,25-1-2026 18:00,20.00,eur,Paid\n",
            false);
    assertThat(told.quarantined).isEmpty();
    assertThat(told.records)
        .extracting(record -> json(record).path("created").asLong())
        .containsExactly(
            java.time.Instant.parse("2026-02-03T07:03:00Z").getEpochSecond(),
            java.time.Instant.parse("2026-01-25T18:00:00Z").getEpochSecond());

    Path file = dir.resolve("nl-untold.csv");
    Files.writeString(file, header + "ch_1,12-11-2025 7:03,10.00,eur,Paid\n");
    CollectingSink dayFirst = new CollectingSink();
    var source =
        SourceReaders.open(
            "stripe", "stripe-csv", file, java.util.Map.of("date_order", "day_first"));
    for (String partition : source.partitions()) {
      source.read(partition, dayFirst);
    }
    assertThat(dayFirst.quarantined).isEmpty();
    assertThat(json(dayFirst.records.get(0)).path("created").asLong())
        .isEqualTo(java.time.Instant.parse("2025-11-12T07:03:00Z").getEpochSecond());
  }

  @Test
  void aDateInNoFormTheReaderReadsListsTheFormsAndTheOptionDateOrder() throws IOException {
    CollectingSink read =
        read("payments.csv", "id,Amount,Currency,Created (UTC)\nch_1,1.00,eur,2026.01.05\n", false);

    assertThat(read.quarantined)
        .singleElement()
        .satisfies(
            q ->
                assertThat(q.reason())
                    .contains("'2026.01.05' is not a date and time in a form this reader reads")
                    .contains("d.M.yyyy H:mm[:ss]", "(12-11-2025 7:03)", "date_order"));
  }

  @Test
  void aBadDateNamesTheColumnTheFileHas() throws IOException {
    CollectingSink read =
        read("payments.csv", "id,Amount,Currency,Created (UTC)\nch_1,1.00,eur,yesterday\n", false);

    assertThat(read.quarantined)
        .singleElement()
        .satisfies(
            q ->
                assertThat(q.reason()).contains("column created (utc): 'yesterday' is not a date"));
  }

  @Test
  void datesWithOneDigitDayMonthOrHourAreReadDottedSlashedAndDashed() throws IOException {
    // Czech Excel's default short date: no leading zeros in day, month or hour
    CollectingSink read =
        read(
            "payments.csv",
            "id;Created date (UTC);Amount;Currency;Status\n"
                + "ch_1;3.5.2026 18:23;1,00;czk;Paid\n"
                + "ch_2;26.5.2026 0:42;1,00;czk;Paid\n"
                + "ch_3;03.05.2026 8:05:09;1,00;czk;Paid\n"
                + "ch_4;3.5.2026;1,00;czk;Paid\n"
                + "ch_5;2026-5-3 8:23;1,00;czk;Paid\n"
                + "ch_6;2026-05-03 8:23:10;1,00;czk;Paid\n"
                + "ch_7;2026-5-3;1,00;czk;Paid\n"
                + "ch_8;25/5/2026 7:01;1,00;czk;Paid\n",
            false);

    assertThat(read.quarantined).isEmpty();
    java.util.List<java.time.Instant> created = new java.util.ArrayList<>();
    for (RawRecord record : read.records) {
      created.add(java.time.Instant.ofEpochSecond(json(record).path("created").asLong()));
    }
    assertThat(created)
        .containsExactly(
            java.time.Instant.parse("2026-05-03T18:23:00Z"),
            java.time.Instant.parse("2026-05-26T00:42:00Z"),
            java.time.Instant.parse("2026-05-03T08:05:09Z"),
            java.time.Instant.parse("2026-05-03T00:00:00Z"),
            java.time.Instant.parse("2026-05-03T08:23:00Z"),
            java.time.Instant.parse("2026-05-03T08:23:10Z"),
            java.time.Instant.parse("2026-05-03T00:00:00Z"),
            java.time.Instant.parse("2026-05-25T07:01:00Z"));
  }

  @Test
  void aDottedDateThatIsNoRealDayIsQuarantinedNotMovedToTheMonthsEnd() throws IOException {
    CollectingSink read =
        read(
            "payments.csv",
            "id;Created date (UTC);Amount;Currency;Status\nch_1;31.04.2026 9:00;1,00;czk;Paid\n",
            false);

    assertThat(read.records).isEmpty();
    assertThat(read.quarantined)
        .singleElement()
        .satisfies(
            q ->
                assertThat(q.reason())
                    .contains("column created date (utc): '31.04.2026 9:00' is not a date"));
  }
}
