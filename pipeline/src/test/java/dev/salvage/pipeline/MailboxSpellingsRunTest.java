package dev.salvage.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.salvage.pipeline.bundle.Json;
import dev.salvage.pipeline.cli.SalvageCli;
import dev.salvage.samples.ScenarioGenerator;
import dev.salvage.samples.ScenarioParams;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One mailbox spelt two ways makes one customer: a generated business whose Stripe customers (with
 * no application id and no phone, so the address is all that ties them to the application's
 * customer) spell two customers' addresses otherwise than the mails, the calendar and the backup do
 * ({@code googlemail.com} for {@code gmail.com}, the Gmail dots left out, a {@code +tag},
 * capitals), one of them in the backup and one new since; and two different people whose GMX
 * addresses differ only by a dot. Run through the CLI on embedded Flink.
 */
class MailboxSpellingsRunTest {
  @TempDir static Path dir;
  static Path run;

  /** Truth customer id to the address everything but Stripe writes, and Stripe's spelling. */
  static final Map<String, String[]> SPELT = new LinkedHashMap<>();

  /** Two people whose GMX addresses differ by a dot: GMX keeps dots, so two mailboxes. */
  static final List<String> TWO_PEOPLE = new ArrayList<>();

  static final Map<String, String> STRIPE_IDS = new LinkedHashMap<>();

  @BeforeAll
  static void runRespeltBusiness() throws Exception {
    Path scenario = dir.resolve("scenario");
    ScenarioGenerator.generate(
        ScenarioParams.defaults().withSeed(7).withReservations(60), scenario);
    Map<String, String> oldAddresses = new LinkedHashMap<>();
    String inBackup = null;
    String newSince = null;
    List<String> others = new ArrayList<>();
    for (String line : Files.readAllLines(scenario.resolve("truth/customers.jsonl"))) {
      JsonNode customer = Json.MAPPER.readTree(line);
      boolean candidate =
          customer.path("recoverable").asBoolean()
              && customer.path("past_emails").isEmpty()
              && customer.path("evidence").toString().contains("\"mail\"")
              && customer.path("evidence").toString().contains("\"stripe\"");
      if (!candidate) {
        continue;
      }
      String id = customer.path("id").asText();
      oldAddresses.put(id, customer.path("email").asText());
      STRIPE_IDS.put(id, customer.path("stripe_customer_id").asText());
      if (customer.path("in_backup").asBoolean() && inBackup == null) {
        inBackup = id;
      } else if (!customer.path("in_backup").asBoolean() && newSince == null) {
        newSince = id;
      } else if (!customer.path("in_backup").asBoolean() && others.size() < 2) {
        others.add(id);
      }
    }
    assertThat(inBackup).as("a customer in the backup with mail and Stripe").isNotNull();
    assertThat(newSince).as("a new customer with mail and Stripe").isNotNull();
    assertThat(others).hasSize(2);
    SPELT.put(inBackup, new String[] {"lina.berg@gmail.com", "LinaBerg@GoogleMail.com"});
    SPELT.put(newSince, new String[] {"tomas.k@gmx.de", "Tomas.K+Cars@GMX.de"});
    TWO_PEOPLE.add(others.get(0));
    TWO_PEOPLE.add(others.get(1));
    Map<String, String> everywhere = new LinkedHashMap<>();
    Map<String, String> inStripe = new LinkedHashMap<>();
    SPELT.forEach(
        (id, spellings) -> {
          everywhere.put(oldAddresses.get(id), spellings[0]);
          inStripe.put(oldAddresses.get(id), spellings[1]);
        });
    everywhere.put(oldAddresses.get(others.get(0)), "pia.lind@gmx.de");
    everywhere.put(oldAddresses.get(others.get(1)), "pialind@gmx.de");
    inStripe.put(oldAddresses.get(others.get(0)), "pia.lind@gmx.de");
    inStripe.put(oldAddresses.get(others.get(1)), "pialind@gmx.de");
    try (Stream<Path> files = Files.walk(scenario)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        boolean stripe = file.getParent().getFileName().toString().equals("stripe");
        respell(file, stripe ? inStripe : everywhere);
      }
    }
    dropAppIdsAndPhones(scenario.resolve("stripe"), SPELT.keySet());
    run = dir.resolve("run");
    int exit =
        SalvageCli.execute(
            "run",
            "--config",
            scenario.resolve("salvage.yaml").toString(),
            "--out",
            run.toString(),
            "--parallelism",
            "2");
    assertThat(exit).isZero();
  }

  /** Replaces each address in {@code file}, also where a quoted-printable soft break splits it. */
  static void respell(Path file, Map<String, String> addresses) throws IOException {
    String text = Files.readString(file, StandardCharsets.ISO_8859_1);
    String changed = text;
    for (Map.Entry<String, String> address : addresses.entrySet()) {
      StringBuilder pattern = new StringBuilder("(?<![\\w.+-])");
      String old = address.getKey();
      for (int i = 0; i < old.length(); i++) {
        pattern
            .append(i == 0 ? "" : "(?:=\\r?\\n)?")
            .append(Pattern.quote(old.substring(i, i + 1)));
      }
      pattern.append("(?![\\w-]|\\.\\w)");
      changed =
          Pattern.compile(pattern.toString())
              .matcher(changed)
              .replaceAll(Matcher.quoteReplacement(address.getValue()));
    }
    if (!changed.equals(text)) {
      Files.writeString(file, changed, StandardCharsets.ISO_8859_1);
    }
  }

  static void dropAppIdsAndPhones(Path stripe, Iterable<String> customers) throws IOException {
    List<String> ids = new ArrayList<>();
    customers.forEach(id -> ids.add(STRIPE_IDS.get(id)));
    try (Stream<Path> files = Files.list(stripe)) {
      for (Path file :
          files.filter(f -> f.getFileName().toString().startsWith("customers")).toList()) {
        JsonNode page = Json.MAPPER.readTree(file.toFile());
        for (JsonNode customer : (ArrayNode) page.path("data")) {
          if (ids.contains(customer.path("id").asText())) {
            ((ObjectNode) customer.path("metadata")).remove("app_customer_id");
            ((ObjectNode) customer).putNull("phone");
          }
        }
        Json.MAPPER.writeValue(file.toFile(), page);
      }
    }
  }

  static List<JsonNode> records(String entity) throws IOException {
    List<JsonNode> records = new ArrayList<>();
    for (String line : Files.readAllLines(run.resolve("review/records.jsonl"))) {
      JsonNode record = Json.MAPPER.readTree(line);
      if (record.path("entity").asText().equals(entity)) {
        records.add(record);
      }
    }
    return records;
  }

  static String value(JsonNode record, String field) {
    return record.path("fields").path(field).path("value").asText(null);
  }

  @Test
  void oneCustomerForEachMailboxWhateverStripeSpellsIt() throws Exception {
    List<JsonNode> customers = records("customer");
    for (Map.Entry<String, String[]> spelt : SPELT.entrySet()) {
      String stripeId = STRIPE_IDS.get(spelt.getKey());
      List<String> spellings =
          List.of(
              "\"" + spelt.getValue()[0] + "\"",
              "\"" + spelt.getValue()[1].toLowerCase(Locale.ROOT) + "\"");
      List<JsonNode> holding =
          customers.stream()
              .filter(
                  c -> {
                    String keys = c.path("keys").path("email").toString();
                    return spellings.stream().anyMatch(keys::contains)
                        || stripeId.equals(value(c, "stripe_customer_id"));
                  })
              .toList();
      assertThat(holding)
          .as("customers holding %s or Stripe's %s", spelt.getValue()[0], stripeId)
          .hasSize(1);
      JsonNode customer = holding.get(0);
      // written as the mails and the backup spell it, Stripe's spelling kept as an alternative
      assertThat(value(customer, "email")).isEqualTo(spelt.getValue()[0]);
      assertThat(value(customer, "stripe_customer_id")).isEqualTo(stripeId);
      assertThat(value(customer, "backup_id")).isEqualTo(spelt.getKey());
    }
  }

  @Test
  void theCustomerInTheBackupStaysItsRowAndKeepsItsSpelling() throws Exception {
    String inBackup = SPELT.keySet().iterator().next();
    JsonNode customer =
        records("customer").stream()
            .filter(c -> c.path("id").asText().equals("customer:" + inBackup))
            .findFirst()
            .orElseThrow();
    assertThat(value(customer, "email")).isEqualTo("lina.berg@gmail.com");
    assertThat(customer.path("changes").toString()).doesNotContain("\"email\"");
  }

  @Test
  void twoPeopleWhoseGmxAddressesDifferByADotStayTwo() throws Exception {
    List<JsonNode> customers = records("customer");
    for (String address : List.of("pia.lind@gmx.de", "pialind@gmx.de")) {
      assertThat(customers.stream().filter(c -> address.equals(value(c, "email"))).toList())
          .as(address)
          .hasSize(1);
    }
    assertThat(
            customers.stream()
                .filter(c -> "pia.lind@gmx.de".equals(value(c, "email")))
                .findFirst()
                .orElseThrow()
                .path("keys")
                .path("email")
                .toString())
        .doesNotContain("pialind@gmx.de");
  }

  @Test
  void theirReservationsNameTheOneCustomerAsTheMailsSpellIt() throws Exception {
    List<JsonNode> reservations = records("reservation");
    for (Map.Entry<String, String[]> spelt : SPELT.entrySet()) {
      String stripeId = STRIPE_IDS.get(spelt.getKey());
      List<JsonNode> theirs =
          reservations.stream()
              .filter(
                  r ->
                      stripeId.equals(value(r, "customer_stripe_id"))
                          || spelt.getValue()[0].equals(value(r, "customer_email")))
              .toList();
      assertThat(theirs).as("reservations of " + spelt.getValue()[0]).isNotEmpty();
      assertThat(theirs)
          .extracting(r -> value(r, "customer_email"))
          .containsOnly(spelt.getValue()[0]);
    }
  }
}
