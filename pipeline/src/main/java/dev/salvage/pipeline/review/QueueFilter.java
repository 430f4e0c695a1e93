package dev.salvage.pipeline.review;

import dev.salvage.pipeline.bundle.ReconstructedRecord.Action;
import java.util.Locale;
import java.util.Map;

/**
 * Which queue entries a list or a bulk approval applies to. Null or blank parts match everything.
 *
 * @param status {@code undecided}, {@code decided}, {@code another_version} (decided on another
 *     version of the record: its decision is not in force, see {@link State}) or null for all
 */
record QueueFilter(
    String entity,
    String action,
    Double minConfidence,
    Double maxConfidence,
    Boolean flagged,
    String search,
    String status) {

  /** Where a record stands in review. */
  enum State {
    UNDECIDED("undecided"),
    DECIDED("decided"),
    /**
     * Decided on another version of the record, by a decision not in force now: the run was made
     * again and the record came out otherwise, or under a new id holding the decided record's key.
     * Apart from the undecided, which a reviewer never saw.
     */
    ANOTHER_VERSION("another_version");

    private final String json;

    State(String json) {
      this.json = json;
    }

    String json() {
      return json;
    }
  }

  static QueueFilter from(Map<String, String> params) throws ReviewRequestException {
    return new QueueFilter(
        blankToNull(params.get("entity")),
        blankToNull(params.get("action")),
        number(params, "minConfidence"),
        number(params, "maxConfidence"),
        flag(params.get("flagged")),
        blankToNull(params.get("search")),
        blankToNull(params.get("status")));
  }

  /** Whether the filter asks for records decided on another version by name. */
  boolean asksAnotherVersion() {
    return State.ANOTHER_VERSION.json().equals(status);
  }

  /** Whether the filter names this action. */
  boolean asksAction(Action wanted) {
    return wanted.name().equals(action);
  }

  boolean matches(QueueEntry entry, State state) {
    return (entity == null || entity.equals(entry.entity()))
        && (action == null || action.equals(entry.action().name()))
        && (minConfidence == null || entry.confidence() >= minConfidence)
        && (maxConfidence == null || entry.confidence() <= maxConfidence)
        && (flagged == null || flagged == entry.flagged())
        && (search == null || entry.searchText().contains(search.toLowerCase(Locale.ROOT)))
        && (status == null || status.equals(state.json()));
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }

  private static Double number(Map<String, String> params, String name)
      throws ReviewRequestException {
    String value = blankToNull(params.get(name));
    if (value == null) {
      return null;
    }
    try {
      return Double.parseDouble(value);
    } catch (NumberFormatException e) {
      throw new ReviewRequestException(400, "Filter " + name + " is not a number: " + value);
    }
  }

  private static Boolean flag(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    return Boolean.parseBoolean(value.trim());
  }
}
