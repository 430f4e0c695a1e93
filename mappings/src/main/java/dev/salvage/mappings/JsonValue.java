package dev.salvage.mappings;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * {@code json}: a JSON value, written compactly with each object's keys in order. Two spellings of
 * one value (white space, key order) are one value: an outside trial's review showed {@code extras
 * changed from {"breakfast": true} to {"breakfast":true}} where a PostgreSQL jsonb column's text
 * met the same JSON written compactly by a mail mapping. Numbers keep their digits ({@code 1.10}
 * stays {@code 1.10}); arrays keep their order.
 */
record JsonValue() implements ValueType {
  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .build();

  @Override
  public FieldType fieldType() {
    return FieldType.JSON;
  }

  @Override
  public String read(String text, RecordContext context) throws ValueException {
    try {
      // into plain maps and lists, which ORDER_MAP_ENTRIES_BY_KEYS sorts at every depth; not
      // through a tree, whose node factory drops a number's trailing zeros
      return JSON.writeValueAsString(JSON.readValue(text.strip(), Object.class));
    } catch (JsonProcessingException e) {
      throw new ValueException(Texts.quote(text) + " is not JSON: " + e.getOriginalMessage());
    }
  }
}
