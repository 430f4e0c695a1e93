package dev.salvage.connectors.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Streaming access to JSON input files for the readers: one element in memory at a time, numbers
 * kept as written, and locations as {@code file:line:column}.
 */
public final class JsonInput {
  /** Reads numbers exactly as written so that re-serialised objects keep their values. */
  public static final ObjectMapper MAPPER =
      new ObjectMapper(factory())
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);

  /** Receives the elements of a streamed array. */
  public interface ElementHandler {
    /**
     * @param element the element as a tree
     * @param location where the element starts, {@code file:line:column}
     * @param index its position in the array, from 0
     */
    void element(JsonNode element, String location, int index);
  }

  private JsonInput() {}

  /**
   * The longest string value a record may hold, in characters: the longest line or record the
   * readers pass on (64 MB), so that whatever a reader passes on is read again whole by the mapping
   * and the pipeline. Jackson's default (20 million characters) quarantined a backup row keeping a
   * document in a text column, its customer lost with it; no limit at all let a 2 MB gzip of a
   * Stripe export holding one 2 GB string run the JVM out of memory, where a limit names the file
   * and the place and the run goes on.
   */
  public static final int MAX_STRING_CHARS = 64 << 20;

  /**
   * A JSON factory whose strings may be {@link #MAX_STRING_CHARS} long. Nesting depth stays
   * limited: it guards the stack.
   */
  public static JsonFactory factory() {
    return JsonFactory.builder()
        .streamReadConstraints(
            StreamReadConstraints.builder().maxStringLength(MAX_STRING_CHARS).build())
        .build();
  }

  /**
   * A parser over {@code file} (gzip accepted), past a UTF-8 byte order mark: Jackson skips one
   * itself, but not one with nothing after it, which it read as broken JSON ("Invalid UTF-8 start
   * byte 0xbb") instead of a file with nothing in it.
   */
  public static JsonParser open(Path file) throws IOException {
    InputStream in = InputFiles.open(file);
    try {
      in.mark(BOM.length);
      if (!Arrays.equals(in.readNBytes(BOM.length), BOM)) {
        in.reset();
      }
      return MAPPER.createParser(in);
    } catch (IOException e) {
      in.close();
      throw e;
    }
  }

  private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

  public static String location(Path file, JsonLocation location) {
    return location(file.toString(), location);
  }

  /** {@code where:line:column}, {@code where} naming a file or the URL a document came from. */
  public static String location(String where, JsonLocation location) {
    return where + ":" + location.getLineNr() + ":" + location.getColumnNr();
  }

  /**
   * What is wrong with the JSON, without Jackson's placeholder for the source it does not name
   * ({@code [Source: REDACTED (`StreamReadFeature...` disabled); line: 1, column: 9]} becomes
   * {@code [line: 1, column: 9]}): the caller names the file.
   */
  public static String problem(JsonProcessingException error) {
    if (error instanceof StreamConstraintsException
        && String.valueOf(error.getOriginalMessage()).startsWith("String value length")) {
      // Jackson's words name its own option, which the operator cannot set
      return "a string value longer than "
          + (MAX_STRING_CHARS >> 20)
          + " MB ("
          + MAX_STRING_CHARS
          + " characters), the longest a record may hold: a file or binary data kept in a field?";
    }
    return String.valueOf(error.getOriginalMessage())
        .replaceAll("Source: REDACTED \\(`[A-Za-z_.]+` disabled\\); ", "");
  }

  /** The location of a parse error, {@code file:line:column}. */
  public static String location(Path file, JsonProcessingException error) {
    return location(file.toString(), error);
  }

  /** The location of a parse error, {@code where:line:column}. */
  public static String location(String where, JsonProcessingException error) {
    JsonLocation location = error.getLocation();
    return location == null ? where : location(where, location);
  }

  /**
   * Streams the elements of the array the parser is positioned on (its current token is {@code
   * START_ARRAY}), leaving it on the matching {@code END_ARRAY}.
   *
   * @throws JsonProcessingException at the first broken element; the earlier ones were handled
   */
  public static void forEachElement(JsonParser parser, Path file, ElementHandler handler)
      throws IOException {
    forEachElement(parser, file.toString(), handler);
  }

  /** As {@link #forEachElement(JsonParser, Path, ElementHandler)}, for input that is not a file. */
  public static void forEachElement(JsonParser parser, String where, ElementHandler handler)
      throws IOException {
    int index = 0;
    while (parser.nextToken() != JsonToken.END_ARRAY) {
      if (parser.currentToken() == null) {
        throw new JsonProcessingException(
            "Unexpected end of input in an array", parser.currentLocation()) {};
      }
      String location = location(where, parser.currentTokenLocation());
      JsonNode element = parser.readValueAsTree();
      handler.element(element, location, index++);
    }
  }
}
