package io.meshbench.platform.api;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The system's headless Chromium driven through {@code /usr/bin/chromedriver} (never a downloaded
 * driver), with helpers that find controls as a person does: by their label or their name.
 */
final class Browser implements AutoCloseable {
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path SCREENSHOTS = Path.of("target", "screenshots");
  private static final Duration PATIENCE = Duration.ofSeconds(60);

  final ChromeDriver driver;

  private Browser(ChromeDriver driver) {
    this.driver = driver;
  }

  /**
   * Starts Chromium. Without it the browser tests skip, except under {@code CI=true}, where a
   * missing browser is a failure: {@code .ci/run} installs it.
   */
  static Browser start(Path profileDir) {
    boolean present = Files.isExecutable(CHROMEDRIVER) && Files.isExecutable(CHROMIUM);
    if (!present && "true".equals(System.getenv("CI"))) {
      fail("chromium and chromium-driver are missing under CI=true: .ci/run installs them");
    }
    Assumptions.assumeTrue(present, "chromium/chromium-driver not installed: browser tests skip");
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--window-size=1366,900",
        "--user-data-dir=" + profileDir.toAbsolutePath());
    // The page's console, for consoleErrors().
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
    return new Browser(driver);
  }

  void open(String url) {
    driver.get(url);
  }

  /** The control whose {@code <label>} reads exactly {@code text}. */
  WebElement labelled(String text) {
    WebElement label = until(d -> first(d.findElements(byText("label", text))));
    String id = label.getAttribute("for");
    return id == null ? label.findElement(By.tagName("input")) : driver.findElement(By.id(id));
  }

  /** The control whose label contains {@code text} (labels that carry more than a name). */
  WebElement labelledContaining(String text) {
    WebElement label =
        until(
            d ->
                first(
                    d.findElements(
                        By.xpath("//label[contains(normalize-space(), '" + text + "')]"))));
    return driver.findElement(By.id(label.getAttribute("for")));
  }

  WebElement button(String name) {
    return until(d -> first(d.findElements(byText("button", name))));
  }

  WebElement link(String name) {
    return until(d -> first(d.findElements(byText("a", name))));
  }

  WebElement heading(String text) {
    return until(
        d ->
            first(
                d.findElements(
                    By.xpath(
                        "//h1[normalize-space()='"
                            + text
                            + "']"
                            + " | //h2[normalize-space()='"
                            + text
                            + "']"))));
  }

  void type(String label, String value) {
    WebElement input = labelled(label);
    input.clear();
    input.sendKeys(value);
  }

  <T> T until(Function<WebDriver, T> condition) {
    return new WebDriverWait(driver, PATIENCE).until(condition);
  }

  Object js(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  /**
   * The errors the pages logged to the console (uncaught exceptions, console.error, failed loads)
   * since the previous call: Chromium hands each entry over once.
   */
  List<String> consoleErrors() {
    return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
        .map(LogEntry::getMessage)
        .toList();
  }

  /** Emulates the reader's colour scheme, as prefers-color-scheme sees it. */
  void colorScheme(String scheme) {
    driver.executeCdpCommand(
        "Emulation.setEmulatedMedia",
        Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", scheme))));
  }

  /** A screenshot of the whole page under target/screenshots/NAME.png, for review. */
  Path screenshot(String name) throws IOException {
    Files.createDirectories(SCREENSHOTS);
    Dimension before = driver.manage().window().getSize();
    long height = ((Number) js("return document.documentElement.scrollHeight")).longValue();
    driver
        .manage()
        .window()
        .setSize(new Dimension(before.getWidth(), (int) Math.min(4000, height + 140)));
    try {
      File shot = driver.getScreenshotAs(OutputType.FILE);
      Path target = SCREENSHOTS.resolve(name + ".png");
      Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
      return target;
    } finally {
      driver.manage().window().setSize(before);
    }
  }

  private static By byText(String tag, String text) {
    return By.xpath("//" + tag + "[normalize-space()='" + text + "']");
  }

  private static WebElement first(List<WebElement> found) {
    return found.stream().filter(WebElement::isDisplayed).findFirst().orElse(null);
  }

  @Override
  public void close() {
    driver.quit();
  }
}
