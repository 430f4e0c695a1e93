package dev.salvage.pipeline.bundle;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;
import java.nio.file.Path;

/** Where a run writes what, under its output directory (see docs/architecture.md). */
public record OutputLayout(String dir) implements Serializable {
  public OutputLayout {
    requireNonNull(dir, "dir");
  }

  public static OutputLayout of(Path dir) {
    return new OutputLayout(dir.toAbsolutePath().normalize().toString());
  }

  public Path root() {
    return Path.of(dir);
  }

  public String recordsJsonl() {
    return root().resolve("review/records.jsonl").toString();
  }

  public String recordsCsv() {
    return root().resolve("review/records.csv").toString();
  }

  public String unlinkedJsonl() {
    return root().resolve("review/unlinked.jsonl").toString();
  }

  public String evidenceJsonl() {
    return root().resolve("review/evidence.jsonl").toString();
  }

  public String quarantineJsonl() {
    return root().resolve("quarantine.jsonl").toString();
  }

  public String countsTsv() {
    return root().resolve(".work/counts.tsv").toString();
  }

  public Path summaryJson() {
    return root().resolve("summary.json");
  }
}
