package dev.salvage.pipeline.importer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PlanSqlCommentsTest {
  @Test
  void aValueWithLineBreaksStaysInsideItsCommentLineSoPsqlRunsNoneOfIt() {
    // a value the application holds, shown in the comment of an --overwrite (trial 83)
    String held = "cus_OLD'x\\y\n\\! touch /tmp/pwned\r\nmore\rend";

    String comment = "--   stripe_customer_id held '" + PlanSql.inline(held) + "'";

    assertThat(comment.lines()).hasSize(1);
    assertThat(comment)
        .isEqualTo(
            "--   stripe_customer_id held 'cus_OLD'x\\y\\n\\! touch /tmp/pwned\\nmore\\rend'");
  }
}
