package dev.salvage.pipeline.review;

import java.nio.file.Files;
import java.nio.file.Path;

/** The files of a run directory that the report and the review read and write. */
record RunFiles(Path dir) {
  static RunFiles of(Path dir) throws ReviewSetupException {
    Path root = dir.toAbsolutePath().normalize();
    RunFiles run = new RunFiles(root);
    if (!Files.isRegularFile(run.recordsJsonl())) {
      throw new ReviewSetupException(
          "Cannot review " + root + ": " + run.recordsJsonl() + " is missing (run salvage run)");
    }
    return run;
  }

  Path recordsJsonl() {
    return dir.resolve("review/records.jsonl");
  }

  Path unlinkedJsonl() {
    return dir.resolve("review/unlinked.jsonl");
  }

  Path evidenceJsonl() {
    return dir.resolve("review/evidence.jsonl");
  }

  Path decisionsJsonl() {
    return dir.resolve("review/decisions.jsonl");
  }

  Path reportHtml() {
    return dir.resolve("review/report.html");
  }

  Path quarantineJsonl() {
    return dir.resolve("quarantine.jsonl");
  }

  Path summaryJson() {
    return dir.resolve("summary.json");
  }
}
