package dev.salvage.pipeline.reconcile;

import dev.salvage.connectors.email.MailNotes;
import dev.salvage.connectors.io.TextDecoding;
import dev.salvage.mappings.EntityType;
import dev.salvage.mappings.FieldType;
import dev.salvage.pipeline.bundle.ReconstructedRecord.Alternative;
import dev.salvage.pipeline.bundle.ReconstructedRecord.Change;
import dev.salvage.pipeline.bundle.ReconstructedRecord.Evidence;
import dev.salvage.pipeline.bundle.ReconstructedRecord.FieldValue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Finds values a record would write that text read in the wrong charset may have garbled: an
 * outside trial's Czech mail in windows-1250 declared as UTF-8 was read as ISO-8859-1, and its
 * newest claim {@code Tereza Rù\u009Eièková} won over three pieces of evidence spelling the name
 * right, unflagged at confidence 1.0, and was imported with its control character. The value stays
 * (the guess may be right, and a changed name is newest), but the record goes to a person when the
 * value rests only on evidence read in a charset guessed and other evidence disagrees; and a name
 * or text holding a C1 control character is flagged whatever claimed it, since no person types one
 * and only a wrong charset gives it. Likewise a value that rests only on mail its reader notes may
 * be cut or garbled: an outside trial's confirmation cut on disk inside its price cell gave {@code
 * price_cents = 100} for CHF 1'050.00, unflagged, the mail decoding cleanly up to the cut.
 */
final class MisreadText {
  private MisreadText() {}

  /** One reason per field of {@code fields} whose value may be misread text; empty when none. */
  static List<String> reasons(
      EntityType type, Map<String, FieldValue> fields, List<Evidence> evidence) {
    Map<String, String> guessedBy = new HashMap<>();
    for (Evidence piece : evidence) {
      charsetGuess(piece).ifPresent(note -> guessedBy.putIfAbsent(piece.ref(), note));
    }
    List<String> reasons = new ArrayList<>();
    fields.forEach(
        (field, value) -> {
          FieldType fieldType = type.fields().get(field);
          if ((fieldType == FieldType.NAME || fieldType == FieldType.TEXT)
              && TextDecoding.hasC1Controls(value.value())) {
            reasons.add(controlCharacters(field, value));
            return;
          }
          List<Alternative> others =
              value.alternatives().stream().filter(other -> !other.value().isEmpty()).toList();
          if (others.isEmpty()
              || value.sources().isEmpty()
              || !value.sources().stream().allMatch(guessedBy::containsKey)) {
            return;
          }
          String ref = value.sources().get(0);
          reasons.add(
              field
                  + ": \""
                  + shown(value.value())
                  + "\" rests only on text read in a charset guessed ("
                  + ref
                  + ": "
                  + guessedBy.get(ref)
                  + ") while other evidence says "
                  + String.join(
                      ", ",
                      others.stream()
                          .map(
                              other ->
                                  "\""
                                      + shown(other.value())
                                      + "\" ("
                                      + String.join(", ", other.sources())
                                      + ")")
                          .toList())
                  + ": the text may be garbled, check it");
        });
    return reasons;
  }

  /**
   * One reason per mail that may be cut or garbled and alone gives values of {@code fields}, naming
   * the fields, the mail and its note; empty when none. A value another piece of evidence claims
   * too is confirmed, and not named.
   */
  static List<String> cutReasons(Map<String, FieldValue> fields, List<Evidence> evidence) {
    return restingOnly(
        fields,
        evidence,
        MailNotes::isPossiblyCut,
        "mail its reader notes may be cut or garbled",
        "a value may be cut short, check it");
  }

  /**
   * One reason per mail whose sender a receiving server did not authenticate (its From may be
   * forged), or that sits in a junk folder or under Gmail's Spam label, that alone gives values of
   * {@code fields}, naming the fields, the mail and its note; empty when none. A forged "contact
   * details changed" mail gave an existing customer, who had other evidence since the backup, a new
   * e-mail address, unflagged, and so did, until 2026-12-07, the same mail caught as spam: the
   * record's own flag is only for a record that rests on such mail alone. A value other evidence
   * claims too (the backup's) is not named. Trash is not named: a business throws away the
   * confirmations it has dealt with, and their values are as good as any.
   */
  static List<String> unauthenticatedReasons(
      Map<String, FieldValue> fields, List<Evidence> evidence) {
    List<String> reasons = new ArrayList<>();
    reasons.addAll(
        restingOnly(
            fields,
            evidence,
            MailNotes::isSenderNotAuthenticated,
            "mail whose sender a receiving server did not authenticate",
            "its From may be forged, check it"));
    reasons.addAll(
        restingOnly(
            fields,
            evidence,
            MailNotes::isJunk,
            "mail in a junk folder",
            "spam or phishing may write anything, check it"));
    return reasons;
  }

  /**
   * One reason per piece of {@code evidence} with a note {@code noted} accepts that alone gives
   * values of {@code fields}: {@code "FIELD \"VALUE\", ... rest only on WHAT (REF: NOTE): ADVICE"}.
   */
  private static List<String> restingOnly(
      Map<String, FieldValue> fields,
      List<Evidence> evidence,
      java.util.function.Predicate<String> noted,
      String what,
      String advice) {
    Map<String, String> notedBy = new HashMap<>();
    for (Evidence piece : evidence) {
      piece.notes().stream()
          .filter(noted)
          .findFirst()
          .ifPresent(note -> notedBy.putIfAbsent(piece.ref(), note));
    }
    if (notedBy.isEmpty()) {
      return List.of();
    }
    Map<String, List<String>> fieldsBy = new LinkedHashMap<>();
    new TreeMap<>(fields)
        .forEach(
            (field, value) -> {
              if (!value.sources().isEmpty()
                  && value.sources().stream().allMatch(notedBy::containsKey)) {
                fieldsBy
                    .computeIfAbsent(value.sources().get(0), ref -> new ArrayList<>())
                    .add(field + " \"" + shown(value.value()) + "\"");
              }
            });
    List<String> reasons = new ArrayList<>();
    fieldsBy.forEach(
        (ref, said) ->
            reasons.add(
                String.join(", ", said)
                    + " rest only on "
                    + what
                    + " ("
                    + ref
                    + ": "
                    + notedBy.get(ref)
                    + "): "
                    + advice));
    return reasons;
  }

  /**
   * One reason per mail of {@code evidence} whose invitations a rule read while a calendar part of
   * it could not all be read, naming the mail and the part; empty when none. The map stage gives
   * such a note only to the observations of rules that read {@code invitations}: an event not read
   * may have held the start or the cancellation the record lacks.
   */
  static List<String> unreadInvitationReasons(List<Evidence> evidence) {
    List<String> reasons = new ArrayList<>();
    java.util.Set<String> named = new java.util.HashSet<>();
    for (Evidence piece : evidence) {
      if (!named.add(piece.ref())) {
        continue;
      }
      piece.notes().stream()
          .filter(MailNotes::isInvitationUnread)
          .findFirst()
          .ifPresent(
              note ->
                  reasons.add(
                      "a rule read the invitations of "
                          + piece.ref()
                          + ", but a calendar part of it could not be read ("
                          + note
                          + "): an event of it is in no field of this record, check the mail"));
    }
    return reasons;
  }

  /** The note saying a text of the evidence was read in a charset guessed, if one does. */
  private static Optional<String> charsetGuess(Evidence evidence) {
    return evidence.notes().stream().filter(MailNotes::isReadInAnotherCharset).findFirst();
  }

  private static String controlCharacters(String field, FieldValue value) {
    return field
        + ": \""
        + shown(value.value())
        + "\" (from "
        + String.join(", ", value.sources())
        + ") holds a control character no person types: text read in a wrong charset? check it";
  }

  /** {@code text} with each C1 control character written as its code point ({@code U+009E}). */
  /**
   * One reason per field whose value had a lost character in some evidence ({@link
   * TextDecoding#restores}): which value was damaged and where it came from, so a person sees why
   * the record differs from that source. The value with the letter was kept, which no reason flags.
   */
  static List<String> restoredCharacters(Map<String, FieldValue> fields, List<Evidence> evidence) {
    List<String> reasons = new ArrayList<>();
    fields.forEach(
        (field, value) -> {
          Map<String, List<String>> damaged = new LinkedHashMap<>();
          for (Evidence piece : evidence) {
            String claimed = piece.claims().get(field);
            if (claimed != null && TextDecoding.restores(value.value(), claimed)) {
              damaged.computeIfAbsent(claimed, v -> new ArrayList<>()).add(piece.ref());
            }
          }
          damaged.forEach(
              (claimed, refs) ->
                  reasons.add(
                      field
                          + ": \""
                          + claimed
                          + "\" ("
                          + String.join(", ", refs)
                          + ") lost a character its encoding could not write (a ? or U+FFFD where"
                          + " other evidence has a letter): kept as \""
                          + value.value()
                          + "\""));
        });
    return reasons;
  }

  /**
   * One reason per change that would overwrite a backup value holding a lost character with the
   * value other evidence restores ({@link TextDecoding#restores}). It is a repair, not a change the
   * customer made, and the letter put back is read from other evidence: unflagged, the import's
   * policy approved it as an UPDATED record and wrote it over the application's row, which may hold
   * the right letter where only the export lost it. A person checks the letter first.
   */
  static List<String> repairedBackupValues(List<Change> changes, List<Evidence> evidence) {
    List<String> reasons = new ArrayList<>();
    for (Change change : changes) {
      if (change.before() == null
          || change.after() == null
          || !TextDecoding.restores(change.after(), change.before())) {
        continue;
      }
      List<String> restoring =
          evidence.stream()
              .filter(piece -> change.after().equals(piece.claims().get(change.field())))
              .map(Evidence::ref)
              .toList();
      reasons.add(
          change.field()
              + ": the backup's \""
              + change.before()
              + "\" would be overwritten with \""
              + change.after()
              + "\" (from "
              + (restoring.isEmpty() ? "other evidence" : restoring.get(0))
              + (restoring.size() > 1 ? " and others" : "")
              + "), a repair of a character its encoding could not write, not a change made"
              + " since: check the letter, and approve the record in review");
    }
    return reasons;
  }

  /**
   * One reason per name or text field whose value itself holds a lost character ({@link
   * TextDecoding#hasLostCharacters}) that no evidence restores: the letter is gone, and importing
   * the value would write a {@code ?} into a name.
   */
  static List<String> lostCharacters(EntityType type, Map<String, FieldValue> fields) {
    List<String> reasons = new ArrayList<>();
    fields.forEach(
        (field, value) -> {
          FieldType fieldType = type.fields().get(field);
          if ((fieldType == FieldType.NAME || fieldType == FieldType.TEXT)
              && (fieldType == FieldType.TEXT
                  ? TextDecoding.hasLostCharactersInProse(value.value())
                  : TextDecoding.hasLostCharacters(value.value()))) {
            reasons.add(
                field
                    + ": \""
                    + value.value()
                    + "\" ("
                    + String.join(", ", value.sources())
                    + ") holds a ? or U+FFFD where a letter belongs: a character its encoding could"
                    + " not write, which no evidence gives; check the value");
          }
        });
    return reasons;
  }

  private static String shown(String text) {
    StringBuilder shown = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= 0x80 && c <= 0x9F) {
        shown.append(String.format("U+%04X", (int) c));
      } else {
        shown.append(c);
      }
    }
    return shown.toString();
  }
}
