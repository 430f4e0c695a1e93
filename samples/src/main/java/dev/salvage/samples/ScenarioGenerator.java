package dev.salvage.samples;

import dev.salvage.samples.ScenarioSummary.FileStat;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Generates a complete Rentwise Cars loss scenario into a directory: the backup at T0, the
 * surviving mail, Stripe objects and calendars at T1, the ground truth, and the run configuration
 * with Rentwise's mapping files. See {@code samples/SCENARIO.md} for the layout.
 */
public final class ScenarioGenerator {
  /** Everything a scenario directory holds; an earlier scenario's copies are replaced. */
  private static final List<String> OUTPUTS =
      List.of(
          "salvage.yaml",
          "entities.yaml",
          "target.yaml",
          "mappings",
          "backup",
          "mail",
          "stripe",
          "calendar",
          "ics",
          "truth");

  private static final List<String> MAPPING_FILES =
      List.of("mail.yaml", "stripe.yaml", "calendar.yaml", "backup.yaml");

  private static final String RESOURCES = "rentwise/";
  private static final int PROGRESS_EVERY = 100_000;

  private ScenarioGenerator() {}

  public static ScenarioSummary generate(ScenarioParams params, Path outDir) throws IOException {
    return generate(params, outDir, message -> {});
  }

  /**
   * Generates the scenario, telling {@code progress} what it is doing.
   *
   * @throws IOException if {@code outDir} holds files that are not an earlier scenario, or on write
   *     errors
   */
  public static ScenarioSummary generate(
      ScenarioParams params, Path outDir, Consumer<String> progress) throws IOException {
    long started = System.nanoTime();
    prepare(outDir);
    progress.accept("Simulating " + params.reservations() + " reservations after the backup...");
    World world = Simulation.run(params);
    List<FileStat> files = new ArrayList<>();

    progress.accept("Writing backup/backup.sql...");
    Path backup = Files.createDirectories(outDir.resolve("backup")).resolve("backup.sql");
    BackupWriter backupWriter = new BackupWriter(world);
    try (Writer out = Files.newBufferedWriter(backup, StandardCharsets.UTF_8)) {
      backupWriter.write(out);
    }
    long rows = backupWriter.rowCounts().values().stream().mapToLong(Long::longValue).sum();
    files.add(new FileStat("backup/backup.sql", rows, "rows", 1, Files.size(backup)));

    progress.accept("Writing mail/mailbox.mbox (" + world.mails().size() + " mails)...");
    Path mbox = Files.createDirectories(outDir.resolve("mail")).resolve("mailbox.mbox");
    MailTemplates templates = new MailTemplates(world);
    Holdings holdings = new Holdings(world);
    long messages;
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(mbox), 1 << 16)) {
      MailWriter writer = new MailWriter(out);
      int done = 0;
      for (MailItem item : world.mails()) {
        Letter letter = templates.render(item);
        holdings.mail(item, letter);
        writer.write(letter, item.duplicate());
        if (++done % PROGRESS_EVERY == 0) {
          progress.accept("  " + done + " mails written");
        }
      }
      messages = writer.messages();
    }
    files.add(new FileStat("mail/mailbox.mbox", messages, "messages", 1, Files.size(mbox)));

    progress.accept("Writing stripe/...");
    Path stripe = outDir.resolve("stripe");
    files.addAll(stripeStats(new StripeWriter(world).write(stripe), stripe));

    progress.accept("Writing calendar/ and ics/...");
    Path calendar = outDir.resolve("calendar");
    Path ics = outDir.resolve("ics");
    Map<String, long[]> calendars = new CalendarWriter(world).write(calendar, ics);
    for (Map.Entry<String, long[]> entry : calendars.entrySet()) {
      String id = entry.getKey();
      files.add(
          new FileStat(
              "calendar/" + id + "/events-NNNN.json",
              entry.getValue()[0],
              "events",
              entry.getValue()[1],
              size(calendar.resolve(id), "events-")));
    }
    for (Map.Entry<String, long[]> entry : calendars.entrySet()) {
      Path file = ics.resolve(entry.getKey() + ".ics");
      files.add(
          new FileStat(
              "ics/" + entry.getKey() + ".ics",
              entry.getValue()[0],
              "events",
              1,
              Files.size(file)));
    }

    progress.accept("Writing truth/ and the run configuration...");
    TruthWriter truth = new TruthWriter(world, holdings);
    Map<String, Object> counts = new LinkedHashMap<>();
    for (FileStat file : files) {
      counts.put(file.path(), file.records());
    }
    Path truthDir = outDir.resolve("truth");
    truth.write(truthDir, counts);
    files.add(
        new FileStat(
            "truth/customers.jsonl",
            world.customers().size(),
            "customers",
            1,
            Files.size(truthDir.resolve("customers.jsonl"))));
    files.add(
        new FileStat(
            "truth/reservations.jsonl",
            world.reservations().size(),
            "reservations",
            1,
            Files.size(truthDir.resolve("reservations.jsonl"))));
    writeConfiguration(outDir, world);

    return new ScenarioSummary(
        outDir,
        params,
        files,
        world.customers().size(),
        truth.lostCustomers(),
        truth.recoverableCustomers(),
        world.reservations().size(),
        truth.lostReservations(),
        truth.recoverableReservations(),
        Duration.ofNanos(System.nanoTime() - started));
  }

  /**
   * Generates the scenario of the named business: {@code rentwise} (the default, above) or {@code
   * nordwind} ({@link NordwindGenerator}).
   *
   * @throws IllegalArgumentException for another name
   */
  public static ScenarioSummary generate(
      String business, ScenarioParams params, Path outDir, Consumer<String> progress)
      throws IOException {
    return switch (business) {
      case "rentwise" -> generate(params, outDir, progress);
      case "nordwind" -> NordwindGenerator.generate(params, outDir, progress);
      default ->
          throw new IllegalArgumentException(
              "Unknown sample business " + business + ": expected rentwise or nordwind");
    };
  }

  /** The mapping files of Rentwise, as kept in this module's resources. */
  static String resource(String name) throws IOException {
    return resource(RESOURCES, name);
  }

  /** A file of a business's run configuration, as kept in this module's resources. */
  static String resource(String dir, String name) throws IOException {
    try (InputStream in = ScenarioGenerator.class.getResourceAsStream(dir + name)) {
      if (in == null) {
        throw new IOException("Cannot find the sample resource " + dir + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static void writeConfiguration(Path outDir, World world) throws IOException {
    writeConfiguration(outDir, world, RESOURCES);
  }

  /** Copies a business's run configuration, entity model, target and mappings into the scenario. */
  static void writeConfiguration(Path outDir, World world, String dir) throws IOException {
    Files.writeString(
        outDir.resolve("salvage.yaml"),
        resource(dir, "salvage.yaml")
            .replace("{{T0}}", world.t0().toString())
            .replace("{{T1}}", world.t1().toString()),
        StandardCharsets.UTF_8);
    Files.writeString(
        outDir.resolve("entities.yaml"), resource(dir, "entities.yaml"), StandardCharsets.UTF_8);
    Files.writeString(
        outDir.resolve("target.yaml"), resource(dir, "target.yaml"), StandardCharsets.UTF_8);
    Path mappings = Files.createDirectories(outDir.resolve("mappings"));
    for (String name : MAPPING_FILES) {
      Files.writeString(
          mappings.resolve(name), resource(dir, "mappings/" + name), StandardCharsets.UTF_8);
    }
  }

  /** Makes {@code outDir} ready: created, or cleared of an earlier scenario's outputs. */
  static void prepare(Path outDir) throws IOException {
    Files.createDirectories(outDir);
    boolean empty;
    try (Stream<Path> entries = Files.list(outDir)) {
      empty = entries.findAny().isEmpty();
    }
    if (empty) {
      return;
    }
    if (!Files.exists(outDir.resolve("truth").resolve("manifest.json"))) {
      throw new IOException(
          "Cannot generate a scenario into "
              + outDir
              + ": the directory is not empty and holds no earlier scenario (no truth/manifest.json)");
    }
    for (String output : OUTPUTS) {
      delete(outDir.resolve(output));
    }
  }

  private static void delete(Path path) throws IOException {
    if (!Files.exists(path)) {
      return;
    }
    try (Stream<Path> tree = Files.walk(path)) {
      for (Path each : tree.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(each);
      }
    }
  }

  /**
   * The file stats of the Stripe list pages StripeWriter wrote: objects and pages per object type.
   */
  static List<FileStat> stripeStats(Map<String, long[]> written, Path stripe) throws IOException {
    List<FileStat> stats = new ArrayList<>();
    for (Map.Entry<String, long[]> entry : written.entrySet()) {
      String prefix = entry.getKey() + "-";
      stats.add(
          new FileStat(
              "stripe/" + prefix + "NNNN.json",
              entry.getValue()[0],
              "objects",
              entry.getValue()[1],
              size(stripe, prefix)));
    }
    return stats;
  }

  static long size(Path dir, String prefix) throws IOException {
    try (Stream<Path> entries = Files.list(dir)) {
      long total = 0;
      for (Path file : entries.toList()) {
        if (file.getFileName().toString().startsWith(prefix)) {
          total += Files.size(file);
        }
      }
      return total;
    }
  }
}
