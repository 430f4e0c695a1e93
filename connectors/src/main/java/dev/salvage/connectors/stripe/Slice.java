package dev.salvage.connectors.stripe;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One partition of a {@code stripe-api} source: the objects of one list created in {@code [from,
 * to)}, in epoch seconds (Stripe's resolution). Its text form is the partition string.
 */
record Slice(StripeObjectType type, long from, long to) {
  Slice {
    requireNonNull(type, "type");
    if (from >= to) {
      throw new IllegalArgumentException("empty slice " + from + ".." + to);
    }
  }

  private static final long HOUR = 3_600;

  /**
   * Splits {@code [from, to)} into at most {@code count} contiguous slices (every second belongs to
   * exactly one) cut on a fixed grid: at the multiples, counted from 1970-01-01T00:00:00Z, of the
   * shortest cell of 2^k hours that gives at most {@code count} slices. The cuts do not depend on
   * when the split is made, so a re-fetch of the same window makes the same slices, and one whose
   * window only ends later (created_to defaults to now) makes the same slices but the last.
   */
  static List<Slice> split(StripeObjectType type, Instant from, Instant to, int count) {
    long start = from.getEpochSecond();
    long end = to.getEpochSecond() + (to.getNano() > 0 ? 1 : 0);
    long cell = HOUR;
    while (Math.floorDiv(end - 1, cell) - Math.floorDiv(start, cell) + 1 > count) {
      cell *= 2;
    }
    List<Slice> slices = new ArrayList<>();
    long previous = start;
    for (long boundary = Math.floorDiv(start, cell) * cell + cell;
        boundary < end;
        boundary += cell) {
      slices.add(new Slice(type, previous, boundary));
      previous = boundary;
    }
    slices.add(new Slice(type, previous, end));
    return List.copyOf(slices);
  }

  static Slice parse(String partition) {
    String[] parts = partition.split("/");
    if (parts.length != 3) {
      throw new IllegalArgumentException(
          "Not a Stripe partition (object/from/to): '" + partition + "'");
    }
    return new Slice(
        StripeObjectType.byOptionName(parts[0]),
        Long.parseLong(parts[1]),
        Long.parseLong(parts[2]));
  }

  String partition() {
    return type.optionName() + "/" + from + "/" + to;
  }

  /** For messages: {@code charges created 2025-01-01T00:00:00Z..2025-02-01T00:00:00Z}. */
  String describe() {
    return type.optionName()
        + " created "
        + Instant.ofEpochSecond(from)
        + ".."
        + Instant.ofEpochSecond(to);
  }
}
