package dev.salvage.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salvage.pipeline.bundle.JsonlFile;
import dev.salvage.pipeline.bundle.ReconstructedRecord;
import dev.salvage.pipeline.bundle.RunLayout;
import dev.salvage.pipeline.reconcile.SourceDisagreements;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

  @Test
  void advisesNamingTheMemberWhenAPathEndsAtAnObject() {
    String reason =
        "Cannot map stripe.checkout.session stripe:cs_3: rule session field customer_name:"
            + " \"customer_details\" is not a value but a JSON object (its members: address,"
            + " email, name) with no id to stand for it: name the member to read, as"
            + " customer_details.email (or a regex to read from its JSON text)";
    Matcher failed = failedValue(reason);

    assertThat(failed.group(1)).isEqualTo("session");
    assertThat(failed.group(2)).isEqualTo("customer_name");
    MisfitFields.Misfit misfit =
        new MisfitFields.Misfit(
            "stripe",
            "mappings/stripe.yaml",
            "session",
            "customer_name",
            6,
            6,
            List.of(failed.group(3)),
            failed.group(3) + " " + failed.group(4));
    assertThat(misfit.said())
        .startsWith(
            "MAPPING ERROR: Source stripe, mappings/stripe.yaml, rule session, field"
                + " customer_name: 6 of the 6 record(s) the rule matched failed on it"
                + " (\"customer_details\"): \"customer_details\" is not a value but a JSON object")
        .contains("name the member to read, one of those listed above");
  }

  private static Matcher failedValue(String reason) {
    Matcher matcher = MisfitFields.FAILED_VALUE.matcher(reason);
    assertThat(matcher.find()).as(reason).isTrue();
    return matcher;
  }

  private static Map<String, Long> counts(
      String field, long shared, long differ, String kind, long following) {
    SourceDisagreements.Pair pair =
        new SourceDisagreements.Pair(
            "reservation", field, "mail:booking_changed", "stripe:payment");
    Map<String, Long> counters = new TreeMap<>();
    counters.put(pair.counter(SourceDisagreements.SHARED), shared);
    counters.put(pair.counter(SourceDisagreements.DIFFER), differ);
    if (kind != null) {
      counters.put(pair.counter(kind), following);
    }
    return counters;
  }

  @Test
  void sourcesThatDifferOnEveryRecordWithoutAPatternAreRealChangesNotAMappingError(
      @TempDir Path dir) throws Exception {
    JsonlFile<ReconstructedRecord> records = RunLayout.of(dir).records();
    Map<String, String> mappings = Map.of("mail", "mail.yaml");

    // a booking changed after its payment: 56 totals that differ, no two the same way
    assertThat(
            MisfitFields.disagreements(counts("total_cents", 56, 56, null, 0), records, mappings))
        .isEmpty();
    // a status cancelled after the payment
    assertThat(MisfitFields.disagreements(counts("status", 41, 41, null, 0), records, mappings))
        .isEmpty();
    // the same count of differences, each the value times 100: cents against units
    assertThat(
            MisfitFields.disagreements(
                counts("total_cents", 56, 56, SourceDisagreements.Pattern.TIMES_100.kind(), 56),
                records,
                mappings))
        .hasSize(1);
  }
}
