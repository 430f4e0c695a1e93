package dev.salvage.pipeline.read;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.salvage.connectors.PartitionFailure;
import dev.salvage.connectors.PartitionedSource;
import dev.salvage.connectors.RawRecord;
import dev.salvage.connectors.SourceReaders;
import dev.salvage.connectors.stripe.FakeStripeServer;
import dev.salvage.pipeline.beam.StepOutputs;
import dev.salvage.pipeline.read.ReadSources.ReadTask;
import dev.salvage.pipeline.stage.Stage;
import dev.salvage.pipeline.stage.StageMeters;
import dev.salvage.pipeline.stage.StageRegistry;
import jakarta.mail.Flags;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.StreamSupport;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A partition that cannot be read is listed as not read, and the others are read to their end. */
class ReadSourcesTest {
  @TempDir Path dir;

  @Test
  void theReadSendsItsRawRecordsBesideOneOutputOfQuarantinedAndNotRead() {
    TestPipeline pipeline = TestPipeline.create().enableAbandonedNodeEnforcement(false);
    pipeline.apply(new ReadSources(List.of()));

    // on Flink each more output would be one more copy of every raw record read
    assertThat(StepOutputs.of(pipeline, "ReadPartition")).isEqualTo(2);
  }

  @Test
  void anMboxRewrittenSinceItWasSplitIsNotReadWhileOneAMailWasAppendedToIsReadAsSplit()
      throws Exception {
    Path kept = write("kept.mbox", 3);
    Path live = write("live.mbox", 3);
    Path cut = write("cut.mbox", 3);
    List<ReadTask> tasks =
        tasks(SourceReaders.open("mail", "mbox", dir, Map.of("split_size", "1")));
    assertThat(tasks).hasSize(9);
    List<String> cutRanges =
        tasks.stream().map(ReadTask::partition).filter(p -> p.startsWith(cut + "#")).toList();
    String lastLiveRange =
        tasks.stream()
            .map(ReadTask::partition)
            .filter(p -> p.startsWith(live + "#bytes=" + 2 * mail(0).length() + "-"))
            .findFirst()
            .orElseThrow();
    // PAssert's check is serialized, and a Path is not serializable
    String liveFile = live.toString();
    String cutFile = cut.toString();
    int size = 3 * mail(0).length();
    // a mail arrives in one file after the run listed its ranges; another is rewritten shorter
    Files.writeString(live, mail(3), StandardOpenOption.APPEND);
    Files.writeString(cut, mail(0) + mail(1), StandardCharsets.US_ASCII);

    TestPipeline pipeline = TestPipeline.create().enableAbandonedNodeEnforcement(false);
    PCollectionTuple read = pipeline.apply(new ReadSources(tasks));

    PAssert.that(
            read.get(ReadSources.RECORDS)
                .apply(MapElements.into(TypeDescriptors.strings()).via(RawRecord::location)))
        .containsInAnyOrder(
            kept + ":0",
            kept + ":" + mail(0).length(),
            kept + ":" + 2 * mail(0).length(),
            live + ":0",
            live + ":" + mail(0).length(),
            live + ":" + 2 * mail(0).length());
    PAssert.that(read.get(ReadSources.NOT_READ))
        .satisfies(
            failures -> {
              List<PartitionFailure> all =
                  StreamSupport.stream(failures.spliterator(), false).toList();
              List<String> expected = new java.util.ArrayList<>(cutRanges);
              expected.add(lastLiveRange);
              assertThat(all)
                  .extracting(PartitionFailure::partition)
                  .containsExactlyInAnyOrderElementsOf(expected);
              for (PartitionFailure failure : all) {
                String range = failure.partition().replaceAll(".*#bytes=(\\d+-\\d+);.*", "$1");
                assertThat(failure.source()).isEqualTo("mail");
                if (failure.partition().equals(lastLiveRange)) {
                  assertThat(failure.read()).as("the range itself was read whole").isEqualTo(1);
                  assertThat(failure.notRead())
                      .isEqualTo(
                          "bytes "
                              + size
                              + "-"
                              + (size + mail(3).length())
                              + " of "
                              + liveFile
                              + ", appended after the run split the file into ranges");
                } else {
                  assertThat(failure.notRead()).isEqualTo("all of it");
                  assertThat(failure.lastError())
                      .startsWith(
                          "Cannot read bytes "
                              + range
                              + " of "
                              + cutFile
                              + ": the file changed since it was split into ranges");
                }
              }
              return null;
            });
    pipeline.run().waitUntilFinish();
  }

  @Test
  void anMboxOfOnePartitionIsReadAsListedAndWhatWasAppendedOrRewrittenSinceIsSaidNotRead()
      throws Exception {
    Path live = write("live.mbox", 3);
    Path rewritten = write("rewritten.mbox", 3);
    List<ReadTask> tasks = tasks(SourceReaders.open("mail", "mbox", dir, Map.of()));
    assertThat(tasks)
        .extracting(ReadTask::partition)
        .containsExactlyInAnyOrder(live.toString(), rewritten.toString());
    String liveFile = live.toString();
    String rewrittenFile = rewritten.toString();
    int size = 3 * mail(0).length();
    // after the listing, a client delivers into one file; the other is rewritten shorter
    Files.writeString(live, mail(3) + mail(4), StandardOpenOption.APPEND);
    Files.writeString(rewritten, mail(0) + mail(1), StandardCharsets.US_ASCII);

    TestPipeline pipeline = TestPipeline.create().enableAbandonedNodeEnforcement(false);
    PCollectionTuple read = pipeline.apply(new ReadSources(tasks));

    PAssert.that(
            read.get(ReadSources.RECORDS)
                .apply(MapElements.into(TypeDescriptors.strings()).via(RawRecord::location)))
        .containsInAnyOrder(
            live + ":0",
            live + ":" + mail(0).length(),
            live + ":" + 2 * mail(0).length(),
            rewritten + ":0",
            rewritten + ":" + mail(0).length());
    PAssert.that(read.get(ReadSources.NOT_READ))
        .satisfies(
            failures -> {
              List<PartitionFailure> all =
                  StreamSupport.stream(failures.spliterator(), false).toList();
              assertThat(all)
                  .extracting(PartitionFailure::partition)
                  .containsExactlyInAnyOrder(liveFile, rewrittenFile);
              for (PartitionFailure failure : all) {
                assertThat(failure.isNote()).isFalse();
                if (failure.partition().equals(liveFile)) {
                  assertThat(failure.read()).isEqualTo(3);
                  assertThat(failure.notRead())
                      .isEqualTo(
                          "bytes "
                              + size
                              + "-"
                              + (size + 2 * mail(0).length())
                              + " of "
                              + liveFile
                              + ", appended after the run listed the file");
                  assertThat(failure.lastError()).endsWith("Rerun to read them");
                } else {
                  assertThat(failure.read()).isEqualTo(2);
                  assertThat(failure.lastError())
                      .startsWith(
                          "Cannot read "
                              + rewrittenFile
                              + " as the run listed it: it changed while the run read it ("
                              + size
                              + " bytes");
                }
              }
              return null;
            });
    pipeline.run().waitUntilFinish();
  }

  @Test
  void aBrokenLinkAmongMailFilesIsNotReadAndSaysWhy() throws Exception {
    Path kept = Files.writeString(dir.resolve("kept.eml"), mail(0), StandardCharsets.US_ASCII);
    Path broken = Files.createSymbolicLink(dir.resolve("broken.eml"), dir.resolve("gone.eml"));
    String brokenFile = broken.toString();
    List<ReadTask> tasks = tasks(SourceReaders.open("mail", "eml", dir, Map.of()));

    TestPipeline pipeline = TestPipeline.create().enableAbandonedNodeEnforcement(false);
    PCollectionTuple read = pipeline.apply(new ReadSources(tasks));

    PAssert.that(
            read.get(ReadSources.RECORDS)
                .apply(MapElements.into(TypeDescriptors.strings()).via(RawRecord::location)))
        .containsInAnyOrder(kept.toString());
    PAssert.that(read.get(ReadSources.NOT_READ))
        .satisfies(
            failures -> {
              assertThat(failures)
                  .singleElement()
                  .satisfies(
                      failure -> {
                        assertThat(failure.partition()).isEqualTo(brokenFile);
                        assertThat(failure.notRead()).isEqualTo("all of it");
                        assertThat(failure.lastError())
                            .isEqualTo(
                                "Cannot read "
                                    + brokenFile
                                    + ": no such file (a symbolic link whose target is missing,"
                                    + " a file removed since the run listed it, or, on a Flink"
                                    + " cluster, a path the TaskManager reading it does not"
                                    + " have: input files must be at the same path on the"
                                    + " client and every TaskManager)");
                      });
              return null;
            });
    pipeline.run().waitUntilFinish();
  }

  @Test
  void aZipAmongMailFilesIsNotReadAndSaysHowToUnpackItInsteadOfBecomingOneBadMail()
      throws Exception {
    Path kept = Files.writeString(dir.resolve("kept.eml"), mail(0), StandardCharsets.US_ASCII);
    Path zip = dir.resolve("older mail.zip");
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
      for (int i = 1; i < 4; i++) {
        out.putNextEntry(new ZipEntry(i + ".eml"));
        out.write(mail(i).getBytes(StandardCharsets.US_ASCII));
        out.closeEntry();
      }
    }
    String zipFile = zip.toString();
    List<ReadTask> tasks = tasks(SourceReaders.open("mail", "eml", dir, Map.of()));

    TestPipeline pipeline = TestPipeline.create().enableAbandonedNodeEnforcement(false);
    PCollectionTuple read = pipeline.apply(new ReadSources(tasks));

    PAssert.that(
            read.get(ReadSources.RECORDS)
                .apply(MapElements.into(TypeDescriptors.strings()).via(RawRecord::location)))
        .containsInAnyOrder(kept.toString());
    PAssert.that(read.get(ReadSources.QUARANTINED)).empty();
    PAssert.that(read.get(ReadSources.NOT_READ))
        .satisfies(
            failures -> {
              assertThat(failures)
                  .singleElement()
                  .satisfies(
                      failure -> {
                        assertThat(failure.partition()).isEqualTo(zipFile);
                        assertThat(failure.notRead()).isEqualTo("all of it");
                        assertThat(failure.lastError())
                            .startsWith(
                                "Cannot read " + zipFile + ": it is a zip archive, which salvage")
                            .contains("Unpack or convert it (unzip older mail.zip -d DIR)");
                      });
              return null;
            });
    pipeline.run().waitUntilFinish();
  }

  @Test
  void aTruncatedGzippedMailboxGivesItsMailsBeforeTheCutAndSaysTheRestIsMissing() throws Exception {
    StringBuilder mbox = new StringBuilder();
    for (int i = 0; i < 400; i++) {
      mbox.append(mail(i % 10).replace("Subject:", "X-N: " + i + "\nSubject:"));
    }
    ByteArrayOutputStream zipped = new ByteArrayOutputStream();
    try (OutputStream out = new GZIPOutputStream(zipped)) {
      out.write(mbox.toString().getBytes(StandardCharsets.US_ASCII));
    }
    byte[] whole = zipped.toByteArray();
    Path cut = Files.write(dir.resolve("cut.mbox.gz"), Arrays.copyOf(whole, whole.length * 2 / 3));
    String cutFile = cut.toString();
    List<ReadTask> tasks = tasks(SourceReaders.open("mail", "mbox", cut, Map.of()));

    TestPipeline pipeline = TestPipeline.create().enableAbandonedNodeEnforcement(false);
    PCollectionTuple read = pipeline.apply(new ReadSources(tasks));

    PAssert.that(read.get(ReadSources.NOT_READ))
        .satisfies(
            failures -> {
              assertThat(failures)
                  .singleElement()
                  .satisfies(
                      failure -> {
                        assertThat(failure.read()).isGreaterThan(100);
                        assertThat(failure.notRead())
                            .isEqualTo(
                                "what follows the first "
                                    + failure.read()
                                    + " record(s) (the reader stopped there)");
                        assertThat(failure.lastError())
                            .isEqualTo(
                                "Cannot read "
                                    + cutFile
                                    + " to its end: the gzip data stops early (the file is"
                                    + " truncated); what came before was read");
                      });
              return null;
            });
    pipeline.run().waitUntilFinish();
  }

  /** One read task per partition of the source. */
  @Test
  void aStripeCustomerSlicesOfTwoListsNameIsAskedForAndReadOnceThoughEachTaskHasACopyOfTheSource()
      throws Exception {
    String key = "rk_test_51HreadSourcesKeyForTheSharedCustomers0123";
    long start = 1_767_225_600L; // 2026-01-01T00:00:00Z
    ObjectMapper json = new ObjectMapper();
    List<ObjectNode> customers = new ArrayList<>();
    List<ObjectNode> charges = new ArrayList<>();
    List<ObjectNode> intents = new ArrayList<>();
    for (int n = 0; n < 20; n++) {
      String customer = "cus_R" + n;
      // returning customers: created before the window, so no customers page lists them
      customers.add(
          json.createObjectNode()
              .put("id", customer)
              .put("object", "customer")
              .put("created", start - 40 * 86_400L)
              .put("email", "r" + n + "@example.com"));
      long created = start + n * 3_600L;
      charges.add(
          json.createObjectNode()
              .put("id", "ch_R" + n)
              .put("object", "charge")
              .put("created", created)
              .put("customer", customer));
      // the intent of the charge ten hours later, in another slice of another list
      intents.add(
          json.createObjectNode()
              .put("id", "pi_R" + n)
              .put("object", "payment_intent")
              .put("created", start + ((n + 10) % 20) * 3_600L)
              .put("customer", customer));
    }
    try (FakeStripeServer server = new FakeStripeServer(key)) {
      server
          .serve("/v1/customers", customers)
          .serve("/v1/charges", charges)
          .serve("/v1/payment_intents", intents);
      Path keyFile = dir.resolve("stripe.key");
      Files.writeString(keyFile, key);
      PartitionedSource source =
          SourceReaders.open(
              "stripe",
              "stripe-api",
              null,
              Map.of(
                  "api_base", server.baseUrl(),
                  "api_key_file", keyFile.toString(),
                  "objects", "charges,payment_intents,customers",
                  "created_from", Long.toString(start),
                  "created_to", Long.toString(start + 20 * 3_600L),
                  "slices", "4"));
      List<ReadTask> tasks = tasks(source);

      TestPipeline pipeline = TestPipeline.create().enableAbandonedNodeEnforcement(false);
      PCollectionTuple read = pipeline.apply(new ReadSources(tasks));
      PAssert.that(
              read.get(ReadSources.RECORDS)
                  .apply(MapElements.into(TypeDescriptors.strings()).via(RawRecord::ref)))
          .satisfies(
              ids -> {
                List<String> all = StreamSupport.stream(ids.spliterator(), false).toList();
                assertThat(all).doesNotHaveDuplicates().hasSize(60);
                return null;
              });
      pipeline.run().waitUntilFinish();

      assertThat(
              server.requests().stream()
                  .map(FakeStripeServer.Request::path)
                  .filter(p -> p.startsWith("/v1/customers/")))
          .doesNotHaveDuplicates()
          .hasSize(20);
    }
  }

  /**
   * A folder emptied by another client between listing and reading was said on stderr alone, then
   * as a note; it reaches the run as a partition not read, from whichever worker read it.
   */
  @Test
  void aFolderEmptiedBetweenListingAndReadingReachesTheRunAsAPartitionNotRead() throws Exception {
    GreenMail greenMail = new GreenMail(ServerSetupTest.IMAP.dynamicPort());
    greenMail.start();
    try {
      String password = UUID.randomUUID().toString();
      GreenMailUser user = greenMail.setUser("desk@shop.example", "desk", password);
      MailFolder sent = greenMail.getManagers().getImapHostManager().createMailbox(user, "Sent");
      Session session = Session.getInstance(new Properties());
      for (int i = 0; i < 6; i++) {
        sent.appendMessage(
            new MimeMessage(
                session,
                new ByteArrayInputStream(
                    withoutSeparator(mail(i)).getBytes(StandardCharsets.US_ASCII))),
            new Flags(),
            new Date());
      }
      Path passwordFile = Files.writeString(dir.resolve("imap-password"), password);
      PartitionedSource source =
          SourceReaders.open(
              "mail",
              "imap",
              null,
              Map.of(
                  "host", "127.0.0.1",
                  "port", Integer.toString(greenMail.getImap().getPort()),
                  "security", "none",
                  "user", "desk",
                  "password_file", passwordFile.toString(),
                  "folders", "Sent"));
      List<ReadTask> tasks = tasks(source);
      sent.deleteAllMessages();

      TestPipeline pipeline = TestPipeline.create().enableAbandonedNodeEnforcement(false);
      PCollectionTuple read = pipeline.apply(new ReadSources(tasks));

      PAssert.that(
              read.get(ReadSources.NOT_READ)
                  .apply(
                      MapElements.into(TypeDescriptors.strings())
                          .via(
                              failure ->
                                  failure.isNote()
                                      + " "
                                      + failure.source()
                                      + " "
                                      + failure.partition()
                                      + " "
                                      + failure.notRead())))
          .containsInAnyOrder(
              "false mail Sent 6 message(s) of folder Sent that it held when listed and no longer"
                  + " held when read (deleted, or moved to another folder, on the server in"
                  + " between; which ones cannot be named)");
      pipeline.run().waitUntilFinish();
    } finally {
      greenMail.stop();
    }
  }

  /**
   * The progress line counts records where they are read: the meter after the reader sees them only
   * when Flink's blocking exchange hands them on, after the reading task's every partition.
   */
  @Test
  void recordsAreCountedForTheProgressLineByTheirReaderAndOnceWithTheReadMeter() throws Exception {
    write("inbox.mbox", 3);
    List<ReadTask> tasks = tasks(SourceReaders.open("mail", "mbox", dir, Map.of()));
    StageRegistry.reset();
    TestPipeline unmetered = TestPipeline.create().enableAbandonedNodeEnforcement(false);
    unmetered.apply(new ReadSources(tasks));
    unmetered.run().waitUntilFinish();

    StageRegistry.Snapshot readOnly = StageRegistry.snapshot();

    StageRegistry.reset();
    TestPipeline metered = TestPipeline.create().enableAbandonedNodeEnforcement(false);
    StageMeters.from(System.currentTimeMillis())
        .readRecords(metered.apply(new ReadSources(tasks)).get(ReadSources.RECORDS));
    metered.run().waitUntilFinish();

    StageRegistry.Snapshot withMeter = StageRegistry.snapshot();
    StageRegistry.reset();
    assertThat(readOnly.stages().get(Stage.READ).out()).isEqualTo(3);
    assertThat(readOnly.readBySource()).containsExactly(Map.entry("mail", 3L));
    assertThat(withMeter.stages().get(Stage.READ).out()).isEqualTo(3);
    assertThat(withMeter.readBySource()).containsExactly(Map.entry("mail", 3L));
  }

  private static List<ReadTask> tasks(PartitionedSource source) throws Exception {
    List<ReadTask> tasks = new ArrayList<>();
    for (String partition : source.partitions()) {
      tasks.add(ReadTask.listed(source, partition));
    }
    return tasks;
  }

  private Path write(String name, int mails) throws Exception {
    StringBuilder mbox = new StringBuilder();
    for (int i = 0; i < mails; i++) {
      mbox.append(mail(i));
    }
    return Files.writeString(dir.resolve(name), mbox, StandardCharsets.US_ASCII);
  }

  /** The mail without its mbox separator line, as a server holds it. */
  private static String withoutSeparator(String mail) {
    return mail.substring(mail.indexOf('\n') + 1);
  }

  /** A mail of the same length whatever {@code i} below 10. */
  private static String mail(int i) {
    return "From sender@example.com Mon Mar  2 10:00:00 2026\n"
        + "From: sender@example.com\n"
        + "Message-ID: <m"
        + i
        + "@example.com>\n"
        + "Subject: mail "
        + i
        + "\n\nbody\n\n";
  }
}
