package dev.salvage.mappings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Dutch bike shop's edits, read as its mappings read the evidence: rentals priced in cents that
 * the mail states in euros, deposits in a money field whose mapping fixes the currency.
 */
class EditReaderTest {
  private static final String ENTITIES =
      """
      entities:
        rental:
          keys: [number]
          fields:
            number: upper
            price_cents: integer
            deposit: money
            days: integer
      """;
  private static final String MAIL =
      """
      rules:
        - name: confirmation
          kind: mail
          observed_at: {path: date}
          emit:
            - entity: rental
              fields:
                number: {path: subject}
                price_cents: {path: text, regex: 'Huurprijs: (.+)', type: money}
                deposit: {path: text, regex: 'Borg: (.+)', currency: EUR}
                days: {path: text, regex: 'Dagen: (.+)'}
      """;
  private static final String CONFIG =
      """
      business: {name: De Spaak, timezone: Europe/Amsterdam, phone_region: NL}
      entities: entities.yaml
      sources:
        - name: mail
          type: mbox
          path: mail.mbox
          mapping: mail.yaml
      """;

  @TempDir Path dir;
  private EditReader reader;

  @BeforeEach
  void load() throws IOException, MappingException {
    Files.writeString(dir.resolve("entities.yaml"), ENTITIES);
    Files.writeString(dir.resolve("mail.yaml"), MAIL);
    Files.writeString(dir.resolve("mail.mbox"), "");
    reader =
        EditReader.of(
            RunConfig.load(Files.writeString(dir.resolve("salvage.yaml"), CONFIG)), "the config");
  }

  private String stored(String field, FieldType type, String typed) throws ValueException {
    return reader.read("rental", field, type, typed).value();
  }

  private String refusal(String field, FieldType type, String typed) {
    return catchThrowableOfType(
            () -> reader.read("rental", field, type, typed), ValueException.class)
        .getMessage();
  }

  @Test
  void aTimeReadInAZoneAtUtcNamesItsOffsetAsPlusZeroNotZ() throws Exception {
    // Lisbon's winter offset is UTC's: "Europe/Lisbon (Z)" read as if the zone were UTC itself
    EditReader lisbon =
        EditReader.of(
            RunConfig.load(
                Files.writeString(
                    dir.resolve("lisbon.yaml"),
                    CONFIG.replace("Europe/Amsterdam", "Europe/Lisbon"))),
            "the config");

    assertThat(lisbon.read("rental", "number", FieldType.DATETIME, "2026-12-01 00:00").note())
        .isEqualTo(
            "\"2026-12-01 00:00\" read in Europe/Lisbon (+00:00): stored as 2026-12-01T00:00:00Z");
    assertThat(
            catchThrowableOfType(
                    () -> lisbon.read("rental", "number", FieldType.DATETIME, "2026-10-25 01:30"),
                    ValueException.class)
                .getMessage())
        .contains("2026-10-25T01:30:00Z (+00:00)", "e.g. 2026-10-25T01:30+01:00")
        .doesNotContain("(Z)");
  }

  @Test
  void anIntegerFieldTheMappingsReadAsMoneyTakesAnAmountAndOthersDoNot() throws Exception {
    assertThat(stored("price_cents", FieldType.INTEGER, "€ 72,50")).isEqualTo("7250");
    assertThat(stored("price_cents", FieldType.INTEGER, "7250")).isEqualTo("7250");
    assertThat(refusal("days", FieldType.INTEGER, "2,5")).isEqualTo("\"2,5\" is not an integer");
  }

  @Test
  void anAmountNamingAnotherCurrencyThanTheMappingsFixIsRefused() throws Exception {
    assertThat(reader.read("rental", "deposit", FieldType.MONEY, "50,00").note())
        .isEqualTo("\"50,00\" is 50.00 EUR: stored as 5000 (minor units)");
    assertThat(stored("deposit", FieldType.MONEY, "EUR 50")).isEqualTo("5000");
    assertThat(refusal("deposit", FieldType.MONEY, "$50.00"))
        .isEqualTo("\"$50.00\" is an amount in USD; the field holds EUR");
  }

  @Test
  void aPhoneTooShortToBeInUseIsRefusedThoughAMappingWouldKeepIt() throws Exception {
    assertThat(new PhoneValue("NL").canonical("+31 6 1234", null)).isEqualTo("+3161234");
    assertThat(refusal("phone", FieldType.PHONE, "+31 6 1234"))
        .isEqualTo(
            "\"+31 6 1234\" is not a valid NL number: too short for a mobile number (06 12345678)");
    assertThat(stored("phone", FieldType.PHONE, "06 1234 5678")).isEqualTo("+31612345678");
  }
}
