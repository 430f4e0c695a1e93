package dev.salvage.mappings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class LinkingSettingsTest {
  static final String MODEL =
      """
      entities:
        reservation:
          keys: [reference]
          require_keys: [reference]
          fields:
            reference: text
            customer_email: email
            total_cents: integer
            customer_backup_id: text
          linking:
            %s
      """;

  static EntityModel parse(String linking) throws MappingException {
    return EntityModel.parse(MODEL.formatted(linking), "entities.yaml");
  }

  @Test
  void readsThresholdsCompareFieldsAndBlockingRules() throws MappingException {
    LinkingSettings settings =
        parse(
                "{link: 9.5, review: 4, ambiguity: 1, max_block: 50,"
                    + " block: [customer_email, total_cents+first_seen]}")
            .linking("reservation");
    assertThat(settings.link()).isEqualTo(9.5);
    assertThat(settings.review()).isEqualTo(4);
    assertThat(settings.ambiguity()).isEqualTo(1);
    assertThat(settings.maxBlock()).isEqualTo(50);
    assertThat(settings.block())
        .containsExactly(List.of("customer_email"), List.of("total_cents", "first_seen"));
    // by default: the non-key fields except ids, and the time of the first evidence
    assertThat(settings.compare()).containsExactly("customer_email", "total_cents", "first_seen");
  }

  @Test
  void aProfileHoldsTheComparedFieldsThenThoseOnlyBlockedOn() throws MappingException {
    LinkingSettings settings =
        parse(
                "{compare: [customer_email, total_cents],"
                    + " block: [customer_email, total_cents+first_seen]}")
            .linking("reservation");
    assertThat(settings.compare()).containsExactly("customer_email", "total_cents");
    // first_seen is blocked on, not compared: the profile carries it for its blocking key
    assertThat(settings.profiled()).containsExactly("customer_email", "total_cents", "first_seen");
  }

  @Test
  void readsTheFieldsANewEntityNeedsAndRejectsUnknownOnes() throws MappingException {
    assertThat(
            parse("{block: [customer_email], new_entity: [customer_email, total_cents]}")
                .linking("reservation")
                .newEntity())
        .containsExactly("customer_email", "total_cents");
    assertThat(parse("{block: [customer_email]}").linking("reservation").newEntity()).isEmpty();
    assertThatThrownBy(() -> parse("{block: [customer_email], new_entity: [vehicle]}"))
        .isInstanceOf(MappingException.class)
        .hasMessageContaining("entity reservation linking")
        .hasMessageContaining("\"vehicle\" is not a field of the entity");
  }

  @Test
  void typesWithoutLinkingSectionHaveNone() throws MappingException {
    EntityModel model =
        EntityModel.parse("entities:\n  customer:\n    fields: {email: email}\n", "entities.yaml");
    assertThat(model.linking("customer")).isNull();
  }

  @Test
  void mistakesAreErrorsNamingTheEntityAndSetting() {
    assertThatThrownBy(() -> parse("{link: 3, review: 5, block: [customer_email]}"))
        .isInstanceOf(MappingException.class)
        .hasMessageContaining("entity reservation linking")
        .hasMessageContaining("review: must not be above link");
    assertThatThrownBy(() -> parse("{link: 8, block: [customer_name]}"))
        .isInstanceOf(MappingException.class)
        .hasMessageContaining("\"customer_name\" is not a field of the entity");
    assertThatThrownBy(() -> parse("{link: high, block: [customer_email]}"))
        .isInstanceOf(MappingException.class)
        .hasMessageContaining("\"high\" is not a number");
    assertThatThrownBy(() -> parse("{link: 8}"))
        .isInstanceOf(MappingException.class)
        .hasMessageContaining("declares no blocking rule");
  }
}
