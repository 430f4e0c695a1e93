package dev.salvage.pipeline.values;

/**
 * The mailbox an email address delivers to, for comparing two spellings of one address: Google's
 * {@code googlemail.com} is {@code gmail.com} (and Gmail ignores the dots of its local part), and a
 * {@code +tag} after the local part ({@code anna+ski@gmx.de}, RFC 5233 subaddressing, which Gmail,
 * Outlook, iCloud, GMX, Fastmail and most others deliver to {@code anna@gmx.de}) names the same
 * mailbox. Only ever compared: a value is written as a source wrote it, never as its mailbox.
 */
public final class Mailboxes {
  private Mailboxes() {}

  /**
   * The mailbox of {@code address} (a canonical, lower-case email): without a {@code +tag}, {@code
   * googlemail.com} as {@code gmail.com} and a Gmail local part without dots; {@code address}
   * itself when it has no {@code @}.
   */
  public static String of(String address) {
    int at = address.lastIndexOf('@');
    if (at <= 0) {
      return address;
    }
    String local = address.substring(0, at);
    String domain = address.substring(at + 1);
    int plus = local.indexOf('+');
    if (plus > 0) {
      local = local.substring(0, plus);
    }
    if (domain.equals("googlemail.com")) {
      domain = "gmail.com";
    }
    if (domain.equals("gmail.com")) {
      local = local.replace(".", "");
    }
    return local + "@" + domain;
  }

  /**
   * Whether {@code a} and {@code b} are two spellings of one mailbox, and not the same spelling.
   */
  public static boolean sameMailbox(String a, String b) {
    return !a.equals(b) && !a.isEmpty() && !b.isEmpty() && of(a).equals(of(b));
  }
}
