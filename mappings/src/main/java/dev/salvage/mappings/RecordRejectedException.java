package dev.salvage.mappings;

/**
 * A raw record matched a rule but cannot be mapped: a value is unparseable, a required value is
 * missing ({@code Cannot map ...}, naming the rule), or the record is not valid JSON ({@code Cannot
 * parse ...}). The message is the quarantine reason, e.g. {@code Cannot map mail email:<id@x>: rule
 * booking_confirmation field pickup_at: "31/02/2026 10:00" is not a date-time in format dd/MM/yyyy
 * HH:mm}.
 */
public final class RecordRejectedException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String rule;

  /**
   * @param message the quarantine reason
   * @param rule the rule that matched, or null when the record could not be read at all
   */
  public RecordRejectedException(String message, String rule) {
    super(message);
    this.rule = rule;
  }

  /** The rule that matched the record, or null when the record could not be read at all. */
  public String rule() {
    return rule;
  }
}
