package dev.salvage.pipeline.importer;

import static dev.salvage.pipeline.importer.Fixtures.fields;
import static dev.salvage.pipeline.importer.Fixtures.fresh;
import static org.assertj.core.api.Assertions.assertThat;

import dev.salvage.pipeline.bundle.ReconstructedRecord;
import dev.salvage.pipeline.bundle.ReconstructedRecord.Evidence;
import dev.salvage.pipeline.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A NEW customer whose every piece of evidence also made records in doubt (rejected, or saying too
 * little to stand as new) has nothing of its own saying it exists: the policy does not import it.
 */
class ImportDoubtedEvidenceTest {
  private static final String TOO_LITTLE =
      "lacks pickup_at, which a new reservation needs (linking.new_entity of the entity model):"
          + " its evidence says too little to import it as it is";
  private static final String STALE =
      "total_cents 9000 was last claimed before pickup_at changed: possibly stale";

  @TempDir Path temp;
  private TestDatabase db;
  private Path run;
  private Path mapping;
  private Path passwordFile;

  @BeforeEach
  void createDatabase() throws Exception {
    db = TestDatabase.create();
    assertThat(db.psql(Fixtures.smallBackup(temp))).isZero();
    run = temp.resolve("run");
    mapping = Fixtures.rentwiseMapping(temp);
    passwordFile = temp.resolve("password");
    Files.writeString(passwordFile, db.password + "\n");
  }

  @AfterEach
  void dropDatabase() throws Exception {
    if (db != null) {
      db.close();
    }
  }

  private static List<Evidence> pieces(String... refs) {
    List<Evidence> evidence = new ArrayList<>();
    for (String ref : refs) {
      evidence.add(new Evidence(ref, "mail", "reply", "2026-03-01T10:00:00Z"));
    }
    return evidence;
  }

  private static ReconstructedRecord customer(String name, String email, String... refs) {
    return fresh(
            "customer:n-" + name,
            "customer",
            1.0,
            false,
            fields("email", email, "full_name", name + " Test"))
        .toBuilder()
        .evidence(pieces(refs))
        .build();
  }

  private static ReconstructedRecord booking(String reference, String reason, String ref) {
    return fresh(
            "reservation:n-" + reference.toLowerCase(java.util.Locale.ROOT),
            "reservation",
            0.5,
            true,
            fields("reference", reference, "customer_email", "x@example.com"))
        .toBuilder()
        .addReason(reason)
        .evidence(pieces(ref))
        .build();
  }

  @Test
  void keepsOutACustomerMadeOnlyFromMailsWhoseBookingsSayTooLittleToExist() throws Exception {
    Fixtures.writeRun(
        run,
        List.of(
            customer("promo", "promo@deals.example", "email:<s1>", "email:<s2>"),
            booking("RW-90000", TOO_LITTLE, "email:<s1>"),
            booking("RW-90001", TOO_LITTLE, "email:<s2>")));

    CliRun planned = salvageImport("plan");

    assertThat(planned.exitCode()).as(planned.err()).isZero();
    assertThat(planned.out())
        .contains("1  evidence only of records in doubt (needs an explicit approve)");
    ImportPlan plan = currentPlan();
    assertThat(plan.steps()).isEmpty();
    assertThat(plan.skipped())
        .filteredOn(skip -> skip.record().equals("customer:n-promo"))
        .singleElement()
        .satisfies(
            skip ->
                assertThat(skip.reason())
                    .startsWith(
                        "in doubt with the records its evidence made: every one of its 2 piece(s)"
                            + " of evidence also made reservation:n-rw-90000 (its evidence says"
                            + " too little for a new reservation), reservation:n-rw-90001 (its"
                            + " evidence says too little for a new reservation);")
                    .endsWith("needs an explicit approve"));

    // a person who knows the customer approves it
    Fixtures.decide(run, "d1", "customer:n-promo", "approve", null, null);
    assertThat(salvageImport("plan").exitCode()).isZero();
    assertThat(currentPlan().counts().inserts()).isEqualTo(1);
  }

  @Test
  void keepsOutACustomerWhoseOnlyBookingWasRejected() throws Exception {
    Fixtures.writeRun(
        run,
        List.of(
            customer("promo", "promo@deals.example", "email:<s1>"),
            booking("RW-90000", STALE, "email:<s1>")));
    Fixtures.decide(run, "d1", "reservation:n-rw-90000", "reject", null, null);

    assertThat(salvageImport("plan").exitCode()).isZero();

    assertThat(currentPlan().skipped())
        .filteredOn(skip -> skip.record().equals("customer:n-promo"))
        .singleElement()
        .satisfies(
            skip ->
                assertThat(skip.reason()).contains("also made reservation:n-rw-90000 (rejected)"));
  }

  @Test
  void namesOnTheConsoleTheCustomerARejectHoldsBackAndTheApproveThatReleasesIt() throws Exception {
    Fixtures.writeRun(
        run,
        List.of(
            customer("nadia", "nadia@riad.example", "email:<s1>"),
            booking("RW-90000", STALE, "email:<s1>")));
    // rejected for an operational reason: the booking's room is closed, the guest is real
    Fixtures.decide(run, "d1", "reservation:n-rw-90000", "reject", null, null);

    CliRun planned = salvageImport("plan");

    assertThat(planned.exitCode()).as(planned.err()).isZero();
    assertThat(planned.out())
        .contains("In doubt with the records their evidence made")
        .contains(
            "  customer:n-nadia: its evidence made only reservation:n-rw-90000 (rejected);"
                + " approve customer:n-nadia in salvage review to import it");
  }

  @Test
  void importsACustomerWhoseOnlyBookingIsFlaggedForAStalePrice() throws Exception {
    Fixtures.writeRun(
        run,
        List.of(
            customer("ines", "ines@example.com", "email:<b1>"),
            booking("RW-10001", STALE, "email:<b1>")));

    assertThat(salvageImport("plan").exitCode()).isZero();

    assertThat(currentPlan().counts().inserts()).isEqualTo(1);
    assertThat(currentPlan().steps())
        .extracting(ImportPlan.Step::record)
        .contains("customer:n-ines");
  }

  @Test
  void importsACustomerWithOnePieceOfEvidenceOfItsOwn() throws Exception {
    Fixtures.writeRun(
        run,
        List.of(
            customer("joao", "joao@example.com", "email:<s1>", "stripe:cus_joao"),
            booking("RW-90000", TOO_LITTLE, "email:<s1>")));

    assertThat(salvageImport("plan").exitCode()).isZero();

    assertThat(currentPlan().steps())
        .extracting(ImportPlan.Step::record)
        .contains("customer:n-joao");
  }

  private CliRun salvageImport(String command, String... options) {
    List<String> args = new ArrayList<>(List.of("import", command, "--run", run.toString()));
    args.addAll(db.targetOptions(passwordFile));
    if (command.equals("plan")) {
      args.addAll(List.of("--mapping", mapping.toString()));
    }
    args.addAll(List.of(options));
    return CliRun.of(args.toArray(String[]::new));
  }

  private ImportPlan currentPlan() throws Exception {
    return ImportPlan.read(run.resolve("import/plan.json"));
  }
}
