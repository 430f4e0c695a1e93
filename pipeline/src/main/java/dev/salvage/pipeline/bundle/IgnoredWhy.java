package dev.salvage.pipeline.bundle;

/**
 * Why a record no rule used was ignored: the {@code why} of {@code review/ignored.jsonl} and the
 * keys of a source's {@code ignored_why} in {@code summary.json}. A mail is told by what its reader
 * recognised in it (a bounce's report, an automatic reply's markers, an attached message), so that
 * "why did this mail not count?" has an answer beside "ignored: 17".
 */
public enum IgnoredWhy {
  /** A rule without {@code emit} matched it: ignored on purpose, counted under that rule. */
  RULE_WITHOUT_EMIT(
      "rule_without_emit", "taken by a rule without emit", "taken by a rule without emit"),
  /** No rule of the source's mapping names its kind (a Stripe object type the mappings skip). */
  KIND_NOT_MAPPED("kind_not_mapped", "of a kind no rule names", "of a kind no rule names"),
  /** A rule matched it, but every emit was dropped (a required value missing). */
  RULE_GAVE_NOTHING(
      "rule_gave_nothing",
      "matched by a rule whose emits were all dropped",
      "matched by a rule whose emits were all dropped"),
  /** A mail holding a delivery status report: a bounce. */
  DELIVERY_REPORT("delivery_report", "delivery report (bounce)", "delivery reports (bounces)"),
  /** The original a bounce returns, read as a mail of its own. */
  RETURNED_UNDELIVERED(
      "returned_undelivered", "original a bounce returned", "originals a bounce returned"),
  /** A mail its owner discarded (deleted, in Trash or Spam). */
  DISCARDED(
      "discarded",
      "discarded by its owner (deleted, Trash, Spam)",
      "discarded by their owner (deleted, Trash, Spam)"),
  /** A machine's reply to a mail (out of office). */
  AUTOMATIC_REPLY("automatic_reply", "automatic reply", "automatic replies"),
  /**
   * A mail whose From a receiving server did not authenticate (DMARC fail, or an aligned SPF fail
   * without a passing DKIM signature): anyone may have written it.
   */
  SENDER_NOT_AUTHENTICATED(
      "sender_not_authenticated",
      "mail whose sender a receiving server did not authenticate (From maybe forged)",
      "mails whose sender a receiving server did not authenticate (From maybe forged)"),
  /** A mail carrying an attached message (message/rfc822), which was read as a mail of its own. */
  FORWARD_OUTER_MAIL(
      "forward_outer_mail",
      "forward's outer mail (the attached mail read apart)",
      "forwards' outer mails (the attached mail read apart)"),
  /**
   * A mail that forwards another inline (in its text: Gmail's, Apple Mail's, Outlook's forward),
   * which no rule read: the forwarded mail may be the only copy of one a rule reads, and is in no
   * record. Until 2026-12-07 it was one of the mails that matched no rule.
   */
  INLINE_FORWARD(
      "inline_forward",
      "inline forward (the forwarded mail is in its text, which no rule read)",
      "inline forwards (the forwarded mail is in their text, which no rule read: a rule reads it"
          + " there, mappings/README.md, Replies and forwards)"),
  /** None of the above: no rule's conditions held. */
  NO_RULE_MATCHED("no_rule_matched", "matched no rule", "matched no rule");

  private final String key;
  private final String saidOfOne;
  private final String said;

  IgnoredWhy(String key, String saidOfOne, String said) {
    this.key = key;
    this.saidOfOne = saidOfOne;
    this.said = said;
  }

  /** The key in {@code review/ignored.jsonl} and {@code summary.json}. */
  public String key() {
    return key;
  }

  /** How the run's end says a count of them: {@code 3 delivery reports (bounces)}. */
  public String said(long count) {
    return count + " " + (count == 1 ? saidOfOne : said);
  }

  /** The one of {@code key}, or null for a key this version does not know. */
  public static IgnoredWhy of(String key) {
    for (IgnoredWhy why : values()) {
      if (why.key.equals(key)) {
        return why;
      }
    }
    return null;
  }
}
