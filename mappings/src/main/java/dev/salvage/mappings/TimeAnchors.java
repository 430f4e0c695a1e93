package dev.salvage.mappings;

import java.io.Serializable;
import java.time.Instant;

/**
 * The moments a run's rules may compare times with: {@code backup_time}, when the backup was taken,
 * and {@code as_of}, the moment the rebuilt records describe (when the data was lost, or the run's
 * start). Either may be unknown (null) outside a run; a rule that needs an unknown one is refused
 * when the mapping loads in a run, and rejects the record elsewhere.
 *
 * @param backupTime when the backup was taken, or null
 * @param asOf the moment the rebuilt records describe, or null
 */
public record TimeAnchors(Instant backupTime, Instant asOf) implements Serializable {
  /** No anchor known (unit tests, tools that map one record). */
  public static final TimeAnchors NONE = new TimeAnchors(null, null);

  /** The anchor called {@code name} ({@code backup_time} or {@code as_of}), or null. */
  Instant named(String name) {
    return switch (name) {
      case TimeExpression.BACKUP_TIME -> backupTime;
      case TimeExpression.AS_OF -> asOf;
      default -> throw new IllegalArgumentException("unknown time anchor " + name);
    };
  }
}
