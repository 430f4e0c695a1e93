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

  /** The start of the remedy a rule gives a value found and not read (see Rule). */
  static final String LEAVE_OUT_HINT =
      ": mend the value in the source, or declare unreadable: leave_out on field ";

  /**
   * A quarantine reason of a rule's field given once the run has seen that the field failed on
   * (nearly) every record the rule matched: the format or type, not the source, is then what is
   * wrong, and {@code leave_out} would drop the field from every record. An outside trial's 143 of
   * 143 lease confirmations each advised it for a {@code dd-MM-yyyy} read of {@code 31/08/2027}.
   */
  public static String formatSuspected(String reason) {
    int hint = reason.indexOf(LEAVE_OUT_HINT);
    return (hint < 0 ? reason : reason.substring(0, hint))
        + ": the rule's format or type may be wrong, as the same field failed on (nearly) every"
        + " record the rule matched, or on every date with a day after the 12th (the run's"
        + " MAPPING ERROR line says which): mend the mapping, not the source";
  }
}
