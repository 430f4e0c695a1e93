package dev.salvage.connectors.backup;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The keys some JSON objects of a table lack that its other objects have, over one file. A CSV row
 * short of a column is quarantined; a JSON object without a key is read with that column NULL,
 * since an exporter may leave nulls out, but an operator must hear of it, as the object may also
 * have lost the value. Memory stays small: an object is remembered by its set of keys, of which a
 * table has few; past {@link #MAX_SHAPES} sets in a table, objects of new sets are counted but not
 * compared.
 */
final class MissingKeys {
  static final int MAX_SHAPES = 256;

  /** The objects of one set of keys: how many, and where the first of them is. */
  private static final class Shape {
    long objects;
    final String first;
    final long order;

    Shape(String first, long order) {
      this.first = first;
      this.order = order;
    }
  }

  private static final class Table {
    final Map<Set<String>, Shape> shapes = new HashMap<>();
    final Set<String> keys = new TreeSet<>();
    long objects;
    long unshaped;
  }

  private final Map<String, Table> tables = new LinkedHashMap<>();
  private long order;

  /** Counts an object of {@code table} read at {@code location} with these {@code keys}. */
  void add(String table, List<String> keys, String location) {
    Table of = tables.computeIfAbsent(table, t -> new Table());
    of.objects++;
    of.keys.addAll(keys);
    Set<String> shape = new TreeSet<>(keys);
    Shape known = of.shapes.get(shape);
    if (known == null && of.shapes.size() >= MAX_SHAPES) {
      of.unshaped++;
      return;
    }
    if (known == null) {
      known = new Shape(location, order++);
      of.shapes.put(shape, known);
    }
    known.objects++;
  }

  /**
   * One sentence per table some of whose objects lack keys others have, naming the keys with the
   * objects lacking each, and the first such object's place.
   */
  List<String> notes(String file) {
    List<String> notes = new ArrayList<>();
    tables.forEach(
        (table, of) -> {
          long lacking = 0;
          Map<String, Long> byKey = new TreeMap<>();
          Shape first = null;
          for (Map.Entry<Set<String>, Shape> entry : of.shapes.entrySet()) {
            if (entry.getKey().size() == of.keys.size()) {
              continue; // every key of the table
            }
            Shape shape = entry.getValue();
            lacking += shape.objects;
            for (String key : of.keys) {
              if (!entry.getKey().contains(key)) {
                byKey.merge(key, shape.objects, Long::sum);
              }
            }
            if (first == null || shape.order < first.order) {
              first = shape;
            }
          }
          if (lacking == 0) {
            return;
          }
          List<String> keys = new ArrayList<>();
          byKey.forEach((key, objects) -> keys.add("\"" + key + "\" (" + objects + ")"));
          notes.add(
              "table "
                  + table
                  + " in "
                  + file
                  + ": "
                  + lacking
                  + " of its "
                  + of.objects
                  + " object(s) lack key(s) its other objects have: "
                  + String.join(", ", keys)
                  + "; the first at "
                  + first.first
                  + ". Read as NULL columns (an exporter may leave nulls out; or the values were"
                  + " lost)"
                  + (of.unshaped == 0
                      ? ""
                      : "; " + of.unshaped + " object(s) of yet other key sets were not compared"));
        });
    return notes;
  }
}
