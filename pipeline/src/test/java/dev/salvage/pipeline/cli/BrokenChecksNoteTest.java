package dev.salvage.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salvage.mappings.EntityModel;
import dev.salvage.pipeline.bundle.RunLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A record that breaks a check of the entity model says so in its reasons; the run's end note says
 * how many, per check, so that one mapping's systematic mistake is seen at once.
 */
class BrokenChecksNoteTest {
  @TempDir Path dir;

  private static final String MODEL =
      """
      entities:
        stay:
          keys: [code]
          fields: {code: text, price: integer, arrives: datetime, leaves: datetime}
          checks:
            price: {min: 0}
            leaves: {after: arrives}
      """;

  private static String record(String code, String price, String arrives, String leaves) {
    return "{\"id\":\"stay:"
        + code
        + "\",\"entity\":\"stay\",\"action\":\"NEW\",\"confidence\":0.5,\"flagged\":true,"
        + "\"reasons\":[],\"fields\":{"
        + "\"price\":{\"value\":\""
        + price
        + "\",\"sources\":[\"stripe:ch_"
        + code
        + "\"],\"confidence\":0.5,\"alternatives\":[{\"value\":\"-18000\",\"sources\":"
        + "[\"email:m"
        + code
        + "\"],\"support\":1,\"latest\":\"2026-05-03T10:00:00Z\",\"note\":\"breaks the"
        + " check min 0 (checks of the entity model): "
        + price
        + ", which keeps it, won\"}]},"
        + "\"arrives\":{\"value\":\""
        + arrives
        + "\",\"sources\":[\"email:m"
        + code
        + "\"],\"confidence\":1.0},"
        + "\"leaves\":{\"value\":\""
        + leaves
        + "\",\"sources\":[\"email:m"
        + code
        + "\"],\"confidence\":1.0}},"
        + "\"changes\":[],\"keys\":{},\"evidence\":[]}\n";
  }

  @Test
  void countsTheRecordsFlaggedAndTheClaimsBeatenPerCheck() throws Exception {
    EntityModel model = EntityModel.parse(MODEL, "entities.yaml");
    Path records = Files.createDirectories(dir.resolve("run/review")).resolve("records.jsonl");
    Files.writeString(
        records,
        record("1", "180000", "2026-03-21T15:00:00Z", "2026-03-20T11:00:00Z")
            + record("2", "90000", "2026-03-21T15:00:00Z", "2026-03-23T11:00:00Z"));

    assertThat(LinkingNotes.brokenChecks(model, RunLayout.of(dir.resolve("run")).records()))
        .containsExactly(
            "stay: checks of the entity model: 1 broken check(s) flagged for review (leaves after"
                + " arrives: 1); 2 value(s) that broke a check lost to a claim that keeps it"
                + " (price min 0: 2). Each record's reasons and alternatives in"
                + " review/records.jsonl name the value and its evidence; many of one check may be"
                + " one mapping reading a value wrongly (a refund's amount as the price).");
  }

  @Test
  void saysNothingWhenEveryValueKeepsItsChecks() throws Exception {
    EntityModel model = EntityModel.parse(MODEL.replace("min: 0", "min: -100000"), "entities.yaml");
    Path records = Files.createDirectories(dir.resolve("run/review")).resolve("records.jsonl");
    Files.writeString(
        records,
        record("2", "90000", "2026-03-21T15:00:00Z", "2026-03-23T11:00:00Z")
            .replace("breaks the check min 0", "older: superseded by 90000"));

    assertThat(LinkingNotes.brokenChecks(model, RunLayout.of(dir.resolve("run")).records()))
        .isEmpty();
  }
}
