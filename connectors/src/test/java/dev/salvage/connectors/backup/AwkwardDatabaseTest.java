package dev.salvage.connectors.backup;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Tests against a throwaway database holding {@link AwkwardSchema}, created once per test class,
 * with the rows PostgreSQL itself gives for it.
 */
abstract class AwkwardDatabaseTest {
  static TestDatabase database;
  static Map<String, List<String>> expected;

  @BeforeAll
  static void createDatabase() throws Exception {
    database = TestDatabase.create();
    AwkwardSchema.load(database);
    expected = AwkwardSchema.expected(database);
  }

  @AfterAll
  static void dropDatabase() throws Exception {
    if (database != null) {
      database.close();
      database = null;
    }
  }
}
