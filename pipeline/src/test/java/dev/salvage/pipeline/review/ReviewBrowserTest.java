package dev.salvage.pipeline.review;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.salvage.pipeline.bundle.ReconstructedRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/** The review UI and the report in headless Chromium, as an operator would use them. */
class ReviewBrowserTest {
  @TempDir Path dir;
  @TempDir Path profile;
  private ChromeDriver driver;
  private ReviewServer server;
  private ReviewPage page;

  @BeforeEach
  void open() throws Exception {
    driver = Browser.start(profile);
    page = new ReviewPage(driver, Duration.ofSeconds(15));
    RunFixture.write(dir);
    ReportWriter.write(dir);
    server = ReviewServer.start(dir, "127.0.0.1", 0, "browser");
  }

  @AfterEach
  void close() throws Exception {
    if (driver != null) {
      driver.quit();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void approveEditRejectBulkApproveAndUndoAgreeWithDecisionsFileAfterReload() throws Exception {
    driver.get(server.url().toString());
    page.waitForQueue(7);
    assertThat(page.selectedRecord()).isEqualTo(RunFixture.CONFLICT_ID);

    // approve with the keyboard
    page.pick(RunFixture.UPDATED_ID);
    page.pressKey("a");
    page.waitForDecision(RunFixture.UPDATED_ID, "approve");

    // edit a field with a reason
    page.pick(RunFixture.CONFLICT_ID);
    page.edit("phone", "+351933333333", "customer confirmed by phone");
    page.waitForDecision(RunFixture.CONFLICT_ID, "edit");

    // reject with a reason
    page.pick(RunFixture.DOUBTFUL_NEW);
    page.reject("test booking");
    page.waitForDecision(RunFixture.DOUBTFUL_NEW, "reject");

    // approve, then undo it with u
    page.pick(RunFixture.FLAGGED_ID);
    driver.findElement(By.id("btn-approve")).click();
    page.waitForDecision(RunFixture.FLAGGED_ID, "approve");
    page.pressKey("u");
    page.waitForDecision(RunFixture.FLAGGED_ID, "");

    // bulk-approve all NEW with confidence >= 0.99
    page.filter("NEW", "0.99", RunFixture.CONFIDENT_NEW.size());
    page.bulkApprove();
    for (String id : RunFixture.CONFIDENT_NEW) {
      page.waitForDecision(id, "approve");
    }

    // open a field's evidence: the mail text
    driver.navigate().refresh();
    page.waitForQueue(7);
    page.pick(RunFixture.CONFIDENT_NEW.get(0));
    driver.findElement(By.cssSelector("button.ev[data-ref='" + RunFixture.MAIL_REF + "']")).click();
    WebElement evidence =
        page.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("evidence-body")));
    assertThat(evidence.getText()).contains("Your booking RW-NEW1 is confirmed", "Hello Dee");
    Browser.screenshot(driver, "review-evidence");
    driver.findElement(By.id("evidence-close")).click();

    Map<String, String> shown = page.shownDecisions();
    Map<String, String> saved = ReviewPage.effectiveDecisions(ReviewApi.decisions(dir));
    assertThat(saved)
        .containsEntry(RunFixture.UPDATED_ID, "approve")
        .containsEntry(RunFixture.CONFLICT_ID, "edit")
        .containsEntry(RunFixture.DOUBTFUL_NEW, "reject")
        .containsEntry(RunFixture.CONFIDENT_NEW.get(0), "approve")
        .containsEntry(RunFixture.CONFIDENT_NEW.get(1), "approve")
        .doesNotContainKey(RunFixture.FLAGGED_ID);
    for (Map.Entry<String, String> row : shown.entrySet()) {
      assertThat(row.getValue()).as(row.getKey()).isEqualTo(saved.getOrDefault(row.getKey(), ""));
    }
    JsonNode edit =
        ReviewApi.decisions(dir).stream()
            .filter(d -> d.path("decision").asText().equals("edit"))
            .findFirst()
            .orElseThrow();
    assertThat(edit.path("edits").path("phone").asText()).isEqualTo("+351933333333");
    assertThat(edit.path("reason").asText()).isEqualTo("customer confirmed by phone");
    assertThat(edit.path("who").asText()).isEqualTo("browser");

    page.pick(RunFixture.CONFLICT_ID);
    WebElement phone = driver.findElement(By.cssSelector("#fields tr[data-field='phone']"));
    assertThat(phone.getAttribute("class")).contains("changed").contains("edited");
    assertThat(phone.getText()).contains("+351922222222", "+351933333333");
    Browser.screenshot(driver, "review-page");
  }

  @Test
  void theProgressCountsOnlyRecordsThatNeedADecision() throws Exception {
    driver.get(server.url().toString());
    page.waitForQueue(7);

    assertThat(driver.findElement(By.id("progress")).getText())
        .isEqualTo(
            "0 of 6 decided (0 approved, 0 edited, 0 rejected);"
                + " 1 UNCHANGED not counted (they need no decision)");
  }

  @Test
  void anIncompleteRunSaysSoAboveTheQueueAndACompleteOneDoesNot() throws Exception {
    driver.get(server.url().toString());
    page.waitForQueue(7);
    assertThat(driver.findElement(By.id("incomplete")).isDisplayed()).isFalse();
    server.close();
    Path summary = dir.resolve("summary.json");
    String complete = Files.readString(summary);
    Files.writeString(
        summary,
        complete.substring(0, complete.length() - 1)
            + ",\"not_read\":{\"mail\":[{\"partition\":\"INBOX\",\"not_read\":\"all of it\","
            + "\"records_read\":0,\"last_error\":\"timeout\",\"resumable\":true}]}}");
    server = ReviewServer.start(dir, "127.0.0.1", 0, "browser");

    driver.get(server.url().toString());
    page.waitForQueue(7);

    WebElement banner = driver.findElement(By.id("incomplete"));
    assertThat(banner.isDisplayed()).isTrue();
    assertThat(banner.getText()).startsWith("Incomplete run: 1 partition(s) of its sources");
  }

  @Test
  void anEditThatIsNotANumberIsRefusedInTheDialogAndCanBeCorrected() throws Exception {
    driver.get(server.url().toString());
    page.waitForQueue(7);
    page.pick(RunFixture.FLAGGED_ID);
    page.edit("total_cents", "1.200", "price on the receipt");
    WebElement error =
        page.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("edit-error")));
    assertThat(error.getText())
        .contains("total_cents is integer", "\"1.200\" is an ambiguous amount", "(1200)");
    assertThat(driver.findElement(By.id("edit-dialog")).isDisplayed()).isTrue();
    assertThat(ReviewApi.decisions(dir)).isEmpty();

    WebElement value = driver.findElement(By.id("edit-value"));
    value.clear();
    value.sendKeys("€ 120,00");
    driver.findElement(By.id("edit-save")).click();
    page.waitForDecision(RunFixture.FLAGGED_ID, "edit");
    assertThat(ReviewApi.decisions(dir).get(0).path("edits").path("total_cents").asText())
        .isEqualTo("12000");
    assertThat(driver.findElement(By.id("status")).getText())
        .as("the reviewer sees what was stored")
        .contains("\"€ 120,00\" is 120.00 EUR: stored as 12000 (minor units)");
  }

  @Test
  void aLinkedRecordShowsTheWaterfallOfItsLinkAndOthersShowNone() throws Exception {
    driver.get(server.url().toString());
    page.waitForQueue(7);
    page.pick(RunFixture.FLAGGED_ID);
    WebElement section = driver.findElement(By.id("links"));
    assertThat(section.findElement(By.tagName("h3")).getText())
        .isEqualTo("How the evidence was linked");
    WebElement link = section.findElement(By.cssSelector(".link[data-link='0']"));
    String heading = link.findElement(By.cssSelector(".link-head")).getText();
    assertThat(heading)
        .contains(RunFixture.CALENDAR_REF, "weight +2.00", "probability 0.80")
        .contains("flagged: below the link threshold");

    List<WebElement> rows = link.findElements(By.cssSelector("table.waterfall tr[data-field]"));
    List<ReconstructedRecord.Contribution> expected = RunFixture.FLAGGED_LINK.fields();
    assertThat(rows).hasSize(expected.size());
    assertThat(rows.get(0).getAttribute("data-field")).isEqualTo("(prior)");
    assertThat(rows.get(0).getText()).contains("1 in 98257 identified reservation records");
    double total = 0;
    for (int i = 0; i < expected.size(); i++) {
      ReconstructedRecord.Contribution field = expected.get(i);
      WebElement row = rows.get(i);
      total += field.weight();
      assertThat(row.getAttribute("data-field")).isEqualTo(field.field());
      assertThat(cell(row, "level")).isEqualTo(field.level());
      assertThat(cell(row, "a")).isEqualTo(field.a() == null ? "" : field.a());
      assertThat(cell(row, "b")).isEqualTo(field.b() == null ? "" : field.b());
      assertThat(cell(row, "weight")).isEqualTo(signed(field.weight()));
      assertThat(cell(row, "total")).isEqualTo(signed(total));
    }
    assertThat(cell(rows.get(0), "weight")).isEqualTo("-16.58");
    assertThat(cell(rows.get(2), "weight")).isEqualTo("+8.66");
    assertThat(cell(rows.get(rows.size() - 1), "total"))
        .isEqualTo(signed(RunFixture.FLAGGED_LINK.weight()))
        .isEqualTo("+2.00");
    WebElement missing = link.findElement(By.cssSelector("tr[data-field='total_cents']"));
    assertThat(missing.getAttribute("class")).contains("missing");
    assertThat(missing.findElements(By.cssSelector(".bar .up, .bar .down"))).isEmpty();
    assertThat(rows.get(0).findElements(By.cssSelector(".bar .down"))).hasSize(1);
    assertThat(rows.get(1).findElements(By.cssSelector(".bar .up"))).hasSize(1);
    driver.executeScript("arguments[0].scrollIntoView()", section);
    Browser.screenshot(driver, "review-waterfall");

    link.findElement(By.cssSelector("button.ev[data-ref='" + RunFixture.CALENDAR_REF + "']"))
        .click();
    WebElement evidence =
        page.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("evidence-body")));
    assertThat(evidence.getText()).contains("RW-FLAG1 pickup");
    driver.findElement(By.id("evidence-close")).click();

    page.pick(RunFixture.CONFIDENT_NEW.get(0));
    assertThat(driver.findElements(By.id("links"))).isEmpty();
    assertThat(driver.findElement(By.id("detail")).getText())
        .doesNotContain("How the evidence was linked");
  }

  @Test
  void aDisputedFieldShowsTheValuesItWasChosenOverAndWhy() throws Exception {
    driver.get(server.url().toString());
    page.waitForQueue(7);
    page.pick(RunFixture.UPDATED_ID);
    WebElement section = driver.findElement(By.id("choices"));
    assertThat(section.findElement(By.tagName("h3")).getText())
        .isEqualTo("How disputed values were chosen");
    List<WebElement> chosen = section.findElements(By.cssSelector("tr.chosen"));
    assertThat(chosen).hasSize(1);
    assertThat(chosen.get(0).getAttribute("data-field")).isEqualTo("full_name");
    assertThat(cell(chosen.get(0), "value")).isEqualTo("Cy Twombly");
    assertThat(cell(chosen.get(0), "outcome")).isEqualTo("chosen ✔");
    List<WebElement> alternatives = section.findElements(By.cssSelector("tr.alternative"));
    ReconstructedRecord.Alternative expected = RunFixture.UPDATED_NAME.alternatives().get(0);
    assertThat(alternatives).hasSize(1);
    assertThat(cell(alternatives.get(0), "value")).isEqualTo(expected.value());
    assertThat(cell(alternatives.get(0), "support")).isEqualTo("1");
    assertThat(cell(alternatives.get(0), "latest")).isEqualTo(expected.latest());
    assertThat(cell(alternatives.get(0), "outcome")).isEqualTo(expected.note());
    assertThat(
            alternatives
                .get(0)
                .findElements(By.cssSelector("button.ev[data-ref='backup:customers#12']")))
        .hasSize(1);

    page.pick(RunFixture.UNCHANGED_ID);
    assertThat(driver.findElements(By.id("choices"))).isEmpty();
  }

  private static String cell(WebElement row, String column) {
    return row.findElement(By.cssSelector("." + column)).getText();
  }

  private static String signed(double weight) {
    String text = String.format(java.util.Locale.ROOT, "%.2f", Math.abs(weight));
    return text.equals("0.00") ? text : (weight > 0 ? "+" : "-") + text;
  }

  @Test
  void unlinkedEvidenceIsListedToReadWithoutDecisionButtons() throws Exception {
    driver.get(server.url().toString());
    page.waitForQueue(7);
    new Select(driver.findElement(By.id("f-status"))).selectByVisibleText("unlinked evidence");
    page.waitForQueue(1);
    page.pick("unlinked:1");
    // the filter's own load selects the first entry too: its detail may be replaced under us
    page.waiting()
        .ignoring(StaleElementReferenceException.class)
        .until(d -> d.findElement(By.id("unlinked-note")).getText().contains("never imported"));
    assertThat(driver.findElements(By.id("btn-approve"))).isEmpty();
    assertThat(driver.findElements(By.cssSelector("button.ev[data-ref='stripe:ch_orphan']")))
        .isNotEmpty();
    page.pressKey("a");
    driver.findElement(By.id("bulk-approve")).click();
    page.waiting().until(d -> d.findElement(By.id("status")).getText().contains("never approved"));
    assertThat(ReviewApi.decisions(dir)).isEmpty();
  }

  @Test
  void aNameOfFiveThousandLettersWrapsAndEveryFieldsEvidenceStaysInView() throws Exception {
    // a customer's name typed into a booking form: outsiders' text, as long as they like
    server.close();
    Path records = dir.resolve("review/records.jsonl");
    String longName = "F".repeat(5000);
    List<String> lines = new java.util.ArrayList<>();
    for (String line : Files.readAllLines(records)) {
      JsonNode node = dev.salvage.pipeline.bundle.Json.MAPPER.readTree(line);
      if (node.path("id").asText().equals(RunFixture.UPDATED_ID)) {
        ((com.fasterxml.jackson.databind.node.ObjectNode) node.path("fields").path("full_name"))
            .put("value", longName);
        line = dev.salvage.pipeline.bundle.Json.MAPPER.writeValueAsString(node);
      }
      lines.add(line);
    }
    Files.write(records, lines);
    server = ReviewServer.start(dir, "127.0.0.1", 0, "browser");
    driver.get(server.url().toString());
    page.waitForQueue(7);
    page.pick(RunFixture.UPDATED_ID);

    WebElement detail = driver.findElement(By.id("detail"));
    assertThat(
            ((Number)
                    driver.executeScript(
                        "return arguments[0].scrollWidth - arguments[0].clientWidth", detail))
                .intValue())
        .as("how far the record's pane scrolls sideways")
        .isLessThanOrEqualTo(0);
    WebElement chip =
        driver.findElement(By.cssSelector("#fields tr[data-field='full_name'] button.ev"));
    assertThat(chip.getRect().getX() + chip.getRect().getWidth())
        .as("the right edge of the name's evidence chip")
        .isLessThanOrEqualTo(detail.getRect().getX() + detail.getRect().getWidth());
    assertThat(
            driver
                .findElement(By.cssSelector("#fields tr[data-field='full_name'] td.after"))
                .getText()
                .replaceAll("\\s", ""))
        .startsWith(longName);
  }

  @Test
  void aQueueOfThousandsListsAThousandAroundTheSelectedRecordAndSaysHowManyMore() throws Exception {
    // a 10k-reservation run has 21,926 records: laying them all out took seconds per decision
    server.close();
    Path records = dir.resolve("review/records.jsonl");
    List<String> lines = new java.util.ArrayList<>(Files.readAllLines(records));
    String template =
        lines.stream()
            .filter(l -> l.contains("\"" + RunFixture.CONFIDENT_NEW.get(0) + "\""))
            .findFirst()
            .orElseThrow();
    for (int i = 0; i < 1200; i++) {
      com.fasterxml.jackson.databind.node.ObjectNode node =
          (com.fasterxml.jackson.databind.node.ObjectNode)
              dev.salvage.pipeline.bundle.Json.MAPPER.readTree(template);
      node.put("id", String.format("reservation:bulk-%04d", i));
      lines.add(dev.salvage.pipeline.bundle.Json.MAPPER.writeValueAsString(node));
    }
    Files.write(records, lines);
    server = ReviewServer.start(dir, "127.0.0.1", 0, "browser");
    driver.get(server.url().toString());

    page.waitForQueue(1001);
    assertThat(driver.findElements(By.cssSelector("#queue-list li[data-id]"))).hasSize(1000);
    assertThat(driver.findElement(By.id("queue-after")).getText())
        .startsWith("207 more record(s) match: j moves on to them");
    List<WebElement> listed = driver.findElements(By.cssSelector("#queue-list li[data-id]"));
    String last = listed.get(listed.size() - 1).getAttribute("data-id");
    page.pick(last);
    page.pressKey("j");
    page.waiting().until(d -> !last.equals(page.selectedRecord()));
    String next = page.selectedRecord();
    page.waiting()
        .until(
            d ->
                next.equals(
                    d.findElement(By.cssSelector("#queue-list li.current"))
                        .getAttribute("data-id")));
    assertThat(driver.findElement(By.id("queue-before")).getText())
        .endsWith("record(s) before these: k moves up to them, or narrow the filters");
  }

  @Test
  void aSendersNameWithARightToLeftOverrideShowsTheOverrideNotAnotherSender() throws Exception {
    // U+202E then "tset.esiwtner@sgnikoob" displays as bookings@rentwise.test when nothing shows
    // the mark
    server.close();
    Path evidence = dir.resolve("review/evidence.jsonl");
    Files.writeString(
        evidence,
        Files.readString(evidence)
            .replace(
                "\"from\":\"bookings@rentwise.test\"",
                "\"from_name\":\"\\u202Etset.esiwtner@sgnikoob\",\"from\":\"mallory@evil.test\""));
    server = ReviewServer.start(dir, "127.0.0.1", 0, "browser");
    driver.get(server.url().toString());
    page.waitForQueue(7);
    page.pick(RunFixture.CONFIDENT_NEW.get(0));

    driver.findElement(By.cssSelector("button.ev[data-ref='" + RunFixture.MAIL_REF + "']")).click();

    WebElement mail =
        page.waiting()
            .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("pre.mail")));
    assertThat(mail.getText())
        .startsWith("From: <U+202E>tset.esiwtner@sgnikoob <mallory@evil.test>")
        .doesNotContain("\u202E");
    assertThat(driver.findElement(By.cssSelector("pre.json")).getText())
        .contains("<U+202E>tset.esiwtner@sgnikoob");
  }

  @Test
  void twoTabsDecidingAtOnceLoseNothing() throws Exception {
    driver.get(server.url().toString());
    page.waitForQueue(7);
    String first = driver.getWindowHandle();
    driver.switchTo().newWindow(org.openqa.selenium.WindowType.TAB);
    driver.get(server.url().toString());
    page.waitForQueue(7);
    String second = driver.getWindowHandle();
    String burst =
        "var done = arguments[arguments.length - 1];"
            + "var token = new URLSearchParams(location.search).get('token');"
            + "var ids = Array.from(document.querySelectorAll('#queue-list li')).map(li => li.dataset.id);"
            + "Promise.all(ids.concat(ids).map(id => fetch('/api/decisions', {method: 'POST',"
            + " headers: {'X-Salvage-Token': token, 'Content-Type': 'application/json'},"
            + " body: JSON.stringify({record_id: id, decision: arguments[0]})}).then(r => r.status)))"
            + ".then(done);";
    // Start the burst in the first tab without waiting, then run the second tab's at once.
    driver.switchTo().window(first);
    driver.executeScript(
        "window.__burst = (function(){"
            + burst
                .replace("arguments[arguments.length - 1]", "function(s){window.__statuses = s;}")
                .replace("arguments[0]", "'approve'")
            + "})();");
    driver.switchTo().window(second);
    @SuppressWarnings("unchecked")
    List<Object> statuses = (List<Object>) driver.executeAsyncScript(burst, "reject");
    driver.switchTo().window(first);
    page.waiting().until(d -> ((ChromeDriver) d).executeScript("return window.__statuses") != null);
    @SuppressWarnings("unchecked")
    List<Object> firstStatuses = (List<Object>) driver.executeScript("return window.__statuses");
    assertThat(statuses).hasSize(14).allMatch(s -> ((Number) s).intValue() == 200);
    assertThat(firstStatuses).hasSize(14).allMatch(s -> ((Number) s).intValue() == 200);
    List<JsonNode> lines = ReviewApi.decisions(dir);
    assertThat(lines).hasSize(28);
    Set<String> ids = new HashSet<>();
    lines.forEach(l -> ids.add(l.path("id").asText()));
    assertThat(ids).hasSize(28);
  }

  @Test
  void aTabThatShowsARecordUndecidedDoesNotOverwriteAColleaguesRejectAndSaysSo() throws Exception {
    driver.get(server.url().toString());
    page.waitForQueue(7);
    page.pick(RunFixture.DOUBTFUL_NEW);
    ReviewApi.Answer colleague =
        new ReviewApi(server)
            .post(
                "/api/decisions",
                "{\"record_id\":\""
                    + RunFixture.DOUBTFUL_NEW
                    + "\",\"decision\":\"reject\",\"reason\":\"test booking\"}");
    assertThat(colleague.status()).isEqualTo(200);

    page.pressKey("a");

    page.waiting()
        .until(d -> d.findElement(By.id("status")).getText().contains("was decided meanwhile"));
    assertThat(driver.findElement(By.id("status")).getText())
        .contains("reject by browser", "test booking");
    page.waitForDecision(RunFixture.DOUBTFUL_NEW, "reject");
    assertThat(page.selectedRecord()).isEqualTo(RunFixture.DOUBTFUL_NEW);
    page.waiting()
        .until(d -> d.findElement(By.id("current-decision")).getText().contains("decided: reject"));
    assertThat(ReviewApi.decisions(dir))
        .singleElement()
        .satisfies(d -> assertThat(d.path("decision").asText()).isEqualTo("reject"));
  }

  @Test
  void bulkApprovalSaysItLeavesTheFlaggedRecordOutAndConfidenceShowsItsDigits() throws Exception {
    driver.get(server.url().toString());
    page.waitForQueue(7);
    assertThat(
            driver
                .findElement(
                    By.cssSelector(
                        "#queue-list li[data-id='" + RunFixture.CONFIDENT_NEW.get(0) + "'] .conf"))
                .getText())
        .as("0.995 is not 1.00")
        .isEqualTo("0.9950");
    new Select(driver.findElement(By.id("f-action"))).selectByVisibleText("NEW");
    page.waitForQueue(4);

    driver.findElement(By.id("bulk-approve")).click();
    org.openqa.selenium.Alert confirm = page.waiting().until(ExpectedConditions.alertIsPresent());
    assertThat(confirm.getText())
        .isEqualTo(
            "Approve 3 undecided record(s) matching the filters?\n1 flagged record(s) matching are"
                + " left out (tick \"include flagged\" to approve them too).");
    confirm.accept();

    for (String id : RunFixture.CONFIDENT_NEW) {
      page.waitForDecision(id, "approve");
    }
    page.waitForDecision(RunFixture.DOUBTFUL_NEW, "approve");
    assertThat(page.shownDecisions()).containsEntry(RunFixture.FLAGGED_ID, "");
    assertThat(driver.findElement(By.id("status")).getText())
        .isEqualTo("approved 3 record(s); left out 1 flagged");
  }

  @Test
  void undoInATabThatDecidedNothingSaysSoAndLeavesOtherDecisionsAlone() throws Exception {
    ReviewApi.Answer colleague =
        new ReviewApi(server)
            .post(
                "/api/decisions",
                "{\"record_id\":\"" + RunFixture.UPDATED_ID + "\",\"decision\":\"reject\"}");
    assertThat(colleague.status()).isEqualTo(200);
    driver.get(server.url().toString());
    page.waitForQueue(7);

    page.pressKey("u");

    page.waiting()
        .until(d -> d.findElement(By.id("status")).getText().startsWith("Nothing to undo"));
    assertThat(ReviewApi.decisions(dir)).hasSize(1);
    assertThat(page.shownDecisions()).containsEntry(RunFixture.UPDATED_ID, "reject");
  }

  @Test
  void theEditFormStartsFromTheEditedValueInForce() throws Exception {
    driver.get(server.url().toString());
    page.waitForQueue(7);
    page.pick(RunFixture.FLAGGED_ID);
    page.edit("total_cents", "34100", "price on the receipt");
    page.waitForDecision(RunFixture.FLAGGED_ID, "edit");
    page.pick(RunFixture.FLAGGED_ID);
    page.waiting()
        .until(d -> d.findElement(By.id("current-decision")).getText().contains("decided: edit"));

    page.pressKey("e");
    page.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("edit-dialog")));
    new Select(driver.findElement(By.id("edit-field"))).selectByVisibleText("total_cents");

    assertThat(driver.findElement(By.id("edit-value")).getAttribute("value")).isEqualTo("34100");
    new Select(driver.findElement(By.id("edit-field"))).selectByVisibleText("status");
    assertThat(driver.findElement(By.id("edit-value")).getAttribute("value"))
        .isEqualTo("confirmed");
  }

  @Test
  void aQueueAnswerToAnOlderFilterArrivingLastDoesNotReplaceTheNewerOne() throws Exception {
    driver.get(server.url().toString());
    page.waitForQueue(7);
    // the answer for "RW-" comes a second late, after the one for "RW-NEW1" typed since
    driver.executeScript(
        "var fetched = window.fetch;"
            + "window.fetch = function (url, options) {"
            + "  var answer = fetched(url, options);"
            + "  if (/search=RW-$/.test(String(url))) {"
            + "    window.__lateAsked = true;"
            + "    return answer.then(function (r) {"
            + "      return new Promise(function (ok) {"
            + "        setTimeout(function () { window.__lateDone = true; ok(r); }, 1000); }); });"
            + "  }"
            + "  return answer;"
            + "};");
    driver.executeScript(
        "var box = document.getElementById('f-search');"
            + "box.value = 'RW-'; box.dispatchEvent(new Event('input'));"
            + "box.value = 'RW-NEW1'; box.dispatchEvent(new Event('input'));");
    page.waiting()
        .until(
            d -> Boolean.TRUE.equals(((ChromeDriver) d).executeScript("return window.__lateDone")));
    Thread.sleep(200);

    assertThat(page.shownDecisions().keySet()).containsExactly(RunFixture.CONFIDENT_NEW.get(0));
  }

  @Test
  void movingThroughTheQueueMovesTheSelectionWithoutRebuildingTheList() throws Exception {
    driver.get(server.url().toString());
    page.waitForQueue(7);
    String first = page.selectedRecord();
    driver.executeScript(
        "document.querySelectorAll('#queue-list li').forEach(li => { li.__kept = true; });");

    page.pressKey("j");

    page.waiting().until(d -> !first.equals(page.selectedRecord()));
    assertThat(
            driver.executeScript(
                "return Array.from(document.querySelectorAll('#queue-list li'))"
                    + ".every(li => li.__kept === true);"))
        .as("the list items are the same nodes")
        .isEqualTo(true);
    List<WebElement> marked = driver.findElements(By.cssSelector("#queue-list li.current"));
    assertThat(marked).hasSize(1);
    assertThat(marked.get(0).getAttribute("data-id")).isEqualTo(page.selectedRecord());
  }

  @Test
  void decisionsUpdateTheQueueInPlaceAndAnotherTabsDecisionReloadsIt() throws Exception {
    driver.get(server.url().toString());
    page.waitForQueue(7);
    String first = page.selectedRecord();

    // three decisions: each shows the next record without asking for the whole queue again
    // (3.6 MB at 22k records, trial 89)
    driver.executeScript("performance.clearResourceTimings()");
    List<String> decided = new java.util.ArrayList<>();
    for (String key : List.of("a", "r", "a")) {
      String shown = page.selectedRecord();
      page.pressKey(key);
      page.waitForDecision(shown, key.equals("a") ? "approve" : "reject");
      page.waiting().until(d -> !shown.equals(page.selectedRecord()));
      decided.add(shown);
    }
    assertThat(decided.get(0)).isEqualTo(first);
    assertThat(queueRequests()).as("requests of the whole queue").isZero();
    assertThat(page.shownDecisions())
        .containsEntry(decided.get(0), "approve")
        .containsEntry(decided.get(1), "reject")
        .containsEntry(decided.get(2), "approve");
    assertThat(driver.findElement(By.id("progress")).getText()).startsWith("3 of ");
    assertThat(decidedShown()).isEqualTo(ReviewPage.effectiveDecisions(ReviewApi.decisions(dir)));

    // a colleague decides a record this tab shows undecided: focus alone reloads the queue
    String other =
        page.shownDecisions().entrySet().stream()
            .filter(e -> e.getValue().isEmpty() && !e.getKey().equals(page.selectedRecord()))
            .map(Map.Entry::getKey)
            .findFirst()
            .orElseThrow();
    new ReviewApi(server)
        .post("/api/decisions", "{\"record_id\":\"" + other + "\",\"decision\":\"reject\"}");
    driver.executeScript("window.dispatchEvent(new Event('focus'))");
    page.waitForDecision(other, "reject");
    assertThat(queueRequests()).isEqualTo(1);

    // and so does this tab's next decision when the colleague decided after the focus
    String another =
        page.shownDecisions().entrySet().stream()
            .filter(e -> e.getValue().isEmpty() && !e.getKey().equals(page.selectedRecord()))
            .map(Map.Entry::getKey)
            .findFirst()
            .orElseThrow();
    new ReviewApi(server)
        .post("/api/decisions", "{\"record_id\":\"" + another + "\",\"decision\":\"approve\"}");
    String shown = page.selectedRecord();
    page.pressKey("a");
    page.waitForDecision(shown, "approve");
    page.waitForDecision(another, "approve");
    page.waiting().until(d -> queueRequests() == 2);
    assertThat(decidedShown()).isEqualTo(ReviewPage.effectiveDecisions(ReviewApi.decisions(dir)));
  }

  private Map<String, String> decidedShown() {
    Map<String, String> decided = new java.util.HashMap<>(page.shownDecisions());
    decided.values().removeIf(String::isEmpty);
    return decided;
  }

  private long queueRequests() {
    return (Long)
        driver.executeScript(
            "return performance.getEntriesByType('resource')"
                + ".filter(e => new URL(e.name).pathname === '/api/queue').length;");
  }

  @Test
  void theStatusLineSaysRejectedAfterAReject() throws Exception {
    driver.get(server.url().toString());
    page.waitForQueue(7);
    page.pick(RunFixture.DOUBTFUL_NEW);

    page.pressKey("r");

    page.waitForDecision(RunFixture.DOUBTFUL_NEW, "reject");
    assertThat(driver.findElement(By.id("status")).getText())
        .isEqualTo("rejected " + RunFixture.DOUBTFUL_NEW);
  }

  @Test
  void reportRendersFromDiskWithoutNetworkAndShowsTheTimeline() throws Exception {
    Browser.goOffline(driver);
    driver.get(dir.resolve("review/report.html").toUri().toString());
    WebElement chart = driver.findElement(By.cssSelector("svg#timeline"));
    assertThat(chart.findElements(By.cssSelector("rect.bar"))).isNotEmpty();
    assertThat(chart.getSize().getWidth()).isGreaterThan(100);
    assertThat(driver.findElements(By.cssSelector("#records tbody tr"))).hasSize(8);
    assertThat(driver.findElements(By.cssSelector("#records tbody tr:first-child td")))
        .as("a cell for each column, the competing claims' too")
        .hasSize(driver.findElements(By.cssSelector("#records thead th")).size());
    new Select(driver.findElement(By.id("f-action"))).selectByVisibleText("CONFLICT");
    assertThat(driver.findElements(By.cssSelector("#records tbody tr"))).hasSize(1);
    assertThat(driver.findElement(By.id("quarantine")).getText())
        .contains("unexpected end of input");
    Object resources =
        driver.executeScript("return performance.getEntriesByType('resource').length");
    assertThat(((Number) resources).intValue()).isZero();
    Browser.screenshot(driver, "report");
    assertThat(Files.size(Browser.SCREENSHOTS.resolve("report.png"))).isGreaterThan(1000);
  }
}
