package dev.salvage.pipeline.importer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salvage.pipeline.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A throwaway PostgreSQL target loaded with a schema, with a run directory and a target mapping
 * beside it, and the import commands over them: what the import test classes of one table set up
 * alike.
 */
final class PostgresImport implements AutoCloseable {
  final TestDatabase db;
  final Path run;
  final Path mapping;
  private final Path passwordFile;

  private PostgresImport(TestDatabase db, Path run, Path mapping, Path passwordFile) {
    this.db = db;
    this.run = run;
    this.mapping = mapping;
    this.passwordFile = passwordFile;
  }

  /** A new database holding {@code schema}, the run at {@code temp/run}, the mapping written. */
  static PostgresImport create(Path temp, String schema, String mapping) throws Exception {
    TestDatabase db = TestDatabase.create();
    try {
      db.execute(schema);
      return new PostgresImport(
          db,
          temp.resolve("run"),
          Files.writeString(temp.resolve("target.yaml"), mapping),
          Files.writeString(temp.resolve("password"), db.password + "\n"));
    } catch (Exception | Error e) {
      db.close();
      throw e;
    }
  }

  CliRun salvageImport(String command, String... options) {
    return CliRun.of(importArguments(command, options).toArray(String[]::new));
  }

  /** The command line of {@code salvage import COMMAND}, for a test running it as a process. */
  List<String> importArguments(String command, String... options) {
    List<String> args = new ArrayList<>(List.of("import", command, "--run", run.toString()));
    args.addAll(db.targetOptions(passwordFile));
    args.addAll(List.of(options));
    return args;
  }

  /** {@code salvage import COMMAND} as another role of the database, with its password file. */
  CliRun salvageImportAs(String role, Path rolePassword, String command, String... options) {
    List<String> args = new ArrayList<>(List.of("import", command, "--run", run.toString()));
    args.addAll(
        List.of("--target", db.url, "--user", role, "--password-file", rolePassword.toString()));
    args.addAll(List.of(options));
    return CliRun.of(args.toArray(String[]::new));
  }

  CliRun plan() {
    return salvageImport("plan", "--mapping", mapping.toString());
  }

  /** {@code salvage import apply} of the plan written last, however it ends. */
  CliRun applyLastPlan() throws java.io.IOException {
    return salvageImport(
        "apply", "--plan-digest", ImportPlan.read(run.resolve("import/plan.json")).digest());
  }

  /** Applies the plan written last, which must succeed. */
  void apply() throws Exception {
    CliRun applied = applyLastPlan();
    assertThat(applied.exitCode()).as(applied.err()).isZero();
  }

  @Override
  public void close() throws Exception {
    db.close();
  }

  /**
   * Gives each test method that takes a {@link PostgresImport} a new one holding {@code schema},
   * with {@code mapping}, dropped (and its directory removed) when the test ends: the setup the
   * import test classes of one schema share, {@code @RegisterExtension static final
   * PostgresImport.PerTest TARGETS = new PostgresImport.PerTest(SCHEMA, MAPPING);}.
   */
  static final class PerTest implements ParameterResolver {
    private final String schema;
    private final String mapping;

    PerTest(String schema, String mapping) {
      this.schema = schema;
      this.mapping = mapping;
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
      return parameter.getParameter().getType() == PostgresImport.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
      try {
        Path temp = Files.createTempDirectory("salvage-import-test");
        PostgresImport target = create(temp, schema, mapping);
        context
            .getStore(ExtensionContext.Namespace.create(PerTest.class, context.getUniqueId()))
            .put(
                "target",
                (ExtensionContext.Store.CloseableResource)
                    () -> {
                      target.close();
                      try (Stream<Path> files = Files.walk(temp)) {
                        for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                          Files.delete(file);
                        }
                      }
                    });
        return target;
      } catch (Exception e) {
        throw new IllegalStateException("Cannot create the test's PostgreSQL target", e);
      }
    }
  }
}
