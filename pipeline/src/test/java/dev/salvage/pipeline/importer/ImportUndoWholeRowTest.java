package dev.salvage.pipeline.importer;

import static dev.salvage.pipeline.importer.Fixtures.fields;
import static dev.salvage.pipeline.importer.Fixtures.fresh;
import static org.assertj.core.api.Assertions.assertThat;

import dev.salvage.pipeline.bundle.ReconstructedRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A campsite's stays, with columns the import does not write (NOT NULL DEFAULT) and an {@code
 * updated_at} a trigger sets. An outside trial's staff set such columns on a stay Salvage had
 * inserted, and undo.sql, comparing only the columns the insert wrote, deleted the stay with their
 * values. undo.sql now deletes an inserted row only while every column holds what it held right
 * after apply.
 */
class ImportUndoWholeRowTest {
  static final String MAPPING =
      """
      entities:
        stay:
          table: stay
          key: {column: id, type: integer}
          natural_key: ref
          columns:
            ref:   {field: ref, type: text}
            guest: {field: guest, type: text}
      """;

  private static final String SCHEMA =
      """
      CREATE TABLE public.stay (
        id serial PRIMARY KEY,
        ref text NOT NULL UNIQUE,
        guest text NOT NULL,
        adults int NOT NULL DEFAULT 2,
        source text NOT NULL DEFAULT 'desk',
        updated_at timestamptz NOT NULL DEFAULT now());
      CREATE FUNCTION public.stay_touch() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN NEW.updated_at := clock_timestamp(); RETURN NEW; END $$;
      CREATE TRIGGER stay_touch BEFORE UPDATE ON public.stay
        FOR EACH ROW EXECUTE FUNCTION public.stay_touch();
      """;

  @TempDir Path temp;
  private PostgresImport target;

  @BeforeEach
  void createDatabase() throws Exception {
    target = PostgresImport.create(temp, SCHEMA, MAPPING);
    Fixtures.writeRun(target.run, stays());
    assertThat(target.plan().exitCode()).isZero();
    target.apply();
  }

  @AfterEach
  void dropDatabase() throws Exception {
    if (target != null) {
      target.close();
    }
  }

  static List<ReconstructedRecord> stays() {
    return List.of(
        fresh("stay:new-1", "stay", 1.0, false, fields("ref", "S-1", "guest", "Ana Lopes")),
        fresh("stay:new-2", "stay", 1.0, false, fields("ref", "S-2", "guest", "Rui Alves")));
  }

  @Test
  void anUndoOfRowsNobodyTouchedDeletesThemUnderAnotherSessionTimeZone() throws Exception {
    // psql's session gets another zone than apply's: the updated_at guard still matches
    target.db.execute("ALTER DATABASE " + target.db.name + " SET TimeZone = 'Pacific/Auckland'");

    assertThat(target.db.psql(target.run.resolve("import/undo.sql"))).isZero();

    assertThat(target.db.text("SELECT count(*) FROM stay")).isEqualTo("0");
    assertThat(Files.readString(target.run.resolve("import/undo.sql")))
        .contains("CAST(\"updated_at\" AS text) IS NOT DISTINCT FROM '");
  }

  @Test
  void aStaffChangeInAColumnTheInsertLeftToItsDefaultRefusesTheWholeUndo() throws Exception {
    target.db.execute("UPDATE stay SET adults = 4, source = 'phone' WHERE ref = 'S-1'");
    String changed = target.db.dataDump();

    assertThat(target.db.psql(target.run.resolve("import/undo.sql"))).isNotZero();

    assertThat(target.db.dataDump()).isEqualTo(changed).contains("phone");
    assertThat(Files.readString(target.run.resolve("import/undo.sql")))
        .contains("CAST(\"source\" AS text) IS NOT DISTINCT FROM 'desk'")
        .contains("SET LOCAL TimeZone = ");
  }

  @Test
  void aStaffChangeSeenOnlyInTheColumnItsTriggerSetsRefusesTheWholeUndo() throws Exception {
    // the guest written again as it was: only updated_at, set by the trigger, tells
    target.db.execute("UPDATE stay SET guest = guest WHERE ref = 'S-2'");
    String changed = target.db.dataDump();

    assertThat(target.db.psql(target.run.resolve("import/undo.sql"))).isNotZero();

    assertThat(target.db.dataDump()).isEqualTo(changed);
    assertThat(target.db.text("SELECT count(*) FROM stay")).isEqualTo("2");
  }
}
