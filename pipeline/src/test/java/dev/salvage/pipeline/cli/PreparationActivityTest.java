package dev.salvage.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salvage.connectors.ListingProgress;
import dev.salvage.mappings.RunConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreparationActivityTest {
  private static final Path SAMPLE = Path.of("../samples/scenario").toAbsolutePath().normalize();

  @TempDir Path dir;

  /** What the line said at the moment each step began. */
  private final List<String> saidAtEachStep = new ArrayList<>();

  private PreparationActivity activity;

  @Test
  void namesEachStepOfEachSourceWhileItHappens() throws Exception {
    Path mail = Files.createDirectories(dir.resolve("mail"));
    Files.writeString(
        mail.resolve("inbox.mbox"),
        "From a@example.com Mon Jan  5 10:00:00 2026\nSubject: one\n\nbody\n\n"
            + "From b@example.com Mon Jan  5 11:00:00 2026\nSubject: two\n\nbody\n",
        StandardCharsets.UTF_8);
    Path stripe = Files.createDirectories(dir.resolve("stripe"));
    // two pages of one size: their bytes are compared
    Files.writeString(stripe.resolve("charges-0001.json"), page("ch_1"), StandardCharsets.UTF_8);
    Files.writeString(stripe.resolve("charges-0002.json"), page("ch_2"), StandardCharsets.UTF_8);
    Path config =
        Files.writeString(
            dir.resolve("salvage.yaml"),
            String.join(
                "\n",
                "business:",
                "  name: Test Rentals",
                "  timezone: Europe/Lisbon",
                "entities: " + SAMPLE.resolve("entities.yaml"),
                "sources:",
                "  - name: mail",
                "    type: mbox",
                "    path: mail",
                "    mapping: " + SAMPLE.resolve("mappings/mail.yaml"),
                "  - name: stripe",
                "    type: stripe-json",
                "    path: stripe",
                "    mapping: " + SAMPLE.resolve("mappings/stripe.yaml"),
                ""),
            StandardCharsets.UTF_8);
    activity =
        new PreparationActivity(
            Clock.systemUTC(), step -> saidAtEachStep.add(activity.describe(1.0)));

    new RunInputs(new SecretKeyOption(), 50, RunCommand.Linking.exact)
        .prepare(
            RunConfig.load(config), Instant.now(), new PrintWriter(new StringWriter()), activity);

    assertThat(saidAtEachStep)
        .containsSubsequence(
            "Preparing: all sources: looking for files two sources share",
            "Preparing: all sources: comparing the bytes of the files that have a size in common"
                + " (0 of 2)",
            "Preparing: source mail: listing its partitions",
            "Preparing: source mail: checking the encodings of 1 partition(s)",
            "Preparing: source mail: looking for empty files",
            "Preparing: source mail: looking for hidden files",
            "Preparing: source mail: looking for Thunderbird folder indexes",
            "Preparing: source stripe: listing its partitions",
            "Preparing: source stripe: checking the encodings of 2 partition(s)",
            "Preparing: source stripe: looking for files left out by include/exclude");
  }

  @Test
  void countsTheFilesTheWalksMeetAndTheBytesOfAnMboxReadForItsMessageStarts() throws Exception {
    Path folder = Files.createDirectories(dir.resolve("pages"));
    Files.writeString(folder.resolve("a.json"), "{}");
    Files.writeString(folder.resolve("b.json"), "{}");
    activity = new PreparationActivity();
    activity.step("source stripe", "looking for hidden files");

    dev.salvage.connectors.SourceReaders.hiddenFiles(folder);

    // the folder itself and its two files
    assertThat(activity.describe(1.0))
        .isEqualTo(
            "Preparing: source stripe: looking for hidden files (3 file(s) and folder(s) met so"
                + " far)");
    activity.step("source mail", "listing its partitions");
    Path mbox = dir.resolve("big.mbox");
    try {
      ListingProgress.scanning(mbox, 1_288_490_189L, 4_294_967_296L);
      assertThat(activity.describe(1.0))
          .isEqualTo(
              "Preparing: source mail: listing its partitions (finding the messages of "
                  + mbox
                  + ": 1.2 of 4.0 GB)");
    } finally {
      ListingProgress.scanned();
    }
  }

  @Test
  void saysNothingWhileThePreparationIsShort() {
    Clock start = Clock.fixed(Instant.parse("2026-12-08T01:00:00Z"), ZoneOffset.UTC);
    PreparationActivity quick = new PreparationActivity(start, step -> {});
    quick.step("source mail", "listing its partitions");
    // a step of null prints no line: a small run's console stays what it was
    assertThat(quick.step()).isNull();
  }

  private static String page(String id) {
    return "{\"object\":\"list\",\"data\":[{\"id\":\"" + id + "\",\"object\":\"charge\"}]}";
  }
}
