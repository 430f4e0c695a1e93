package dev.salvage.pipeline.importer;

import static dev.salvage.pipeline.importer.Fixtures.fields;
import static dev.salvage.pipeline.importer.Fixtures.fresh;
import static org.assertj.core.api.Assertions.assertThat;

import dev.salvage.pipeline.bundle.ReconstructedRecord;
import dev.salvage.pipeline.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A boat club's berth rentals name their owner through a lookup of the owner's email. A rental
 * known only from a harbour calendar lacks the email, and was imported unasked with no owner; one
 * lacking its NOT NULL length was refused by the target, among rows it refused, not as one to
 * approve. Both are now kept out by the policy, named with the column and why, until someone
 * approves them; an approve imports them as before.
 */
class ImportNewRowNeedsTest {
  private static final String MAPPING =
      """
      entities:
        owner:
          table: public.owners
          key: {column: id, type: integer}
          natural_key: email
          columns:
            email: {field: email, type: text}
        rental:
          table: public.rentals
          key: {column: id, type: integer}
          natural_key: code
          columns:
            code:     {field: code, type: text}
            owner_id:
              field: owner_email
              type: integer
              lookup: {table: public.owners, match: email, take: id}
            length_m: {field: length_m, type: integer}
            note:     {field: note, type: text}
      """;

  private static final String SCHEMA =
      """
      CREATE TABLE public.owners (
        id serial PRIMARY KEY,
        email text NOT NULL UNIQUE);
      CREATE TABLE public.rentals (
        id serial PRIMARY KEY,
        code text NOT NULL UNIQUE,
        owner_id integer REFERENCES public.owners (id),
        length_m integer NOT NULL,
        note text);
      INSERT INTO public.owners (email) VALUES ('kari@fjord.example');
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

  private static ReconstructedRecord rental(String id, String... pairs) {
    return fresh("rental:" + id, "rental", 1.0, false, fields(pairs));
  }

  private static List<ReconstructedRecord> rentals() {
    return List.of(
        rental("new-whole", "code", "R-1", "owner_email", "kari@fjord.example", "length_m", "9"),
        rental("new-ownerless", "code", "R-2", "length_m", "7"),
        rental("new-unmeasured", "code", "R-3", "owner_email", "kari@fjord.example"));
  }

  @Test
  void keepsOutANewRecordLackingItsParentsLookupFieldOrANotNullColumnUntilApproved()
      throws Exception {
    Fixtures.writeRun(target.run, rentals());

    CliRun planned = target.plan();

    assertThat(planned.exitCode()).as(planned.err()).isZero();
    assertThat(planned.out())
        .contains("Plan: 1 inserts, 0 updates, 2 records skipped")
        .containsPattern(
            "\\s+2  new, lacking a value its row needs \\(needs an explicit approve\\)")
        .contains(
            "New records lacking a value their row needs (a parent's lookup field, a NOT NULL"
                + " column's): enter it in salvage review and approve, or approve each as it is:\n"
                + "  rental:new-ownerless: a new rental lacking owner_email: public.rentals.owner_id"
                + " names its parent in public.owners through a lookup of owner_email, so the row"
                + " would have no parent.")
        .contains(
            "  rental:new-unmeasured: a new rental lacking length_m: public.rentals.length_m is NOT"
                + " NULL without a default, so the target would refuse the row.")
        .as("no longer among the rows the target refused")
        .doesNotContain("which is required");
    assertThat(Files.readString(target.run.resolve("import/plan.sql")))
        .contains("--   rental:new-ownerless: a new rental lacking owner_email");
  }

  @Test
  void importsANewRecordLackingItsParentsLookupFieldOnceApproved() throws Exception {
    Fixtures.writeRun(target.run, rentals());
    Fixtures.decide(target.run, "d1", "rental:new-ownerless", "approve", null, null);

    CliRun planned = target.plan();

    assertThat(planned.exitCode()).as(planned.err()).isZero();
    assertThat(planned.out()).contains("Plan: 2 inserts").doesNotContain("rental:new-ownerless:");
    target.apply();
    assertThat(
            target.db.text(
                "SELECT string_agg(code || ' ' || coalesce(owner_id::text, 'NULL'), ', ' ORDER BY"
                    + " code) FROM public.rentals"))
        .isEqualTo("R-1 1, R-2 NULL");
  }
}
