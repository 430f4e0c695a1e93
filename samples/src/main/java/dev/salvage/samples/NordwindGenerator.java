package dev.salvage.samples;

import dev.salvage.samples.ScenarioSummary.FileStat;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Generates the scenario of the second sample business, Nordwind Autovermietung: the world {@link
 * Simulation} runs for Rentwise, written in Nordwind's own shapes (its schema with surrogate keys,
 * German and English mail, Stripe in EUR with its own metadata, one calendar per car, its truth).
 * See the Nordwind section of {@code samples/SCENARIO.md}.
 */
final class NordwindGenerator {
  private static final String RESOURCES = "nordwind/";

  private NordwindGenerator() {}

  /** The car and pick-up a payment's description names: as booked when it was paid. */
  private static String rental(Nordwind names, Reservation reservation) {
    Reservation.Version version = reservation.versionAt(reservation.intentCreatedAt);
    if (version == null) {
      version = reservation.versions.get(0);
    }
    return names.plate(version.vehicle())
        + " · "
        + Nordwind.local(version.pickupAt())
        + " – "
        + Nordwind.local(version.returnAt());
  }

  static ScenarioSummary generate(ScenarioParams params, Path outDir, Consumer<String> progress)
      throws IOException {
    long started = System.nanoTime();
    ScenarioGenerator.prepare(outDir);
    progress.accept("Simulating " + params.reservations() + " bookings after the backup...");
    World world = Simulation.run(params);
    Nordwind names = new Nordwind(world);
    List<FileStat> files = new ArrayList<>();

    progress.accept("Writing backup/backup.sql and backup/backup-mariadb.sql...");
    Path backupDir = Files.createDirectories(outDir.resolve("backup"));
    NordwindBackup backup = new NordwindBackup(names);
    for (String name : List.of("backup.sql", "backup-mariadb.sql")) {
      Path file = backupDir.resolve(name);
      try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
        if (name.equals("backup.sql")) {
          backup.writePgDump(out);
        } else {
          backup.writeMysqlDump(out);
        }
      }
      files.add(new FileStat("backup/" + name, backup.rows(), "rows", 1, Files.size(file)));
    }

    progress.accept("Writing mail/mailbox.mbox...");
    Path mbox = Files.createDirectories(outDir.resolve("mail")).resolve("mailbox.mbox");
    NordwindMail mail = new NordwindMail(names);
    long messages;
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(mbox), 1 << 16)) {
      MailWriter writer = new MailWriter(out);
      for (MailItem item : world.mails()) {
        Letter letter = mail.render(item);
        if (letter != null) {
          writer.write(letter, item.duplicate());
        }
      }
      messages = writer.messages();
    }
    files.add(new FileStat("mail/mailbox.mbox", messages, "messages", 1, Files.size(mbox)));

    progress.accept("Writing stripe/...");
    Path stripe = outDir.resolve("stripe");
    StripeWriter.Style style =
        new StripeWriter.Style(
            "NORDWIND AUTOVERM",
            "booking_no",
            "branch_id",
            Nordwind::bookingNo,
            r -> String.valueOf(Nordwind.branchId(r.location)),
            (r, withRef) ->
                (withRef ? "Nordwind Buchung " + Nordwind.bookingNo(r) : "Mietwagen")
                    + " · "
                    + rental(names, r),
            "client_id");
    files.addAll(
        ScenarioGenerator.stripeStats(new StripeWriter(world, style).write(stripe), stripe));

    progress.accept("Writing calendar/...");
    Path calendar = outDir.resolve("calendar");
    long events = 0;
    long pages = 0;
    for (long[] counts : new NordwindCalendar(names).write(calendar).values()) {
      events += counts[0];
      pages += counts[1];
    }
    files.add(
        new FileStat(
            "calendar/<car>-page-NNNN.json",
            events,
            "events",
            pages,
            ScenarioGenerator.size(calendar, "")));

    progress.accept("Writing truth/ and the run configuration...");
    Map<String, Object> counts = new LinkedHashMap<>();
    for (FileStat file : files) {
      counts.put(file.path(), file.records());
    }
    NordwindTruth truth = new NordwindTruth(names);
    Path truthDir = outDir.resolve("truth");
    truth.write(truthDir, counts);
    for (String name : List.of("clients", "bookings")) {
      Path file = truthDir.resolve(name + ".jsonl");
      files.add(
          new FileStat(
              "truth/" + name + ".jsonl",
              name.equals("clients") ? world.customers().size() : world.reservations().size(),
              name,
              1,
              Files.size(file)));
    }
    ScenarioGenerator.writeConfiguration(outDir, world, RESOURCES);
    return new ScenarioSummary(
        outDir,
        params,
        files,
        world.customers().size(),
        truth.lostClients,
        truth.recoverableClients,
        world.reservations().size(),
        truth.lostBookings,
        truth.recoverableBookings,
        Duration.ofNanos(System.nanoTime() - started));
  }
}
