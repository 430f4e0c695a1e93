package dev.salvage.connectors.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputFilesTest {
  private static final String MAIL =
      "From a@example.com Fri Mar 13 10:00:00 2026\nFrom: a@example.com\nSubject: hi\n\nbody\n";

  @TempDir Path dir;

  @Test
  void aZipArchiveIsRefusedNamingTheCommandThatUnpacksIt() throws Exception {
    Path zip = dir.resolve("takeout.zip");
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
      out.putNextEntry(new ZipEntry("Takeout/Mail/All mail.mbox"));
      out.write(MAIL.getBytes(StandardCharsets.US_ASCII));
      out.closeEntry();
    }

    assertThat(InputFiles.isArchive(zip)).isTrue();
    assertThatThrownBy(() -> InputFiles.open(zip))
        .isInstanceOf(UnpackFirstException.class)
        .hasMessage(
            "Cannot read "
                + zip
                + ": it is a zip archive, which salvage does not open. Unpack or convert it"
                + " (unzip takeout.zip -d DIR) and point the source at what it holds, or leave the"
                + " file out with the source's exclude option");
  }

  @Test
  void anImageOrPdfBesideTheMailIsRefusedAskingToLeaveItOut() throws Exception {
    Path photo =
        Files.write(
            dir.resolve("photo.JPG"), new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff, 1});
    Path scan = Files.writeString(dir.resolve("invoice.pdf"), "%PDF-1.7\n%...");

    assertThat(InputFiles.isArchive(photo)).isTrue();
    assertThatThrownBy(() -> InputFiles.open(photo))
        .isInstanceOf(UnpackFirstException.class)
        .hasMessage(
            "Cannot read "
                + photo
                + ": it is a JPEG image, not evidence salvage reads (mail, calendar, payment or"
                + " backup data). Leave it out with the source's exclude option (exclude:"
                + " [\"*.JPG\"])");
    assertThatThrownBy(() -> InputFiles.open(scan)).hasMessageContaining("it is a PDF document");
  }

  @Test
  void aWorkbookGivenAsCsvIsRefusedAskingForCsv() throws Exception {
    Path xlsx = dir.resolve("Payments.XLSX");
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(xlsx))) {
      out.putNextEntry(new ZipEntry("[Content_Types].xml"));
      out.write("<Types/>".getBytes(StandardCharsets.US_ASCII));
      out.closeEntry();
    }

    assertThatThrownBy(() -> InputFiles.open(xlsx))
        .isInstanceOf(UnpackFirstException.class)
        .hasMessage(
            "Cannot read "
                + xlsx
                + ": it is a spreadsheet workbook (a zip archive), not CSV text. Save it as CSV"
                + " (UTF-8) from the spreadsheet and point the source at that file, or leave the"
                + " file out with the source's exclude option");
  }

  @Test
  void aGzippedTarIsRefusedWithTheCommandThatUnpacksBoth() throws Exception {
    Path tgz = dir.resolve("mail.tar.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(tgz))) {
      out.write(tarHeader("cur/1.eml", MAIL.length()));
      out.write(Arrays.copyOf(MAIL.getBytes(StandardCharsets.US_ASCII), 512));
      out.write(new byte[1024]);
    }

    assertThatThrownBy(() -> InputFiles.open(tgz))
        .isInstanceOf(UnpackFirstException.class)
        .hasMessageContaining(": it is a tar archive, gzip-compressed, which salvage does not")
        .hasMessageContaining("Unpack or convert it (tar -xzf mail.tar.gz -C DIR)");
  }

  @Test
  void otherCompressionsAreRefusedByTheirMagicBytes() throws Exception {
    Path xz = Files.write(dir.resolve("mailbox.mbox.xz"), bytes(0xfd, '7', 'z', 'X', 'Z', 0, 0));
    Path bz2 =
        Files.write(
            dir.resolve("dump.sql.bz2"), bytes('B', 'Z', 'h', '9', '1', 'A', 'Y', '&', 'S', 'Y'));

    assertThatThrownBy(() -> InputFiles.open(xz))
        .hasMessageContaining("it is xz-compressed")
        .hasMessageContaining("unxz --keep mailbox.mbox.xz");
    assertThatThrownBy(() -> InputFiles.open(bz2))
        .hasMessageContaining("it is bzip2-compressed")
        .hasMessageContaining("bunzip2 --keep dump.sql.bz2");
  }

  @Test
  void outlookMailboxesAndMessagesAreRefusedNamingTheToolThatConvertsThem() throws Exception {
    Path pst = Files.write(dir.resolve("Outlook.pst"), bytes('!', 'B', 'D', 'N', 0x0e, 0xb7, 0, 0));
    Path msg =
        Files.write(
            dir.resolve("booking.msg"), bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0));

    assertThatThrownBy(() -> InputFiles.open(pst))
        .isInstanceOf(UnpackFirstException.class)
        .hasMessageContaining(": it is an Outlook data file (.pst or .ost), which salvage")
        .hasMessageContaining("readpst -o DIR Outlook.pst");
    assertThatThrownBy(() -> InputFiles.open(msg))
        .isInstanceOf(UnpackFirstException.class)
        .hasMessageContaining("an Outlook .msg message")
        .hasMessageContaining("msgconvert booking.msg");
  }

  /** An OLE2 compound file of 512-byte sectors whose directory, sector 0, names {@code streams}. */
  private static byte[] ole2(String... streams) {
    ByteBuffer file = ByteBuffer.allocate(1024).order(ByteOrder.LITTLE_ENDIAN);
    file.put(bytesOf(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1));
    file.putShort(0x1E, (short) 9);
    file.putInt(0x30, 0);
    for (int i = 0; i < streams.length; i++) {
      byte[] name = (streams[i] + "\0").getBytes(StandardCharsets.UTF_16LE);
      file.put(512 + i * 128, name);
      file.putShort(512 + i * 128 + 0x40, (short) name.length);
    }
    return file.array();
  }

  private static byte[] bytesOf(int... values) {
    byte[] bytes = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      bytes[i] = (byte) values[i];
    }
    return bytes;
  }

  @Test
  void tellsAnOfficeDocumentFromAnOutlookMessageByItsStreams() throws Exception {
    Path xls = Files.write(dir.resolve("Preise 2026.xls"), ole2("Root Entry", "Workbook"));
    Path msg =
        Files.write(
            dir.resolve("Buchung.msg"),
            ole2("Root Entry", "__nameid_version1.0", "__substg1.0_0037001F"));

    assertThatThrownBy(() -> InputFiles.open(xls))
        .isInstanceOf(UnpackFirstException.class)
        .hasMessageContaining("an OLE2 compound file holding no Outlook message")
        .hasMessageContaining("Workbook")
        .hasMessageNotContaining("msgconvert");
    assertThatThrownBy(() -> InputFiles.open(msg))
        .isInstanceOf(UnpackFirstException.class)
        .hasMessageContaining("it is an Outlook .msg message")
        .hasMessageContaining("msgconvert Buchung.msg");
  }

  @Test
  void textThatStartsLikeAMagicNumberIsReadAsText() throws Exception {
    // bzip2's magic is "BZh" and a digit, then the block header: a note can start with "BZh9"
    Path text = Files.writeString(dir.resolve("notes.csv"), "BZh9 coupe,PK-12-AB\n");

    assertThat(InputFiles.isArchive(text)).isFalse();
    try (InputStream in = InputFiles.open(text)) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII))
          .isEqualTo("BZh9 coupe,PK-12-AB\n");
    }
  }

  @Test
  void aGzipCutWithinItsFirstBytesStillGivesEveryByteBeforeTheCut() throws Exception {
    // incompressible text, cut where fewer bytes than the archive check looks at come out
    byte[] text = new byte[4000];
    java.util.Random random = new Random(7);
    for (int i = 0; i < text.length; i++) {
      text[i] = (byte) ('a' + random.nextInt(26));
    }
    ByteArrayOutputStream zipped = new ByteArrayOutputStream();
    try (OutputStream out = new GZIPOutputStream(zipped)) {
      out.write(text);
    }
    Path cut = Files.write(dir.resolve("cut.mbox.gz"), Arrays.copyOf(zipped.toByteArray(), 300));

    byte[] plain = readUntilFailure(new GZIPInputStream(Files.newInputStream(cut)));
    byte[] opened = readUntilFailure(InputFiles.open(cut));

    assertThat(plain).isNotEmpty().hasSizeLessThan(512);
    assertThat(opened).isEqualTo(plain);
  }

  /** What a stream gives, a byte at a time, until it ends or fails. */
  private static byte[] readUntilFailure(InputStream in) {
    ByteArrayOutputStream read = new ByteArrayOutputStream();
    try (in) {
      for (int b; (b = in.read()) >= 0; ) {
        read.write(b);
      }
    } catch (IOException expected) {
      // the cut
    }
    return read.toByteArray();
  }

  private static byte[] tarHeader(String name, int size) {
    byte[] header = new byte[512];
    byte[] nameBytes = name.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(nameBytes, 0, header, 0, nameBytes.length);
    byte[] sizeField = String.format("%011o", size).getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(sizeField, 0, header, 124, sizeField.length);
    byte[] magic = "ustar\u000000".getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(magic, 0, header, 257, magic.length);
    return header;
  }

  private static byte[] bytes(int... values) {
    byte[] out = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (byte) values[i];
    }
    return out;
  }
}
