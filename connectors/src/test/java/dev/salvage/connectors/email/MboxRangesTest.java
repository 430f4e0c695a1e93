package dev.salvage.connectors.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.salvage.connectors.CollectingSink;
import dev.salvage.connectors.InvalidSourceException;
import dev.salvage.connectors.PartitionedSource;
import dev.salvage.connectors.SourceReaders;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A big mbox file is several partitions, byte ranges cut at message starts, which read together
 * give exactly the messages of a whole read; a range of a file that changed since fails. (Every
 * mbox fixture of this package is also read split: {@link MboxReads}.)
 */
class MboxRangesTest {
  @TempDir Path dir;

  @Test
  void aFileNoLargerThanTheSplitSizeIsOnePartitionNamedByItsPath() throws Exception {
    Path file = write("small.mbox", mailbox(3));

    assertThat(source(file, null).partitions()).containsExactly(file.toString());
    assertThat(source(file, Long.toString(Files.size(file))).partitions())
        .containsExactly(file.toString());
  }

  @Test
  void aBiggerFileIsCutAtMessageStartsIntoReadableRanges() throws Exception {
    String mbox = mailbox(6);
    Path file = write("big.mbox", mbox);
    long size = Files.size(file);
    String modified = Files.getLastModifiedTime(file).toInstant().toString();
    int second = mbox.indexOf("From sender", 1);
    int third = mbox.indexOf("From sender", second + 1);

    // ranges of at least two messages' worth of bytes, the last one what is left
    List<String> partitions = source(file, Integer.toString(second + 1)).partitions();

    assertThat(partitions).hasSize(3);
    assertThat(partitions.get(0))
        .isEqualTo(file + "#bytes=0-" + third + ";size=" + size + ";modified=" + modified);
    assertThat(partitions.get(2)).endsWith("-" + size + ";size=" + size + ";modified=" + modified);
  }

  @Test
  void theRangesOfAFileGiveTheRecordsOfAWholeRead() throws Exception {
    Path file = write("many.mbox", mailbox(40));

    CollectingSink whole = CollectingSink.readAll(source(file, null));
    CollectingSink split = CollectingSink.readAll(source(file, "1KB"));

    assertThat(source(file, "1KB").partitions()).hasSizeGreaterThan(5);
    assertThat(split.records.get(39).location()).isEqualTo(file + ":" + mailbox(39).length());
    assertThat(split.records).hasSize(40).containsExactlyElementsOf(whole.records);
  }

  @Test
  void messagesOverTheSizeLimitAreTheSameInRanges() throws Exception {
    // the limit is 128 MB through the source; the splitter's own ranges show it at 200 bytes
    String mbox =
        "From x@example.com Fri Mar 13 10:00:00 2026\nSubject: big\n\n"
            + "0123456789\n".repeat(100)
            + "From y@example.com Fri Mar 13 10:00:00 2026\nSubject: small\n\nok\n"
            + "From z@example.com Fri Mar 13 10:00:00 2026\nSubject: big again\n\n"
            + "0123456789\n".repeat(30);
    byte[] bytes = mbox.getBytes(StandardCharsets.US_ASCII);
    MboxSplitter splitter = new MboxSplitter(200);
    List<MboxSplitter.Message> whole = new ArrayList<>();
    splitter.split(new ByteArrayInputStream(bytes), whole::add);
    List<Long> starts = new ArrayList<>();
    splitter.messageStarts(new ByteArrayInputStream(bytes), starts::add);
    starts.add((long) bytes.length);

    List<MboxSplitter.Message> ranges = new ArrayList<>();
    for (int i = 0; i + 1 < starts.size(); i++) {
      long start = starts.get(i);
      long stopped =
          splitter.splitRange(
              new ByteArrayInputStream(bytes, (int) start, bytes.length),
              start,
              starts.get(i + 1),
              ranges::add);
      assertThat(stopped).isEqualTo(starts.get(i + 1));
    }

    assertThat(starts)
        .containsExactly(
            0L, (long) mbox.indexOf("From y"), (long) mbox.indexOf("From z"), (long) bytes.length);
    assertThat(ranges)
        .extracting(MboxSplitter.Message::tooLarge)
        .containsExactly(true, false, true);
    assertThat(ranges)
        .usingRecursiveFieldByFieldElementComparator()
        .containsExactlyElementsOf(whole);
  }

  @Test
  void aGzippedFileIsOnePartitionWhateverItsSize() throws Exception {
    Path file = dir.resolve("old.mbox.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write(mailbox(10).getBytes(StandardCharsets.US_ASCII));
    }

    assertThat(source(file, "1").partitions()).containsExactly(file.toString());
  }

  @Test
  void aZippedMailboxIsOnePartitionWhoseReadSaysHowToUnpackIt() throws Exception {
    Path file = dir.resolve("export.zip");
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(file))) {
      out.setLevel(0); // stored: the mails' From lines appear in the file as they are
      out.putNextEntry(new ZipEntry("export.mbox"));
      out.write(("\n" + mailbox(10)).getBytes(StandardCharsets.US_ASCII));
      out.closeEntry();
    }
    PartitionedSource source = source(file, "1");

    assertThat(source.partitions()).containsExactly(file.toString());
    CollectingSink sink = new CollectingSink();
    assertThatThrownBy(() -> source.read(file.toString(), sink))
        .hasMessageContaining("it is a zip archive, which salvage does not open");
    assertThat(sink.records).isEmpty();
    assertThat(sink.quarantined).isEmpty();
  }

  @Test
  void aRangeOfAFileChangedSinceItWasSplitFailsNamingTheFileAndTheRange() throws Exception {
    Path file = write("live.mbox", mailbox(4));
    PartitionedSource source = source(file, "1");
    List<String> partitions = source.partitions();
    MboxRange second = MboxRange.parse(partitions.get(1)).orElseThrow();
    // shorter: not mail appended, so its message starts may be anywhere now
    Files.writeString(file, mailbox(3));
    CollectingSink sink = new CollectingSink();

    assertThatThrownBy(() -> source.read(partitions.get(1), sink))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith(
            cannotRead(second, file)
                + "the file changed since it was split into ranges ("
                + second.size()
                + " bytes modified "
                + second.modified()
                + " then, "
                + Files.size(file)
                + " bytes modified ");
    assertThat(sink.records).isEmpty();
  }

  @Test
  void mailAppendedAfterTheSplitLeavesTheRangesReadAndTheLastSaysWhatWasNot() throws Exception {
    // a mail client delivering into the mbox while the run reads it: an outside trial lost the
    // whole source to it, 24,075 mails, for one appended
    Path file = write("delivering.mbox", mailbox(4));
    PartitionedSource source = source(file, "1");
    List<String> partitions = source.partitions();
    long size = Files.size(file);
    Files.writeString(file, mailbox(4) + mailbox(1).replace("<m0@", "<late@"));
    Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() + 5000));

    CollectingSink sink = new CollectingSink();
    for (String partition : partitions.subList(0, partitions.size() - 1)) {
      source.read(partition, sink);
    }
    String last = partitions.get(partitions.size() - 1);
    long grown = Files.size(file);
    assertThatThrownBy(() -> source.read(last, sink))
        .isInstanceOfSatisfying(
            dev.salvage.connectors.UnreadPartitionException.class,
            unread -> {
              assertThat(unread.failure().notRead())
                  .isEqualTo(
                      "bytes "
                          + size
                          + "-"
                          + grown
                          + " of "
                          + file
                          + ", appended after the run split the file into ranges");
              assertThat(unread.failure().lastError())
                  .isEqualTo(
                      "Cannot read bytes "
                          + size
                          + "-"
                          + grown
                          + " of "
                          + file
                          + ": appended after the run split the file into ranges (mail delivered"
                          + " while the run read it); the "
                          + size
                          + " bytes before them were read. Rerun to read them");
            });
    assertThat(sink.records).as("every mail there was when the run split the file").hasSize(4);
  }

  @Test
  void aRangeOfAFileRewrittenInPlaceFailsEvenWithItsOldSize() throws Exception {
    String mbox = mailbox(4);
    Path file = write("same-size.mbox", mbox);
    PartitionedSource source = source(file, "1");
    List<String> partitions = source.partitions();
    FileTime modified = Files.getLastModifiedTime(file);
    // the same length, the messages shifted by a byte: only the modification time tells
    Files.writeString(file, "\n" + mbox.substring(0, mbox.length() - 1));
    Files.setLastModifiedTime(file, FileTime.fromMillis(modified.toMillis() + 2000));

    assertThatThrownBy(() -> source.read(partitions.get(1), new CollectingSink()))
        .hasMessageContaining("of " + file + ": the file changed since it was split");

    // with its old time put back, the range's start is checked too
    Files.setLastModifiedTime(file, modified);
    MboxRange second = MboxRange.parse(partitions.get(1)).orElseThrow();
    assertThatThrownBy(() -> source.read(partitions.get(1), new CollectingSink()))
        .hasMessageStartingWith(
            cannotRead(second, file)
                + "no message starts at byte "
                + second.start()
                + " (the line there is ");
  }

  /** How a range read's failure starts: the range and the file. */
  private static String cannotRead(MboxRange range, Path file) {
    return "Cannot read bytes " + range.start() + "-" + range.end() + " of " + file + ": ";
  }

  @Test
  void theSplitSizeIsValidatedLikeEveryOptionAndOnlyMboxHasIt() {
    assertThatThrownBy(() -> source(dir, "0"))
        .isInstanceOf(InvalidSourceException.class)
        .hasMessage(
            "Cannot configure mbox source \"mail\": option split_size must be a number of bytes of"
                + " at least 1, bare or in KB, MB or GB (64MB), got \"0\"");
    assertThatThrownBy(() -> SourceReaders.open("mail", "eml", dir, Map.of("split_size", "1MB")))
        .isInstanceOf(InvalidSourceException.class)
        .hasMessageContaining("unknown option(s) split_size");
  }

  private static PartitionedSource source(Path path, String splitSize)
      throws InvalidSourceException {
    return SourceReaders.open(
        "mail", "mbox", path, splitSize == null ? Map.of() : Map.of("split_size", splitSize));
  }

  private Path write(String name, String mbox) throws IOException {
    return Files.writeString(dir.resolve(name), mbox, StandardCharsets.US_ASCII);
  }

  private static String mailbox(int messages) {
    StringBuilder mbox = new StringBuilder();
    for (int i = 0; i < messages; i++) {
      mbox.append("From sender@example.com Mon Mar  2 10:00:00 2026\n")
          .append("From: sender@example.com\n")
          .append("Message-ID: <m")
          .append(i)
          .append("@example.com>\n")
          .append("Subject: message ")
          .append(i)
          .append("\n\nbody ")
          .append(i)
          .append("\n>From quoted\n\n");
    }
    return mbox.toString();
  }
}
