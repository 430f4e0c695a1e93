package dev.salvage.pipeline.review;

import java.util.Map;

/**
 * Which of the entries a filter matches a list answers: {@code limit} of them from the {@code
 * offset}-th on, all when no limit is given. A script paging a big run's queue (hundreds of
 * thousands of records) takes it a page at a time instead of in one answer.
 *
 * @param limit the most entries to answer, or {@link Integer#MAX_VALUE} for all
 */
record QueuePage(int offset, int limit) {
  QueuePage {
    if (offset < 0 || limit < 0) {
      throw new IllegalArgumentException(
          "A queue page needs a non-negative offset and limit, not " + offset + " and " + limit);
    }
  }

  /** The page the {@code offset} and {@code limit} parameters ask for; both may be left out. */
  static QueuePage from(Map<String, String> params) throws ReviewRequestException {
    return new QueuePage(count(params, "offset", 0), count(params, "limit", Integer.MAX_VALUE));
  }

  /** Whether the {@code index}-th match (from 0) is on this page. */
  boolean holds(int index) {
    return index >= offset && index - offset < limit;
  }

  private static int count(Map<String, String> params, String name, int absent)
      throws ReviewRequestException {
    String value = params.get(name);
    if (value == null || value.isBlank()) {
      return absent;
    }
    try {
      int count = Integer.parseInt(value.strip());
      if (count >= 0) {
        return count;
      }
    } catch (NumberFormatException e) {
      // said below, as a negative number is
    }
    throw new ReviewRequestException(
        400,
        "Cannot read the queue's "
            + name
            + " '"
            + value
            + "': it must be a whole number, 0 or more");
  }
}
