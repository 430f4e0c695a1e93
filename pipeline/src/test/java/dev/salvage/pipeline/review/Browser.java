package dev.salvage.pipeline.review;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Debian Chromium driven through the system chromedriver. Selenium Manager is never asked
 * for anything: both paths are given. Without chromedriver the test is skipped, unless CI=true,
 * where a missing browser is a failure.
 */
final class Browser {
  static final Path CHROMEDRIVER =
      Path.of(System.getenv().getOrDefault("SALVAGE_CHROMEDRIVER", "/usr/bin/chromedriver"));
  static final Path CHROMIUM =
      Path.of(System.getenv().getOrDefault("SALVAGE_CHROMIUM", "/usr/bin/chromium"));
  static final Path SCREENSHOTS = Path.of("target/screenshots");

  // Selenium 4.27 knows CDP only up to 131 and says so at every start; the tests need no CDP
  // bindings (the one CDP call goes through chromedriver), so keep the log readable.
  private static final java.util.logging.Logger SELENIUM_LOG =
      java.util.logging.Logger.getLogger("org.openqa.selenium");

  static {
    SELENIUM_LOG.setLevel(java.util.logging.Level.SEVERE);
  }

  private Browser() {}

  static ChromeDriver start(Path profile) {
    boolean present = Files.isExecutable(CHROMEDRIVER) && Files.isExecutable(CHROMIUM);
    if (!present && "true".equals(System.getenv("CI"))) {
      throw new IllegalStateException(
          "Browser tests need "
              + CHROMEDRIVER
              + " and "
              + CHROMIUM
              + ": run scripts/ensure-chromium");
    }
    Assumptions.assumeTrue(
        present, "chromedriver or chromium missing: run scripts/ensure-chromium");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1400,1000",
        "--user-data-dir=" + profile.toAbsolutePath());
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
    return driver;
  }

  /** Cuts the browser off every network: only file:// pages can load afterwards. */
  static void goOffline(ChromeDriver driver) {
    driver.executeCdpCommand("Network.enable", Map.of());
    driver.executeCdpCommand(
        "Network.emulateNetworkConditions",
        Map.of("offline", true, "latency", 0, "downloadThroughput", -1, "uploadThroughput", -1));
  }

  static Path screenshot(ChromeDriver driver, String name) throws IOException {
    Files.createDirectories(SCREENSHOTS);
    File shot = driver.getScreenshotAs(OutputType.FILE);
    Path target = SCREENSHOTS.resolve(name + ".png");
    Files.copy(shot.toPath(), target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    return target;
  }
}
