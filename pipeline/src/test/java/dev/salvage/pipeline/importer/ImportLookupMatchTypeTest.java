package dev.salvage.pipeline.importer;

import static dev.salvage.pipeline.importer.Fixtures.fields;
import static dev.salvage.pipeline.importer.Fixtures.fresh;
import static org.assertj.core.api.Assertions.assertThat;

import dev.salvage.pipeline.cli.CliRun;
import dev.salvage.pipeline.cli.SalvageCli;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A lookup whose {@code match} is an integer column is refused naming the lookup and its rule: an
 * outside trial was told only that the parent's column "is int(10) unsigned, the mapping says
 * text", though its mapping declared that column an integer, and bisected the mapping to find which
 * place said text.
 */
class ImportLookupMatchTypeTest {
  private static final String SCHEMA =
      "CREATE TABLE public.bookings (id bigserial PRIMARY KEY, booking_no integer NOT NULL UNIQUE);"
          + " CREATE TABLE public.booking_items (id bigserial PRIMARY KEY,"
          + " booking_id bigint NOT NULL REFERENCES public.bookings (id), item text NOT NULL)";

  private static final String MAPPING =
      """
      entities:
        booking:
          table: public.bookings
          key: {column: id, type: integer}
          natural_key: booking_no
          columns:
            booking_no: {field: booking_no, type: integer}
        item:
          table: public.booking_items
          key: {column: id, type: integer}
          natural_key: item
          columns:
            item: {field: item, type: text}
            booking_id:
              field: booking_no
              type: integer
              lookup: {table: public.bookings, match: booking_no, take: id}
      """;

  @RegisterExtension
  static final PostgresImport.PerTest TARGETS = new PostgresImport.PerTest(SCHEMA, MAPPING);

  @Test
  void refusesAnIntegerLookupMatchNamingTheLookupAndTheRule(PostgresImport target)
      throws Exception {
    Fixtures.writeRun(
        target.run,
        List.of(
            fresh("booking:new-1", "booking", 1.0, false, fields("booking_no", "1105")),
            fresh(
                "item:new-1",
                "item",
                1.0,
                false,
                fields("item", "1105/helmet", "booking_no", "1105"))));

    CliRun planned = target.plan();

    assertThat(planned.exitCode()).isEqualTo(SalvageCli.EXIT_FAILURE);
    assertThat(planned.err())
        .contains(
            "mapping entities.item.columns.booking_id.lookup.match: column public.bookings.booking_no"
                + " is integer; a lookup matches a text column only")
        .doesNotContain("the mapping says text");
  }
}
