package dev.salvage.pipeline.review;

import dev.salvage.pipeline.bundle.Decision;
import java.util.Locale;
import java.util.Map;

/**
 * Which queue entries a list or a bulk approval applies to. Null or blank parts match everything.
 *
 * @param status {@code undecided}, {@code decided} or null for both
 */
record QueueFilter(
    String entity,
    String action,
    Double minConfidence,
    Double maxConfidence,
    Boolean flagged,
    String search,
    String status) {

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

  boolean matches(QueueEntry entry, Decision current) {
    return (entity == null || entity.equals(entry.entity()))
        && (action == null || action.equals(entry.action().name()))
        && (minConfidence == null || entry.confidence() >= minConfidence)
        && (maxConfidence == null || entry.confidence() <= maxConfidence)
        && (flagged == null || flagged == entry.flagged())
        && (search == null || entry.searchText().contains(search.toLowerCase(Locale.ROOT)))
        && (status == null
            || (status.equals("undecided") && current == null)
            || (status.equals("decided") && current != null));
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
