package dev.salvage.pipeline.importer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salvage.pipeline.cli.SalvageCli;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The target changing between plan and apply, as an outside trial's campsite did: a second apply of
 * the same plan at once (its loser said "the target changed since the plan in 246 planned row(s)
 * ... Run salvage import plan again", listing the winner's writes; it now waits and finds the plan
 * applied), and a row holding a unique value a planned row writes (named, but without saying the
 * target changed nor to plan again).
 */
class ImportTargetChangedSincePlanTest {
  @TempDir Path temp;
  private PostgresImport target;

  @BeforeEach
  void createDatabase() throws Exception {
    target =
        PostgresImport.create(
            temp,
            "CREATE TABLE public.stay (id serial PRIMARY KEY, ref text NOT NULL UNIQUE,"
                + " guest text NOT NULL UNIQUE);",
            ImportUndoWholeRowTest.MAPPING);
    Fixtures.writeRun(target.run, ImportUndoWholeRowTest.stays());
    assertThat(target.plan().exitCode()).isZero();
  }

  @AfterEach
  void dropDatabase() throws Exception {
    if (target != null) {
      target.close();
    }
  }

  @Test
  void aSecondApplyStartedWhileTheFirstWritesWaitsAndFindsThePlanApplied() throws Exception {
    ImportPlan plan = ImportPlan.read(target.run.resolve("import/plan.json"));
    Path importDir = target.run.resolve("import");
    CountDownLatch firstWriting = new CountDownLatch(1);
    Applier first =
        new Applier(
            1,
            (done, total) -> {
              if (done == 1) {
                firstWriting.countDown();
                waitForAnotherSessionWaitingOnALock();
              }
            });
    CompletableFuture<Importer.ApplyOutcome> one =
        CompletableFuture.supplyAsync(() -> apply(first, plan, importDir));
    assertThat(firstWriting.await(30, TimeUnit.SECONDS)).isTrue();
    Importer.ApplyOutcome two = apply(new Applier(1, (done, total) -> {}), plan, importDir);

    assertThat(one.get(60, TimeUnit.SECONDS).alreadyAppliedAt()).isNull();
    assertThat(one.get().inserted()).isEqualTo(2);
    assertThat(two.alreadyAppliedAt()).isNotNull();
    assertThat(two.inserted()).isZero();
    assertThat(target.db.text("SELECT count(*) FROM public.stay")).isEqualTo("2");
    // the waiting apply's clean-up once removed the first's draft before it became undo.sql
    assertThat(importDir.resolve("undo.sql")).exists();
    try (var files = java.nio.file.Files.list(importDir)) {
      assertThat(files.map(file -> file.getFileName().toString()))
          .noneMatch(name -> name.endsWith(".partial"));
    }
  }

  @Test
  void aRowHoldingAPlannedUniqueValueSinceThePlanIsSaidAsTheTargetChangedWithThePlanAgain()
      throws Exception {
    target.db.execute("INSERT INTO public.stay (ref, guest) VALUES ('S-9', 'Ana Lopes')");

    dev.salvage.pipeline.cli.CliRun applied = target.applyLastPlan();

    assertThat(applied.exitCode()).isEqualTo(SalvageCli.EXIT_FAILURE);
    assertThat(applied.err())
        .contains("for record stay:new-1 (ref S-1)")
        .contains("Key (guest)=(Ana Lopes) already exists")
        .contains("the target changed since the plan")
        .contains("run salvage import plan again");
    assertThat(target.db.text("SELECT count(*) FROM public.stay")).isEqualTo("1");
  }

  private Importer.ApplyOutcome apply(Applier applier, ImportPlan plan, Path importDir) {
    try (Connection connection = target.db.connect()) {
      return applier.apply(connection, plan, plan.digest(), importDir);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Until another session of this database waits on a lock (the second apply), for at most 10 s:
   * the first apply then commits, whatever the second waits for.
   */
  private void waitForAnotherSessionWaitingOnALock() throws java.sql.SQLException {
    for (int i = 0; i < 200; i++) {
      String waiting =
          target.db.text(
              "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                  + " AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()");
      if (!"0".equals(waiting)) {
        return;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
