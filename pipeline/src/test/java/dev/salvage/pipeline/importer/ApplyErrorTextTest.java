package dev.salvage.pipeline.importer;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/**
 * What apply prints of a refused batch: the server's message and SQLState, never the driver's text
 * of the batch's statement, which holds every bound value.
 */
class ApplyErrorTextTest {
  @Test
  void aRefusedBatchIsSaidByTheServersMessageWithoutTheStatementOrItsValues() {
    // as pgjdbc reports a batch whose first statement the server refused
    BatchUpdateException batch =
        new BatchUpdateException(
            "Batch entry 0 INSERT INTO salvage_import_log (run_id, after_value) VALUES"
                + " ('run', '{\"email\":\"soren.gross55@example.com\"}') was aborted: ERROR:"
                + " permission denied for table salvage_import_log  Call getNextException to see"
                + " other errors in the batch.",
            "42501",
            new int[0]);
    batch.setNextException(
        new SQLException("ERROR: permission denied for table salvage_import_log", "42501"));

    assertThat(Applier.said(batch))
        .isEqualTo("ERROR: permission denied for table salvage_import_log (SQLState 42501)");
  }

  @Test
  void aBatchWithoutTheServersErrorLosesTheStatementTextAndKeepsTheMessage() {
    BatchUpdateException batch =
        new BatchUpdateException(
            "Batch entry 3 UPDATE \"camp\".\"stay\" SET \"guest\" = 'Ana Lopes' WHERE \"id\" = 7"
                + " was aborted: ERROR: value too long for type character varying(5)\n"
                + "  Where: SQL function\n  Call getNextException to see other errors in the"
                + " batch.",
            "22001",
            new int[0]);

    assertThat(Applier.said(batch))
        .isEqualTo(
            "ERROR: value too long for type character varying(5) (SQLState 22001)\n"
                + "  Where: SQL function")
        .doesNotContain("Ana Lopes");
  }
}
