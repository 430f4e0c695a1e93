package dev.salvage.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salvage.mappings.Business;
import dev.salvage.mappings.EntityModel;
import dev.salvage.mappings.SourceMapping;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class UnmappedFieldsTest {
  private static final String MODEL =
      """
      entities:
        customer:
          keys: [email]
          fields: {email: email, full_name: text}
        charter:
          keys: [reference]
          fields:
            reference: text
            customer_email: email
            skipper_name: text
            nights: integer
            days: integer
            boat: text
          derive:
            - field: days
              value: 1
              when:
                - {field: nights, exists: true}
          resolve:
            customer_email: {entity: customer, by: {customer_email: email}, take: email}
        invoice:
          keys: [number]
          fields: {number: text}
      """;

  private static final String MAIL =
      """
      rules:
        - name: confirmation
          kind: email.message
          observed_at: {path: date, type: datetime}
          emit:
            - entity: charter
              fields:
                reference: {path: subject, required: true}
                nights: {path: subject, regex: '(\\\\d+) nights', type: integer}
            - entity: customer
              fields:
                email: {path: from.address, type: email}
                full_name: {path: from.name}
      """;

  private static final String BACKUP =
      """
      rules:
        - name: charters
          kind: backup.row
          when:
            - {path: _table, equals: charters}
          observed_at: {path: updated_at, type: datetime}
          emit:
            - entity: charter
              fields:
                reference: {path: ref, required: true}
                boat: {path: boat}
      """;

  @Test
  void namesTheFieldsNoRuleResolveOrDeriveGivesAValueAndTheEntitiesNoRuleEmits() throws Exception {
    EntityModel model = EntityModel.parse(MODEL, "entities.yaml");
    Business business = new Business("test", ZoneId.of("UTC"), null);

    List<String> lines =
        FieldNotes.unmappedFields(
            model,
            List.of(
                SourceMapping.parse(MAIL, "mail.yaml", model, business),
                SourceMapping.parse(BACKUP, "backup.yaml", model, business)));

    assertThat(lines)
        .containsExactly(
            "Entity charter (entities.yaml): no rule of any source's mapping, no resolve: and no"
                + " derive: gives a value to skipper_name: every record leaves it empty; map it in"
                + " a source's rule (a field name misspelt there?), or drop it from the entity"
                + " model",
            "Entity invoice (entities.yaml): no rule of any source's mapping emits it, so no"
                + " record of it can come out but the backup's carried rows; map a source to it,"
                + " or drop it from the entity model");
  }
}
