package dev.salvage.connectors.email;

import static java.util.Objects.requireNonNull;

import dev.salvage.connectors.InvalidSourceException;
import dev.salvage.connectors.OptionSet;
import dev.salvage.connectors.PartitionFailure;
import dev.salvage.connectors.PartitionedSource;
import dev.salvage.connectors.RecordSink;
import dev.salvage.connectors.UnreadPartitionException;
import dev.salvage.connectors.io.ConnectionFailure;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Folder;
import jakarta.mail.FolderNotFoundException;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A mailbox read over IMAP or IMAPS (source type {@code imap}), read-only: one partition per
 * selected folder, each read into the same {@code mail} records as the mbox and .eml readers, so
 * the same mail read from a file or from the server gives the same evidence id. Options are
 * declared in {@code ImapOptions}; resuming and snapshots are described in {@code docs/mail.md}.
 */
public final class ImapSource implements PartitionedSource {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(ImapSource.class);
  private static final long MAX_BACKOFF_MILLIS = 60_000;

  private final ImapOptions options;

  /**
   * The folders an earlier fetch into the snapshot listed that the server no longer has, as the
   * listing found them: read reports them gone. Filled by the listing, before the source is sent to
   * the tasks that read it.
   */
  private final Set<String> gone = ConcurrentHashMap.newKeySet();

  /**
   * The folders the server lists as {@code \Noselect} that have no folder below them: not a parent
   * holding only folders but a folder the server cannot open (its directory's permissions, a
   * damaged folder; Dovecot lists such a folder so). Selected like any folder and reported not
   * read: until 2026-12-07 a glob left them out without a word, and an outside trial's 1,000
   * messages behind a folder the server could no longer open were missing from a run that exited 0.
   */
  private final Set<String> unopenable = ConcurrentHashMap.newKeySet();

  /**
   * The messages each folder held when the listing found it, where the server said: a folder
   * emptied before it was read was read to its end with 0 messages, and nothing said so.
   */
  private final Map<String, Integer> listedMessages = new ConcurrentHashMap<>();

  private ImapSource(ImapOptions options) {
    this.options = requireNonNull(options, "options");
  }

  /**
   * Validates the options of an {@code imap} source; connects to nothing.
   *
   * @throws InvalidSourceException naming the source and the option when the configuration is bad
   */
  public static PartitionedSource create(String sourceName, Path path, Map<String, String> options)
      throws InvalidSourceException {
    if (path != null) {
      throw InvalidSourceException.of(
          "imap", sourceName, "takes no path (got " + path + "); to read a snapshot use type eml");
    }
    ImapOptions parsed = ImapOptions.parse(sourceName, options);
    if (parsed.security() == ImapOptions.Security.NONE && !isLoopback(parsed.host())) {
      LOG.warn(
          "Source {}: security none sends the password to {} in clear text",
          sourceName,
          parsed.host());
    }
    return new ImapSource(parsed);
  }

  /**
   * Whether {@code file} is one of the files an imap source keeps its resume state in below its
   * snapshot (the state, its lock, its temporary), which hold no mail: a run reading the snapshot
   * as eml named them among the hidden files it did not read, as if they were the user's.
   */
  public static boolean isStateFile(Path file) {
    String name = file.getFileName() == null ? "" : file.getFileName().toString();
    String state = ImapOptions.DEFAULT_STATE_FILE;
    return name.equals(state)
        || name.equals("." + state + ".lock")
        || name.equals("." + state + ".tmp");
  }

  /** The options of type {@code imap}. */
  public static OptionSet optionSet() {
    return ImapOptions.OPTIONS;
  }

  @Override
  public String sourceName() {
    return options.sourceName();
  }

  /** For messages: {@code folder INBOX}. */
  @Override
  public String describe(String folder) {
    return "folder " + folder;
  }

  /** "imap.example.com:993 to answer for folder INBOX; read timeout 300 s, then a reconnect". */
  @Override
  public String awaited(String folder) {
    return options.host()
        + ":"
        + options.port()
        + " to answer for folder "
        + folder
        + "; read timeout "
        + options.readTimeoutSeconds()
        + " s (read_timeout_seconds), then "
        + (options.maxRetries() == 0
            ? "the folder is reported not read"
            : "a reconnect, up to " + options.maxRetries() + " time(s)");
  }

  /**
   * The folders matching the configured names and globs; connects to the server to list them. A
   * connection or listing that fails is tried again like a folder's read ({@code max_retries},
   * {@code backoff}): a server restarting as the run starts would otherwise leave the whole source
   * unread.
   *
   * @throws InvalidSourceException when a folder named without a wildcard does not exist, or a glob
   *     matches no folder
   * @throws IOException when the folders could not be listed in {@code max_retries + 1} attempts
   */
  /** Records read per folder, for the operator to compare with what the server shows. */
  @Override
  public boolean countsReadPerPartition() {
    return true;
  }

  @Override
  public List<String> partitions() throws IOException, InvalidSourceException {
    return partitions(List.of());
  }

  /**
   * The folders as {@link #partitions()} lists them, and those of {@code listedBefore} or of the
   * resume state that the configured folders select and the server no longer has: a folder deleted
   * during a fetch was refused as a configuration error on the rerun, which then fetched nothing.
   */
  @Override
  public List<String> partitions(Collection<String> listedBefore)
      throws IOException, InvalidSourceException {
    Set<String> known = new LinkedHashSet<>(listedBefore);
    if (options.stateFile() != null) {
      try {
        known.addAll(new ImapState(Path.of(options.stateFile())).folders());
      } catch (IOException damaged) {
        // the read of each folder says so and reads it whole again; the listing goes on without
      }
    }
    for (int failuresInRow = 1; ; failuresInRow++) {
      MessagingException error;
      try (Store store = ImapSession.connect(options)) {
        return select(store, known);
      } catch (AuthenticationFailedException e) {
        if (ImapRefusals.transientRefusal(e) != null) {
          // a login answered NO [LIMIT] (Dovecot's mail_max_userip_connections, another client
          // holding the connections) or [UNAVAILABLE] took the password: until 2026-12-07 it was
          // called a refused login, exit 2, "check user and the password option"
          error = e;
        } else {
          // a rerun meets the same answer: it is the configuration, not the server, to mend
          throw new InvalidSourceException(
              server()
                  + " refused the login of user "
                  + options.user()
                  + ": "
                  + describe(e)
                  + "; check user and the password option");
        }
      } catch (MessagingException e) {
        if (untrustedCertificate(e)) {
          // a rerun meets the same certificate: the JVM's trust, not the server, is to mend
          throw new InvalidSourceException(
              server()
                  + " presented a certificate this JVM does not trust: "
                  + describe(e)
                  + "; if the server's certificate is signed by a private CA, give that CA in a"
                  + " trust store: SALVAGE_JAVA_OPTS=\"-Djavax.net.ssl.trustStore=/path/ca.p12"
                  + " -Djavax.net.ssl.trustStorePassword=...\" (docs/mail.md)");
        }
        error = e;
      }
      if (failuresInRow > options.maxRetries()) {
        throw failure(
            "cannot list the folders",
            error,
            " (" + failuresInRow + " attempt(s): max_retries " + options.maxRetries() + ")");
      }
      long wait = backoffMillis(failuresInRow);
      System.err.println(
          "IMAP source "
              + options.sourceName()
              + ": cannot list the folders on "
              + options.host()
              + ":"
              + options.port()
              + ": "
              + said(error)
              + "; reconnecting, retry "
              + failuresInRow
              + "/"
              + options.maxRetries()
              + " in "
              + wait
              + " ms");
      try {
        Thread.sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException(
            "Source " + options.sourceName() + ": interrupted while waiting to list the folders");
      }
    }
  }

  /**
   * The folders the patterns select among those {@code store} lists and those of {@code known} it
   * no longer lists, which are kept as {@link #gone}.
   */
  private List<String> select(Store store, Set<String> known)
      throws MessagingException, InvalidSourceException {
    List<String> names = new ArrayList<>();
    List<String> parents = new ArrayList<>();
    List<Folder> noSelect = new ArrayList<>();
    Folder[] listed = store.getDefaultFolder().list("*");
    for (Folder folder : listed) {
      if ((folder.getType() & Folder.HOLDS_MESSAGES) != 0 && !noSelect(folder)) {
        names.add(folder.getFullName());
      } else {
        noSelect.add(folder);
      }
    }
    List<String> opened = new ArrayList<>();
    for (Folder folder : noSelect) {
      if (cannotBeOpened(folder, listed)) {
        opened.add(folder.getFullName());
        names.add(folder.getFullName());
      } else {
        parents.add(folder.getFullName());
      }
    }
    if (names.stream().noneMatch(name -> name.equalsIgnoreCase("INBOX"))) {
      names.add("INBOX");
    }
    List<String> goneNow =
        known.stream()
            .filter(folder -> !names.contains(folder) && !parents.contains(folder))
            .filter(
                folder -> options.folders().stream().anyMatch(p -> FolderGlobs.matches(p, folder)))
            .toList();
    for (String pattern : options.folders()) {
      if (names.stream().anyMatch(name -> FolderGlobs.matches(pattern, name))
          || goneNow.stream().anyMatch(name -> FolderGlobs.matches(pattern, name))) {
        continue;
      }
      if (!FolderGlobs.isGlob(pattern)
          && parents.stream().anyMatch(name -> FolderGlobs.matches(pattern, name))) {
        throw new InvalidSourceException(
            "Source "
                + options.sourceName()
                + ": folder '"
                + pattern
                + "' on "
                + options.host()
                + " holds no messages, only other folders (\\Noselect); name them, e.g. '"
                + pattern
                + ".*' or '"
                + pattern
                + "/*' as the server separates levels");
      }
      // a mistyped glob read nothing and said nothing: the run looked complete without that mail
      throw new InvalidSourceException(
          "Source "
              + options.sourceName()
              + (FolderGlobs.isGlob(pattern)
                  ? ": folder pattern '" + pattern + "' matches no folder on "
                  : ": folder '" + pattern + "' does not exist on ")
              + options.host()
              + "; folders: "
              + String.join(", ", names));
    }
    gone.clear();
    gone.addAll(goneNow);
    unopenable.clear();
    unopenable.addAll(opened);
    List<String> all = new ArrayList<>(names);
    all.addAll(goneNow);
    List<String> selected = FolderGlobs.select(options.folders(), all);
    for (String name : selected) {
      if (!gone.contains(name) && !unopenable.contains(name)) {
        try {
          listedMessages.put(name, store.getFolder(name).getMessageCount());
        } catch (MessagingException e) {
          // a server that does not say its count is read all the same, only without the check
        }
      }
    }
    return selected;
  }

  /**
   * Reads one folder. When the connection drops or the server fails a command part-way, it
   * reconnects, each time going on after the last message read; {@code max_retries} bounds the
   * failures in a row without a message read in between. A batch whose fetch failed is fetched
   * again one message at a time, and a message that failed twice on its own is left unfetched while
   * the rest of the folder is read.
   *
   * @throws UnreadPartitionException when the retries run out (or the login is refused, or the
   *     folder was renumbered during the read, or messages were left unfetched, or the folder held
   *     fewer messages when read than when listed): what was not read and the last error; the
   *     messages before and around it were passed on
   */
  @Override
  public void read(String folder, RecordSink sink) throws IOException {
    if (gone.contains(folder)) {
      throw new UnreadPartitionException(
          new PartitionFailure(
              options.sourceName(),
              folder,
              "whatever folder " + folder + " held that the earlier fetch did not save",
              0,
              onServer()
                  + ": the folder no longer exists on the server; what the earlier fetch saved"
                  + " of it is kept",
              false,
              "a rerun fetches it only if the folder is on the server again"),
          null);
    }
    if (unopenable.contains(folder)) {
      throw notOpenable(
          folder,
          "every message of folder " + folder + ", if it holds any",
          0,
          " although no folder is below it: a folder the server cannot open (its permissions on"
              + " the server, a damaged folder), not a parent of other folders; not tried");
    }
    ImapFolderReader reader = new ImapFolderReader(options, sink, System.err);
    String server = options.user() + "@" + options.host() + ":" + options.port();
    UnansweringServers.GaveUp gaveUp = UnansweringServers.recent(server, Instant.now());
    int failuresInRow = 0;
    for (; ; ) {
      long passedBefore = reader.passedOn();
      Exception error = null;
      ImapFolderReader.Outcome outcome = null;
      try (Store store = ImapSession.connect(options)) {
        outcome = reader.read((IMAPFolder) store.getFolder(folder));
        UnansweringServers.answered(server);
        if (outcome.replayed() > 0) {
          sink.tally(RecordSink.REPLAYED, outcome.replayed());
        }
        LOG.info(
            "Source {}: folder {}: {} message(s) fetched, {} replayed from the snapshot, {} read"
                + " from an earlier snapshot",
            options.sourceName(),
            folder,
            outcome.fetched(),
            outcome.replayed(),
            outcome.fromEarlierSnapshot());
      } catch (ImapFolderReader.MessagesNotSentException e) {
        UnansweringServers.answered(server); // it answered everything else
        throw unread(folder, reader, e, "");
      } catch (ImapFolderReader.MessagesGoneException e) {
        // not read, so the run is incomplete; but no retry or rerun can fetch what the server
        // no longer holds, and the resume state is past it, so a rerun does not stop there again
        UnansweringServers.answered(server);
        throw new UnreadPartitionException(
            new PartitionFailure(
                options.sourceName(),
                folder,
                reader.notRead(folder),
                reader.passedOn(),
                onServer() + ": " + e.getMessage(),
                options.snapshotDir() != null,
                "a rerun cannot fetch it: the server no longer holds it (a copy elsewhere, another"
                    + " folder or a backup of the mailbox, may); "
                    + (options.snapshotDir() != null
                        ? "a rerun resumes after it and reports the folder complete"
                        : "a rerun reads the folder again from its start")),
            e);
      } catch (AuthenticationFailedException e) {
        if (ImapRefusals.transientRefusal(e) == null) {
          throw unread(folder, reader, e); // another attempt would meet the same answer
        }
        // NO [LIMIT] to the login: the server's connections per user are taken (the folders read
        // in parallel, another client); until 2026-12-07 the folder was given up at once
        error = e;
      } catch (ImapFolderReader.RenumberedDuringReadException e) {
        throw unread(folder, reader, e); // another attempt would meet the same answer
      } catch (FolderNotFoundException e) {
        // deleted since it was listed: another attempt would not find it either, and a rerun
        // cannot resume a folder that is gone
        UnansweringServers.answered(server);
        throw new UnreadPartitionException(
            new PartitionFailure(
                options.sourceName(),
                folder,
                reader.notRead(folder),
                reader.passedOn(),
                onServer()
                    + ": folder "
                    + folder
                    + " is no longer on the server (deleted since it was listed)",
                options.snapshotDir() != null,
                options.snapshotDir() != null
                    ? "a rerun resumes where this one stopped if the folder still exists"
                    : "a rerun reads it again from its start if the folder still exists"),
            e);
      } catch (MessagingException | IOException e) {
        error = e;
      }
      if (error == null) {
        // thrown here, not in the try, whose catch would take it for a failed read to retry
        Optional<PartitionFailure> shortfall =
            fewerThanListed(
                folder, reader.passedOn() - outcome.fromEarlierSnapshot(), reader.passedOn());
        if (shortfall.isPresent()) {
          throw new UnreadPartitionException(shortfall.get(), null);
        }
        return;
      }
      if (NOT_SELECTABLE.equals(error.getMessage())) {
        // listed as a folder, listed \Noselect when opened: Jakarta Mail refuses to open it
        // without asking the server, so no retry can change it. Until 2026-12-07 it was retried
        // max_retries times and said in Jakarta's words, "folder cannot contain messages"
        UnansweringServers.answered(server);
        throw notOpenable(
            folder,
            reader.notRead(folder),
            reader.passedOn(),
            " now, although it listed it as a folder when the run began: the server can no"
                + " longer open it (its permissions on the server, a damaged folder); not retried");
      }
      String refusal =
          ImapRefusals.finalRefusal(
              error, error instanceof ImapFolderReader.SelectRefusedException);
      if (refusal != null) {
        // the server answered, and will answer the same to every retry and rerun: only the
        // mailbox (its rights, its folders) can change it
        UnansweringServers.answered(server);
        throw new UnreadPartitionException(
            new PartitionFailure(
                options.sourceName(),
                folder,
                reader.notRead(folder),
                reader.passedOn(),
                onServer()
                    + ": the server refused access to folder "
                    + folder
                    + (refusal.equals("NOPERM")
                        ? ": a permission refusal (NOPERM), not retried: "
                        : ": a refusal no retry changes ("
                            + refusal
                            + "; RFC 5530, RFC 3501), not retried: ")
                    + describe(error),
                options.snapshotDir() != null,
                "a rerun meets the same refusal until user "
                    + options.user()
                    + " may read folder "
                    + folder
                    + " on the server (or leave it out of folders)"),
            error);
      }
      // a server that fails now and then but lets the read advance is not given up on
      boolean advanced = reader.passedOn() > passedBefore;
      failuresInRow = advanced ? 1 : failuresInRow + 1;
      if (advanced) {
        UnansweringServers.answered(server); // it answered this folder's read
      }
      if (gaveUp != null && UnansweringServers.recent(server, Instant.now()) == null) {
        // the server answered since the read began, this folder or another: its retries are back.
        // Until 2026-12-07 a folder begun while the server was given up kept one attempt to its
        // end: an outside trial's folder read 100 messages, then lost 1,900 to one dropped
        // connection while the server answered every other folder
        gaveUp = null;
      }
      int retries = gaveUp == null ? options.maxRetries() : 0;
      String change = reader.failedAttempt(describe(error));
      if (failuresInRow > retries) {
        if (gaveUp == null) {
          UnansweringServers.gaveUp(server, folder, retries, Instant.now());
          throw unread(folder, reader, error);
        }
        throw unread(
            folder,
            reader,
            error,
            " (one attempt, no retries: the read of folder "
                + gaveUp.folder()
                + " gave up on this server after its "
                + gaveUp.retries()
                + " retries at "
                + gaveUp.at()
                + ")");
      }
      long wait = backoffMillis(failuresInRow);
      System.err.println(
          "IMAP source "
              + options.sourceName()
              + ": folder "
              + folder
              + ": "
              + said(error)
              + " after "
              + reader.passedOn()
              + " message(s); reconnecting, retry "
              + failuresInRow
              + "/"
              + options.maxRetries()
              + " in "
              + wait
              + " ms"
              + (change == null ? "" : ", " + change));
      try {
        Thread.sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw unread(folder, reader, new InterruptedIOException("interrupted while waiting"));
      }
    }
  }

  /**
   * What a folder read to its end with fewer messages than it held when listed left unread: the
   * messages expunged or moved meanwhile, by another client, before the folder's own UID listing,
   * so no UID or Message-ID can be named, and this run cannot tell a move to another folder it
   * reads from a deletion. Until 2026-12-06 it was a note and the run exited 0: data not read, said
   * as data not read, exit 3. A search window ({@code since}, {@code before}) reads fewer by
   * design: not said.
   *
   * @param read the messages of the folder read now, from the server or its snapshot
   * @param passedOn every record passed on, as the failure counts them
   */
  private Optional<PartitionFailure> fewerThanListed(String folder, long read, long passedOn) {
    Integer listed = listedMessages.get(folder);
    if (listed == null || options.since() != null || options.before() != null || read >= listed) {
      return Optional.empty();
    }
    long left = listed - read;
    return Optional.of(
        new PartitionFailure(
            options.sourceName(),
            folder,
            left
                + " message(s) of folder "
                + folder
                + " that it held when listed and no longer held when read (deleted, or moved to"
                + " another folder, on the server in between; which ones cannot be named)",
            passedOn,
            onServer()
                + ": folder "
                + folder
                + " had "
                + listed
                + " message(s) when listed and "
                + read
                + " when read; whether they were moved to another folder this run reads cannot be"
                + " told",
            options.snapshotDir() != null,
            "a rerun cannot read them from folder "
                + folder
                + ": if they were moved to another folder (Trash, Archive), a rerun reading that"
                + " folder too reads them there; if they were deleted, only a copy of the mailbox"
                + " (a backup, an export, a mail client's local copy) holds them"
                + (options.snapshotDir() != null
                    ? "; a rerun into the same snapshot resumes after the read and reports the"
                        + " folder complete"
                    : "")));
  }

  /** Where a failure happened, as every message of this source says it: "on host:port". */
  private String onServer() {
    return "on " + options.host() + ":" + options.port();
  }

  /** The wait before retry {@code failuresInRow}: {@code backoff}, doubled each time, capped. */
  private long backoffMillis(int failuresInRow) {
    return Math.min(
        MAX_BACKOFF_MILLIS, options.backoff().toMillis() << Math.min(failuresInRow - 1, 20));
  }

  private UnreadPartitionException unread(String folder, ImapFolderReader reader, Exception e) {
    return unread(
        folder,
        reader,
        e,
        e instanceof AuthenticationFailedException
            ? ""
            : " (after " + options.maxRetries() + " retries)");
  }

  private UnreadPartitionException unread(
      String folder, ImapFolderReader reader, Exception e, String attempts) {
    return new UnreadPartitionException(
        new PartitionFailure(
            options.sourceName(),
            folder,
            reader.notRead(folder),
            reader.passedOn(),
            onServer() + ": " + said(e) + attempts,
            options.snapshotDir() != null),
        e);
  }

  /** The error without the stack, with its cause when the message alone says little. */
  private static String describe(Exception e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    Throwable cause = e.getCause();
    return cause == null || cause.getMessage() == null || message.contains(cause.getMessage())
        ? message
        : message + ": " + cause.getMessage();
  }

  private IOException failure(String what, MessagingException e, String attempts) {
    return new IOException(
        "Source "
            + options.sourceName()
            + ": "
            + what
            + " on "
            + options.host()
            + ":"
            + options.port()
            + attempts
            + ": "
            + said(e), // "STARTTLS failure" alone hid the certificate the JVM does not trust
        e);
  }

  /**
   * {@code e} as the operator reads it: a server not reached in the one wording of every network
   * source ({@code 127.0.0.1:18799 refused the connection (host/port of source mail)}: Jakarta
   * Mail's "Couldn't connect to host, port: ..." named no option), else the server's answer. Never
   * the password: neither names the user's credentials.
   */
  private String said(Exception e) {
    String unreached =
        ConnectionFailure.describe(
            e,
            "imap://" + options.host() + ":" + options.port(),
            "host/port of source " + options.sourceName());
    return unreached != null ? unreached : describe(e);
  }

  /** "Source mail: imap.example.com:993", how a configuration error names the server. */
  private String server() {
    return "Source " + options.sourceName() + ": " + options.host() + ":" + options.port();
  }

  /** Whether the TLS handshake failed because the server's certificate is not trusted. */
  private static boolean untrustedCertificate(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof CertificateException
          || cause instanceof CertPathValidatorException
          || cause instanceof CertPathBuilderException) {
        return true;
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return false;
  }

  /** Jakarta Mail's refusal to open a folder its LIST answer says is {@code \Noselect}. */
  private static final String NOT_SELECTABLE = "folder cannot contain messages";

  /** A folder the server lists {@code \Noselect}, not read; {@code why} follows its name. */
  private UnreadPartitionException notOpenable(
      String folder, String notRead, long passedOn, String why) {
    return new UnreadPartitionException(
        new PartitionFailure(
            options.sourceName(),
            folder,
            notRead,
            passedOn,
            onServer()
                + ": the server lists folder "
                + folder
                + " as \\Noselect (it cannot be opened)"
                + why,
            false,
            "a rerun reads it once the server lists it as a folder again (on the server: its log"
                + " names the cause; Dovecot keeps listing a folder \\Noselect from its mailbox"
                + " list index after the cause is mended, until the user's dovecot.list.index*"
                + " files are deleted, rebuilt at the next login); if it holds no mail, leave it"
                + " out of folders"),
        null);
  }

  /**
   * Whether {@code folder}, listed {@code \Noselect}, is a folder the server cannot open rather
   * than a parent: nothing listed below it and no {@code \HasChildren}. A {@code \NonExistent} name
   * (RFC 5258) holds no mail by definition and stays a parent.
   */
  private static boolean cannotBeOpened(Folder folder, Folder[] listed) throws MessagingException {
    if (!(folder instanceof IMAPFolder imap)) {
      return false;
    }
    for (String attribute : imap.getAttributes()) {
      if (attribute.equalsIgnoreCase("\\HasChildren")
          || attribute.equalsIgnoreCase("\\NonExistent")) {
        return false;
      }
    }
    String prefix = folder.getFullName() + folder.getSeparator();
    for (Folder other : listed) {
      if (other.getFullName().startsWith(prefix)) {
        return false;
      }
    }
    return true;
  }

  private static boolean noSelect(Folder folder) throws MessagingException {
    if (folder instanceof IMAPFolder imap) {
      for (String attribute : imap.getAttributes()) {
        if (attribute.equalsIgnoreCase("\\Noselect")
            || attribute.equalsIgnoreCase("\\NonExistent")) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean isLoopback(String host) {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
