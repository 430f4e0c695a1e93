package dev.salvage.connectors.backup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salvage.connectors.CollectingSink;
import dev.salvage.connectors.RawRecord;
import dev.salvage.connectors.SourceReaders;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A table without a primary key but with a unique index or constraint over NOT NULL columns is
 * keyed by it: Prisma's implicit many-to-many table before Prisma 6 ({@code "_StudentToTeacher"}
 * with {@code "_StudentToTeacher_AB_unique"}), a UNIQUE constraint. Indexes that cannot tell rows
 * apart by their columns (over a column that may be NULL, partial, on an expression) are not keys.
 * Dumped by the real pg_dump in every format and read over JDBC: the same refs either way.
 */
class BackupUniqueKeysTest {
  private static TestDatabase database;

  @TempDir Path dir;

  @BeforeAll
  static void createTables() throws Exception {
    database = TestDatabase.create();
    database.execute(
        """
        CREATE TABLE "_StudentToTeacher" ("A" TEXT NOT NULL, "B" TEXT NOT NULL);
        CREATE UNIQUE INDEX "_StudentToTeacher_AB_unique" ON "_StudentToTeacher"("A", "B");
        CREATE INDEX "_StudentToTeacher_B_index" ON "_StudentToTeacher"("B");
        INSERT INTO "_StudentToTeacher" VALUES ('s1', 't1'), ('s1', 't2'), ('s2', 't1');

        CREATE TABLE enrolments (student text NOT NULL, course text NOT NULL, term text NOT NULL,
          seat integer NOT NULL, CONSTRAINT enrolments_seat_key UNIQUE (course, term, seat),
          CONSTRAINT enrolments_once UNIQUE (student, course, term));
        CREATE UNIQUE INDEX enrolments_z_wide ON enrolments (student, course, term, seat);
        INSERT INTO enrolments VALUES ('s1', 'piano', '2026S', 1), ('s1', 'violin', '2026S', 1),
          ('s2', 'piano', '2026S', 2);

        CREATE TABLE lockers (student text, locker text NOT NULL, code text NOT NULL,
          label text NOT NULL, active boolean NOT NULL);
        CREATE UNIQUE INDEX lockers_student ON lockers (student);
        CREATE UNIQUE INDEX lockers_active ON lockers (locker) WHERE active;
        CREATE UNIQUE INDEX lockers_code ON lockers (lower(code));
        CREATE UNIQUE INDEX lockers_label_incl ON lockers (label) INCLUDE (locker);
        INSERT INTO lockers VALUES (NULL, 'L1', 'a', 'x', true), (NULL, 'L1', 'b', 'y', false);
        """);
  }

  @AfterAll
  static void dropDatabase() throws Exception {
    if (database != null) {
      database.close();
    }
  }

  private CollectingSink dump(String name, String... arguments) throws Exception {
    return CollectingSink.read(new PgDumpReader(), database.dump(dir.resolve(name), arguments));
  }

  private static CollectingSink jdbc() throws Exception {
    return CollectingSink.readAll(
        SourceReaders.open(
            "test",
            "jdbc",
            null,
            Map.of(
                "url", database.url,
                "user", database.user,
                "password_env", TestDatabase.PASSWORD_ENV)));
  }

  @Test
  void everyRowOfALinkTableKeyedByItsUniqueIndexIsReadFromEveryDumpAndTheDatabase()
      throws Exception {
    for (CollectingSink sink :
        List.of(
            dump("copy.sql"),
            dump("inserts.sql", "--inserts"),
            dump("column-inserts.sql", "--column-inserts", "--rows-per-insert=2"),
            jdbc())) {
      assertThat(sink.quarantined).isEmpty();
      assertThat(sink.refs())
          .filteredOn(ref -> ref.startsWith("backup:_StudentToTeacher#"))
          .containsExactlyInAnyOrder(
              "backup:_StudentToTeacher#s1,t1",
              "backup:_StudentToTeacher#s1,t2",
              "backup:_StudentToTeacher#s2,t1");
      // of several unique keys the one with the fewest columns, then the first by name:
      // enrolments_once (student, course, term) before enrolments_seat_key and the wider index
      assertThat(sink.refs())
          .filteredOn(ref -> ref.startsWith("backup:enrolments#"))
          .containsExactlyInAnyOrder(
              "backup:enrolments#s1,piano,2026S",
              "backup:enrolments#s1,violin,2026S",
              "backup:enrolments#s2,piano,2026S");
    }
  }

  @Test
  void indexesThatCannotTellRowsApartByTheirColumnsAreNotKeys() throws Exception {
    // a nullable column, a partial index, an expression; label's index would do, so it is the
    // key, without the column its index only INCLUDEs
    for (CollectingSink sink : List.of(dump("copy.sql"), jdbc())) {
      assertThat(sink.refs())
          .filteredOn(ref -> ref.startsWith("backup:lockers#"))
          .containsExactlyInAnyOrder("backup:lockers#x", "backup:lockers#y");
    }
  }

  @Test
  void theDumpAndTheDatabaseGiveTheSameRecords() throws Exception {
    assertThat(byRef(jdbc())).isEqualTo(byRef(dump("copy.sql")));
  }

  private static Map<String, String> byRef(CollectingSink sink) {
    Map<String, String> json = new TreeMap<>();
    for (RawRecord record : sink.records) {
      assertThat(json.put(record.ref(), record.json())).as(record.ref()).isNull();
    }
    return json;
  }
}
