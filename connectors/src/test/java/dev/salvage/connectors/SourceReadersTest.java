package dev.salvage.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.salvage.connectors.backup.PgDumpReader;
import dev.salvage.connectors.calendar.CalendarEventsJsonReader;
import dev.salvage.connectors.calendar.IcsReader;
import dev.salvage.connectors.email.EmlDirectoryReader;
import dev.salvage.connectors.email.MboxReader;
import dev.salvage.connectors.stripe.StripeListJsonReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class SourceReadersTest {
  @TempDir Path dir;

  @Test
  void findsTheReaderForEachType() {
    assertThat(SourceReaders.forType("mbox")).isInstanceOf(MboxReader.class);
    assertThat(SourceReaders.forType("eml")).isInstanceOf(EmlDirectoryReader.class);
    assertThat(SourceReaders.forType("eml-dir")).isInstanceOf(EmlDirectoryReader.class);
    assertThat(SourceReaders.forType("stripe-json")).isInstanceOf(StripeListJsonReader.class);
    assertThat(SourceReaders.forType("calendar-json")).isInstanceOf(CalendarEventsJsonReader.class);
    assertThat(SourceReaders.forType("ics")).isInstanceOf(IcsReader.class);
    assertThat(SourceReaders.forType("pgdump")).isInstanceOf(PgDumpReader.class);
  }

  @Test
  void theBackupTimeGoesOnlyToWindowedSourcesThatDoNotSetItThemselves() {
    Instant backup = Instant.parse("2026-03-02T03:00:00Z");

    assertThat(SourceReaders.withBackupTime("stripe-api", Map.of("slices", "2"), backup))
        .containsEntry("backup_taken_at", "2026-03-02T03:00:00Z")
        .containsEntry("slices", "2");
    assertThat(SourceReaders.withBackupTime("google-calendar", Map.of(), backup))
        .containsEntry("backup_taken_at", "2026-03-02T03:00:00Z");
    Map<String, String> own = Map.of("backup_taken_at", "2026-01-01T00:00:00Z");
    assertThat(SourceReaders.withBackupTime("stripe-api", own, backup)).isEqualTo(own);
    assertThat(SourceReaders.withBackupTime("imap", Map.of("host", "h"), backup))
        .isEqualTo(Map.of("host", "h"));
  }

  @Test
  void aFileTypeTakesAPathAndNoOptions() {
    assertThatThrownBy(
            () -> SourceReaders.open("prices", "stripe-json", dir, Map.of("folders", "INBOX")))
        .isInstanceOf(InvalidSourceException.class)
        .hasMessage(
            "Cannot configure stripe-json source \"prices\": unknown option(s) folders;"
                + " stripe-json takes no options");
    assertThatThrownBy(() -> SourceReaders.open("mail", "mbox", null, Map.of()))
        .hasMessage("Cannot configure mbox source \"mail\": needs a path (a file or a directory)");
    assertThatThrownBy(() -> SourceReaders.open("mail", "mbx", dir, Map.of()))
        .hasMessageStartingWith("Cannot configure source \"mail\": unknown type 'mbx'");
  }

  @Test
  void everyTypeDeclaresItsOptionsUnderItsOwnName() {
    for (String type : SourceReaders.types()) {
      assertThat(SourceReaders.options(type).owner()).isEqualTo(type);
    }
    assertThat(SourceReaders.options("imap").option("batch_size")).isPresent();
    assertThat(SourceReaders.options("calendar-json").options()).isEmpty();
    assertThat(SourceReaders.options("ics").option("timezone")).isPresent();
    assertThatThrownBy(() -> SourceReaders.options("imap-json"))
        .hasMessageContaining("known types: mbox, eml");
  }

  @Test
  void aFolderBelowTheSourceThatCannotBeOpenedIsLeftOutNamedWhileTheRootAndFilesStillFail(
      @TempDir Path dir) throws IOException {
    // CI runs as root, which no chmod stops: the decision is tested on the failure the walk meets
    Path folder = Files.createDirectories(dir.resolve("2026/03"));
    Path file = Files.writeString(dir.resolve("a.eml"), "Subject: x\n\nx\n");

    assertThat(
            SourceReaders.unlistable(
                dir, folder, new java.nio.file.AccessDeniedException(folder.toString())))
        .isEqualTo("Cannot list " + folder + ": permission denied");
    assertThat(
            SourceReaders.unlistable(
                dir, dir, new java.nio.file.AccessDeniedException(dir.toString())))
        .as("the source's own folder: nothing of it can be read, the whole source is not read")
        .isNull();
    assertThat(
            SourceReaders.unlistable(
                dir, file, new java.nio.file.AccessDeniedException(file.toString())))
        .as("a file is read, and its failure named, as a partition")
        .isNull();
    assertThat(SourceReaders.unlistable(dir, folder, new IOException("disk error"))).isNull();
    assertThat(SourceReaders.unreadableDirectories(dir)).isEmpty();
  }

  @Test
  void unknownTypeIsNamedWithTheKnownOnes() {
    assertThatThrownBy(() -> SourceReaders.forType("imap-json"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'imap-json'")
        .hasMessageContaining("mbox, eml, eml-dir, stripe-json, calendar-json, ics, pgdump");
  }

  @Test
  void directoryStandsForItsVisibleFilesSortedByPath() throws IOException {
    Files.createDirectories(dir.resolve("b/nested"));
    Files.createDirectories(dir.resolve(".Sent/cur"));
    Files.writeString(dir.resolve("b/nested/2.json"), "{}");
    Files.writeString(dir.resolve("a.json"), "{}");
    Files.writeString(dir.resolve("b/1.json"), "{}");
    Files.writeString(dir.resolve(".DS_Store"), "");
    Files.writeString(dir.resolve(".Sent/cur/msg"), "");

    assertThat(SourceReaders.inputFiles(dir))
        .containsExactly(
            dir.resolve(".Sent/cur/msg"),
            dir.resolve("a.json"),
            dir.resolve("b/1.json"),
            dir.resolve("b/nested/2.json"));
  }

  @Test
  void thunderbirdFolderIndexesAreNotReadAsMailButNamedAndAnyOtherMsfFileIsRead()
      throws IOException {
    Files.createDirectories(dir.resolve("Local Folders/Bookings.sbd"));
    Files.writeString(dir.resolve("Local Folders/Inbox"), "From - Mon Jan  1 00:00:00 2024\n");
    String mork = "// <!-- <mdb:mork:z v=\"1.4\"/> -->\n< <(a=c)> // (f=iso-8859-1)>\n";
    Files.writeString(dir.resolve("Local Folders/Inbox.msf"), mork);
    Files.writeString(dir.resolve("Local Folders/Bookings.sbd/2026.MSF"), mork);
    // a file named like an index that is not one is read, and fails or not on its own
    Files.writeString(dir.resolve("Local Folders/notes.msf"), "From: a@example.com\n\nhi\n");

    assertThat(SourceReaders.inputFiles(dir))
        .containsExactly(
            dir.resolve("Local Folders/Inbox"), dir.resolve("Local Folders/notes.msf"));
    assertThat(SourceReaders.mailIndexFiles(dir))
        .containsExactly(
            dir.resolve("Local Folders/Bookings.sbd/2026.MSF"),
            dir.resolve("Local Folders/Inbox.msf"));
    assertThat(SourceReaders.mailIndexFiles(dir.resolve("Local Folders/Inbox.msf"))).isEmpty();
  }

  @Test
  void hiddenFilesAreNamedAndABrokenLinkIsKeptSoItsReadFailsLoudly() throws IOException {
    Files.writeString(dir.resolve("a.eml"), "Subject: a\n\nbody\n");
    Files.writeString(dir.resolve(".hidden.eml"), "Subject: h\n\nbody\n");
    Path broken = Files.createSymbolicLink(dir.resolve("gone.eml"), dir.resolve("nowhere.eml"));

    assertThat(SourceReaders.inputFiles(dir)).containsExactly(dir.resolve("a.eml"), broken);
    assertThat(SourceReaders.hiddenFiles(dir)).containsExactly(dir.resolve(".hidden.eml"));
    assertThat(SourceReaders.hiddenFiles(dir.resolve("a.eml"))).isEmpty();
  }

  @Test
  void aMaildirServersOwnFilesAreMailClientFilesNotMailAndNotEmptyFiles() throws IOException {
    Path mail =
        Files.writeString(mkdirs("Maildir/cur").resolve("1.M1P1.host:2,S"), "Subject: a\n\nb\n");
    Path sub =
        Files.writeString(
            mkdirs("Maildir/.Orders/new").resolve("2.M2P2.host"), "Subject: b\n\nb\n");
    List<Path> server = new java.util.ArrayList<>();
    for (String name :
        List.of(
            "dovecot-uidlist",
            "dovecot-keywords",
            "dovecot.index.log",
            "dovecot.index.cache",
            "subscriptions",
            "courierimapuiddb",
            "courierimapkeywords/:list")) {
      Path file = dir.resolve("Maildir").resolve(name);
      Files.createDirectories(file.getParent());
      server.add(Files.writeString(file, "3 V1 N5 G0\n"));
    }
    Path marker = Files.write(dir.resolve("Maildir/.Orders/maildirfolder"), new byte[0]);
    server.add(marker);
    // the same name outside a Maildir is read like any file
    Path elsewhere = Files.writeString(dir.resolve("subscriptions"), "Subject: c\n\nc\n");

    assertThat(SourceReaders.inputFiles(dir)).containsExactly(sub, mail, elsewhere);
    assertThat(SourceReaders.mailClientFiles(dir)).containsExactlyInAnyOrderElementsOf(server);
    // the empty marker is said once, as a server file, not also as an empty file
    assertThat(SourceReaders.emptyFiles(dir)).isEmpty();
  }

  @Test
  void windowsThumbnailCachesAndFolderSettingsAreNotReadButNamed() throws IOException {
    Path mail = Files.writeString(mkdirs("desk").resolve("a.eml"), "Subject: a\n\nb\n");
    Path thumbs = Files.write(dir.resolve("desk/Thumbs.db"), new byte[] {(byte) 0xd0, (byte) 0xcf});
    Path ini = Files.writeString(dir.resolve("desk/desktop.ini"), "[.ShellClassInfo]\n");

    assertThat(SourceReaders.inputFiles(dir)).containsExactly(mail);
    assertThat(SourceReaders.systemFiles(dir)).containsExactly(thumbs, ini);
    assertThat(SourceReaders.systemFiles(mail)).isEmpty();
  }

  private Path mkdirs(String path) throws IOException {
    return Files.createDirectories(dir.resolve(path));
  }

  @Test
  void filesMailClientsKeepBesideTheirMailAreNotReadButNamed() throws IOException {
    Files.createDirectories(dir.resolve("Local Folders"));
    Files.createDirectories(dir.resolve("Bookings.mbox"));
    Files.writeString(dir.resolve("Local Folders/Inbox"), "From - Tue Mar 10 09:30:00 2026\n");
    Path filters =
        Files.writeString(
            dir.resolve("Local Folders/msgFilterRules.dat"), "version=\"9\"\nlogging=\"no\"\n");
    Path pop = Files.writeString(dir.resolve("Local Folders/popstate.dat"), "# POP3 State File\n");
    Path plist =
        Files.writeString(dir.resolve("Bookings.mbox/Info.plist"), "<?xml version=\"1.0\"?>\n");
    // one so named that is an mbox is read
    Path mbox = Files.writeString(dir.resolve("popstate.dat"), "From - Tue Mar 10 09:30:00 2026\n");

    assertThat(SourceReaders.inputFiles(dir))
        .containsExactly(dir.resolve("Local Folders/Inbox"), mbox);
    assertThat(SourceReaders.mailClientFiles(dir)).containsExactly(plist, filters, pop);
    assertThat(SourceReaders.mailClientFiles(filters)).isEmpty();
  }

  @Test
  void appleMailsExportIndexAndLibraryDatabaseAreNotReadButNamed() throws IOException {
    Files.createDirectories(dir.resolve("export/Bookings.mbox"));
    Files.createDirectories(dir.resolve("V10/MailData"));
    Path mbox =
        Files.writeString(dir.resolve("export/Bookings.mbox/mbox"), "From a@b Tue Mar 10 2026\n");
    Path toc =
        Files.write(
            dir.resolve("export/Bookings.mbox/table_of_contents"), new byte[] {0, 0, 0, 3, 0, 0});
    Path envelope =
        Files.write(
            dir.resolve("V10/MailData/Envelope Index"),
            "SQLite format 3\0\1\2".getBytes(StandardCharsets.ISO_8859_1));
    Path wal = Files.write(dir.resolve("V10/MailData/Envelope Index-wal"), new byte[] {55, 127});
    // a file of that name outside an exported mailbox is read
    Path other = Files.writeString(dir.resolve("table_of_contents"), "Subject: x\n\ny\n");

    assertThat(SourceReaders.inputFiles(dir)).containsExactly(mbox, other);
    assertThat(SourceReaders.mailClientFiles(dir)).containsExactly(envelope, wal, toc);
  }

  @Test
  void theEmptyFileThunderbirdKeepsBesideASubfolderDirectoryIsNoEmptyFile() throws IOException {
    Files.createDirectories(dir.resolve("Archives.sbd"));
    Files.writeString(dir.resolve("Archives"), "");
    Files.writeString(dir.resolve("Archives.sbd/2026"), "From - Tue Mar 10 09:30:00 2026\n");
    Path trash = Files.writeString(dir.resolve("Trash"), "");

    assertThat(SourceReaders.emptyFiles(dir)).containsExactly(trash);
  }

  @Test
  void emptyFilesAreNamedAndHiddenOnesAreNot() throws IOException {
    Files.writeString(dir.resolve("Inbox"), "From a@b Tue Mar 10 09:30:00 2026\nSubject: a\n\nb\n");
    Files.createDirectories(dir.resolve("Local Folders"));
    Path trash = Files.writeString(dir.resolve("Local Folders/Trash"), "");
    Files.writeString(dir.resolve(".lock"), "");
    Path bomOnly =
        Files.write(
            dir.resolve("Local Folders/charges.json"),
            new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});

    assertThat(SourceReaders.emptyFiles(dir)).containsExactly(trash, bomOnly);
    assertThat(SourceReaders.emptyFiles(trash)).containsExactly(trash);
    assertThat(SourceReaders.emptyFiles(dir.resolve("Inbox"))).isEmpty();
  }

  @Test
  @Timeout(30)
  void aNamedPipeAmongTheFilesIsListedAndItsReadFailsNamingItWithoutWaitingOnIt() throws Exception {
    Files.writeString(dir.resolve("a.json"), "[]");
    Path pipe = dir.resolve("charges-0098.json");
    Process mkfifo = new ProcessBuilder("mkfifo", pipe.toString()).inheritIO().start();
    assumeTrue(mkfifo.waitFor() == 0, "mkfifo makes a named pipe");

    PartitionedSource source = SourceReaders.open("stripe", "stripe-json", dir, Map.of());

    // before: the pipe was left out of the listing, so nothing said it was there
    assertThat(source.partitions())
        .containsExactly(dir.resolve("a.json").toString(), pipe.toString());
    assertThatThrownBy(() -> source.read(pipe.toString(), new CollectingSink()))
        .isInstanceOf(IOException.class)
        .hasMessage(
            "Cannot read "
                + pipe
                + ": it is a named pipe (FIFO), not a file; copy what it should hold into a file,"
                + " or leave it out with the source's exclude");
  }

  @Test
  void aLinkedFolderAndAFolderLinkedInsideAreReadThroughTheirLinks() throws IOException {
    // exports kept on another disk and linked into the run's folders
    Path archive = Files.createDirectories(dir.resolve("elsewhere/archive-2025"));
    Files.writeString(archive.resolve("old.eml"), "Subject: old\n\nbody\n");
    Path mail = Files.createDirectories(dir.resolve("run/mail"));
    Files.writeString(mail.resolve("new.eml"), "Subject: new\n\nbody\n");
    Files.createSymbolicLink(mail.resolve("2025"), archive);
    Path linkedSource = Files.createSymbolicLink(dir.resolve("run/mail-link"), mail);

    assertThat(SourceReaders.inputFiles(mail))
        .containsExactly(mail.resolve("2025/old.eml"), mail.resolve("new.eml"));
    assertThat(SourceReaders.inputFiles(linkedSource))
        .containsExactly(linkedSource.resolve("2025/old.eml"), linkedSource.resolve("new.eml"));
    assertThat(SourceReaders.emptyDirectories(mail)).isEmpty();
  }

  @Test
  void aLinkThatLeadsBackAboveItselfIsSkippedAndNamedAndTheRestIsListed() throws IOException {
    Path mail = Files.createDirectories(dir.resolve("mail/inbox"));
    Files.writeString(mail.resolve("a.eml"), "Subject: a\n\nbody\n");
    Files.writeString(dir.resolve("mail/b.eml"), "Subject: b\n\nbody\n");
    Path loop = Files.createSymbolicLink(mail.resolve("again"), dir.resolve("mail"));
    Path self = Files.createSymbolicLink(dir.resolve("mail/self"), dir.resolve("mail"));

    assertThat(SourceReaders.inputFiles(dir.resolve("mail")))
        .containsExactly(dir.resolve("mail/b.eml"), mail.resolve("a.eml"));
    assertThat(SourceReaders.loopLinks(dir.resolve("mail"))).containsExactly(loop, self);
  }

  @Test
  void fileStandsForItself() throws IOException {
    Path file = Files.writeString(dir.resolve("mailbox.mbox"), "");
    assertThat(SourceReaders.inputFiles(file)).containsExactly(file);
  }

  @Test
  void missingPathIsNamed() {
    Path missing = dir.resolve("nowhere");
    assertThatThrownBy(() -> SourceReaders.inputFiles(missing))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(missing.toString());
  }
}
