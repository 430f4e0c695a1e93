package dev.salvage.pipeline.cli;

import static dev.salvage.pipeline.cli.RuleNotes.shortened;
import static dev.salvage.pipeline.cli.RunCommand.BACKUP_SOURCE;

import dev.salvage.connectors.email.MailNotes;
import dev.salvage.mappings.RunConfig;
import dev.salvage.pipeline.bundle.EvidenceEntry;
import dev.salvage.pipeline.bundle.IgnoredEntry;
import dev.salvage.pipeline.bundle.IgnoredWhy;
import dev.salvage.pipeline.bundle.Json;
import dev.salvage.pipeline.bundle.RunLayout;
import dev.salvage.pipeline.bundle.RunSummary;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The run's notes on the evidence it used or ignored: records ignored and why, records used with
 * notes on them (doubted splits, machine-written mail, values left out as unreadable, ...), backup
 * rows soft-deleted and used all the same, and times read in an assumed zone. Each says what the
 * operator should look at before trusting the records.
 */
final class EvidenceNotes {
  private EvidenceNotes() {}

  /** {@code "mail 3"} for each source whose count is not 0, in the summary's order. */
  private static List<String> perSource(
      RunSummary summary, java.util.function.ToLongFunction<RunSummary.SourceCounts> count) {
    List<String> said = new ArrayList<>();
    summary
        .sources()
        .forEach(
            (source, counted) -> {
              if (count.applyAsLong(counted) > 0) {
                said.add(source + " " + count.applyAsLong(counted));
              }
            });
    return said;
  }

  /**
   * Says which sources ignored records (no rule used them) that carry their reader's notes: a
   * garbled base64 part or a cut text may be why no rule matched, and an ignored record is in no
   * other output. The first few are named; all are in {@code review/ignored.jsonl}. Says too how
   * many used records of each source had text read in another charset, or times read in a zone
   * guessed, which their notes alone would show only in the evidence.
   */
  static void noteIgnoredWithNotes(RunSummary summary, RunLayout layout, PrintWriter err)
      throws IOException {
    List<String> counts = perSource(summary, RunSummary.SourceCounts::ignoredNoted);
    List<String> misdecoded = perSource(summary, RunSummary.SourceCounts::usedMisdecoded);
    if (!misdecoded.isEmpty()) {
      err.println(
          "Used records with text read in another charset than the one it declares (its bytes"
              + " are not valid in it, or it declares none or one unknown here and holds 8-bit"
              + " bytes, or a header holds 8-bit bytes that are not UTF-8 and names no charset,"
              + " or U+FFFD where a server or exporter already lost its bytes; values taken from"
              + " that text may be garbled): "
              + String.join(", ", misdecoded)
              + ". Each record's notes name the part or header and the charset it was read in"
              + " (summary.json"
              + " sources.<source>.used_misdecoded; the review shows the notes beside the"
              + " evidence)");
    }
    List<String> invitations = perSource(summary, RunSummary.SourceCounts::invitationsUnread);
    if (!invitations.isEmpty()) {
      long mails =
          summary.sources().values().stream()
              .mapToLong(RunSummary.SourceCounts::invitationsUnread)
              .sum();
      String first = firstUnreadInvitation(layout);
      err.println(
          mails
              + (mails == 1 ? " mail had" : " mails had")
              + " a calendar invitation (text/calendar, application/ics) that could not be read,"
              + " whole or in part, and what it held is in no record: "
              + String.join(", ", invitations)
              + (first == null ? "" : "; first: " + shortened(first))
              + ". Each mail's notes name the part and why (review/evidence.jsonl for a used"
              + " mail, review/ignored.jsonl for an ignored one; summary.json"
              + " sources.<source>.invitations_unread), and a record whose rule reads that"
              + " mail's invitations is flagged");
    }
    List<String> possiblyCut = perSource(summary, RunSummary.SourceCounts::usedPossiblyCut);
    if (!possiblyCut.isEmpty()) {
      List<String> first = possiblyCutExamples(layout, 2);
      err.println(
          "Used mails their reader notes may be cut or have a part garbled (a multipart or HTML"
              + " that never closes, damaged base64, a quoted-printable escape half written; values"
              + " taken from them may be cut short, an amount of 1'050.00 read as 100): "
              + String.join(", ", possiblyCut)
              + (first.isEmpty() ? "" : "; e.g. " + String.join("; ", first))
              + ". Each mail's notes say what was cut (summary.json"
              + " sources.<source>.used_possibly_cut; the review shows the notes beside the"
              + " evidence), and a value that rests on such mail alone is flagged");
    }
    List<String> zoneGuessed = perSource(summary, RunSummary.SourceCounts::usedZoneGuessed);
    if (!zoneGuessed.isEmpty()) {
      err.println(
          "Used calendar events with times read in a zone the file does not name (a guess: a TZID"
              + " naming no zone, a floating time where the calendar names none; their times may"
              + " be hours off): "
              + String.join(", ", zoneGuessed)
              + ". Each event's notes name the zone taken and why (summary.json"
              + " sources.<source>.used_zone_guessed; the review shows the notes beside the"
              + " evidence); set the source's timezone option if that zone is wrong");
    }
    List<String> splitDoubted = perSource(summary, RunSummary.SourceCounts::usedSplitDoubted);
    if (!splitDoubted.isEmpty()) {
      err.println(
          "Used mails whose mbox separator line may be a body line of the mail before, pasted"
              + " there unquoted with an older mail after it (their values may be that older"
              + " mail's): "
              + String.join(", ", splitDoubted)
              + ". Each mail's notes start with \"doubtful mbox split\" (summary.json"
              + " sources.<source>.used_split_doubted); a rule keeps them out with not: {path:"
              + " notes, matches: '^doubtful mbox split'}");
    }
    List<String> discarded = new ArrayList<>();
    summary
        .sources()
        .forEach(
            (source, counted) ->
                counted
                    .usedDiscarded()
                    .forEach((why, n) -> discarded.add(source + " " + n + " " + why)));
    if (!discarded.isEmpty()) {
      err.println(
          "Used mails their owner discarded (deleted in Thunderbird but not yet compacted away, in"
              + " a Trash or Spam folder, or labelled so by Gmail: a staff test, a wrong mail"
              + " deleted, a phishing mail are among them, and so are real mails filed there): "
              + String.join(", ", discarded)
              + ". Each mail's notes start with \"discarded\" (summary.json"
              + " sources.<source>.used_discarded); a mail Thunderbird moved to another folder"
              + " leaves such a deleted copy until the folder is compacted, and a record that has"
              + " the mail from where it went is not noted for it; a record that rests on such"
              + " mail alone is flagged. A rule keeps them out with not: {path: discarded, exists:"
              + " true}");
    }
    List<String> autoReplied = perSource(summary, RunSummary.SourceCounts::usedAutoReplied);
    if (!autoReplied.isEmpty()) {
      err.println(
          "Used mails that a machine wrote in reply to another (an out-of-office reply quotes the"
              + " mail it answers, and its sender is whoever was away): "
              + String.join(", ", autoReplied)
              + ". Each mail's notes start with \"automatic reply\" (summary.json"
              + " sources.<source>.used_auto_replied), and a record that rests on such mail alone"
              + " is flagged; a rule keeps them out with not: {path: auto_submitted, equals:"
              + " auto-replied}");
    }
    List<String> unauthenticated = perSource(summary, RunSummary.SourceCounts::usedUnauthenticated);
    if (!unauthenticated.isEmpty()) {
      err.println(
          "Used mails whose sender a receiving server did not authenticate (its Authentication-Results"
              + " or Received-SPF header says dmarc=fail, or spf=fail for the From's domain with no"
              + " dkim=pass of it: anyone may have written their From, a phishing mail with the"
              + " application's address among them): "
              + String.join(", ", unauthenticated)
              + ". Each mail's notes start with \"sender not authenticated\" (summary.json"
              + " sources.<source>.used_unauthenticated), and a record that rests on such mail"
              + " alone is flagged; a rule keeps them out with not: {path: sender_authentication,"
              + " equals: fail} (docs/mail.md, Forged senders)");
    }
    List<String> leftOut = new ArrayList<>();
    summary
        .sources()
        .forEach(
            (source, counted) ->
                counted
                    .valuesLeftOut()
                    .forEach((rule, n) -> leftOut.add(source + " rule " + rule + " " + n)));
    if (!leftOut.isEmpty()) {
      err.println(
          "Values found and left out as unreadable (unreadable: leave_out), their records kept: "
              + String.join(", ", leftOut)
              + ". Each observation's notes name the field and why (\"left out, unreadable:"
              + " ...\"; summary.json sources.<source>.values_left_out)");
    }
    List<String> redated = perSource(summary, RunSummary.SourceCounts::usedRedated);
    if (!redated.isEmpty()) {
      err.println(
          "Used mails dated by a server's Received header (or, without one, their mbox separator"
              + " line), their Date header being plainly wrong (after the mail was received or"
              + " stored, or a reset clock's, by 2001-01-01): "
              + String.join(", ", redated)
              + ". Each mail's notes give both dates (summary.json sources.<source>.used_redated);"
              + " the date taken decides which evidence is newest");
    }
    List<String> copies = new ArrayList<>();
    summary
        .sources()
        .forEach(
            (source, counted) ->
                counted
                    .copiesOf()
                    .forEach((kept, n) -> copies.add(source + " " + n + " of " + kept)));
    if (!copies.isEmpty()) {
      err.println(
          "Records read more than once (mails differing at most in delivery headers such as"
              + " Received, X-Folder or a mail client's flags; other records read again by their"
              + " source with the same id and content, in one file or in two that overlap, such as"
              + " an event in two calendar exports or a Stripe object in two exports), each one"
              + " piece of evidence, the copy kept being one not discarded, else the source named"
              + " first in the config's, else the first read: "
              + String.join(", ", copies)
              + " (summary.json sources.<source>.copies_of)");
    }
    List<String> sharedIds = perSource(summary, RunSummary.SourceCounts::messageIdShared);
    if (!sharedIds.isEmpty()) {
      err.println(
          "Mails sharing a Message-ID with other mail of other content, kept apart as pieces of"
              + " evidence of their own: "
              + String.join(", ", sharedIds)
              + ". Each one's notes name the others (summary.json"
              + " sources.<source>.message_id_shared)");
    }
    List<String> bounced = perSource(summary, RunSummary.SourceCounts::bouncedByMessageId);
    if (!bounced.isEmpty()) {
      err.println(
          "Mails whose recipient a bounce of the same Message-ID says delivery failed to (the"
              + " sender's own copy of a mail returned undelivered), that address left out of their"
              + " to and cc and put in delivery_failed_to: "
              + String.join(", ", bounced)
              + ". Each one's notes name the bounce (summary.json"
              + " sources.<source>.bounced_by_message_id)");
    }
    if (counts.isEmpty()) {
      return;
    }
    Path file = layout.ignored().path();
    List<String> first = new ArrayList<>();
    if (Files.isRegularFile(file)) {
      try (java.util.stream.Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
        java.util.Iterator<String> each = lines.iterator();
        while (first.size() < 3 && each.hasNext()) {
          String line = each.next();
          if (!line.contains("\"notes\":[")) {
            continue;
          }
          IgnoredEntry entry = Json.MAPPER.readValue(line, IgnoredEntry.class);
          if (entry.why().equals(IgnoredWhy.RULE_WITHOUT_EMIT.key())) {
            continue;
          }
          entry.notes().stream()
              .filter(note -> !MailNotes.isSeparatorNotDating(note))
              .findFirst()
              .ifPresent(note -> first.add(entry.ref() + " (" + entry.location() + "): " + note));
        }
      }
    }
    err.println(
        "Ignored records with reader notes (no rule used them; what the reader noted, such as a"
            + " garbled part or a cut text, may be why): "
            + String.join(", ", counts)
            + (first.isEmpty() ? "" : "; e.g. " + String.join("; ", first))
            + ". All are listed with their notes in "
            + layout.root().relativize(file));
  }

  /**
   * Says per source why its ignored records were ignored ({@code mail 17 ignored: 3 delivery
   * reports (bounces), 7 automatic replies, ...}), and where each is listed with its evidence id:
   * {@code summary.json}'s {@code "ignored": 17} alone left an operator asked why a mail did not
   * count with nothing to look at.
   */
  static void noteIgnoredWhy(RunSummary summary, RunLayout layout, PrintWriter err) {
    List<String> said = new ArrayList<>();
    summary
        .sources()
        .forEach(
            (source, counted) -> {
              if (counted.ignored() == 0 || counted.ignoredWhy().isEmpty()) {
                return;
              }
              List<String> parts = new ArrayList<>();
              counted
                  .ignoredWhy()
                  .forEach(
                      (key, count) -> {
                        IgnoredWhy why = IgnoredWhy.of(key);
                        parts.add(why == null ? count + " " + key : why.said(count));
                      });
              said.add(source + " " + counted.ignored() + " ignored: " + String.join(", ", parts));
            });
    if (said.isEmpty()) {
      return;
    }
    err.println(
        "Ignored records by why: "
            + String.join("; ", said)
            + ". Each is listed with its evidence id and why in "
            + layout.root().relativize(layout.ignored().path())
            + " (summary.json sources.<source>.ignored_why)");
  }

  /**
   * The first mail of the bundle, used ({@code review/evidence.jsonl}) else ignored ({@code
   * review/ignored.jsonl}), with a calendar part not read, as its ref and the note past {@code
   * invitation in}: {@code <ref> part 2 (text/calendar) invite.ics: Cannot read ...}; null when
   * none is there (a mail a rule quarantined is in quarantine.jsonl only). Only the lines holding
   * such a note are parsed.
   */
  private static String firstUnreadInvitation(RunLayout layout) throws IOException {
    for (Path file : List.of(layout.evidence().path(), layout.ignored().path())) {
      if (!Files.isRegularFile(file)) {
        continue;
      }
      try (java.util.stream.Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
        java.util.Iterator<String> each = lines.iterator();
        while (each.hasNext()) {
          String line = each.next();
          if (!line.contains(MailNotes.INVITATION_IN)) {
            continue;
          }
          String ref;
          List<String> notes = new ArrayList<>();
          if (file.equals(layout.evidence().path())) {
            EvidenceEntry entry = Json.MAPPER.readValue(line, EvidenceEntry.class);
            ref = entry.ref();
            if (entry.json() != null) {
              entry.json().path("notes").forEach(note -> notes.add(note.asText()));
            }
          } else {
            IgnoredEntry entry = Json.MAPPER.readValue(line, IgnoredEntry.class);
            ref = entry.ref();
            notes.addAll(entry.notes());
          }
          for (String note : notes) {
            if (MailNotes.isInvitationUnread(note)) {
              return ref + " " + note.substring("invitation in ".length());
            }
          }
        }
      }
    }
    return null;
  }

  /**
   * The first {@code limit} used mails of the bundle whose reader notes say they may be cut or
   * garbled, each as its ref, location and that note. Only the lines holding such a note are
   * parsed.
   */
  private static List<String> possiblyCutExamples(RunLayout layout, int limit) throws IOException {
    Path file = layout.evidence().path();
    List<String> first = new ArrayList<>();
    if (!Files.isRegularFile(file)) {
      return first;
    }
    try (java.util.stream.Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
      java.util.Iterator<String> each = lines.iterator();
      while (first.size() < limit && each.hasNext()) {
        String line = each.next();
        if (!line.contains(MailNotes.MAY_BE_CUT) && !line.contains(": base64 body ")) {
          continue;
        }
        EvidenceEntry entry = Json.MAPPER.readValue(line, EvidenceEntry.class);
        if (entry.json() == null) {
          continue;
        }
        for (com.fasterxml.jackson.databind.JsonNode note : entry.json().path("notes")) {
          if (MailNotes.isPossiblyCut(note.asText())) {
            first.add(entry.ref() + " (" + entry.location() + "): " + note.asText());
            break;
          }
        }
      }
    }
    return first;
  }

  /**
   * Says which backup fields read date-times written without an offset in the business timezone
   * because nothing said which zone they are in: a {@code timestamp without time zone} column holds
   * whatever its application wrote, UTC for Prisma and Rails, and read in another zone every time
   * is off by its offset, each backup row then disagreeing with the evidence by that much.
   */
  /**
   * Names the backup rows a rule used that a soft-delete column marks deleted: the application hid
   * them, the run reads them as live, and evidence merges with them (a student deleted in April who
   * registered again in July with the same email became the deleted row, and the import could not
   * bring the July student back). The backup's {@code when} leaves them out.
   */
  static void warnOfSoftDeleted(RunSummary summary, PrintWriter err) {
    RunSummary.SourceCounts backup = summary.sources().get(BACKUP_SOURCE);
    if (backup == null || backup.softDeleted().isEmpty()) {
      return;
    }
    List<String> places = new ArrayList<>();
    backup
        .softDeleted()
        .forEach(
            (place, rows) -> {
              int dot = place.lastIndexOf('.');
              places.add(
                  rows
                      + " row(s) of table "
                      + place.substring(0, dot)
                      + " ("
                      + place.substring(dot + 1)
                      + " set)");
            });
    String first = backup.softDeleted().keySet().iterator().next();
    String column = first.substring(first.lastIndexOf('.') + 1);
    err.println(
        "Warning: the backup rows the application marked deleted were read as live: "
            + String.join("; ", places)
            + ". Each is a record's backup row, so as many records rest on a deleted row, and"
            + " evidence that shares a key with one (a customer who registered again with the"
            + " same email) merges with it. To leave them out, add to the backup rule's when:"
            + " not: {path: columns."
            + column
            + (column.equals("deleted_at") ? ", exists: true}" : ", in: ['1', 't', 'true']}")
            + " (docs/backup.md, Rows the application soft-deleted).");
  }

  static void warnOfAssumedZone(RunSummary summary, RunConfig runConfig, PrintWriter err) {
    RunSummary.SourceCounts backup = summary.sources().get(BACKUP_SOURCE);
    if (backup == null || backup.zoneAssumed().isEmpty()) {
      return;
    }
    List<String> places = new ArrayList<>();
    backup.zoneAssumed().forEach((place, rows) -> places.add(place + " (" + rows + " row(s))"));
    err.println(
        "Warning: the backup mapping "
            + runConfig.backup().mappingFile()
            + " read date-times written without a UTC offset in the business timezone "
            + runConfig.business().timezone()
            + ", as no zone was given: "
            + String.join("; ", places)
            + ". A timestamp column without time zone holds the zone its application wrote:"
            + " Prisma and Rails write UTC, so such a backup needs zone: UTC (beside"
            + " rules: in the mapping file, or on each field); if the application wrote local"
            + " times, say zone: "
            + runConfig.business().timezone()
            + " there. See docs/backup.md, Timestamps without a zone.");
  }
}
