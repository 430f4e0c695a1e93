package dev.salvage.pipeline.review;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The review UI as an operator drives it: the moves the browser tests share. */
final class ReviewPage {
  private final ChromeDriver driver;
  private final WebDriverWait wait;

  ReviewPage(ChromeDriver driver, Duration timeout) {
    this.driver = driver;
    this.wait = new WebDriverWait(driver, timeout);
    // The queue re-renders after every decision; an element found a moment earlier may be gone.
    wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
  }

  WebDriverWait waiting() {
    return wait;
  }

  void waitForQueue(int size) {
    wait.until(d -> d.findElements(By.cssSelector("#queue-list li")).size() == size);
  }

  String selectedRecord() {
    wait.until(d -> !d.findElements(By.cssSelector("#detail[data-record-id]")).isEmpty());
    return driver.findElement(By.id("detail")).getAttribute("data-record-id");
  }

  void pick(String id) {
    driver.findElement(By.cssSelector("#queue-list li[data-id='" + id + "']")).click();
    wait.until(d -> id.equals(d.findElement(By.id("detail")).getAttribute("data-record-id")));
  }

  void pressKey(String key) {
    driver.findElement(By.tagName("body")).sendKeys(key);
  }

  /** Edits one field of the selected record through the edit dialog (shortcut e). */
  void edit(String field, String value, String reason) {
    pressKey("e");
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("edit-dialog")));
    new Select(driver.findElement(By.id("edit-field"))).selectByVisibleText(field);
    WebElement input = driver.findElement(By.id("edit-value"));
    input.clear();
    input.sendKeys(value);
    driver.findElement(By.id("edit-reason")).sendKeys(reason);
    driver.findElement(By.id("edit-save")).click();
  }

  /** Rejects the selected record with the reject button, giving a reason. */
  void reject(String reason) {
    driver.findElement(By.id("reason")).sendKeys(reason);
    driver.findElement(By.id("btn-reject")).click();
  }

  /** Sets the action and minimum-confidence filters and waits for the queue to show size rows. */
  void filter(String action, String minConfidence, int size) {
    new Select(driver.findElement(By.id("f-action"))).selectByVisibleText(action);
    WebElement min = driver.findElement(By.id("f-min"));
    min.sendKeys(minConfidence);
    min.sendKeys(Keys.TAB);
    waitForQueue(size);
  }

  /** Presses the bulk approval button and confirms the count the UI asks about. */
  void bulkApprove() {
    driver.findElement(By.id("bulk-approve")).click();
    wait.until(ExpectedConditions.alertIsPresent()).accept();
  }

  void waitForDecision(String id, String decision) {
    wait.until(
        d ->
            decision.equals(
                d.findElement(By.cssSelector("#queue-list li[data-id='" + id + "']"))
                    .getAttribute("data-decision")));
  }

  /** Record id to the decision the queue shows for it ("" for undecided). */
  Map<String, String> shownDecisions() {
    // one round trip: a queue of hundreds of records would take seconds element by element
    @SuppressWarnings("unchecked")
    List<List<String>> rows =
        (List<List<String>>)
            driver.executeScript(
                "return Array.from(document.querySelectorAll('#queue-list li'))"
                    + ".map(li => [li.dataset.id, li.dataset.decision]);");
    Map<String, String> shown = new HashMap<>();
    rows.forEach(row -> shown.put(row.get(0), row.get(1)));
    return shown;
  }

  /** The rule the import step applies: the latest decision per record that was not undone. */
  static Map<String, String> effectiveDecisions(List<JsonNode> lines) {
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
