package dev.salvage.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.salvage.pipeline.bundle.Json;
import jakarta.mail.Flags;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance: the checked-in sample scenario gives the same metrics when its mail is served over
 * IMAP (GreenMail) as when it is read from the mbox.
 */
class ImapScenarioTest {
  private static final Path SCENARIO = Path.of("..", "samples", "scenario");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final ObjectMapper JSON = Json.MAPPER;

  @TempDir Path dir;

  @Test
  void theScenarioReadOverImapGivesTheMetricsOfTheMboxRun() throws Exception {
    assumeTrue(
        Files.isRegularFile(SCENARIO.resolve("salvage.yaml")),
        "the sample scenario is not checked in yet");
    Path scenario = dir.resolve("scenario");
    copy(SCENARIO, scenario);
    try (ServedMail served = serveMail(scenario)) {
      JsonNode fromMbox = evaluate(run(scenario.resolve("salvage.yaml"), dir.resolve("mbox-run")));
      JsonNode fromImap = evaluate(run(served.config(), dir.resolve("imap-run")));
      assertThat(fromImap).isEqualTo(fromMbox);
      ObjectNode imapCounts = (ObjectNode) sourceSummary(dir.resolve("imap-run"), served.source());
      assertThat(imapCounts.path("read").asLong()).isEqualTo(served.messages());
      // what an operator compares with the server's own count of each folder
      assertThat(imapCounts.remove("read_by_partition").path("INBOX").asLong())
          .isEqualTo(served.messages());
      assertThat(imapCounts).isEqualTo(sourceSummary(dir.resolve("mbox-run"), served.source()));
    }
  }

  @Test
  void aMailboxReadOverImapGivesTheRecordsOfTheMboxRun() throws Exception {
    Path scenario = smallScenario();
    try (ServedMail served = serveMail(scenario)) {
      assertThat(served.messages()).isEqualTo(60);
      Path fromMbox = run(scenario.resolve("salvage.yaml"), dir.resolve("mbox-run"));
      Path fromImap = run(served.config(), dir.resolve("imap-run"));
      List<String> mboxRecords = sortedLines(fromMbox.resolve("review/records.jsonl"));
      assertThat(mboxRecords).hasSizeGreaterThan(10);
      assertThat(sortedLines(fromImap.resolve("review/records.jsonl"))).isEqualTo(mboxRecords);
      ObjectNode imapCounts = (ObjectNode) sourceSummary(fromImap, "mail");
      assertThat(imapCounts.remove("read_by_partition"))
          .isEqualTo(JSON.readTree("{\"INBOX\": 60}"));
      assertThat(imapCounts).isEqualTo(sourceSummary(fromMbox, "mail"));
      assertThat(sourceSummary(fromMbox, "mail").has("read_by_partition")).isFalse();
      assertThat(dir.resolve("snapshot/INBOX/60.eml")).exists();
    }
  }

  @Test
  void fetchStoresTheMailboxAsEmlFilesWithoutRunningThePipeline() throws Exception {
    Path scenario = smallScenario();
    try (ServedMail served = serveMail(scenario)) {
      Path snapshot = dir.resolve("fetched");
      java.io.StringWriter out = new java.io.StringWriter();
      picocli.CommandLine cli = new picocli.CommandLine(new SalvageCli());
      cli.setOut(new java.io.PrintWriter(out, true));
      assertThat(
              cli.execute(
                  "fetch",
                  "--config",
                  served.config().toString(),
                  "--snapshot",
                  snapshot.toString()))
          .isZero();
      assertThat(out.toString()).contains("mail: 60 record(s)");
      try (Stream<Path> files = Files.list(snapshot.resolve("mail/INBOX"))) {
        assertThat(files.filter(f -> f.toString().endsWith(".eml")).count()).isEqualTo(60);
      }
    }
  }

  /**
   * A fetch killed before it finished INBOX leaves a manifest saying so; an imap run that then
   * reads the folder to its end into the same snapshot marks it there, so the snapshot read as eml
   * is complete instead of reporting INBOX not read until another fetch.
   */
  @Test
  void anImapRunIntoAnUnfinishedFetchsSnapshotMarksTheFoldersItReadInTheManifest()
      throws Exception {
    Path scenario = smallScenario();
    try (ServedMail served = serveMail(scenario)) {
      Path snapshot = dir.resolve("fetched");
      assertThat(
              SalvageCli.execute(
                  "fetch",
                  "--config",
                  served.config().toString(),
                  "--snapshot",
                  snapshot.toString()))
          .isZero();
      Path manifest = snapshot.resolve("mail/.salvage-fetch.json");
      // as a fetch killed while it fetched INBOX leaves it
      Files.writeString(
          manifest,
          Files.readString(manifest).replace("\"complete\" : true", "\"complete\" : false"));
      ObjectNode emlConfig = (ObjectNode) YAML.readTree(served.config().toFile());
      ObjectNode emlSource = mboxSource(emlConfig, "imap");
      emlSource.put("type", "eml");
      emlSource.remove("options");
      emlSource.put("path", snapshot.resolve("mail").toString());
      Path eml = scenario.resolve("salvage-eml.yaml");
      YAML.writeValue(eml.toFile(), emlConfig);
      assertThat(runExit(eml, dir.resolve("before"))).isEqualTo(SalvageCli.EXIT_INCOMPLETE);

      ObjectNode imapConfig = (ObjectNode) YAML.readTree(served.config().toFile());
      ((ObjectNode) mboxSource(imapConfig, "imap").path("options"))
          .put("snapshot_dir", snapshot.resolve("mail").toString());
      Path imap = scenario.resolve("salvage-imap-into-fetch.yaml");
      YAML.writeValue(imap.toFile(), imapConfig);
      run(imap, dir.resolve("imap-run"));

      assertThat(Files.readString(manifest)).doesNotContain("\"complete\" : false");
      assertThat(runExit(eml, dir.resolve("after"))).isZero();
      assertThat(
              JSON.readTree(dir.resolve("after/summary.json").toFile()).path("not_read").isEmpty())
          .isTrue();
    }
  }

  private static int runExit(Path config, Path out) {
    return SalvageCli.execute(
        "run", "--config", config.toString(), "--out", out.toString(), "--parallelism", "2");
  }

  @Test
  void aFolderThatDoesNotExistIsAConfigurationErrorOfRunAndFetch() throws Exception {
    Path scenario = smallScenario();
    try (ServedMail served = serveMail(scenario)) {
      ObjectNode config = (ObjectNode) YAML.readTree(served.config().toFile());
      ((ObjectNode) config.path("sources").get(0).path("options"))
          .put("folders", "INBOX,Sent Items");
      Path wrong = scenario.resolve("salvage-wrong-folder.yaml");
      YAML.writeValue(wrong.toFile(), config);

      java.io.PrintStream original = System.err;
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      System.setErr(new java.io.PrintStream(err, true, StandardCharsets.UTF_8));
      int run;
      int fetch;
      try {
        run =
            SalvageCli.execute(
                "run", "--config", wrong.toString(), "--out", dir.resolve("out").toString());
        fetch =
            SalvageCli.execute(
                "fetch",
                "--config",
                wrong.toString(),
                "--snapshot",
                dir.resolve("fetched").toString());
      } finally {
        System.setErr(original);
      }

      assertThat(run).isEqualTo(SalvageCli.EXIT_USAGE);
      assertThat(fetch).isEqualTo(SalvageCli.EXIT_USAGE);
      assertThat(err.toString(StandardCharsets.UTF_8))
          .contains("Invalid configuration: Source mail: folder 'Sent Items' does not exist");
      assertThat(dir.resolve("out/summary.json")).doesNotExist();
    }
  }

  /**
   * A folder deleted on the server during a fetch: the rerun refused the configuration (exit 2) and
   * fetched nothing; it reports the folder gone, keeps what was saved and fetches the rest.
   */
  @Test
  void aRerunOfAFetchWhoseFolderTheServerDeletedReportsItGoneAndFetchesTheOthers()
      throws Exception {
    Path scenario = smallScenario();
    try (ServedMail served = serveMail(scenario)) {
      var manager = served.server().getManagers().getImapHostManager();
      GreenMailUser user = served.server().getManagers().getUserManager().getUser("office");
      MailFolder kunden = manager.createMailbox(user, "Kunden");
      kunden.appendMessage(
          new MimeMessage(
              Session.getInstance(new Properties()),
              new ByteArrayInputStream(
                  "Message-ID: <k1@rentwise.example>\nSubject: Booking confirmed RW-000001\n\nHi\n"
                      .getBytes(StandardCharsets.UTF_8))),
          new Flags(),
          new Date());
      ObjectNode config = (ObjectNode) YAML.readTree(served.config().toFile());
      ((ObjectNode) config.path("sources").get(0).path("options")).put("folders", "INBOX,Kunden");
      Path twoFolders = scenario.resolve("salvage-two-folders.yaml");
      YAML.writeValue(twoFolders.toFile(), config);
      Path snapshot = dir.resolve("fetched");
      assertThat(fetchExit(twoFolders, snapshot, new ByteArrayOutputStream())).isZero();
      manager.deleteMailbox(user, "Kunden");
      Path manifest = snapshot.resolve("mail/.salvage-fetch.json");
      // as a fetch that failed on both folders leaves it
      Files.writeString(
          manifest,
          Files.readString(manifest).replace("\"complete\" : true", "\"complete\" : false"));

      ByteArrayOutputStream err = new ByteArrayOutputStream();
      int rerun = fetchExit(twoFolders, snapshot, err);

      assertThat(rerun).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(3);
      assertThat(err.toString(StandardCharsets.UTF_8))
          .contains(
              "partition Kunden was not read to its end",
              "the folder no longer exists on the server; what the earlier fetch saved of it is"
                  + " kept")
          .doesNotContain("Invalid configuration");
      assertThat(snapshot.resolve("mail/Kunden/1.eml")).exists();
      assertThat(
              JSON.readTree(manifest.toFile())
                  .path("partitions")
                  .get(0)
                  .path("complete")
                  .asBoolean())
          .as("INBOX fetched")
          .isTrue();
    }
  }

  private static int fetchExit(Path config, Path snapshot, ByteArrayOutputStream err) {
    java.io.PrintStream original = System.err;
    System.setErr(new java.io.PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      return SalvageCli.execute(
          "fetch", "--config", config.toString(), "--snapshot", snapshot.toString());
    } finally {
      System.setErr(original);
    }
  }

  /** Sixty mails, of which some are not bookings, in an mbox source; no backup. */
  private Path smallScenario() throws IOException {
    Path scenario = dir.resolve("small");
    Files.createDirectories(scenario.resolve("mappings"));
    Files.createDirectories(scenario.resolve("mail"));
    Files.writeString(
        scenario.resolve("salvage.yaml"),
        """
        business: {name: Rentwise Cars, timezone: Europe/Lisbon, phone_region: PT}
        entities: entities.yaml
        sources:
          - {name: mail, type: mbox, path: mail, mapping: mappings/mail.yaml}
        """);
    Files.writeString(scenario.resolve("entities.yaml"), MappingsTestCommandTest.ENTITIES);
    Files.writeString(scenario.resolve("mappings/mail.yaml"), MappingsTestCommandTest.MAPPING);
    StringBuilder mbox = new StringBuilder();
    for (int i = 0; i < 60; i++) {
      String reference = String.format("RW-%06d", i % 45);
      String subject = i % 7 == 3 ? "Our spring newsletter" : "Booking confirmed " + reference;
      mbox.append("From bookings@rentwise.example Tue Mar 10 09:30:00 2026\n")
          .append("Message-ID: <m")
          .append(i)
          .append("@rentwise.example>\nFrom: bookings@rentwise.example\nTo: c")
          .append(i % 30)
          .append("@mail.example\nDate: Tue, 10 Mar 2026 09:")
          .append(String.format("%02d", i % 60))
          .append(":00 +0000\nSubject: ")
          .append(subject)
          .append("\n\nDear customer,\n>From our desk: Total: ")
          .append(100 + i)
          .append(".00 EUR\n\n");
    }
    Files.writeString(scenario.resolve("mail/mailbox.mbox"), mbox.toString());

    return scenario;
  }

  private static List<String> sortedLines(Path file) throws IOException {
    return Files.readAllLines(file).stream().sorted().toList();
  }

  /** The mail of a scenario on a GreenMail server, and a copy of its config reading it there. */
  private record ServedMail(GreenMail server, Path config, String source, int messages)
      implements AutoCloseable {
    @Override
    public void close() {
      server.stop();
    }
  }

  /**
   * Serves the messages of the scenario's mbox source from GreenMail's INBOX and writes
   * salvage-imap.yaml beside salvage.yaml with that source read over IMAP instead.
   */
  private ServedMail serveMail(Path scenario) throws Exception {
    ObjectNode config = (ObjectNode) YAML.readTree(scenario.resolve("salvage.yaml").toFile());
    ObjectNode mailSource = mboxSource(config);
    List<byte[]> messages = new ArrayList<>();
    try (Stream<Path> files = Files.walk(scenario.resolve(mailSource.path("path").asText()))) {
      for (Path mbox : files.filter(Files::isRegularFile).sorted().toList()) {
        messages.addAll(split(Files.readAllBytes(mbox)));
      }
    }
    GreenMail greenMail = new GreenMail(ServerSetupTest.IMAP.dynamicPort());
    greenMail.start();
    String password = UUID.randomUUID().toString();
    GreenMailUser user = greenMail.setUser("office@rentwise.example", "office", password);
    MailFolder inbox = greenMail.getManagers().getImapHostManager().getInbox(user);
    Session session = Session.getInstance(new Properties());
    for (byte[] raw : messages) {
      inbox.appendMessage(
          new MimeMessage(session, new ByteArrayInputStream(raw)), new Flags(), new Date());
    }
    Path passwordFile = dir.resolve("imap-password");
    Files.writeString(passwordFile, password);

    mailSource.put("type", "imap");
    mailSource.remove("path");
    ObjectNode options = mailSource.putObject("options");
    options.put("host", "127.0.0.1");
    options.put("port", Integer.toString(greenMail.getImap().getPort()));
    options.put("security", "none");
    options.put("user", "office");
    options.put("password_file", passwordFile.toString());
    options.put("folders", "INBOX");
    options.put("snapshot_dir", dir.resolve("snapshot").toString());
    Path imapConfig = scenario.resolve("salvage-imap.yaml");
    YAML.writeValue(imapConfig.toFile(), config);
    return new ServedMail(greenMail, imapConfig, mailSource.path("name").asText(), messages.size());
  }

  private static ObjectNode mboxSource(ObjectNode config) {
    return mboxSource(config, "mbox");
  }

  private static ObjectNode mboxSource(ObjectNode config, String type) {
    ArrayNode sources = (ArrayNode) config.path("sources");
    for (JsonNode source : sources) {
      if (source.path("type").asText().equals(type)) {
        return (ObjectNode) source;
      }
    }
    throw new AssertionError("the scenario config has no " + type + " source");
  }

  private static Path run(Path config, Path out) {
    assertThat(
            SalvageCli.execute(
                "run",
                "--config",
                config.toString(),
                "--out",
                out.toString(),
                "--parallelism",
                "2"))
        .isZero();
    return out;
  }

  private JsonNode evaluate(Path run) throws IOException {
    Path truth = dir.resolve("scenario/truth");
    assertThat(SalvageCli.execute("evaluate", "--truth", truth.toString(), "--run", run.toString()))
        .isZero();
    return JSON.readTree(run.resolve("metrics.json").toFile());
  }

  private static JsonNode sourceSummary(Path run, String source) throws IOException {
    return JSON.readTree(run.resolve("summary.json").toFile()).path("sources").path(source);
  }

  /** The messages of an mbox (mboxrd): split at "From " lines, ">From" unquoted. */
  private static List<byte[]> split(byte[] mbox) {
    List<byte[]> messages = new ArrayList<>();
    ByteArrayOutputStream current = null;
    for (String line : new String(mbox, StandardCharsets.ISO_8859_1).split("(?<=\n)")) {
      if (line.startsWith("From ")) {
        if (current != null) {
          messages.add(current.toByteArray());
        }
        current = new ByteArrayOutputStream();
        continue;
      }
      if (current == null) {
        continue;
      }
      String unquoted = line.matches("^>+From .*(\\r?\\n)?$") ? line.substring(1) : line;
      current.writeBytes(unquoted.getBytes(StandardCharsets.ISO_8859_1));
    }
    if (current != null) {
      messages.add(current.toByteArray());
    }
    // the writer's blank line after each message is not part of it
    messages.replaceAll(ImapScenarioTest::withoutSeparatorLine);
    return messages;
  }

  private static byte[] withoutSeparatorLine(byte[] message) {
    String text = new String(message, StandardCharsets.ISO_8859_1);
    for (String blank : List.of("\r\n\r\n", "\n\n")) {
      if (text.endsWith(blank)) {
        return text.substring(0, text.length() - blank.length() / 2)
            .getBytes(StandardCharsets.ISO_8859_1);
      }
    }
    return message;
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : files.toList()) {
        Path target = to.resolve(from.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target);
        }
      }
    }
  }
}
