package dev.salvage.pipeline.importer;

import dev.salvage.pipeline.importer.ImportPlan.Skip;
import dev.salvage.pipeline.importer.ImportPlan.Step;
import dev.salvage.pipeline.importer.ImportPlan.Value;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes plan.sql: the plan for a person to read, statement by statement, column by column. */
final class PlanSql {
  private PlanSql() {}

  static void write(ImportPlan plan, Path file) throws IOException {
    Dialect dialect = plan.dialect();
    Files.createDirectories(file.getParent());
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write("-- Salvage import plan " + plan.digest() + "\n");
      out.write(
          "-- run "
              + plan.runId()
              + ", target "
              + plan.target()
              + ", planned "
              + plan.plannedAt()
              + "\n");
      out.write(
          "-- "
              + plan.counts().inserts()
              + " INSERTs, "
              + plan.counts().updates()
              + " UPDATEs, "
              + plan.counts().skipped()
              + " records skipped (listed at the end).\n");
      out.write(
          "-- For reading. `salvage import apply --plan-digest "
              + plan.digest()
              + "` runs these\n");
      out.write(
          "-- statements in one transaction after checking every planned row still holds its\n");
      out.write(
          "-- before-image, and records each change in salvage_import_log. No DELETE, no DDL.\n\n");
      if (!plan.wallTimes().isEmpty()) {
        // said before any statement: a wrong zone shifts every one of these values silently
        out.write(
            "-- Columns holding wall times (no time zone, or time_zone on the column); their instants become wall times in a zone:\n");
        for (ImportPlan.WallTime wallTime : plan.wallTimes()) {
          out.write("--   " + inline(wallTime.describe()) + "\n");
        }
        out.write("\n");
      }
      if (!plan.phoneFormats().isEmpty()) {
        out.write("-- Columns holding phone numbers, in the style the application stores:\n");
        for (ImportPlan.PhoneColumn phone : plan.phoneFormats()) {
          out.write("--   " + inline(phone.describe()) + "\n");
        }
        out.write("\n");
      }
      if (!plan.keys().isEmpty()) {
        // said before any statement: these numbers are what customers hold, and the sequence moves
        out.write("-- Keys written from record fields (key.field), as the evidence names them:\n");
        for (ImportPlan.KeyColumn key : plan.keys()) {
          out.write("--   " + inline(key.describe()) + "\n");
          if (key.sequenceTo() != null) {
            out.write(
                "--   before the inserts: SELECT setval("
                    + ColumnType.TEXT.literal(key.sequence(), dialect)
                    + ", "
                    + key.sequenceTo()
                    + "); (only if it is not there or past it already)\n");
          }
        }
        out.write("\n");
      }
      if (!plan.unkeptIds().isEmpty()) {
        // said before any statement: customers hold these numbers, and the INSERTs below leave
        // them out
        out.write("-- Application ids the records carry that no INSERT below writes:\n");
        for (ImportPlan.UnkeptIds unkept : plan.unkeptIds()) {
          out.write("--   " + inline(unkept.describe()) + "\n");
          if (unkept.sequenceTo() != null) {
            out.write(
                "--   before the inserts: SELECT setval("
                    + ColumnType.TEXT.literal(unkept.sequence(), dialect)
                    + ", "
                    + unkept.sequenceTo()
                    + "); (only if it is not there or past it already)\n");
          }
        }
        out.write("\n");
      }
      if (!plan.defaults().isEmpty()) {
        // said before any statement: the database fills these in, and a default may not be what
        // the lost evidence said (a confirmed booking left 'provisional')
        out.write(
            "-- Column defaults and NULLs written for values the records lack (each INSERT that"
                + " takes one says so):\n");
        for (ImportPlan.ColumnDefault columnDefault : plan.defaults()) {
          out.write("--   " + inline(columnDefault.describe()) + "\n");
        }
        out.write("\n");
      }
      for (Step step : plan.steps()) {
        out.write("-- " + inline(step.record()) + ": ");
        if (step.insert()) {
          String key = step.plannedKey();
          out.write(
              "INSERT into "
                  + step.table()
                  + (key == null
                      ? " (new " + step.keyColumn() + " from the column default)\n"
                      : " (" + step.keyColumn() + " = " + key + ", written as planned)\n"));
          for (ImportPlan.ColumnDefault columnDefault : plan.defaults()) {
            // a column of the table the INSERT leaves out is one its record has no field for; an
            // unmapped column every INSERT leaves out is said once, above
            if (columnDefault.field() != null
                && columnDefault.table().equals(step.table())
                && step.values().stream()
                    .noneMatch(value -> value.column().equals(columnDefault.column()))) {
              out.write(
                  "--   "
                      + columnDefault.column()
                      + " = "
                      + inline(columnDefault.written())
                      + " (the record has no "
                      + columnDefault.field()
                      + ")\n");
            }
          }
          for (Value value : step.values()) {
            if (value.derived() != null) {
              out.write(
                  "--   "
                      + value.column()
                      + " = "
                      + inline(value.type().literal(value.value(), dialect))
                      + " derived: the "
                      + value.derived()
                      + "\n");
            }
          }
          out.write(SqlText.insert(step, true, dialect, plan.schema()).sql());
        } else {
          out.write("UPDATE " + step.table() + " " + step.keyColumn() + " = " + step.key() + "\n");
          if (step.salvaged() != null) {
            out.write("--   " + inline(step.salvaged()) + "\n");
          }
          if (step.overwritten() != null) {
            for (String line : step.overwritten()) {
              out.write("--   " + inline(line) + "\n");
            }
          }
          for (Value value : step.values()) {
            out.write(
                "--   " + value.column() + ": " + inline(beforeAndAfter(value, dialect)) + "\n");
          }
          out.write(SqlText.update(step, true, dialect, plan.schema()).sql());
        }
        out.write(";\n");
        out.write("--   evidence: " + inline(String.join(", ", step.evidence())) + "\n\n");
      }
      if (!plan.skipped().isEmpty()) {
        out.write("-- Skipped records:\n");
        for (Skip skip : plan.skipped()) {
          out.write(
              "--   "
                  + inline(skip.record())
                  + ": "
                  + inline(skip.reason().replace('\n', ' '))
                  + "\n");
        }
      }
    }
  }

  /** A column's value before and after, as a comment says it: {@code 'a' -> 'b'}. */
  private static String beforeAndAfter(Value value, Dialect dialect) {
    return (value.lookup() == null
            ? value.type().literal(value.before(), dialect)
            : "("
                + value.lookup().match()
                + " "
                + ColumnType.TEXT.literal(value.before(), dialect)
                + (value.beforeKey() == null
                    ? ""
                    : ", " + value.lookup().take() + " " + value.beforeKey())
                + ")")
        + " -> "
        + (value.generatedNow()
            ? "now()"
            : value.lookup() == null
                ? value.type().literal(value.value(), dialect)
                : "("
                    + value.lookup().match()
                    + " "
                    + ColumnType.TEXT.literal(value.value(), dialect)
                    + ")");
  }

  /**
   * {@code text} on one line, its line breaks written as the two characters {@code \n} or {@code
   * \r}: a comment line of plan.sql holds values from the database and the evidence, and a line
   * break in one ended the comment, the rest of the value a line psql runs ({@code \! command} runs
   * a shell command; trial 83).
   */
  static String inline(String text) {
    if (text == null) {
      return "null";
    }
    return text.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\r");
  }
}
