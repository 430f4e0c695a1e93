package dev.salvage.samples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BackupDumpTest {
  private static final DateTimeFormatter PG = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ssx");
  private static Path scenario;
  private static List<String> lines;
  private static Map<String, List<Map<String, String>>> tables;

  @BeforeAll
  static void generate() throws Exception {
    scenario = Scenarios.generated(Scenarios.small());
    lines = Files.readAllLines(scenario.resolve("backup/backup.sql"), StandardCharsets.UTF_8);
    tables = copyBlocks(lines);
  }

  /** The rows of every COPY block, by table, values unescaped, null as Java null. */
  static Map<String, List<Map<String, String>>> copyBlocks(List<String> lines) {
    Map<String, List<Map<String, String>>> tables = new LinkedHashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (!line.startsWith("COPY public.")) {
        continue;
      }
      assertThat(line).endsWith(") FROM stdin;");
      String table = line.substring(12, line.indexOf(' ', 12));
      String[] columns = line.substring(line.indexOf('(') + 1, line.indexOf(')')).split(", ");
      List<Map<String, String>> rows = new ArrayList<>();
      for (i++; !lines.get(i).equals("\\."); i++) {
        String[] values = lines.get(i).split("\t", -1);
        assertThat(values).as(lines.get(i)).hasSameSizeAs(columns);
        Map<String, String> row = new LinkedHashMap<>();
        for (int c = 0; c < columns.length; c++) {
          row.put(columns[c], unescape(values[c]));
        }
        rows.add(row);
      }
      tables.put(table, rows);
    }
    return tables;
  }

  private static String unescape(String value) {
    if (value.equals("\\N")) {
      return null;
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c != '\\') {
        out.append(c);
        continue;
      }
      char next = value.charAt(++i);
      out.append(
          switch (next) {
            case 'n' -> '\n';
            case 't' -> '\t';
            case 'r' -> '\r';
            case '\\' -> '\\';
            default -> throw new AssertionError("Unexpected escape \\" + next + " in " + value);
          });
    }
    return out.toString();
  }

  @Test
  void looksLikeAVerbosePgDump15TakenAtT0() throws Exception {
    JsonNode manifest = Scenarios.json(scenario.resolve("truth/manifest.json"));
    Instant t0 = Instant.parse(manifest.get("t0").asText());
    assertThat(lines.get(1)).isEqualTo("-- PostgreSQL database dump");
    assertThat(lines).contains("-- Dumped by pg_dump version 15.18 (Debian 15.18-0+deb12u1)");
    assertThat(lines)
        .contains("-- Started on " + Formats.PG_STARTED.format(t0))
        .contains("SET standard_conforming_strings = on;")
        .contains(
            "ALTER TABLE ONLY public.reservations",
            "    ADD CONSTRAINT reservations_pkey PRIMARY KEY (id);")
        .contains("-- PostgreSQL database dump complete");
    assertThat(lines.get(4)).matches("\\\\restrict [A-Za-z0-9]{63}");
    // pg_dump ends with the unrestrict line and an empty line
    assertThat(lines.get(lines.size() - 2))
        .isEqualTo(lines.get(4).replace("restrict", "unrestrict"));
    assertThat(lines.get(lines.size() - 1)).isEmpty();
    assertThat(tables)
        .containsOnlyKeys("customers", "locations", "payments", "reservations", "vehicles");
    int customers = tables.get("customers").size();
    assertThat(lines)
        .contains("SELECT pg_catalog.setval('public.customers_id_seq', " + customers + ", true);");
  }

  @Test
  void escapesControlCharactersInNotes() {
    List<String> notes =
        tables.get("reservations").stream()
            .map(r -> r.get("notes"))
            .filter(n -> n != null)
            .toList();
    assertThat(notes).anyMatch(n -> n.contains("\n"));
    assertThat(String.join("\n", lines)).contains("Child seat (0-4 years)\\nBooster");
  }

  @Test
  void holdsExactlyTheRecordsCreatedBeforeT0AsTheyWereThen() throws Exception {
    Map<String, Map<String, String>> rows = new HashMap<>();
    for (Map<String, String> row : tables.get("reservations")) {
      rows.put(row.get("id"), row);
    }
    int unchanged = 0;
    int changed = 0;
    for (JsonNode reservation : Scenarios.jsonLines(scenario.resolve("truth/reservations.jsonl"))) {
      Map<String, String> row = rows.get(reservation.get("id").asText());
      assertThat(row != null).isEqualTo(reservation.get("in_backup").asBoolean());
      if (row == null) {
        continue;
      }
      boolean same =
          row.get("reference").equals(reservation.get("reference").asText())
              && row.get("vehicle_plate").equals(reservation.get("vehicle").asText())
              && row.get("pickup_location_code").equals(reservation.get("pickup_location").asText())
              && instant(row.get("pickup_at")).equals(reservation.get("pickup_at").asText())
              && instant(row.get("return_at")).equals(reservation.get("return_at").asText())
              && row.get("status").equals(reservation.get("status").asText())
              && row.get("total_cents").equals(reservation.get("total_cents").asText())
              && instant(row.get("updated_at")).equals(reservation.get("updated_at").asText());
      assertThat(same).as(reservation.toString()).isEqualTo(!reservation.get("lost").asBoolean());
      if (same) {
        unchanged++;
      } else {
        changed++;
      }
    }
    assertThat(unchanged).isPositive();
    assertThat(changed).isPositive();

    Map<String, Map<String, String>> customers = new HashMap<>();
    for (Map<String, String> row : tables.get("customers")) {
      customers.put(row.get("id"), row);
    }
    for (JsonNode customer : Scenarios.jsonLines(scenario.resolve("truth/customers.jsonl"))) {
      Map<String, String> row = customers.get(customer.get("id").asText());
      assertThat(row != null).isEqualTo(customer.get("in_backup").asBoolean());
      if (row == null) {
        continue;
      }
      boolean same =
          row.get("email").equals(customer.get("email").asText())
              && row.get("phone").equals(customer.get("phone").asText())
              && row.get("full_name").equals(customer.get("full_name").asText())
              && String.valueOf(row.get("stripe_customer_id"))
                  .equals(customer.get("stripe_customer_id").asText("null"))
              && instant(row.get("updated_at")).equals(customer.get("updated_at").asText());
      assertThat(same).as(customer.toString()).isEqualTo(!customer.get("lost").asBoolean());
    }
  }

  private static String instant(String pgTimestamp) {
    return OffsetDateTime.parse(pgTimestamp, PG).toInstant().toString();
  }
}
