package dev.salvage.mappings;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.salvage.connectors.RawRecord;
import dev.salvage.connectors.io.CaseFolding;
import java.io.Serializable;
import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One lookup an extractor makes in a backup table ({@code lookup: {table: cars, match: plate, take:
 * id}}): the rows of {@code table} whose column {@code match} equals the value found give their
 * column {@code take}. The pipeline indexes the backup's rows by {@link #key} once per run ({@link
 * #entries}); the extractor probes that index with the same key.
 *
 * @param table the table name as the backup names it; {@code cars} also matches {@code public.cars}
 * @param match the column compared with the value found
 * @param take the column whose value the lookup gives
 * @param compare how the value found and the column are compared
 */
public record LookupSpec(String table, String match, String take, Compare compare)
    implements Serializable {
  /** The record kind of backup rows ({@code table, columns{name: text}}). */
  public static final String BACKUP_ROW = "backup.row";

  /** Marks a row whose {@code take} column is null: found, but without a value. */
  static final String NO_VALUE = "\u0000";

  private static final String SEPARATOR = "\u001f";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** How a value found in a record is compared with a backup column. */
  public enum Compare {
    /** Equal after trimming. */
    EXACT,
    /** Equal after trimming, ignoring case. */
    IGNORE_CASE,
    /**
     * Equal in letters and digits, ignoring case and accents: {@code AB-12 cd} is {@code ab12CD},
     * {@code Dévoilage roue} is {@code DEVOILAGE-ROUE}.
     */
    LETTERS_DIGITS;

    String yamlName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public LookupSpec {
    requireNonNull(table, "table");
    requireNonNull(match, "match");
    requireNonNull(take, "take");
    requireNonNull(compare, "compare");
  }

  /** The index key of rows whose {@code match} column is {@code value}. */
  public String key(String value) {
    return table
        + SEPARATOR
        + match
        + SEPARATOR
        + take
        + SEPARATOR
        + compare
        + SEPARATOR
        + normalise(value);
  }

  /** {@code cars.plate -> id}, for messages and counters. */
  public String describe() {
    return table
        + "."
        + match
        + " -> "
        + take
        + (compare == Compare.EXACT ? "" : " (" + compare.yamlName() + ")");
  }

  /** Whether a backup table called {@code name} is this lookup's table. */
  boolean isTable(String name) {
    return name.equals(table) || name.endsWith("." + table);
  }

  private String normalise(String value) {
    String trimmed = value.strip();
    return switch (compare) {
      case EXACT -> trimmed;
      case IGNORE_CASE -> CaseFolding.caseless(trimmed);
      case LETTERS_DIGITS -> {
        StringBuilder kept = new StringBuilder(trimmed.length());
        Accents.fold(trimmed)
            .codePoints()
            .filter(Character::isLetterOrDigit)
            .map(Character::toLowerCase)
            .forEach(kept::appendCodePoint);
        yield kept.toString();
      }
    };
  }

  /**
   * What one backup row adds to the index of every lookup in {@code specs} whose table it belongs
   * to: index key to the row's {@code take} value ({@link #NO_VALUE} when that column is null).
   * Rows that are not backup rows, or have no {@code match} value, add nothing.
   *
   * @return the entries, each with the lookup it is for
   */
  public static List<Map.Entry<LookupSpec, Map.Entry<String, String>>> entries(
      RawRecord row, Collection<LookupSpec> specs) {
    List<Map.Entry<LookupSpec, Map.Entry<String, String>>> entries = new ArrayList<>();
    if (!row.kind().equals(BACKUP_ROW) || specs.isEmpty()) {
      return entries;
    }
    JsonNode root;
    try {
      root = JSON.readTree(row.json());
    } catch (JsonProcessingException e) {
      return entries; // an unreadable row is quarantined by the mapping stage
    }
    String table = root.path("table").asText("");
    JsonNode columns = root.path("columns");
    for (LookupSpec spec : specs) {
      if (!spec.isTable(table)) {
        continue;
      }
      JsonNode matched = columns.get(spec.match());
      if (matched == null || matched.isNull() || Texts.isBlank(matched.asText())) {
        continue;
      }
      JsonNode taken = columns.get(spec.take());
      String value =
          taken == null || taken.isNull() || Texts.isBlank(taken.asText())
              ? NO_VALUE
              : taken.asText().strip();
      entries.add(
          new SimpleImmutableEntry<>(
              spec, new SimpleImmutableEntry<>(spec.key(matched.asText()), value)));
    }
    return entries;
  }
}
