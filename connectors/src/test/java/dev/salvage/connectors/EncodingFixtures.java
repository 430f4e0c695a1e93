package dev.salvage.connectors;

import java.net.URISyntaxException;
import java.nio.file.Path;

/**
 * The files under {@code encodings/}, written by iconv, not by Java: {@code reservations-cp932.csv}
 * (what Excel on Japanese Windows saves, with ㈱ and ①, which only Microsoft's Shift_JIS has),
 * {@code customers-gbk.csv}, {@code customers-1252.csv} (German, French and Norwegian letters, €,
 * „“ and –) and {@code customers-utf8-bom.csv}.
 */
public final class EncodingFixtures {
  private EncodingFixtures() {}

  public static Path of(String name) {
    try {
      return Path.of(EncodingFixtures.class.getResource("/encodings/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
