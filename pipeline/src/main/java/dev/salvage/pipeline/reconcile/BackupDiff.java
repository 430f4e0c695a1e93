package dev.salvage.pipeline.reconcile;

import dev.salvage.pipeline.bundle.ReconstructedRecord.Change;
import dev.salvage.pipeline.bundle.ReconstructedRecord.FieldValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The difference between an entity as rebuilt and its backup row: the one place it is made. */
final class BackupDiff {
  private BackupDiff() {}

  /**
   * The fields whose rebuilt value differs from the backup's, in {@code comparable} order. Only
   * fields the backup can hold are compared: a field it cannot hold is never a change, and a field
   * no evidence claims is never a change either (absence is not a new value).
   */
  static List<Change> changes(
      List<String> comparable, Map<String, FieldValue> fields, Map<String, String> backup) {
    List<Change> changes = new ArrayList<>();
    for (String field : comparable) {
      FieldValue after = fields.get(field);
      String before = backup.get(field);
      if (after != null && !after.value().equals(before)) {
        changes.add(new Change(field, before, after.value(), after.sources()));
      }
    }
    return changes;
  }
}
