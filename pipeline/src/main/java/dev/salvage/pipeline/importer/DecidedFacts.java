package dev.salvage.pipeline.importer;

import dev.salvage.pipeline.importer.TargetMapping.ColumnMapping;
import java.util.ArrayList;
import java.util.List;

/**
 * A table's fact columns as a row found by natural key is read to compare with a record, a lookup
 * column with alternatives read through each of them: each record is compared through the
 * alternative its fields decide (a channel stay's guest by the guest's channel_email, not by the
 * email it lacks), so a row naming another parent is told from the record's.
 */
final class DecidedFacts {
  private final List<ColumnMapping> facts;
  // the later alternatives of the fact columns, read after them in this order
  private final List<ColumnMapping> later = new ArrayList<>();
  private final List<Integer> laterOf = new ArrayList<>();

  DecidedFacts(List<ColumnMapping> facts) {
    this.facts = List.copyOf(facts);
    for (int i = 0; i < facts.size(); i++) {
      List<ColumnMapping> choices = facts.get(i).lookupChoices();
      for (ColumnMapping choice : choices.subList(1, choices.size())) {
        later.add(choice);
        laterOf.add(i);
      }
    }
  }

  /** The columns to read after the row's key: the facts, then the later alternatives. */
  List<Rows.Column> readable(ColumnValues columnValues) {
    List<Rows.Column> read = new ArrayList<>(columnValues.readable(facts));
    read.addAll(columnValues.readable(later));
    return read;
  }

  /** The fact columns as {@code record}'s fields decide each lookup's alternative. */
  List<ColumnMapping> columns(Approved record) {
    List<ColumnMapping> decided = new ArrayList<>();
    for (ColumnMapping column : facts) {
      decided.add(column.resolvedFor(record.values()));
    }
    return decided;
  }

  /**
   * A row read with {@link #readable} (led by its key, perhaps followed by more columns) as {@link
   * #columns} compare it: its key, each fact as read through the record's alternative, then what
   * followed the alternatives.
   */
  List<String> row(Approved record, List<String> read) {
    List<String> decided = new ArrayList<>(read.subList(0, 1 + facts.size()));
    for (int j = 0; j < later.size(); j++) {
      int fact = laterOf.get(j);
      ColumnMapping choice = later.get(j);
      if (facts.get(fact).resolvedFor(record.values()).field().equals(choice.field())) {
        decided.set(1 + fact, read.get(1 + facts.size() + j));
      }
    }
    decided.addAll(read.subList(1 + facts.size() + later.size(), read.size()));
    return decided;
  }
}
