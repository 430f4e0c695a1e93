package dev.salvage.pipeline.reconcile;

import static java.util.Objects.requireNonNull;

import dev.salvage.connectors.Quarantined;
import dev.salvage.pipeline.beam.Coders;
import dev.salvage.pipeline.bundle.ReconstructedRecord;
import dev.salvage.pipeline.bundle.ReconstructedRecord.Action;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Filter;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;

/**
 * Flags a NEW record whose key value a backup row Salvage quarantined holds (a CSV row short of a
 * column, a value its rule could not map): "not in the backup" means in none of the rows read. An
 * outside trial's booking whose backup row lacked its last column came out NEW, flagged as
 * "predates the backup yet the backup lacks it", while the backup held it. When a quarantined row's
 * text holds one of the record's key values (its reference, its email), the reason names that row
 * and why it was quarantined, and the record is flagged: importing it as new would insert a copy of
 * a row the application holds.
 */
public final class UnreadBackupRows {
  /**
   * The shortest key value looked for in a quarantined row: a shorter one (an id 7, a count) is as
   * likely another column's value (a quantity, a day) as this record's key.
   */
  static final int MIN_KEY_LENGTH = 4;

  private final List<Quarantined> rows;
  private final Map<String, Quarantined> byToken = new HashMap<>();

  /** {@code rows}: the backup source's quarantined rows, in any order. */
  UnreadBackupRows(List<Quarantined> rows) {
    this.rows = List.copyOf(requireNonNull(rows, "rows"));
    for (Quarantined row : this.rows) {
      for (String token : tokens(row.excerpt())) {
        byToken.putIfAbsent(token, row);
      }
    }
  }

  /**
   * The words of a row's raw text, lower-cased: split at anything that is not a letter, a digit or
   * a character keys are written with (- _ . @ +), so a CSV field, a JSON value or an SQL literal
   * is one word.
   */
  private static List<String> tokens(String text) {
    return java.util.Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}\\-_.@+]+"))
        .filter(token -> token.length() >= MIN_KEY_LENGTH)
        .toList();
  }

  /** {@code record} with what the quarantined backup rows mean for it; itself unless it is NEW. */
  ReconstructedRecord noted(ReconstructedRecord record) {
    if (rows.isEmpty() || record.action() != Action.NEW) {
      return record;
    }
    for (Map.Entry<String, List<String>> key : record.keys().entrySet()) {
      for (String value : key.getValue()) {
        if (value.length() < MIN_KEY_LENGTH) {
          continue;
        }
        Quarantined row = byToken.get(value.toLowerCase(Locale.ROOT));
        if (row != null) {
          return record.toBuilder()
              .flag()
              // a flagged record's confidence, as the merger gives it
              .confidence(Math.min(record.confidence(), 0.5))
              .addReason(
                  "the backup's row at "
                      + row.location()
                      + " holds its "
                      + key.getKey()
                      + " "
                      + value
                      + " but was quarantined ("
                      + row.reason()
                      + "): the backup likely has this "
                      + record.entity()
                      + "; mend that row and run again, or compare before importing it as new")
              .build();
        }
      }
    }
    // no word on the others: said on every NEW record, it hid the one that mattered (QA of an
    // outside trial: 124 of 125 records carried it); the run's end counts the quarantined rows
    return record;
  }

  /**
   * {@code records} with {@link #noted} applied, given every quarantined record of the run; those
   * of {@code backupSource} are the backup's. The backup's quarantined rows travel as a side input:
   * a backup mostly read has few.
   */
  public static PCollection<ReconstructedRecord> apply(
      PCollection<ReconstructedRecord> records,
      PCollection<Quarantined> quarantined,
      String backupSource) {
    PCollectionView<List<Quarantined>> backupRows =
        quarantined
            .apply(
                "BackupQuarantined",
                Filter.by((Quarantined bad) -> bad.source().equals(backupSource)))
            .setCoder(Coders.quarantined())
            .apply("BackupQuarantinedView", View.asList());
    return records
        .apply("NoteUnreadBackupRows", ParDo.of(new Fn(backupRows)).withSideInputs(backupRows))
        .setCoder(records.getCoder());
  }

  /** Applies {@link #noted} with the side input's rows, indexed once per worker. */
  static final class Fn extends DoFn<ReconstructedRecord, ReconstructedRecord> {
    private final PCollectionView<List<Quarantined>> rowsView;
    private transient List<Quarantined> indexedRows;
    private transient UnreadBackupRows index;

    Fn(PCollectionView<List<Quarantined>> rowsView) {
      this.rowsView = rowsView;
    }

    @ProcessElement
    public void process(ProcessContext context) {
      List<Quarantined> rows = context.sideInput(rowsView);
      // the side input is one list per window: index it when it is a new one
      if (rows != indexedRows) {
        indexedRows = rows;
        index = new UnreadBackupRows(rows);
      }
      context.output(index.noted(context.element()));
    }
  }
}
