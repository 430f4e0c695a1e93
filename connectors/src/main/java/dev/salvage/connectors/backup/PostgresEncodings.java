package dev.salvage.connectors.backup;

import dev.salvage.connectors.io.TextDecoding;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/** Java charsets for the encoding names a dump declares in {@code SET client_encoding}. */
final class PostgresEncodings {
  private static final Map<String, String> NAMES =
      Map.of(
          "UTF8", "UTF-8",
          "UNICODE", "UTF-8",
          "LATIN1", "ISO-8859-1",
          "LATIN9", "ISO-8859-15",
          "SQL_ASCII", "UTF-8",
          "EUC_JP", "EUC-JP",
          "SJIS", "Shift_JIS",
          "KOI8R", "KOI8-R");

  private PostgresEncodings() {}

  /** The charset for {@code name}; UTF-8 (with the usual fallbacks) when unknown. */
  static Charset charset(String name) {
    String upper = name.strip().toUpperCase(Locale.ROOT);
    String java =
        NAMES.getOrDefault(
            upper, upper.startsWith("WIN") ? "windows-" + upper.substring(3) : upper);
    return TextDecoding.charset(java).orElse(StandardCharsets.UTF_8);
  }
}
