package dev.salvage.pipeline.importer;

import dev.salvage.mappings.PersonNames;
import dev.salvage.pipeline.importer.TargetMapping.ColumnMapping;
import dev.salvage.pipeline.importer.TargetMapping.TableMapping;
import java.util.ArrayList;
import java.util.List;

/**
 * A column's value taken from a part of a person's full name (a column's {@code fallback}), for a
 * record without a value for the column's own field; never a guess.
 */
final class NameParts {
  private NameParts() {}

  /**
   * A column's value taken from a part of the full name in its fallback field: with how it was
   * derived, or, when there is no such part, null and why.
   */
  record NameSplit(String value, String derived, String why) {}

  /**
   * The part of a person's name the column's fallback takes, for a record without a value for the
   * column's own field. A name the splitter cannot split (one word has no family name), that splits
   * differently by how many words its family name has while the operator did not set {@code
   * family_words} ({@code María García López}), or that gives only an initial yields no value: an
   * empty string or a guess would be written as if the customer had said it. The given and the
   * family column refuse the same names.
   */
  static NameSplit namePart(TableMapping table, Approved record, ColumnMapping column) {
    TargetMapping.NamePart part = column.fallback();
    String full = record.values().get(part.field());
    String target = table.table() + "." + column.column();
    String lacking =
        "no value for " + target + ", which is required: the record has no " + column.field();
    if (full == null || full.isBlank()) {
      return new NameSplit(
          null,
          null,
          lacking + ", nor a " + part.field() + " to take the " + part.partName() + " from");
    }
    PersonNames.Found found = part.splitter().apply(full);
    String fix = "; enter " + column.field() + " in salvage review (edit) or reject the record";
    String itsName = lacking + ", and its " + part.field() + " '" + full + "'";
    if (found == null) {
      return new NameSplit(
          null,
          null,
          itsName
              + " has no "
              + part.partName()
              + " to take (a single word cannot be split)"
              + fix);
    }
    List<PersonNames.Reading> readings = part.splitter().readings(full);
    if (!part.familyWordsSet() && readings.size() > 1) {
      return new NameSplit(
          null,
          null,
          itsName
              + " splits only by a guess at how many words its family name has: "
              + readingsText(readings)
              + "; enter "
              + column.field()
              + " in salvage review (edit), reject the record, or set "
              + part.place()
              + ".family_words ("
              + familyWordsText(readings)
              + ")");
    }
    if (found.partial()) {
      return new NameSplit(
          null,
          null,
          lacking
              + ", and the "
              + part.partName()
              + " of its "
              + part.field()
              + " '"
              + full
              + "' is only an initial ('"
              + found.text()
              + "')"
              + fix);
    }
    return new NameSplit(
        found.text(),
        part.partName()
            + " of "
            + part.field()
            + " '"
            + full
            + "' (the record has no "
            + column.field()
            + ")",
        null);
  }

  /** {@code given 'María García' and family 'López', or given 'María' and family '...'}. */
  private static String readingsText(List<PersonNames.Reading> readings) {
    List<String> texts = new ArrayList<>();
    for (PersonNames.Reading reading : readings) {
      texts.add(
          "given '"
              + String.join(" ", reading.given())
              + "' and family '"
              + String.join(" ", reading.family())
              + "'");
    }
    return String.join(", or ", texts);
  }

  /** {@code 1 for family 'López', 2 for 'García López'}. */
  private static String familyWordsText(List<PersonNames.Reading> readings) {
    List<String> texts = new ArrayList<>();
    for (PersonNames.Reading reading : readings) {
      texts.add(
          reading.familyWords()
              + " for "
              + (texts.isEmpty() ? "family '" : "'")
              + String.join(" ", reading.family())
              + "'");
    }
    return String.join(", ", texts);
  }
}
