package dev.salvage.connectors.email;

import dev.salvage.connectors.PartitionedSource;
import dev.salvage.connectors.Quarantined;
import dev.salvage.connectors.RawRecord;
import dev.salvage.connectors.RecordSink;
import jakarta.mail.Flags;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Mail parsing throughput: the same generated booking mails read from an mbox file and from a
 * GreenMail IMAP server on loopback. Not a test; run it with {@code scripts/bench-mail [N]}.
 */
public final class MailThroughputBench {
  private static final int RUNS = 3;

  private MailThroughputBench() {}

  public static void main(String[] args) throws Exception {
    int count = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
    Path dir = Files.createTempDirectory("bench-mail");
    List<String> mails = new ArrayList<>();
    long bytes = 0;
    for (int i = 0; i < count; i++) {
      String mail = bookingMail(i);
      mails.add(mail);
      bytes += mail.length();
    }
    Path mbox = dir.resolve("mailbox.mbox");
    StringBuilder text = new StringBuilder();
    for (String mail : mails) {
      text.append("From bookings@rentwise.example Tue Mar 10 09:30:00 2026\n")
          .append(mail.replace("\r\n", "\n"))
          .append("\n");
    }
    Files.writeString(mbox, text, StandardCharsets.UTF_8);
    System.out.printf(
        "%d messages, %.1f KB on average, %d CPU(s)%n",
        count, bytes / 1024.0 / count, Runtime.getRuntime().availableProcessors());

    List<Double> mboxRates = new ArrayList<>();
    for (int run = 0; run <= RUNS; run++) {
      Counting sink = new Counting();
      long start = System.nanoTime();
      new MboxReader().read(mbox, "mail", sink);
      double rate = rate(sink, count, start);
      if (run > 0) { // the first run warms the JIT up
        mboxRates.add(rate);
      }
    }
    report("mbox", mboxRates);

    try (ImapTestServer server = new ImapTestServer(dir)) {
      Instant received = Instant.parse("2026-03-10T09:30:00Z");
      for (String mail : mails) {
        server.append("INBOX", mail, received, new Flags());
      }
      List<Double> imapRates = new ArrayList<>();
      List<Double> snapshotRates = new ArrayList<>();
      for (int run = 0; run <= RUNS; run++) {
        imapRates.add(imapRate(server.source("INBOX", Map.of("batch_size", "200")), count));
        Path snapshot = dir.resolve("snapshot-" + run);
        snapshotRates.add(
            imapRate(server.source("INBOX", Map.of("snapshot_dir", snapshot.toString())), count));
      }
      report("imap (loopback)", imapRates.subList(1, imapRates.size()));
      report("imap + snapshot", snapshotRates.subList(1, snapshotRates.size()));
    }
  }

  private static double imapRate(PartitionedSource source, int count) throws Exception {
    Counting sink = new Counting();
    long start = System.nanoTime();
    for (String folder : source.partitions()) {
      source.read(folder, sink);
    }
    return rate(sink, count, start);
  }

  private static double rate(Counting sink, int expected, long start) {
    double seconds = (System.nanoTime() - start) / 1e9;
    if (sink.records != expected) {
      throw new IllegalStateException(
          "read " + sink.records + " of " + expected + " messages, " + sink.bad + " quarantined");
    }
    return expected / seconds;
  }

  private static void report(String what, List<Double> rates) {
    List<Double> sorted = rates.stream().sorted().toList();
    System.out.printf(
        "%-16s median %8.0f messages/s (runs: %s)%n",
        what,
        sorted.get(sorted.size() / 2),
        String.join(", ", rates.stream().map(r -> String.format("%.0f", r)).toList()));
  }

  private static String bookingMail(int i) {
    String reference = String.format("RW-%06d", i);
    String date =
        java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(
            Instant.parse("2026-03-01T08:00:00Z")
                .plus(Duration.ofMinutes(7L * i))
                .atOffset(java.time.ZoneOffset.UTC));
    String boundary = "b-" + i;
    String html =
        "<html><body><p>Dear Customer "
            + i
            + ",</p><table><tr><td data-field=\"location\">Lisbon Airport</td>"
            + "<td data-field=\"pickup\">12/03/2026 10:00</td></tr></table>"
            + "<p>Total: 1"
            + (i % 1000)
            + ".50 EUR</p>"
            + "<p>"
            + "Thank you for renting with Rentwise Cars. ".repeat(30)
            + "</p></body></html>";
    return "Message-ID: <"
        + reference
        + "."
        + i
        + "@rentwise.example>\r\n"
        + "From: Rentwise Cars <bookings@rentwise.example>\r\n"
        + "To: customer"
        + i
        + "@mail.example\r\n"
        + "Date: "
        + date
        + "\r\n"
        + "Subject: =?UTF-8?Q?Booking_confirmed_=E2=80=94_?= "
        + reference
        + "\r\n"
        + "MIME-Version: 1.0\r\n"
        + "Content-Type: multipart/alternative; boundary=\""
        + boundary
        + "\"\r\n\r\n"
        + "--"
        + boundary
        + "\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding:"
        + " quoted-printable\r\n\r\nDear Customer "
        + i
        + ",\r\nYour booking "
        + reference
        + " is confirmed.\r\nTotal: 1"
        + (i % 1000)
        + ".50 EUR\r\n"
        + "Thank you for renting with Rentwise Cars.\r\n".repeat(20)
        + "--"
        + boundary
        + "\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
        + html
        + "\r\n--"
        + boundary
        + "--\r\n";
  }

  private static final class Counting implements RecordSink {
    long records;
    long bad;

    @Override
    public void accept(RawRecord record) {
      records++;
    }

    @Override
    public void quarantine(Quarantined quarantined) {
      bad++;
    }
  }
}
