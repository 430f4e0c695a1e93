package dev.salvage.connectors.email;

import dev.salvage.connectors.io.CaseFolding;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The mailboxes of an address header (From, To, Cc): lower-case addresses with their display names
 * decoded. RFC 5322 comments are not part of an address ({@code pete(his account)@silly.test} is
 * {@code pete@silly.test}); the old {@code address (Full Name)} form still gives the name.
 */
final class Addresses {
  /** One mailbox. */
  record Mailbox(String address, String name) {}

  private static final Pattern BARE_ADDRESS =
      Pattern.compile("[^\\s<>,;:\"()\\[\\]]+@[^\\s<>,;:\"()\\[\\]]+");

  // Jakarta Mail decodes encoded words in display names leniently (invalid base64 becomes
  // garbage); hiding their start from it leaves the decoding to EncodedWords, which keeps invalid
  // ones as written.
  private static final String ENCODED_WORD_START = "=?";
  private static final String HIDDEN_START = "\uE000?";

  /** Encoded words and the blanks between them, nothing else. */
  private static final Pattern ONLY_ENCODED_WORDS =
      Pattern.compile("(?:=\\?[^?\\s]+\\?[bBqQ]\\?[^?]*\\?=\\s*)+");

  private Addresses() {}

  static List<Mailbox> parse(String header) {
    List<Mailbox> mailboxes = new ArrayList<>();
    if (header == null || header.isBlank()) {
      return mailboxes;
    }
    String hidden = header.replace(ENCODED_WORD_START, HIDDEN_START);
    List<InternetAddress> withComments = jakarta(hidden);
    List<InternetAddress> withoutComments =
        hidden.indexOf('(') < 0 ? withComments : jakarta(HeaderComments.strip(hidden));
    if (withoutComments == null) {
      Matcher bare = BARE_ADDRESS.matcher(HeaderComments.strip(header));
      while (bare.find()) {
        mailboxes.add(new Mailbox(CaseFolding.lower(bare.group()), null));
      }
      return mailboxes;
    }
    boolean sameShape = withComments != null && withComments.size() == withoutComments.size();
    for (int i = 0; i < withoutComments.size(); i++) {
      InternetAddress address = withoutComments.get(i);
      String mail = address.getAddress();
      if (mail == null || mail.isBlank()) {
        continue;
      }
      mail = withoutBlanks(mail);
      List<Mailbox> encoded = encodedMailboxes(reveal(mail));
      if (!encoded.isEmpty()) {
        mailboxes.addAll(encoded);
        continue;
      }
      String name = address.getPersonal();
      if ((name == null || name.isBlank()) && sameShape) {
        // "barry@python.org (Barry A. Warsaw)": the comment after a whole address names it; a
        // comment inside the address ("pete(his account)@silly.test") does not
        InternetAddress commented = withComments.get(i);
        if (commented.getAddress() != null && withoutBlanks(commented.getAddress()).equals(mail)) {
          name = commented.getPersonal();
        }
      }
      addLoose(mailboxes, decodedLocalPart(reveal(mail)), displayName(name));
    }
    return mailboxes;
  }

  /**
   * An address whose local part holds encoded words, as Python's {@code email} (its default policy)
   * writes one that is not ASCII ({@code daniel.=?utf-8?q?m=C3=BCller?=@example.com}), with the
   * local part decoded: RFC 2047 does not allow it there, but it is the address the mail was sent
   * to, and read as written it was a key no other evidence held (trial 82). Kept as written when a
   * word does not decode or decodes to something no address holds (a blank, an at sign, an angle
   * bracket).
   */
  private static String decodedLocalPart(String mail) {
    int at = mail.lastIndexOf('@');
    if (at <= 0 || !mail.substring(0, at).contains(ENCODED_WORD_START)) {
      return mail;
    }
    String local = mail.substring(0, at);
    String decoded = EncodedWords.decode(local);
    if (decoded.equals(local)
        || decoded.contains(ENCODED_WORD_START)
        || decoded
            .chars()
            .anyMatch(c -> Character.isWhitespace(c) || "@<>,;\uFFFD".indexOf(c) >= 0)) {
      return mail;
    }
    return decoded + mail.substring(at);
  }

  /**
   * The mailboxes of a whole {@code Name <address>} written as encoded words, as Python's {@code
   * email.mime} (policy compat32) writes a header whose display name is not ASCII: {@code
   * =?utf-8?q?Niccol=C3=B2_Rizzo_=3Cniccolo=2Erizzo=40outlook=2Ecom=3E?=}. RFC 2047 does not allow
   * an address inside an encoded word, but mail clients decode it and show the sender, so the
   * evidence names them too; read as written it was no address at all. Empty when the text is not
   * such a header (an address with an at sign, or encoded words that do not decode to one).
   */
  private static List<Mailbox> encodedMailboxes(String mail) {
    if (mail.indexOf('@') >= 0 || !ONLY_ENCODED_WORDS.matcher(mail).matches()) {
      return List.of();
    }
    String decoded = EncodedWords.decode(mail);
    // the decoded text is parsed once more only when it holds no encoded word itself: no loop
    if (decoded.equals(mail) || decoded.indexOf('@') < 0 || decoded.contains(ENCODED_WORD_START)) {
      return List.of();
    }
    return parse(decoded);
  }

  /**
   * Adds what Jakarta Mail read as one address. Written without angle brackets or commas, {@code
   * Big Bug bb@bug.com} is one with a name and {@code tim@x.example ann@x.example} two: each word
   * with an at sign is an address, and the other words name it when there is one.
   */
  private static void addLoose(List<Mailbox> mailboxes, String mail, String name) {
    if (mail.startsWith("\"") || mail.indexOf(' ') < 0) {
      mailboxes.add(new Mailbox(CaseFolding.lower(mail), name));
      return;
    }
    List<String> addresses = new ArrayList<>();
    List<String> words = new ArrayList<>();
    for (String word : mail.split(" ")) {
      (word.indexOf('@') > 0 ? addresses : words).add(word);
    }
    if (addresses.isEmpty()) {
      mailboxes.add(new Mailbox(CaseFolding.lower(mail), name));
      return;
    }
    String wordsName = addresses.size() == 1 && !words.isEmpty() ? String.join(" ", words) : null;
    for (String address : addresses) {
      mailboxes.add(new Mailbox(CaseFolding.lower(address), name != null ? name : wordsName));
    }
  }

  /** The mailboxes Jakarta Mail finds, groups flattened; null when it cannot parse the header. */
  private static List<InternetAddress> jakarta(String header) {
    List<InternetAddress> found = new ArrayList<>();
    try {
      for (InternetAddress address : InternetAddress.parseHeader(header, false)) {
        flatten(address, found);
      }
      return found;
    } catch (AddressException | RuntimeException unparseable) {
      return null;
    }
  }

  private static void flatten(InternetAddress address, List<InternetAddress> into)
      throws AddressException {
    if (address.isGroup()) {
      for (InternetAddress member : address.getGroup(false)) {
        flatten(member, into);
      }
    } else {
      into.add(address);
    }
  }

  private static String displayName(String name) {
    if (name == null) {
      return null;
    }
    String decoded = EncodedWords.decode(reveal(name)).strip();
    return decoded.isEmpty() ? null : decoded;
  }

  private static String reveal(String text) {
    return text.replace(HIDDEN_START, ENCODED_WORD_START);
  }

  /**
   * The address without the white space obsolete syntax allows around its dots and at sign ({@code
   * jdoe@machine . example}); white space between two words is kept, so that two addresses written
   * without a comma stay visibly wrong rather than glued into one.
   */
  private static String withoutBlanks(String address) {
    StringBuilder out = new StringBuilder(address.length());
    boolean quoted = false;
    int i = 0;
    while (i < address.length()) {
      char c = address.charAt(i);
      if (!quoted && Character.isWhitespace(c)) {
        int end = i;
        while (end < address.length() && Character.isWhitespace(address.charAt(end))) {
          end++;
        }
        boolean besideSeparator =
            out.length() == 0
                || end == address.length()
                || isSeparator(out.charAt(out.length() - 1))
                || isSeparator(address.charAt(end));
        if (!besideSeparator) {
          out.append(' ');
        }
        i = end;
        continue;
      }
      if (c == '"') {
        quoted = !quoted;
      }
      out.append(c);
      i++;
    }
    return out.toString();
  }

  private static boolean isSeparator(char c) {
    return c == '.' || c == '@';
  }
}
