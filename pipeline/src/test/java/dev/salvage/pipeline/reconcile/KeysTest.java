package dev.salvage.pipeline.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salvage.pipeline.values.LinkKeys;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KeysTest {
  private static final LinkKeys LINK_KEYS = new LinkKeys(Map.of("customer", Set.of("email")));

  @Test
  void anotherSpellingOfTheRecordsMailboxContradictsNothing() {
    var keys = Keys.sets(Map.of("email", List.of("anna.mueller@gmail.com")));

    assertThat(
            Keys.contradicting(
                LINK_KEYS,
                "customer",
                keys,
                Map.of("email", List.of("annamueller@googlemail.com"))))
        .isNull();
    assertThat(
            Keys.contradicting(
                LINK_KEYS,
                "customer",
                keys,
                Map.of("email", List.of("anna.mueller+ski@gmail.com"))))
        .isNull();
  }

  @Test
  void anotherMailboxOrAnotherKeyValueContradicts() {
    var keys =
        Keys.sets(Map.of("email", List.of("m.garcia@gmx.de"), "phone", List.of("+4915100000001")));

    assertThat(
            Keys.contradicting(
                LINK_KEYS, "customer", keys, Map.of("email", List.of("mgarcia@gmx.de"))))
        .isEqualTo("email");
    // only email keys compare by mailbox
    assertThat(
            Keys.contradicting(
                LINK_KEYS,
                "lead",
                Keys.sets(Map.of("email", List.of("a@gmx.de"))),
                Map.of("email", List.of("a+x@gmx.de"))))
        .isEqualTo("email");
    assertThat(
            Keys.contradicting(
                LINK_KEYS, "customer", keys, Map.of("phone", List.of("+4915100000002"))))
        .isEqualTo("phone");
  }
}
