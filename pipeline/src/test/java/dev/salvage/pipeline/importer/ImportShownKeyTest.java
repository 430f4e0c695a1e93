package dev.salvage.pipeline.importer;

import static dev.salvage.pipeline.importer.Fixtures.fields;
import static dev.salvage.pipeline.importer.Fixtures.fresh;
import static dev.salvage.pipeline.importer.Fixtures.updated;
import static org.assertj.core.api.Assertions.assertThat;

import dev.salvage.pipeline.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A dive centre's equipment rentals, whose only identity is the number its mails show ("Kiralama
 * No: 309"), as an outside trial had them: with {@code key.field} and no {@code natural_key}, the
 * key is the natural key, so a lost rental is inserted under its number, one the target already
 * holds alike is already present, and a changed one is updated; before, the mapping needed another
 * unique column, and the trial's fallback (the non-unique items) kept every lost rental out.
 */
class ImportShownKeyTest {
  private static final String MAPPING =
      """
      entities:
        equipment_rental:
          table: public.equipment_rentals
          key: {column: id, type: integer, field: rental_no}
          columns:
            items: {field: items, type: text}
            price: {field: price, type: numeric}
      """;

  private static final String ENTITIES =
      """
      entities:
        equipment_rental:
          keys: [rental_no]
          fields:
            rental_no: integer
            items: text
            price: text
      """;

  private static final String SCHEMA =
      """
      CREATE TABLE public.equipment_rentals (
        id integer PRIMARY KEY,
        items text NOT NULL,
        price numeric(10,2) NOT NULL);
      INSERT INTO public.equipment_rentals VALUES
        (301, 'BCD, regulator', 600.00), (302, 'wetsuit', 250.00);
      """;

  @TempDir Path temp;
  private PostgresImport target;

  @BeforeEach
  void createDatabase() throws Exception {
    target = PostgresImport.create(temp, SCHEMA, MAPPING);
  }

  @AfterEach
  void dropDatabase() throws Exception {
    if (target != null) {
      target.close();
    }
  }

  @Test
  void theKeyAFieldGivesIsTheNaturalKeyWhenNoneIsNamed() throws Exception {
    Fixtures.writeRun(
        target.run,
        List.of(
            fresh(
                "equipment_rental:new-309",
                "equipment_rental",
                1.0,
                false,
                fields("rental_no", "309", "items", "fins, mask", "price", "150.00")),
            fresh(
                "equipment_rental:new-301",
                "equipment_rental",
                1.0,
                false,
                fields("rental_no", "301", "items", "BCD, regulator", "price", "600.00")),
            updated(
                "equipment_rental",
                302,
                fields("rental_no", "302", "items", "wetsuit", "price", "250.00"),
                fields("price", "300.00"))));
    Fixtures.runConfig(
        target.run,
        temp.resolve("config"),
        "{name: Mavi Dalis, timezone: Europe/Istanbul}",
        ENTITIES);

    CliRun planned = target.plan();

    assertThat(planned.exitCode()).as(planned.err()).isZero();
    assertThat(planned.out()).contains("Plan: 1 inserts, 1 updates, 1 records skipped");
    target.apply();
    assertThat(
            target.db.text(
                "SELECT string_agg(id || ' ' || items || ' ' || price, ', ' ORDER BY id)"
                    + " FROM public.equipment_rentals"))
        .isEqualTo("301 BCD, regulator 600.00, 302 wetsuit 300.00, 309 fins, mask 150.00");
    CliRun again = target.plan();
    assertThat(again.exitCode()).as(again.err()).isZero();
    assertThat(again.out()).contains("Plan: 0 inserts, 0 updates");
  }

  @Test
  void aMappingWithoutNaturalKeyOrKeyFieldIsRefusedSayingWhatToName() throws Exception {
    Files.writeString(
        target.mapping,
        MAPPING.replace(
            "key: {column: id, type: integer, field: rental_no}",
            "key: {column: id, type: integer}"));
    Fixtures.writeRun(target.run, List.of());

    CliRun planned = target.plan();

    assertThat(planned.exitCode()).isNotZero();
    assertThat(planned.err())
        .contains("entities.equipment_rental.natural_key")
        .contains("missing: name the mapped column that tells a row already in the target")
        .contains("key: {..., field: NAME}");
  }
}
