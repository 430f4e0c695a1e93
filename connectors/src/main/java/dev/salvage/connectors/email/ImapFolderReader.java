package dev.salvage.connectors.email;

import dev.salvage.connectors.Quarantined;
import dev.salvage.connectors.RecordSink;
import dev.salvage.connectors.email.ImapListing.Candidate;
import jakarta.mail.FetchProfile;
import jakarta.mail.Folder;
import jakarta.mail.FolderNotFoundException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.search.AndTerm;
import jakarta.mail.search.ComparisonTerm;
import jakarta.mail.search.ReceivedDateTerm;
import jakarta.mail.search.SearchTerm;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.eclipse.angus.mail.iap.CommandFailedException;
import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.protocol.BODY;
import org.eclipse.angus.mail.imap.protocol.FetchResponse;
import org.eclipse.angus.mail.imap.protocol.UID;

/**
 * Reads one IMAP folder, read-only, into {@code mail} records.
 *
 * <p>The folder is opened READ_ONLY (EXAMINE) and messages are fetched with {@code BODY.PEEK[]}, so
 * no flag changes. UIDs to read are listed a window at a time ({@link ImapListing}), then fetched
 * in batches of whole raw messages with one {@code UID FETCH} each, bounded by count and by bytes.
 * With a snapshot, every message is stored before it is emitted and the resume state moves on after
 * each batch; a later read of the same folder under the same UIDVALIDITY replays the snapshot up to
 * the last UID and fetches only what is newer. A changed UIDVALIDITY, or UIDs the server renumbered
 * without changing it (the message at the last UID read is not the one read there, or UIDNEXT is
 * not above it), makes it read the whole folder again, and says so on the console. The earlier
 * snapshot's messages that the server no longer holds (deleted since, or lost with its UID list)
 * are read from the snapshot: on the day of a recovery they may be the only copy.
 */
final class ImapFolderReader {
  // Other criteria are the operator's choice: what the last read stored is not read again.
  private static final String OTHER_CRITERIA = "other search criteria than the last read";

  /** A batch stops growing past this many bytes, whatever batch_size says. */
  static final long MAX_BATCH_BYTES = 64L << 20;

  private final ImapOptions options;
  private final RecordSink sink;
  private final MailSnapshot snapshot;
  private final ImapState state;
  private final PrintStream warnings;

  // What this reader passed on so far, across the attempts of one read: a retry after a dropped
  // connection passes on only what follows, so that nothing is read twice.
  private long doneUid;
  private long passedOn;
  private long doneValidity = -1;
  // The latest attempt's listing, and how many of the messages it counted were passed since
  private ImapListing listing;
  private long listingPassed;
  private List<Candidate> listedWindow = List.of();
  // Earlier snapshots' messages set aside by a full read, and what the server holds (Message-IDs,
  // or digests of messages without one), to read those it no longer holds.
  private List<Path> replaced;
  private final Set<String> onServer = new HashSet<>();
  private final Set<String> readFromReplaced = new HashSet<>();
  private final Set<Path> replacedDone = new HashSet<>();
  // A batch whose fetch failed is fetched again one message at a time up to its last UID, so that
  // one message the server cannot send (too big for a failing link, or refused) does not take the
  // others with it. A message whose fetch failed twice on its own is left unfetched: the rest of
  // the folder is read, and the folder is still reported incomplete, naming it.
  private List<Candidate> inFlight;
  private long oneAtATimeUpTo;
  private final Map<Long, Integer> failedAlone = new HashMap<>();
  private final TreeMap<Long, Candidate> unfetched = new TreeMap<>();
  private String unfetchedError;
  // Listed UIDs a batch's answer left out and the answer to them asked alone too: expunged on the
  // server by another client between the listing and the fetch. They cannot be fetched again, so
  // the read goes past them (and a rerun resumes after them), but they were not read: said on the
  // console, noted, and the folder reported not read naming them.
  private final TreeMap<Long, Candidate> gone = new TreeMap<>();

  /**
   * @param warnings where what the operator must know is written (the console)
   */
  ImapFolderReader(ImapOptions options, RecordSink sink, PrintStream warnings) {
    this.options = options;
    this.sink = sink;
    this.warnings = warnings;
    this.snapshot =
        options.snapshotDir() == null ? null : new MailSnapshot(Path.of(options.snapshotDir()));
    this.state = options.stateFile() == null ? null : new ImapState(Path.of(options.stateFile()));
  }

  /**
   * What a read did, for logs and tests.
   *
   * @param fullReadBecause why a folder read before was read whole again, or null
   * @param fromEarlierSnapshot messages read from an earlier snapshot's set-aside files because the
   *     server no longer holds them
   */
  record Outcome(
      long replayed,
      long fetched,
      boolean resumed,
      String fullReadBecause,
      long fromEarlierSnapshot) {}

  /**
   * Reads the folder; called again after a failure (on a new connection), it passes on only the
   * messages above the last one it passed on before.
   *
   * @throws RenumberedDuringReadException when UIDVALIDITY changed between two attempts
   */
  Outcome read(IMAPFolder folder) throws MessagingException, IOException {
    String name = folder.getFullName();
    try {
      folder.open(Folder.READ_ONLY);
    } catch (FolderNotFoundException e) {
      throw e;
    } catch (MessagingException e) {
      // the server's NO to EXAMINE, told apart from a dropped connection: whether to retry is
      // the answer's to say (ImapRefusals)
      if (e.getCause() instanceof CommandFailedException) {
        throw new SelectRefusedException(name, e);
      }
      throw e;
    }
    try {
      long uidValidity = folder.getUIDValidity();
      if (doneValidity >= 0 && doneValidity != uidValidity) {
        throw new RenumberedDuringReadException(
            "UIDVALIDITY of folder "
                + name
                + " changed from "
                + doneValidity
                + " to "
                + uidValidity
                + " while it was read");
      }
      doneValidity = uidValidity;
      Path directory = snapshot == null ? null : snapshot.directory(name, folder.getSeparator());
      long lastUid = 0;
      String lastMessageId = null;
      long lastSize = -1;
      long stored = 0;
      long replayed = 0;
      List<String> fullReadBecause = new ArrayList<>(1);
      Optional<ImapState.FolderState> resumable =
          resumable(folder, uidValidity, directory, fullReadBecause);
      if (resumable.isPresent()) {
        lastUid = resumable.get().lastUid();
        lastMessageId = resumable.get().lastMessageId();
        lastSize = resumable.get().lastSize();
        if (replaced == null) {
          replaced = snapshot.replaced(directory);
        }
        for (MailSnapshot.Stored message : snapshot.stored(directory, lastUid)) {
          stored++;
          if (message.uid() > doneUid) {
            byte[] raw = Files.readAllBytes(message.file());
            noteOnServer(raw);
            emit(name, message.uid(), raw);
            passed(message.uid());
            replayed++;
          }
        }
      } else if (snapshot != null && doneUid == 0) {
        boolean chosen =
            !fullReadBecause.isEmpty() && fullReadBecause.get(0).startsWith(OTHER_CRITERIA);
        snapshot.setAside(
            directory, (chosen ? "other-criteria-" : "replaced-") + Instant.now().toEpochMilli());
      }
      if (snapshot != null && replaced == null) {
        replaced = snapshot.replaced(directory);
      }
      long fetched = 0;
      listing = listing(folder, Math.max(lastUid, doneUid));
      listingPassed = 0;
      boolean listedAny = false;
      for (List<Candidate> candidates = listing.next();
          !candidates.isEmpty();
          candidates = listing.next()) {
        listedAny = true;
        listedWindow = candidates;
        int start = 0;
        while (start < candidates.size()) {
          if (unfetched.containsKey(candidates.get(start).uid())) {
            doneUid = candidates.get(start).uid(); // not passed on: reported at the end
            listingPassed++;
            start++;
            continue;
          }
          int end = batchEnd(candidates, start);
          List<Candidate> batch = candidates.subList(start, end);
          inFlight = batch;
          Map<Long, byte[]> bodies = fetch(folder, batch);
          inFlight = null;
          for (Candidate candidate : batch) {
            listingPassed++;
            byte[] raw = bodies.get(candidate.uid());
            String location = location(name, candidate.uid());
            if (raw == null && candidate.size() <= MailParser.MAX_MAIL_BYTES) {
              raw = batch.size() == 1 ? null : fetchAlone(folder, candidate);
              if (raw == null) {
                gone.put(candidate.uid(), candidate);
                doneUid = candidate.uid(); // not passed on: said at the end
                continue;
              }
              bodies.put(candidate.uid(), raw);
            }
            if (raw == null) {
              sink.quarantine(
                  new Quarantined(
                      options.sourceName(), location, MailParser.tooLarge(location), ""));
              passed(candidate.uid());
              continue;
            }
            if (snapshot != null) {
              snapshot.write(directory, candidate.uid(), raw);
              stored++;
            }
            noteOnServer(raw);
            emit(name, candidate.uid(), raw);
            passed(candidate.uid());
            fetched++;
          }
          Candidate last = batch.get(batch.size() - 1);
          lastUid = last.uid();
          byte[] lastBody = bodies.get(last.uid());
          // what the next read compares with the message then at this UID; unknown when not
          // fetched
          lastSize = lastBody == null ? -1 : last.size();
          lastMessageId = MailParser.messageIdOf(lastBody);
          // past a message left unfetched the state stays before it, so that a rerun fetches it
          if (state != null && unfetched.isEmpty()) {
            state.save(
                name,
                new ImapState.FolderState(
                    uidValidity, lastUid, lastMessageId, lastSize, stored, options.criteria()));
          }
          start = end;
        }
      }
      listedWindow = List.of();
      if (state != null && !listedAny) {
        state.save(
            name,
            new ImapState.FolderState(
                uidValidity, lastUid, lastMessageId, lastSize, stored, options.criteria()));
      }
      long fromEarlier = readWhatTheServerNoLongerHolds(name);
      String goneSaid = gone.isEmpty() ? null : goneWhenFetched(name);
      if (goneSaid != null) {
        warnings.println("IMAP source " + options.sourceName() + ": " + goneSaid);
        sink.note(goneSaid);
      }
      if (!unfetched.isEmpty()) {
        throw new MessagesNotSentException(
            unfetched.size()
                + " message(s) of folder "
                + name
                + " failed to arrive each time they were fetched on their own; last error: "
                + unfetchedError
                + (goneSaid == null ? "" : "; " + goneSaid));
      }
      if (goneSaid != null) {
        throw new MessagesGoneException(goneSaid);
      }
      return new Outcome(
          replayed,
          fetched,
          resumable.isPresent(),
          fullReadBecause.isEmpty() ? null : fullReadBecause.get(0),
          fromEarlier);
    } finally {
      closeQuietly(folder);
    }
  }

  // After a dropped connection closing fails too; the read's own outcome or failure is what counts.
  private static void closeQuietly(IMAPFolder folder) {
    try {
      if (folder.isOpen()) {
        folder.close(false);
      }
    } catch (MessagingException | IllegalStateException alreadyGone) {
      // nothing was changed on the server (READ_ONLY), so there is nothing to undo
    }
  }

  private void noteOnServer(byte[] raw) {
    if (replaced != null && !replaced.isEmpty()) {
      onServer.add(identity(raw));
    }
  }

  /** A mail's Message-ID, or a digest of its bytes when it has none. */
  static String identity(byte[] raw) {
    String messageId = MailParser.messageIdOf(raw);
    if (messageId != null) {
      return "<" + messageId + ">";
    }
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }

  /**
   * Reads the messages of earlier snapshots of the folder that the server no longer holds (each
   * once, however many set-asides kept a copy), after everything the server holds was read, and
   * says how many on the console.
   */
  private long readWhatTheServerNoLongerHolds(String folder) throws IOException {
    if (replaced == null || replaced.isEmpty()) {
      return 0;
    }
    long read = 0;
    for (Path file : replaced) {
      if (replacedDone.contains(file)) {
        continue;
      }
      byte[] raw = Files.readAllBytes(file);
      String identity = identity(raw);
      if (!onServer.contains(identity) && readFromReplaced.add(identity)) {
        MailFiles.emit(
            raw,
            new MailParser.Origin(
                options.sourceName(),
                folder,
                "imap:" + folder + "#" + file.getFileName(),
                null,
                List.of()),
            options.reading(),
            sink);
        passedOn++;
        read++;
      }
      replacedDone.add(file);
    }
    if (read > 0) {
      warnings.println(
          "IMAP source "
              + options.sourceName()
              + ": folder "
              + folder
              + ": "
              + read
              + " message(s) of an earlier snapshot are no longer on the server; read from the"
              + " snapshot's set-aside files ("
              + replaced.get(0).getParent()
              + "/.replaced-*)");
    }
    return read;
  }

  /**
   * Called after an attempt of the read failed with {@code error}: when it failed while fetching a
   * batch, the next attempt fetches that batch's messages one at a time; when it failed fetching
   * one message on its own for the second time, that message is left unfetched.
   *
   * @return what the next attempt does differently, for the console, or null
   */
  String failedAttempt(String error) {
    List<Candidate> batch = inFlight;
    inFlight = null;
    if (batch == null) {
      return null;
    }
    if (batch.size() > 1) {
      oneAtATimeUpTo = batch.get(batch.size() - 1).uid();
      return "fetching the " + batch.size() + " messages of the failed batch one at a time";
    }
    Candidate alone = batch.get(0);
    if (failedAlone.merge(alone.uid(), 1, Integer::sum) < 2) {
      return null;
    }
    unfetched.put(alone.uid(), alone);
    unfetchedError = error;
    return "leaving UID "
        + alone.uid()
        + " ("
        + alone.size()
        + " bytes) unfetched after it failed twice on its own, going on with the rest; the folder"
        + " will be reported not read to its end";
  }

  private void passed(long uid) {
    doneUid = uid;
    passedOn++;
  }

  /** The messages (records and quarantined ones) passed on so far over every attempt. */
  long passedOn() {
    return passedOn;
  }

  /**
   * What of the folder this reader has not passed on, for the operator: the UIDs listed and not yet
   * read, or everything above the last UID passed on when the listing did not happen.
   */
  String notRead(String folder) {
    String window =
        options.since() == null && options.before() == null
            ? ""
            : " (received "
                + (options.since() == null ? "" : "on or after " + options.since())
                + (options.since() != null && options.before() != null ? " and " : "")
                + (options.before() == null ? "" : "before " + options.before())
                + ")";
    String notSent =
        unfetched.isEmpty()
            ? ""
            : (unfetched.size() == 1 ? "UID " : "UIDs ")
                + unfetched.values().stream()
                    .map(c -> c.uid() + " (" + c.size() + " bytes)")
                    .collect(Collectors.joining(", "))
                + " of folder "
                + folder
                + ", which the server failed to send each time they were fetched on their own"
                + window;
    String goneNow =
        gone.isEmpty()
            ? ""
            : uids(gone.keySet())
                + " of folder "
                + folder
                + ", gone from the server when fetched (expunged by another client after the"
                + " listing)"
                + window;
    String missing =
        notSent.isEmpty() ? goneNow : goneNow.isEmpty() ? notSent : notSent + "; " + goneNow;
    String rest = rest(folder, window);
    if (missing.isEmpty()) {
      return rest;
    }
    return rest.isEmpty()
        ? missing + "; every other message listed was read"
        : missing + "; and " + rest;
  }

  /**
   * "1 message listed in INBOX (UID 300) was gone when fetched: ...", for the console and the
   * partition's note.
   */
  private String goneWhenFetched(String folder) {
    return gone.size()
        + (gone.size() == 1 ? " message listed in " : " messages listed in ")
        + folder
        + " ("
        + uids(gone.keySet())
        + ")"
        + (gone.size() == 1 ? " was" : " were")
        + " gone when fetched: expunged on the server during the fetch";
  }

  /** "UID 300", "UIDs 300, 302 and 3 more", for the operator. */
  private static String uids(Set<Long> uids) {
    int shown = 10;
    String listed =
        uids.stream().limit(shown).map(String::valueOf).collect(Collectors.joining(", "));
    return (uids.size() == 1 ? "UID " : "UIDs ")
        + listed
        + (uids.size() > shown ? " and " + (uids.size() - shown) + " more" : "");
  }

  /** What is left above the last UID passed on, or "" when the listing was read to its end. */
  private String rest(String folder, String window) {
    if (listing != null) {
      long left = listing.total() - listingPassed;
      if (left <= 0 && (!unfetched.isEmpty() || !gone.isEmpty())) {
        return "";
      }
      if (left > 0) {
        long first =
            listedWindow.stream()
                .mapToLong(Candidate::uid)
                .filter(uid -> uid > doneUid)
                .findFirst()
                .orElse(doneUid + 1);
        return "UIDs "
            + first
            + ".."
            + Math.max(first, listing.lastUid())
            + " of folder "
            + folder
            + " ("
            + left
            + " message(s) listed and not read"
            + (doneUid > 0 ? "; read up to UID " + doneUid : "")
            + ")"
            + window
            + ", and any that arrived since";
      }
    }
    return (doneUid == 0
            ? "every message of folder " + folder
            : "the messages of folder " + folder + " above UID " + doneUid)
        + window;
  }

  /**
   * Messages the server failed to send each time they were fetched on their own; the rest of the
   * folder was read.
   */
  static final class MessagesNotSentException extends IOException {
    MessagesNotSentException(String message) {
      super(message);
    }
  }

  /**
   * Listed messages the server no longer held when fetched; the rest of the folder was read, and no
   * rerun can fetch them.
   */
  static final class MessagesGoneException extends IOException {
    MessagesGoneException(String message) {
      super(message);
    }
  }

  /** The server answered NO to the EXAMINE of the folder (Jakarta Mail's open, read-only). */
  static final class SelectRefusedException extends MessagingException {
    SelectRefusedException(String folder, MessagingException refusal) {
      super(
          "the server refused EXAMINE of folder " + folder + ": " + refusal.getMessage(), refusal);
    }
  }

  /** UIDVALIDITY changed between two attempts of one read: the UIDs read no longer hold. */
  static final class RenumberedDuringReadException extends IOException {
    RenumberedDuringReadException(String message) {
      super(message);
    }
  }

  /**
   * The saved state of a folder when it can be trusted: same UIDVALIDITY, same criteria, a snapshot
   * that still holds every message it recorded (a deleted snapshot forces a full read), and UIDs
   * that still mean what they meant. Why a saved state is not trusted is added to {@code why} and,
   * but for other criteria (the operator's own choice), written to the console.
   */
  private Optional<ImapState.FolderState> resumable(
      IMAPFolder folder, long uidValidity, Path directory, List<String> why)
      throws IOException, MessagingException {
    if (state == null) {
      return Optional.empty();
    }
    String name = folder.getFullName();
    Optional<ImapState.FolderState> found = state.folder(name);
    if (found.isEmpty()) {
      return found;
    }
    ImapState.FolderState saved = found.get();
    if (!saved.criteria().equals(options.criteria())) {
      why.add(OTHER_CRITERIA + " (" + saved.criteria() + ")");
      return Optional.empty();
    }
    String problem = null;
    if (saved.uidValidity() != uidValidity) {
      problem =
          "UIDVALIDITY changed from "
              + saved.uidValidity()
              + " to "
              + uidValidity
              + " (the server renumbered the folder)";
    } else if (!snapshotHolds(directory, saved)) {
      problem = "the snapshot lacks messages the last read stored in " + directory;
    } else {
      problem = renumbering(folder, saved);
    }
    if (problem == null) {
      return found;
    }
    why.add(problem);
    warnings.println(
        "IMAP source "
            + options.sourceName()
            + ": folder "
            + name
            + ": "
            + problem
            + "; reading the whole folder again"
            + (snapshot == null
                ? ""
                : " (the earlier snapshot files are kept under hidden .replaced-* names)"));
    return Optional.empty();
  }

  /**
   * Why the folder's UIDs no longer mean what they meant at the last read although UIDVALIDITY is
   * the same (a server that lost its UID list), or null when nothing says so: UIDNEXT not above the
   * last UID read, or another message at that UID (its Message-ID differs; without Message-IDs, its
   * size does). A message deleted since tells nothing.
   */
  private String renumbering(IMAPFolder folder, ImapState.FolderState saved)
      throws MessagingException {
    long uidNext = folder.getUIDNext();
    if (uidNext > 0 && uidNext <= saved.lastUid()) {
      return "UIDs were renumbered without a UIDVALIDITY change: UIDNEXT "
          + uidNext
          + " is not above the last UID read, "
          + saved.lastUid();
    }
    if (saved.lastSize() < 0) {
      return null;
    }
    Message message = folder.getMessageByUID(saved.lastUid());
    if (message == null || message.isExpunged()) {
      return null;
    }
    FetchProfile profile = new FetchProfile();
    profile.add(FetchProfile.Item.SIZE);
    profile.add("Message-ID");
    folder.fetch(new Message[] {message}, profile);
    String[] header = message.getHeader("Message-ID");
    String messageId = MailParser.messageId(header == null ? null : header[0]);
    long size = message.getSize();
    boolean other =
        saved.lastMessageId() != null || messageId != null
            ? !Objects.equals(saved.lastMessageId(), messageId)
            : size != saved.lastSize();
    if (!other) {
      return null;
    }
    return "UIDs were renumbered without a UIDVALIDITY change: UID "
        + saved.lastUid()
        + " was "
        + describe(saved.lastMessageId(), saved.lastSize())
        + " at the last read and is now "
        + describe(messageId, size);
  }

  private static String describe(String messageId, long size) {
    return (messageId == null ? "a message without Message-ID" : "<" + messageId + ">")
        + " of "
        + size
        + " bytes";
  }

  private boolean snapshotHolds(Path directory, ImapState.FolderState saved) {
    try {
      return snapshot.stored(directory, saved.lastUid()).size() >= saved.snapshotCount();
    } catch (IOException e) {
      return false;
    }
  }

  private void emit(String folder, long uid, byte[] raw) {
    MailFiles.emit(
        raw,
        new MailParser.Origin(options.sourceName(), folder, location(folder, uid), null, List.of()),
        options.reading(),
        sink);
  }

  static String location(String folder, long uid) {
    return "imap:" + folder + "#" + uid;
  }

  /** The messages above {@code lastUid} (within the date range), listed a window at a time. */
  private ImapListing listing(IMAPFolder folder, long lastUid) throws MessagingException {
    SearchTerm dates = dateTerm();
    int window = listWindow(options.batchSize());
    return dates == null
        ? ImapListing.of(folder, lastUid, window)
        : ImapListing.ofFound(folder, folder.search(dates), lastUid, window);
  }

  /** Messages listed per command: enough for several batches, little enough for a weak link. */
  static int listWindow(int batchSize) {
    return Math.max(100, Math.min(10_000, batchSize * 5));
  }

  private SearchTerm dateTerm() {
    SearchTerm since =
        options.since() == null
            ? null
            : new ReceivedDateTerm(ComparisonTerm.GE, startOfDay(options.since()));
    SearchTerm before =
        options.before() == null
            ? null
            : new ReceivedDateTerm(ComparisonTerm.LT, startOfDay(options.before()));
    if (since != null && before != null) {
      return new AndTerm(since, before);
    }
    return since != null ? since : before;
  }

  // Jakarta Mail writes SEARCH dates in the JVM's zone, so the day starts in that zone.
  private static Date startOfDay(LocalDate day) {
    return Date.from(day.atStartOfDay(ZoneId.systemDefault()).toInstant());
  }

  private int batchEnd(List<Candidate> candidates, int start) {
    if (candidates.get(start).uid() <= oneAtATimeUpTo) {
      return start + 1;
    }
    int end = start;
    long bytes = 0;
    while (end < candidates.size() && end - start < options.batchSize()) {
      long size = Math.max(0, candidates.get(end).size());
      if (end > start
          && (bytes + size > MAX_BATCH_BYTES || unfetched.containsKey(candidates.get(end).uid()))) {
        break;
      }
      bytes += size;
      end++;
    }
    return end;
  }

  /**
   * A message a batch's answer left out, asked for alone: a server may leave one out of a large
   * answer and send it when asked again; null when it does not, the UID being gone.
   */
  private byte[] fetchAlone(IMAPFolder folder, Candidate candidate) throws MessagingException {
    // a connection dropped now makes the next attempt count a failure of this message alone
    inFlight = List.of(candidate);
    byte[] raw = fetch(folder, List.of(candidate)).get(candidate.uid());
    inFlight = null;
    return raw;
  }

  /** The raw bytes of a batch, by UID; too large messages are left out (quarantined). */
  private Map<Long, byte[]> fetch(IMAPFolder folder, List<Candidate> batch)
      throws MessagingException {
    List<Long> uids = new ArrayList<>();
    for (Candidate candidate : batch) {
      if (candidate.size() <= MailParser.MAX_MAIL_BYTES) {
        uids.add(candidate.uid());
      }
    }
    Map<Long, byte[]> bodies = new HashMap<>();
    if (uids.isEmpty()) {
      return bodies;
    }
    String command = "UID FETCH " + UidSets.of(uids) + " (UID BODY.PEEK[])";
    folder.doCommand(
        protocol -> {
          Response[] responses = protocol.command(command, null);
          for (int i = 0; i < responses.length; i++) {
            if (responses[i] instanceof FetchResponse fetch) {
              UID uid = fetch.getItem(UID.class);
              BODY body = fetch.getItem(BODY.class);
              if (uid != null && body != null && !body.isHeader()) {
                bodies.put(uid.uid, body.getByteArrayInputStream().readAllBytes());
                // handled here; the folder need not see the message content
                responses[i] = null;
              }
            }
          }
          protocol.notifyResponseHandlers(responses);
          protocol.handleResult(responses[responses.length - 1]);
          return null;
        });
    return bodies;
  }
}
