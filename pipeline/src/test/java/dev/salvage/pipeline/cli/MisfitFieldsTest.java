package dev.salvage.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What the MAPPING ERROR line advises for a field whose type fits none of its values. */
class MisfitFieldsTest {
  @Test
  void advisesTypeMoneyForAmountsWithDecimalsReadAsAnInteger() {
    MisfitFields.Misfit fee =
        new MisfitFields.Misfit(
            "mail",
            "mappings/mail.yaml",
            "lease_confirmed",
            "fee_pence",
            20,
            20,
            List.of("\"62.50\"", "\"45.00\""),
            "\"62.50\" is not an integer");

    assertThat(fee.said())
        .startsWith(
            "MAPPING ERROR: Source mail, mappings/mail.yaml, rule lease_confirmed, field"
                + " fee_pence: 20 of the 20 record(s)")
        .contains("declare the field type: money")
        .contains("Do not declare unreadable: leave_out");
    assertThat(fee.notRead().partition()).isEqualTo("(rule lease_confirmed, field fee_pence)");
  }

  @Test
  void advisesTheTypeAndRegexWhenTheValuesAreNotAmounts() {
    MisfitFields.Misfit phone =
        new MisfitFields.Misfit(
            "crm",
            "mappings/crm.yaml",
            "contact",
            "phone",
            8,
            9,
            List.of("\"call after 6\""),
            "\"call after 6\" is not a phone number");

    assertThat(phone.said())
        .contains("check the field's type, and the regex that picks the value")
        .doesNotContain("money");
  }
}
