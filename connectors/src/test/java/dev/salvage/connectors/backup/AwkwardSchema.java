package dev.salvage.connectors.backup;

import com.fasterxml.jackson.databind.JsonNode;
import dev.salvage.connectors.CollectingSink;
import dev.salvage.connectors.RawRecord;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A schema of awkward types and values, loaded into a test database; and the expected rows as
 * PostgreSQL's own text output, to compare whatever a backup reader gives with.
 */
final class AwkwardSchema {
  static final String DDL =
      """
      CREATE TABLE public.customers (
        id bigint PRIMARY KEY,
        email text,
        full_name text,
        balance numeric(12,2),
        ratio double precision,
        created_at timestamptz,
        born date,
        active boolean,
        avatar bytea,
        tags text[],
        prefs jsonb,
        raw json,
        flags bit(4),
        span interval,
        uid uuid
      );
      CREATE SCHEMA "Billing";
      CREATE TABLE "Billing"."Odd Payments" (
        "Payment Id" text PRIMARY KEY,
        "select" integer,
        "Amount" numeric,
        memo varchar(200)
      );
      CREATE SCHEMA archive;
      CREATE TABLE archive.customers (id integer PRIMARY KEY, email text);
      CREATE TABLE public.empty_table (id integer PRIMARY KEY, note text);
      CREATE TABLE public.no_key (label text, amount integer);
      CREATE TABLE public.bookings (id integer PRIMARY KEY, starts_on date, note text)
        PARTITION BY RANGE (id);
      CREATE TABLE public.bookings_low PARTITION OF public.bookings FOR VALUES FROM (1) TO (100);
      CREATE TABLE public.bookings_high PARTITION OF public.bookings
        FOR VALUES FROM (100) TO (1000) PARTITION BY RANGE (id);
      CREATE TABLE public.bookings_high_a PARTITION OF public.bookings_high
        FOR VALUES FROM (100) TO (500);
      CREATE TABLE public.bookings_high_b PARTITION OF public.bookings_high
        FOR VALUES FROM (500) TO (1000);
      CREATE TABLE public.bookings_other PARTITION OF public.bookings DEFAULT;
      """;

  static final String ROWS =
      """
      INSERT INTO public.customers VALUES
        (1, 'ana@example.com', E'Tab\\there, new\\nline, cr\\rret', 1234.50, 0.1,
         '2026-03-13 10:00:00.123456+01', '1990-02-28', true, '\\x00ff5c0a', ARRAY['a b', 'c"d', NULL, E'e\\\\f', '{x}'],
         '{"k": "v\\ttab", "n": [1, 2.50], "u": "é"}', E'{ "raw" : true,\\n "x": "a\\\\\\\\b" }', B'1010',
         '1 day 02:03:04', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'),
        (2, NULL, E'C:\\\\path\\\\new \\\\N and \\\\. end', NULL, 'Infinity', NULL, NULL, false, '\\x', '{}',
         'null', '[]', B'0000', '-3 mons', NULL),
        (3, '', E'José 😀 Ünïcödé 日本 it''s; -- not a comment /* nor this */', -99999.99, -1.5e-300,
         '1970-01-01 00:00:00+00', '0044-03-15 BC', NULL, NULL, ARRAY[]::text[], '{"a": {"b": null}}',
         '"just a string"', B'0001', '0', NULL),
        (4, '\\N', E'line one\\n\\\\.\\nCOPY public.customers (id) FROM stdin;\\nINSERT INTO x VALUES (1);', 0,
         'NaN', '2026-12-31 23:59:59.999999-12', 'infinity', true, '\\x5c4e', ARRAY['\\N', ''], '{}', '{}',
         B'1111', '00:00:00.000001', NULL);
      INSERT INTO public.customers (id, email, full_name, created_at, avatar)
        SELECT i, 'c' || i || '@example.com',
               repeat(chr(1 + i % 126), 3) || chr(160 + i * 53) || E'\\t' || i,
               timestamptz '2026-01-01 00:00:00+00' + i * interval '17 minutes 3.5 seconds',
               decode(lpad(to_hex(i), 4, '0'), 'hex')
        FROM generate_series(100, 400) AS i;
      INSERT INTO "Billing"."Odd Payments" VALUES
        ('P-1', 1, 'NaN', 'plain'),
        ('P 2 "quoted"', NULL, '123456789012345678901234567890.123', E'tab\\tand\\\\backslash'),
        (E'P\\t3', -7, '-0.000001', NULL);
      INSERT INTO archive.customers VALUES (1, 'archived@example.com'), (2, NULL);
      INSERT INTO public.no_key VALUES ('first', 1), (NULL, NULL), ('first', 1);
      INSERT INTO public.bookings VALUES (1, '2026-01-05', 'low'), (2, '2026-01-06', NULL),
        (150, '2026-02-01', 'high a'), (700, '2026-03-01', 'high b'), (5000, NULL, 'default');
      """;

  /** The tables as qualified SQL names, with the name refs give them. */
  static final Map<String, String> TABLES =
      Map.of(
          "public.customers", "customers",
          "\"Billing\".\"Odd Payments\"", "Billing.Odd Payments",
          "archive.customers", "archive.customers",
          "public.empty_table", "empty_table",
          // partitioned: its rows are its partitions', named by it
          "public.bookings", "bookings");

  private AwkwardSchema() {}

  static void load(TestDatabase database) throws SQLException {
    database.execute(DDL);
    database.execute(ROWS);
  }

  /**
   * Every row of the keyed tables as text, by ref, each row rendered as {@code column=value} in
   * column order so that a failure shows exactly which value differs.
   */
  static Map<String, List<String>> expected(TestDatabase database) throws SQLException {
    Map<String, List<String>> rows = new LinkedHashMap<>();
    for (Map.Entry<String, String> table : TABLES.entrySet()) {
      database
          .rowsAsText(table.getKey(), table.getValue())
          .forEach((ref, row) -> rows.put(ref, rendered(table.getValue(), row)));
    }
    return rows;
  }

  /** The records of the keyed tables, rendered as {@link #expected} renders rows. */
  static Map<String, List<String>> actual(CollectingSink sink) {
    Map<String, List<String>> rows = new LinkedHashMap<>();
    for (RawRecord record : sink.records) {
      JsonNode json = CollectingSink.json(record);
      if (!TABLES.containsValue(json.get("table").asText())) {
        continue;
      }
      Map<String, String> row = new LinkedHashMap<>();
      Iterator<Map.Entry<String, JsonNode>> fields = json.get("columns").fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        row.put(field.getKey(), field.getValue().isNull() ? null : field.getValue().asText());
      }
      if (rows.put(record.ref(), rendered(json.get("table").asText(), row)) != null) {
        throw new AssertionError("two records with ref " + record.ref());
      }
    }
    return rows;
  }

  private static List<String> rendered(String table, Map<String, String> row) {
    List<String> rendered = new ArrayList<>();
    rendered.add("table=" + table);
    row.forEach(
        (column, value) ->
            rendered.add(column + "=" + (value == null ? "<NULL>" : "[" + value + "]")));
    return rendered;
  }
}
