package dev.salvage.connectors.backup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salvage.connectors.CollectingSink;
import dev.salvage.connectors.Quarantined;
import dev.salvage.connectors.RawRecord;
import dev.salvage.connectors.SourceReaders;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A row's ref names it by its table's real primary key: a link table's composite key, a key that is
 * not the first column. Dumped by the real pg_dump (which declares keys after the data) in every
 * format, and read over JDBC; a table with no key whose rows share a ref loses none of them
 * silently.
 */
class BackupPrimaryKeysTest {
  private static TestDatabase database;

  @TempDir Path dir;

  @BeforeAll
  static void createTables() throws Exception {
    database = TestDatabase.create();
    database.execute(
        """
        CREATE TABLE public.film_actor (
          actor_id integer, film_id integer, role text, PRIMARY KEY (actor_id, film_id));
        CREATE TABLE public.branches (name text, code text PRIMARY KEY, city text);
        CREATE TABLE public.tags (label text, n integer, CONSTRAINT tags_pkey PRIMARY KEY (label, n));
        CREATE TABLE public.visits (customer_id integer, day date, note text);
        INSERT INTO public.film_actor VALUES
          (1, 10, 'lead'), (1, 11, 'cameo'), (2, 10, 'lead');
        INSERT INTO public.branches VALUES
          ('Porto', 'OPO', 'Porto'), ('Porto', 'OPA', 'Porto'), ('Lisboa', 'LIS', 'Lisboa');
        INSERT INTO public.tags VALUES ('a,b', 1), ('a', 1), ('50%', 2);
        INSERT INTO public.visits VALUES (7, '2026-01-01', 'first'), (7, '2026-01-02', 'again');
        """);
  }

  @AfterAll
  static void dropDatabase() throws Exception {
    if (database != null) {
      database.close();
    }
  }

  private static final List<String> KEYED_REFS =
      List.of(
          "backup:branches#LIS",
          "backup:branches#OPA",
          "backup:branches#OPO",
          "backup:film_actor#1,10",
          "backup:film_actor#1,11",
          "backup:film_actor#2,10",
          "backup:tags#50%25,2",
          "backup:tags#a%2Cb,1",
          "backup:tags#a,1");

  private CollectingSink dump(String name, String... arguments) throws Exception {
    return CollectingSink.read(new PgDumpReader(), database.dump(dir.resolve(name), arguments));
  }

  private static List<String> keyedRefs(CollectingSink sink) {
    return sink.refs().stream().filter(ref -> !ref.startsWith("backup:visits#")).sorted().toList();
  }

  @Test
  void aLinkTableRowIsKeyedByItsCompositePrimaryKeyInEveryPgDumpFormat() throws Exception {
    for (CollectingSink sink :
        List.of(
            dump("copy.sql"),
            dump("inserts.sql", "--inserts"),
            dump("column-inserts.sql", "--column-inserts", "--rows-per-insert=2"))) {
      assertThat(keyedRefs(sink)).containsExactlyElementsOf(KEYED_REFS);
      assertThat(sink.json("backup:film_actor#1,11").get("columns").get("role").asText())
          .isEqualTo("cameo");
    }
  }

  @Test
  void aTableKeyedByACodeThatIsNotItsFirstColumnIsKeyedByTheCode() throws Exception {
    CollectingSink sink = dump("copy.sql");

    assertThat(sink.refs()).contains("backup:branches#OPO", "backup:branches#OPA");
    assertThat(sink.refs()).doesNotContain("backup:branches#Porto");
  }

  @Test
  void theDatabaseOverJdbcGivesTheDumpsRefsAndRecordsRowForRow() throws Exception {
    CollectingSink jdbc =
        CollectingSink.readAll(
            SourceReaders.open(
                "test",
                "jdbc",
                null,
                Map.of(
                    "url", database.url,
                    "user", database.user,
                    "password_env", TestDatabase.PASSWORD_ENV)));
    CollectingSink fromDump = dump("copy.sql");

    assertThat(keyedRefs(jdbc)).containsExactlyElementsOf(KEYED_REFS);
    assertThat(jsonByRef(jdbc)).isEqualTo(jsonByRef(fromDump));
  }

  @Test
  void aTableWithoutAKeyKeepsItsFirstRowAndQuarantinesTheRowThatRepeatsItsRef() throws Exception {
    CollectingSink jdbc =
        CollectingSink.readAll(
            SourceReaders.open(
                "test",
                "jdbc",
                null,
                Map.of(
                    "url", database.url,
                    "user", database.user,
                    "password_env", TestDatabase.PASSWORD_ENV,
                    "tables", "visits")));
    for (CollectingSink sink : List.of(dump("copy.sql"), dump("inserts.sql", "--inserts"), jdbc)) {
      assertThat(sink.refs()).filteredOn(ref -> ref.startsWith("backup:visits#")).hasSize(1);
      assertThat(sink.json("backup:visits#7").get("columns").get("note").asText())
          .isEqualTo("first");
      assertThat(sink.quarantined).hasSize(1);
      Quarantined again = sink.quarantined.get(0);
      assertThat(again.reason())
          .startsWith("Cannot tell row of table visits apart")
          .contains("same ref backup:visits#7")
          .contains("no primary key for visits")
          .contains("keyed by customer_id");
      assertThat(again.excerpt())
          .isEqualTo(
              "{\"table\":\"visits\",\"columns\":"
                  + "{\"customer_id\":\"7\",\"day\":\"2026-01-02\",\"note\":\"again\"}}");
    }
  }

  private static Map<String, String> jsonByRef(CollectingSink sink) {
    Map<String, String> json = new LinkedHashMap<>();
    for (RawRecord record : sink.records) {
      assertThat(json.put(record.ref(), record.json())).as(record.ref()).isNull();
    }
    return json;
  }
}
