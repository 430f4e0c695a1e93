package dev.salvage.connectors.io;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * Opens input files for streaming, decompressing gzip transparently (detected by magic bytes), and
 * refusing archives and other compressions, which no reader could make sense of.
 */
public final class InputFiles {
  private static final int BUFFER_SIZE = 1 << 16;

  /** The first bytes of every gzip stream. */
  private static final byte[] GZIP_MAGIC = {0x1f, (byte) 0x8b};

  private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

  /**
   * What a file with nothing to read in it holds, for its error: "it is empty", or, for a file of a
   * UTF-8 byte order mark and blanks alone, that it holds only that.
   */
  public static String nothingIn(Path file) {
    try (InputStream in = InputFiles.open(file)) {
      byte[] start = in.readNBytes(64);
      if (start.length >= UTF8_BOM.length
          && Arrays.equals(Arrays.copyOf(start, UTF8_BOM.length), UTF8_BOM)
          && new String(
                  start, UTF8_BOM.length, start.length - UTF8_BOM.length, StandardCharsets.UTF_8)
              .isBlank()) {
        return "it holds only a byte order mark (EF BB BF), nothing after it";
      }
    } catch (IOException e) {
      // the read that follows says what fails
    }
    return "it is empty";
  }

  private InputFiles() {}

  /**
   * A buffered stream over {@code file}, gunzipped when the file starts with the gzip magic.
   *
   * @throws UnpackFirstException when the file (or what it gunzips to) is an archive or another
   *     compression: read as text, a zipped mailbox was one unreadable "mail" in quarantine and its
   *     mails were lost with exit 0
   */
  public static InputStream open(Path file) throws IOException {
    refuseSpecialFile(file);
    // a partition read as the run listed it ends at its listed size, even if the file grew since
    InputStream in =
        new BufferedInputStream(ListedFile.bounded(file, Files.newInputStream(file)), BUFFER_SIZE);
    try {
      refuseArchive(file, in, false);
      if (startsWith(in, GZIP_MAGIC)) {
        InputStream gunzipped =
            new OneReadBufferedInputStream(new GZIPInputStream(in, BUFFER_SIZE), BUFFER_SIZE);
        refuseArchive(file, gunzipped, true);
        return gunzipped;
      }
      return in;
    } catch (IOException e) {
      in.close();
      throw e;
    }
  }

  /**
   * Refuses a path that is neither a regular file nor a directory, naming what it is: opening a
   * named pipe waits for a writer that never comes (the partition's task hung), and a device or a
   * socket holds no export. Left out of the listing instead, a pipe among the evidence was lost
   * without a word.
   */
  static void refuseSpecialFile(Path file) throws IOException {
    if (!Files.exists(file) || Files.isRegularFile(file) || Files.isDirectory(file)) {
      return;
    }
    throw new IOException(
        "Cannot read "
            + file
            + ": it is "
            + specialKind(file)
            + ", not a file; copy what it should hold into a file, or leave it out with the"
            + " source's exclude");
  }

  /** What kind of special file {@code file} is, from its mode where the platform tells it. */
  private static String specialKind(Path file) {
    try {
      int type = (Integer) Files.getAttribute(file, "unix:mode") & 0170000;
      return switch (type) {
        case 0010000 -> "a named pipe (FIFO)";
        case 0140000 -> "a socket";
        case 0020000 -> "a character device";
        case 0060000 -> "a block device";
        default -> "a special file";
      };
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return "a special file";
    }
  }

  /**
   * Whether {@link #open} refuses the file as an archive: a byte range of it is not what a reader
   * expects either, so it must be one partition whose read fails with the reason.
   */
  public static boolean isArchive(Path file) throws IOException {
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), Packed.HEAD_BYTES)) {
      return Packed.of(in) != null;
    }
  }

  private static void refuseArchive(Path file, InputStream in, boolean gunzipped)
      throws IOException {
    Packed packed = Packed.of(in);
    if (packed != null) {
      throw new UnpackFirstException(
          packed.name().toLowerCase(Locale.ROOT), packed.describe(file, gunzipped));
    }
  }

  /** Archives and compressions by their first bytes, with the command that unpacks each. */
  private enum Packed {
    ZIP(0, bytes(0x50, 0x4b, 0x03, 0x04), "a zip archive", "unzip FILE -d DIR"),
    EMPTY_ZIP(0, bytes(0x50, 0x4b, 0x05, 0x06), "an empty zip archive", "unzip FILE -d DIR"),
    SEVEN_Z(0, bytes(0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c), "a 7z archive", "7z x FILE -oDIR"),
    RAR(0, bytes(0x52, 0x61, 0x72, 0x21, 0x1a, 0x07), "a RAR archive", "unrar x FILE DIR/"),
    XZ(0, bytes(0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00), "xz-compressed", "unxz --keep FILE"),
    BZIP2(
        0,
        bytes(0x42, 0x5a, 0x68, -1, 0x31, 0x41, 0x59, 0x26, 0x53, 0x59),
        "bzip2-compressed",
        "bunzip2 --keep FILE"),
    ZSTD(0, bytes(0x28, 0xb5, 0x2f, 0xfd), "zstd-compressed", "unzstd FILE"),
    // an Outlook data file (.pst, .ost): a whole mailbox, in Microsoft's own format
    OUTLOOK_DATA(
        0,
        bytes(0x21, 0x42, 0x44, 0x4e),
        "an Outlook data file (.pst or .ost)",
        "readpst -o DIR FILE, from Debian's pst-utils, writes an mbox per folder"),
    // OLE2 compound files: an Outlook .msg message, an old Office .xls or .doc
    OLE2(
        0,
        bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1),
        "an OLE2 compound file (an Outlook .msg message, or an old Office .xls or .doc"
            + " document)",
        "msgconvert FILE, from Debian's libemail-outlook-message-perl, writes a .msg as .eml;"
            + " save a spreadsheet as CSV"),
    // POSIX and GNU tar write "ustar" at byte 257 of their first header
    TAR(257, bytes(0x75, 0x73, 0x74, 0x61, 0x72), "a tar archive", "tar -xf FILE -C DIR"),
    // files that hold no evidence salvage reads, found in exported folders beside the mail: an
    // attachment saved by hand, a scan; read as text they were a "mail cut inside its last line"
    JPEG(0, bytes(0xff, 0xd8, 0xff), "a JPEG image", null),
    PNG(0, bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a), "a PNG image", null),
    GIF(0, bytes(0x47, 0x49, 0x46, 0x38), "a GIF image", null),
    PDF(0, bytes(0x25, 0x50, 0x44, 0x46, 0x2d), "a PDF document", null);

    static final int HEAD_BYTES = 512;

    private final int offset;
    private final int[] magic;
    private final String what;
    private final String unpack;

    Packed(int offset, int[] magic, String what, String unpack) {
      this.offset = offset;
      this.magic = magic;
      this.what = what;
      this.unpack = unpack;
    }

    /** The kind of {@code in} (mark-supporting; not consumed), or null for any other file. */
    static Packed of(InputStream in) throws IOException {
      in.mark(HEAD_BYTES);
      byte[] head = new byte[HEAD_BYTES];
      int length = 0;
      try {
        for (int n; length < HEAD_BYTES && (n = in.read(head, length, HEAD_BYTES - length)) > 0; ) {
          length += n;
        }
      } catch (IOException cut) {
        // a truncated gzip: its first bytes are read as usual, and the cut is reported after them
      } finally {
        in.reset();
      }
      head = Arrays.copyOf(head, length);
      for (Packed packed : values()) {
        if (packed.matches(head)) {
          return packed;
        }
      }
      return null;
    }

    private boolean matches(byte[] head) {
      if (head.length < offset + magic.length) {
        return false;
      }
      for (int i = 0; i < magic.length; i++) {
        // -1 stands for any byte (bzip2's block size digit)
        if (magic[i] >= 0 && (head[offset + i] & 0xff) != magic[i]) {
          return false;
        }
      }
      return true;
    }

    String describe(Path file, boolean gunzipped) {
      String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
      if (unpack == null) {
        return "Cannot read "
            + file
            + ": it is "
            + (gunzipped ? what + ", gzip-compressed" : what)
            + ", not evidence salvage reads (mail, calendar, payment or backup data). Leave it out"
            + " with the source's exclude option (exclude: [\"*."
            + extensionOf(name)
            + "\"])";
      }
      String command;
      if (!gunzipped) {
        command = unpack.replace("FILE", name);
      } else if (this == TAR) {
        command = "tar -xzf " + name + " -C DIR";
      } else {
        command =
            "gunzip --keep "
                + name
                + ", then "
                + unpack.replace("FILE", name.replaceAll("\\.gz$", ""));
      }
      String lower = name.toLowerCase(Locale.ROOT);
      if (this == OLE2 && !gunzipped) {
        String told = Ole2.describe(file, name);
        if (told != null) {
          return told;
        }
      }
      if (this == ZIP
          && (lower.endsWith(".xlsx") || lower.endsWith(".ods") || lower.endsWith(".numbers"))) {
        return "Cannot read "
            + file
            + ": it is a spreadsheet workbook (a zip archive), not CSV text. Save it as CSV"
            + " (UTF-8) from the spreadsheet and point the source at that file, or leave the file"
            + " out with the source's exclude option";
      }
      return "Cannot read "
          + file
          + ": it is "
          + (gunzipped ? what + ", gzip-compressed" : what)
          + ", which salvage does not open. Unpack or convert it ("
          + command
          + ") and point the source at what it holds, or leave the file out with the source's"
          + " exclude option";
    }

    private static String extensionOf(String name) {
      int dot = name.lastIndexOf('.');
      return dot < 0 ? name : name.substring(dot + 1);
    }

    private static int[] bytes(int... values) {
      return values;
    }
  }

  /**
   * A buffered stream whose bulk read reads the stream below at most once. {@link
   * BufferedInputStream} keeps reading into the caller's array while more is available, and when a
   * truncated gzip stream then fails, the bytes it already copied are lost with the exception: a
   * small truncated .mbox.gz gave no record at all. Here the failure comes on the next read, after
   * every byte decompressed before the cut was handed out.
   */
  static final class OneReadBufferedInputStream extends BufferedInputStream {
    OneReadBufferedInputStream(InputStream in, int size) {
      super(in, size);
    }

    @Override
    public synchronized int read(byte[] b, int off, int len) throws IOException {
      if (len == 0) {
        return 0;
      }
      int delivered = 0;
      if (pos >= count) {
        // one fill of the buffer, through the single-byte read: nothing is delivered yet
        int first = read();
        if (first < 0) {
          return -1;
        }
        b[off] = (byte) first;
        delivered = 1;
      }
      int copied = Math.min(count - pos, len - delivered);
      System.arraycopy(buf, pos, b, off + delivered, copied);
      pos += copied;
      return delivered + copied;
    }
  }

  /** Whether {@link #open} gunzips the file: a byte offset into it is not one of its bytes. */
  public static boolean isGzip(Path file) throws IOException {
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), GZIP_MAGIC.length)) {
      return startsWith(in, GZIP_MAGIC);
    }
  }

  /** Whether the (mark-supporting) stream starts with {@code magic}; the stream is not consumed. */
  public static boolean startsWith(InputStream in, byte[] magic) throws IOException {
    in.mark(magic.length);
    try {
      byte[] head = in.readNBytes(magic.length);
      return Arrays.equals(head, magic);
    } finally {
      in.reset();
    }
  }
}
