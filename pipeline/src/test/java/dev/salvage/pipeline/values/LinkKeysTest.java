package dev.salvage.pipeline.values;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salvage.mappings.EntityModel;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LinkKeysTest {
  private static final String MODEL =
      """
      entities:
        customer:
          keys: [email, phone, backup_id]
          fields:
            backup_id: text
            email: email
            phone: phone
        booking:
          keys: [reference]
          fields:
            reference: text
            customer_email: email
      """;

  @Test
  void anEmailKeyLinksByItsMailboxAndEveryOtherKeyByItsValue() throws Exception {
    LinkKeys keys = LinkKeys.of(EntityModel.parse(MODEL, "entities.yaml"));

    assertThat(keys.mailboxKeys()).isEqualTo(Map.of("customer", Set.of("email")));
    assertThat(keys.value("customer", "email", "annamueller@googlemail.com"))
        .isEqualTo(keys.value("customer", "email", "anna.mueller+ski@gmail.com"))
        .isEqualTo("annamueller@gmail.com");
    assertThat(keys.value("customer", "email", "anna+ski@gmx.de")).isEqualTo("anna@gmx.de");
    assertThat(keys.value("customer", "email", "m.garcia@gmx.de")).isEqualTo("m.garcia@gmx.de");
    assertThat(keys.value("customer", "backup_id", "a.b+1@gmail.com")).isEqualTo("a.b+1@gmail.com");
    assertThat(keys.value("booking", "reference", "a.b+1@gmail.com")).isEqualTo("a.b+1@gmail.com");
  }

  @Test
  void twoSpellingsOfOneMailboxAreOneLinkingValue() throws Exception {
    LinkKeys keys = LinkKeys.of(EntityModel.parse(MODEL, "entities.yaml"));

    assertThat(
            keys.values(
                "customer",
                Map.of(
                    "email",
                    List.of("anna.mueller@gmail.com", "annamueller@googlemail.com"),
                    "phone",
                    List.of("+4915100000001"))))
        .isEqualTo(
            Map.of("email", Set.of("annamueller@gmail.com"), "phone", Set.of("+4915100000001")));
  }
}
