package dev.salvage.pipeline.review;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The review UI and the report in headless Chromium, as an operator would use them. */
class ReviewBrowserTest {
  @TempDir Path dir;
  @TempDir Path profile;
  private ChromeDriver driver;
  private ReviewServer server;
  private WebDriverWait wait;

  @BeforeEach
  void open() throws Exception {
    driver = Browser.start(profile);
    wait = new WebDriverWait(driver, Duration.ofSeconds(15));
    // The queue re-renders after every decision; an element found a moment earlier may be gone.
    wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
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
    waitForQueue(7);
    assertThat(selectedRecord()).isEqualTo(RunFixture.CONFLICT_ID);

    // approve with the keyboard
    pick(RunFixture.UPDATED_ID);
    driver.findElement(By.tagName("body")).sendKeys("a");
    waitForDecision(RunFixture.UPDATED_ID, "approve");

    // edit a field with a reason
    pick(RunFixture.CONFLICT_ID);
    driver.findElement(By.tagName("body")).sendKeys("e");
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("edit-dialog")));
    new Select(driver.findElement(By.id("edit-field"))).selectByVisibleText("phone");
    WebElement value = driver.findElement(By.id("edit-value"));
    value.clear();
    value.sendKeys("+351933333333");
    driver.findElement(By.id("edit-reason")).sendKeys("customer confirmed by phone");
    driver.findElement(By.id("edit-save")).click();
    waitForDecision(RunFixture.CONFLICT_ID, "edit");

    // reject with a reason
    pick(RunFixture.DOUBTFUL_NEW);
    driver.findElement(By.id("reason")).sendKeys("test booking");
    driver.findElement(By.id("btn-reject")).click();
    waitForDecision(RunFixture.DOUBTFUL_NEW, "reject");

    // approve, then undo it with u
    pick(RunFixture.FLAGGED_ID);
    driver.findElement(By.id("btn-approve")).click();
    waitForDecision(RunFixture.FLAGGED_ID, "approve");
    driver.findElement(By.tagName("body")).sendKeys("u");
    waitForDecision(RunFixture.FLAGGED_ID, "");

    // bulk-approve all NEW with confidence >= 0.99
    new Select(driver.findElement(By.id("f-action"))).selectByVisibleText("NEW");
    WebElement min = driver.findElement(By.id("f-min"));
    min.sendKeys("0.99");
    min.sendKeys(org.openqa.selenium.Keys.TAB);
    waitForQueue(RunFixture.CONFIDENT_NEW.size());
    driver.findElement(By.id("bulk-approve")).click();
    wait.until(ExpectedConditions.alertIsPresent()).accept();
    for (String id : RunFixture.CONFIDENT_NEW) {
      waitForDecision(id, "approve");
    }

    // open a field's evidence: the mail text
    driver.navigate().refresh();
    waitForQueue(7);
    pick(RunFixture.CONFIDENT_NEW.get(0));
    driver.findElement(By.cssSelector("button.ev[data-ref='" + RunFixture.MAIL_REF + "']")).click();
    WebElement evidence =
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("evidence-body")));
    assertThat(evidence.getText()).contains("Your booking RW-NEW1 is confirmed", "Hello Dee");
    Browser.screenshot(driver, "review-evidence");
    driver.findElement(By.id("evidence-close")).click();

    Map<String, String> shown = new HashMap<>();
    for (WebElement li : driver.findElements(By.cssSelector("#queue-list li"))) {
      shown.put(li.getAttribute("data-id"), li.getAttribute("data-decision"));
    }
    Map<String, String> saved = effectiveDecisions(ReviewApi.decisions(dir));
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

    pick(RunFixture.CONFLICT_ID);
    WebElement phone = driver.findElement(By.cssSelector("#fields tr[data-field='phone']"));
    assertThat(phone.getAttribute("class")).contains("changed").contains("edited");
    assertThat(phone.getText()).contains("+351922222222", "+351933333333");
    Browser.screenshot(driver, "review-page");
  }

  @Test
  void twoTabsDecidingAtOnceLoseNothing() throws Exception {
    driver.get(server.url().toString());
    waitForQueue(7);
    String first = driver.getWindowHandle();
    driver.switchTo().newWindow(org.openqa.selenium.WindowType.TAB);
    driver.get(server.url().toString());
    waitForQueue(7);
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
    wait.until(d -> ((ChromeDriver) d).executeScript("return window.__statuses") != null);
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
  void reportRendersFromDiskWithoutNetworkAndShowsTheTimeline() throws Exception {
    Browser.goOffline(driver);
    driver.get(dir.resolve("review/report.html").toUri().toString());
    WebElement chart = driver.findElement(By.cssSelector("svg#timeline"));
    assertThat(chart.findElements(By.cssSelector("rect.bar"))).isNotEmpty();
    assertThat(chart.getSize().getWidth()).isGreaterThan(100);
    assertThat(driver.findElements(By.cssSelector("#records tbody tr"))).hasSize(8);
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

  private void waitForQueue(int size) {
    wait.until(d -> d.findElements(By.cssSelector("#queue-list li")).size() == size);
  }

  private String selectedRecord() {
    wait.until(d -> !d.findElements(By.cssSelector("#detail[data-record-id]")).isEmpty());
    return driver.findElement(By.id("detail")).getAttribute("data-record-id");
  }

  private void pick(String id) {
    driver.findElement(By.cssSelector("#queue-list li[data-id='" + id + "']")).click();
    wait.until(d -> id.equals(d.findElement(By.id("detail")).getAttribute("data-record-id")));
  }

  private void waitForDecision(String id, String decision) {
    wait.until(
        d ->
            decision.equals(
                d.findElement(By.cssSelector("#queue-list li[data-id='" + id + "']"))
                    .getAttribute("data-decision")));
  }

  /** The rule the import step applies: the latest decision per record that was not undone. */
  private static Map<String, String> effectiveDecisions(List<JsonNode> lines) {
    Set<String> undone = new HashSet<>();
    lines.stream()
        .filter(l -> l.path("decision").asText().equals("undo"))
        .forEach(l -> undone.add(l.path("undoes").asText()));
    Map<String, String> current = new HashMap<>();
    for (JsonNode line : lines) {
      String kind = line.path("decision").asText();
      if (!kind.equals("undo") && !undone.contains(line.path("id").asText())) {
        current.put(line.path("record_id").asText(), kind);
      }
    }
    return current;
  }
}
