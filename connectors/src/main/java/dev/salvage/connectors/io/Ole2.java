package dev.salvage.connectors.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Tells an Outlook .msg from another OLE2 compound file (an old Office .xls or .doc) by the stream
 * names of its first directory sector: a .msg always holds {@code __substg1.0_} streams (its
 * properties, its named-property map). Every OLE2 file in a mail folder was described as a possible
 * .msg with msgconvert advice, which an outside trial's spreadsheet saved beside the mail did not
 * need.
 */
final class Ole2 {
  private static final int HEADER = 512;
  private static final int ENTRY = 128;
  private static final List<String> MESSAGE_STREAMS =
      List.of("__substg1.0_", "__nameid_version1.0", "__properties_version1.0");

  private Ole2() {}

  /**
   * What {@code file} is, with what to do, when its directory says; null when it cannot be read
   * (the caller then names both kinds).
   */
  static String describe(Path file, String name) {
    List<String> streams;
    try {
      streams = firstStreams(file);
    } catch (IOException | RuntimeException unreadable) {
      return null;
    }
    if (streams.isEmpty()) {
      return null;
    }
    if (streams.stream().anyMatch(s -> MESSAGE_STREAMS.stream().anyMatch(s::startsWith))) {
      return "Cannot read "
          + file
          + ": it is an Outlook .msg message (an OLE2 compound file), which salvage does not open."
          + " Convert it (msgconvert "
          + name
          + ", from Debian's libemail-outlook-message-perl, writes it as .eml) and point the"
          + " source at what it writes, or leave the file out with the source's exclude option";
    }
    return "Cannot read "
        + file
        + ": it is an OLE2 compound file holding no Outlook message (an old Office document such"
        + " as .xls or .doc; its streams: "
        + String.join(", ", streams.subList(0, Math.min(4, streams.size())))
        + "), not evidence salvage reads. Save a spreadsheet as CSV (UTF-8) and point a source at"
        + " that file, or leave the file out with the source's exclude option";
  }

  /** The names of the entries of the first sector of the file's directory, the root's first. */
  static List<String> firstStreams(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer header = ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN);
      if (channel.read(header, 0) < HEADER) {
        return List.of();
      }
      int shift = header.getShort(0x1E) & 0xffff;
      long directory = header.getInt(0x30) & 0xffffffffL;
      if (shift != 9 && shift != 12) {
        return List.of();
      }
      int size = 1 << shift;
      ByteBuffer sector = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
      if (channel.read(sector, (directory + 1) * size) < size) {
        return List.of();
      }
      List<String> names = new ArrayList<>();
      for (int at = 0; at + ENTRY <= size; at += ENTRY) {
        // the name's length in bytes, its terminating NUL included
        int length = sector.getShort(at + 0x40) & 0xffff;
        if (length < 2 || length > 64) {
          continue;
        }
        names.add(new String(sector.array(), at, length - 2, StandardCharsets.UTF_16LE));
      }
      return names;
    }
  }
}
