package dev.salvage.samples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class StripePagesTest {
  private static Path stripe;
  private static Path truth;

  @BeforeAll
  static void generate() {
    Path scenario = Scenarios.generated(Scenarios.small());
    stripe = scenario.resolve("stripe");
    truth = scenario.resolve("truth");
  }

  /** Every object of a list, in page order, checking the pages' links on the way. */
  private static List<JsonNode> objects(String name) throws Exception {
    List<Path> pages = Scenarios.files(stripe, name + "-*.json");
    assertThat(pages).isNotEmpty();
    List<JsonNode> objects = new ArrayList<>();
    for (int i = 0; i < pages.size(); i++) {
      assertThat(pages.get(i).getFileName())
          .hasToString(String.format("%s-%04d.json", name, i + 1));
      JsonNode page = Scenarios.json(pages.get(i));
      assertThat(page.get("object").asText()).isEqualTo("list");
      assertThat(page.get("url").asText()).isEqualTo("/v1/" + name);
      assertThat(page.get("has_more").asBoolean()).isEqualTo(i < pages.size() - 1);
      assertThat(page.get("data").size()).isBetween(i < pages.size() - 1 ? 100 : 0, 100);
      page.get("data").forEach(objects::add);
    }
    return objects;
  }

  @Test
  void listsAreNewestFirstWithUniqueIdsOfTheirType() throws Exception {
    Map<String, String> prefixes =
        Map.of("customers", "cus_", "payment_intents", "pi_", "charges", "ch_", "refunds", "re_");
    Map<String, String> types =
        Map.of(
            "customers", "customer",
            "payment_intents", "payment_intent",
            "charges", "charge",
            "refunds", "refund");
    for (String name : prefixes.keySet()) {
      List<JsonNode> objects = objects(name);
      Set<String> ids = new HashSet<>();
      long previous = Long.MAX_VALUE;
      for (JsonNode object : objects) {
        assertThat(object.get("object").asText()).isEqualTo(types.get(name));
        assertThat(object.get("id").asText()).startsWith(prefixes.get(name));
        assertThat(ids.add(object.get("id").asText())).isTrue();
        assertThat(object.get("created").asLong()).isLessThanOrEqualTo(previous);
        if (!name.equals("refunds")) {
          assertThat(object.get("livemode").asBoolean()).isFalse();
        }
        previous = object.get("created").asLong();
      }
    }
  }

  @Test
  void paymentsHangTogetherAndMatchTheTruth() throws Exception {
    Map<String, JsonNode> intents = new HashMap<>();
    for (JsonNode intent : objects("payment_intents")) {
      intents.put(intent.get("id").asText(), intent);
      assertThat(intent.get("status").asText()).isEqualTo("succeeded");
      assertThat(intent.get("currency").asText()).isEqualTo("eur");
    }
    Set<String> customers = new HashSet<>();
    objects("customers").forEach(c -> customers.add(c.get("id").asText()));
    Map<String, JsonNode> charges = new HashMap<>();
    for (JsonNode charge : objects("charges")) {
      charges.put(charge.get("id").asText(), charge);
      JsonNode intent = intents.get(charge.get("payment_intent").asText());
      assertThat(intent).isNotNull();
      assertThat(intent.get("latest_charge").asText()).isEqualTo(charge.get("id").asText());
      assertThat(charge.get("amount").asInt()).isEqualTo(intent.get("amount").asInt());
      assertThat(customers).contains(charge.get("customer").asText());
      assertThat(charge.get("billing_details").has("address")).isTrue();
      assertThat(charge.get("payment_method_details").get("card").get("last4").asText()).hasSize(4);
      assertThat(charge.get("refunded").asBoolean())
          .isEqualTo(charge.get("amount_refunded").asInt() == charge.get("amount").asInt());
    }
    Map<String, Integer> refunded = new HashMap<>();
    for (JsonNode refund : objects("refunds")) {
      JsonNode charge = charges.get(refund.get("charge").asText());
      assertThat(charge).isNotNull();
      assertThat(refund.get("payment_intent").asText())
          .isEqualTo(charge.get("payment_intent").asText());
      refunded.merge(charge.get("id").asText(), refund.get("amount").asInt(), Integer::sum);
    }
    for (JsonNode charge : charges.values()) {
      assertThat(charge.get("amount_refunded").asInt())
          .isEqualTo(refunded.getOrDefault(charge.get("id").asText(), 0));
    }
    int cardPaid = 0;
    for (JsonNode reservation : Scenarios.jsonLines(truth.resolve("reservations.jsonl"))) {
      JsonNode pi = reservation.get("stripe_payment_intent_id");
      if (!pi.isNull()) {
        cardPaid++;
        assertThat(intents).containsKey(pi.asText());
      }
    }
    assertThat(intents).hasSize(cardPaid);
  }

  @Test
  void customersCarryTheAppIdAndTheAppsCurrentDetails() throws Exception {
    Map<String, JsonNode> truthById = new HashMap<>();
    for (JsonNode customer : Scenarios.jsonLines(truth.resolve("customers.jsonl"))) {
      truthById.put(customer.get("id").asText(), customer);
    }
    for (JsonNode customer : objects("customers")) {
      JsonNode app = truthById.get(customer.get("metadata").get("app_customer_id").asText());
      assertThat(app.get("stripe_customer_id").asText()).isEqualTo(customer.get("id").asText());
      assertThat(customer.get("email").asText()).isEqualTo(app.get("email").asText());
      assertThat(customer.get("phone").asText()).isEqualTo(app.get("phone").asText());
      assertThat(customer.get("name").asText()).isEqualTo(app.get("full_name").asText());
    }
  }

  @Test
  void aboutTheConfiguredShareOfPaymentsCarriesTheReference() throws Exception {
    List<JsonNode> intents = objects("payment_intents");
    long withReference =
        intents.stream()
            .filter(
                i ->
                    i.get("metadata").has("booking_ref")
                        || i.get("description").asText().matches(".*RW-[0-9A-Z]{6}.*"))
            .count();
    double share = (double) withReference / intents.size();
    assertThat(share).isBetween(0.6, 0.8);
  }
}
