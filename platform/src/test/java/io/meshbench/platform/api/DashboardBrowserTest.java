package io.meshbench.platform.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshbench.engine.run.RunProgress;
import io.meshbench.engine.stats.IntervalSnapshot;
import io.meshbench.platform.analysis.HealthNotes;
import io.meshbench.platform.executor.LocalExecutor;
import io.meshbench.platform.job.JobDocument;
import io.meshbench.platform.job.JobFixtures;
import io.meshbench.platform.job.Json;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The dashboard in a real headless Chromium against a real server on an ephemeral port, driven by
 * labels and button names as a person would. Screenshots land in target/screenshots/.
 */
class DashboardBrowserTest {
  private static final Duration JOB_DEADLINE = Duration.ofSeconds(90);

  @TempDir static Path profile;
  @TempDir Path dir;
  private static Browser browser;
  private ApiFixture api;

  @BeforeAll
  static void startBrowser() {
    browser = Browser.start(profile);
  }

  @AfterAll
  static void stopBrowser() {
    if (browser != null) {
      browser.close();
    }
  }

  @AfterEach
  void stopServer() {
    if (api != null) {
      api.close();
    }
  }

  private void serve(String token) {
    api = new ApiFixture(dir, new LocalExecutor(Clock.systemUTC()), token, 100);
  }

  @Test
  void startsAJobFromTheFormWatchesItLiveAndDrawsItsResult() throws Exception {
    serve(null);
    browser.colorScheme("light");
    browser.open(api.base + "/#/new");
    // The form opens with the API's defaults and ranges, read from /openapi.json.
    assertThat(browser.labelled("Duration").getAttribute("value")).isEqualTo("60");
    assertThat(browser.labelled("Connections").getAttribute("value")).isEqualTo("32");
    assertThat(text("h-duration")).endsWith("(1–86400)");
    assertThat(browser.labelled("Sidecar mode").getAttribute("value")).isEqualTo("both");
    browser.type("Duration", "6");
    browser.type("Warm-up", "0");
    browser.type("Rate", "200");
    browser.type("Connections", "2");
    // A switch of colour scheme redraws charts only: what the form holds stays.
    browser.colorScheme("dark");
    browser.colorScheme("light");
    assertThat(browser.labelled("Rate").getAttribute("value")).isEqualTo("200");
    assertThat(browser.labelled("Test type").getAttribute("value")).isEqualTo("http");
    assertThat(browser.labelled("baseline").isSelected()).isTrue();
    browser.screenshot("new-benchmark");
    browser.button("Start").click();

    String id =
        browser.until(
            d -> d.getCurrentUrl().contains("#/jobs/") ? jobIdOf(d.getCurrentUrl()) : null);
    // Live: progress events raise the request count and add points to the per-second chart.
    assertThat(browser.button("Stop").isEnabled()).isTrue();
    browser.until(d -> !text("live-requests").equals("0") ? true : null);
    browser.until(d -> points("live-chart") >= 1 ? true : null);
    browser.screenshot("job-live");

    // The end of the stream turns the page into the result, without a reload.
    browser.heading("Percentile spectrum");
    JsonNode doc = ApiFixture.json(api.get("/benchmarks/jobs/" + id));
    assertThat(doc.get("status").asText()).isEqualTo("completed");
    JsonNode spectrum = ApiFixture.json(api.get("/benchmarks/jobs/" + id + "/spectrum"));
    browser.until(d -> series("spectrum-chart", 1).size() > 0 ? true : null);
    assertThat(series("spectrum-chart", 1))
        .containsExactlyElementsOf(values(spectrum.at("/corrected/points")));
    assertThat(series("spectrum-chart", 2))
        .containsExactlyElementsOf(values(spectrum.at("/service/points")));
    JsonNode timeseries = doc.at("/result/timeseries");
    assertThat(series("series-rps", 1)).hasSize(timeseries.size());
    for (int i = 0; i < timeseries.size(); i++) {
      assertThat(series("series-rps", 1).get(i)).isEqualTo(timeseries.get(i).get("rps").asDouble());
    }
    WebElement p99 =
        browser.driver.findElement(By.xpath("//tr[td[1][normalize-space()='Corrected']]/td[7]"));
    assertThat(p99.getText()).isEqualTo(msText(doc.at("/result/latency_ms/p99").asDouble()));
    assertThat(browser.link("Download JSON").getAttribute("href"))
        .endsWith("/benchmarks/jobs/" + id);
    browser.screenshot("job-result");
    browser.colorScheme("dark");
    browser.until(d -> series("spectrum-chart", 1).size() > 0 ? true : null);
    browser.screenshot("job-result-dark");
    browser.colorScheme("light");

    // History: the trend holds one point per finished job; Back returns to the job.
    browser.link("History").click();
    browser.until(d -> points("trend-chart") == 1 ? true : null);
    browser.screenshot("history");
    // The date range is the server's filter: a day long past finds nothing, today finds the job.
    // (Set as values: what a date control takes from the keyboard depends on the browser's locale.)
    browser.js("arguments[0].value = '2001-01-01'", browser.labelled("From date"));
    browser.js("arguments[0].value = '2001-01-02'", browser.labelled("To date"));
    browser.button("Filter").click();
    browser.until(d -> d.getCurrentUrl().contains("to=2001-01-02") ? true : null);
    browser.heading("Jobs (0)");
    browser.driver.navigate().back();
    browser.until(d -> points("trend-chart") == 1 ? true : null);
    browser.driver.navigate().back();
    browser.until(d -> d.getCurrentUrl().endsWith("#/jobs/" + id) ? true : null);
    browser.heading("Percentile spectrum");

    browser.link("Cluster").click();
    WebElement notice = browser.until(d -> d.findElement(By.id("no-cluster")));
    assertThat(notice.getText()).contains("No Kubernetes cluster");
    browser.screenshot("cluster");

    browser.link("Overview").click();
    browser.heading("Recent jobs");
    assertThat(browser.driver.findElements(By.linkText(id))).isNotEmpty();
    browser.screenshot("overview");
  }

  @Test
  void comparesTwoJobsWithOverlaidSpectraAndDeltas() throws Exception {
    serve(null);
    String first = finishedJob();
    String second = finishedJob();
    browser.open(api.base + "/#/compare");
    browser.labelledContaining(first).click();
    browser.labelledContaining(second).click();
    browser.button("Compare").click();
    browser.until(d -> d.getCurrentUrl().contains("ids=" + first + "," + second) ? true : null);
    browser.heading("Figures against the first job");
    browser.until(d -> series("compare-chart", 2).size() > 0 ? true : null);
    List<WebElement> rows =
        browser.driver.findElements(By.xpath("//table[.//th[.='p99 (ms)']]/tbody/tr"));
    assertThat(rows).hasSize(2);
    assertThat(rows.get(0).getText()).startsWith("baseline " + first);
    JsonNode comparison =
        ApiFixture.json(api.get("/benchmarks/compare?ids=" + first + "," + second));
    double deltaMs = comparison.at("/jobs/1/delta_vs_first/p99_ms").asDouble();
    assertThat(rows.get(1).findElements(By.tagName("td")).get(2).getText())
        .contains(msText(Math.abs(deltaMs)));
    for (int i = 0; i < 2; i++) {
      String job = i == 0 ? first : second;
      JsonNode s = ApiFixture.json(api.get("/benchmarks/jobs/" + job + "/spectrum"));
      assertThat(series("compare-chart", i + 1))
          .containsExactlyElementsOf(values(s.at("/corrected/points")));
    }
    browser.screenshot("compare");
  }

  @Test
  void drawsEveryPointOfAnHourLongPerSecondSeries() throws Exception {
    serve(null);
    String id = finishedJob();
    // The same job as if it had run for an hour: 3,600 per-second points.
    ObjectNode doc = (ObjectNode) ApiFixture.json(api.get("/benchmarks/jobs/" + id));
    ArrayNode series = ((ObjectNode) doc.get("result")).putArray("timeseries");
    for (int t = 1; t <= 3600; t++) {
      series
          .addObject()
          .put("t_s", t)
          .put("rps", 1000 + (t % 60))
          .put("errors", t % 600 == 0 ? 3 : 0)
          .put("p50_ms", 1.0)
          .put("p99_ms", 2.0 + (t % 300) / 100.0)
          .put("max_ms", 9.0);
    }
    api.store.save(Json.mapper().treeToValue(doc, JobDocument.class));
    browser.open(api.base + "/#/jobs/" + id);
    browser.until(d -> series("series-rps", 1).size() == 3600 ? true : null);
    List<Double> drawn = series("series-rps", 1);
    assertThat(drawn.get(0)).isEqualTo(1001.0);
    assertThat(drawn.get(3599)).isEqualTo(1000.0);
    assertThat(series("series-latency", 2)).hasSize(3600);
    browser.screenshot("job-hour-series");
  }

  /** A run that fell behind says so on its page in the words of the report and the exports. */
  @Test
  void aRunThatFellBehindShowsTheReportsWarnings() throws Exception {
    serve(null);
    String id = finishedJob();
    ObjectNode doc = (ObjectNode) ApiFixture.json(api.get("/benchmarks/jobs/" + id));
    ((ObjectNode) doc.get("result"))
        .put("requests", 1000)
        .put("errors", 10)
        .put("scheduled", 1050)
        .put("sent", 1000)
        .put("unsent", 50)
        .put("unsent_lag_ms", 812.5)
        .put("rate_sustained", false)
        .put("connection_wait_max_ms", 800.0)
        .put("loadgen_lag_p99_ms", 2.5)
        .put("loadgen_lag_max_ms", 4.25)
        .put("loadgen_saturated", true)
        .put("completed_after_end", 20);
    JobDocument behind = Json.mapper().treeToValue(doc, JobDocument.class);
    api.store.save(behind);
    browser.open(api.base + "/#/jobs/" + id);
    browser.heading("Generator health");
    List<String> shown =
        browser.until(
            d -> {
              List<String> texts =
                  d.findElements(By.cssSelector(".notice.warn[role=status]")).stream()
                      .map(WebElement::getText)
                      .toList();
              return texts.size() >= 4 ? texts : null;
            });
    List<String> expected = HealthNotes.of(behind.result());
    assertThat(expected).hasSize(4);
    for (String note : expected) {
      // The dashboard says "more threads" where the CLI names its flag.
      assertThat(shown).contains(note.replace("--threads", "threads"));
    }
    // Errors are a share of every outcome, as error_rate is (10 of 1000).
    assertThat(browser.driver.findElement(By.tagName("main")).getText()).contains("10 (1.00 %)");
    browser.screenshot("job-fell-behind");
  }

  /** A run in which nothing succeeded has no latency, and its page does not show zeros as one. */
  @Test
  void aRunWithoutASuccessShowsNoLatencyFigures() throws Exception {
    serve(null);
    browser.consoleErrors(); // what earlier tests left in the log is theirs
    String id = finishedJob();
    ObjectNode doc = (ObjectNode) ApiFixture.json(api.get("/benchmarks/jobs/" + id));
    doc.put("status", "failed").put("error", "every request timed out");
    ((ObjectNode) doc.get("result")).put("requests", 5).put("errors", 5);
    api.store.save(Json.mapper().treeToValue(doc, JobDocument.class));
    browser.open(api.base + "/#/jobs/" + id);
    browser.heading("Result");
    WebElement none = browser.until(d -> d.findElement(By.id("no-latency")));
    assertThat(none.getText()).isEqualTo("Latency: none, no request succeeded.");
    assertThat(browser.driver.findElements(By.xpath("//caption[starts-with(., 'Latency (ms)')]")))
        .isEmpty();
    assertThat(browser.driver.findElement(By.tagName("main")).getText()).contains("5 (100.00 %)");
    browser.heading("Time series");
    browser.heading("Generator health");
    assertThat(browser.consoleErrors()).isEmpty();
  }

  @Test
  void aSecondWithoutASuccessIsAGapInTheChartsAndADashInTheFigures() throws Exception {
    ScriptedExecutor executor = new ScriptedExecutor();
    api = new ApiFixture(dir, executor, null, 100);
    browser.consoleErrors(); // what earlier tests left in the log is theirs
    HttpResponse<String> started =
        api.post(
            "/benchmarks/start",
            "{\"duration\":3,\"warmup\":0,\"rate\":100,\"concurrent_connections\":1}");
    assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
    String id = ApiFixture.json(started).get("job_id").asText();
    api.awaitJob(id, d -> d.get("status").asText().equals("running"), JOB_DEADLINE);
    browser.open(api.base + "/#/jobs/" + id);
    browser.button("Stop");

    // Live: seconds arrive once the page's event stream is up; report answered ones until then.
    int[] second = {0};
    browser.until(
        d -> {
          second[0]++;
          executor.progress(measuring(second[0], answered(second[0])));
          return text("live-p99").equals("3.000") ? true : null;
        });
    second[0]++;
    executor.progress(measuring(second[0], stalled(second[0])));
    browser.until(d -> text("live-p99").equals("–") ? true : null);
    assertThat(lastOf("live-chart", 2)).as("p99 of the stalled second").isNull();
    assertThat(number(lastOf("live-chart", 1))).as("its rate").isEqualTo(0.0);
    second[0]++;
    executor.progress(measuring(second[0], answered(second[0])));
    browser.until(d -> text("live-p99").equals("3.000") ? true : null);
    // The line breaks at the stalled second and goes on after it.
    List<Object> liveP99 = column("live-chart", 2);
    assertThat(liveP99.get(liveP99.size() - 2)).isNull();
    assertThat(number(liveP99.get(liveP99.size() - 1))).isEqualTo(3.0);
    assertThat(browser.js("return document.getElementById('live-chart').chart.series[2].spanGaps"))
        .isEqualTo(false);
    browser.screenshot("job-live-stalled-second");

    // The result: second 2 of the fixture had no success.
    executor.finish(JobFixtures.documentWithStalledSecond().result());
    browser.heading("Time series");
    browser.until(d -> column("series-latency", 2).size() == 3 ? true : null);
    for (int line = 1; line <= 3; line++) { // p50, p99, max
      List<Object> values = column("series-latency", line);
      assertThat(values.get(0)).as("line %d", line).isInstanceOf(Number.class);
      assertThat(values.get(1)).as("line %d", line).isNull();
      assertThat(values.get(2)).as("line %d", line).isInstanceOf(Number.class);
    }
    assertThat(number(column("series-rps", 1).get(1))).isEqualTo(0.0);
    // The legend, at the stalled second, reads '–' for each percentile and 0 for the rate.
    assertThat(legendAt("series-latency", 2.0)).containsExactly("2 s", "–", "–", "–");
    assertThat(legendAt("series-rps", 2.0)).containsExactly("2 s", "0", "7");
    assertThat(legendAt("series-latency", 1.0).get(2)).isNotEqualTo("–").isNotEqualTo("0");
    browser.screenshot("job-result-stalled-second");
    assertThat(browser.consoleErrors()).isEmpty();
  }

  private static RunProgress measuring(int second, IntervalSnapshot interval) {
    return new RunProgress(RunProgress.Phase.MEASURING, second, 300, interval, second * 100L, 0);
  }

  private static IntervalSnapshot answered(int second) {
    return new IntervalSnapshot(second, 100, 100, 0, 1.0, 2.0, 3.0, 4.0);
  }

  private static IntervalSnapshot stalled(int second) {
    return new IntervalSnapshot(second, 0, 0, 0, null, null, null, null);
  }

  /** One line of a chart as uPlot holds it, nulls included. */
  private static List<Object> column(String chartId, int index) {
    Object raw =
        browser.js(
            "const el = document.getElementById(arguments[0]);"
                + "if (!el || !el.chart || !el.chart.data[arguments[1]]) return [];"
                + "return Array.from(el.chart.data[arguments[1]]);",
            chartId,
            index);
    return new ArrayList<>((List<?>) raw);
  }

  /** A value from the page as a double (Selenium hands whole numbers over as Long). */
  private static Double number(Object value) {
    return value == null ? null : ((Number) value).doubleValue();
  }

  private static Object lastOf(String chartId, int index) {
    List<Object> values = column(chartId, index);
    return values.isEmpty() ? "none" : values.get(values.size() - 1);
  }

  /** The chart's legend values with the cursor on the second {@code tS}. */
  private static List<String> legendAt(String chartId, double tS) {
    Object raw =
        browser.js(
            "const el = document.getElementById(arguments[0]); const u = el.chart;"
                + "u.setCursor({left: u.valToPos(arguments[1], 'x'), top: 10});"
                + "return [...el.querySelectorAll('.u-legend .u-series .u-value')]"
                + ".map(v => v.textContent);",
            chartId,
            tS);
    List<String> out = new ArrayList<>();
    for (Object o : (List<?>) raw) {
      out.add(String.valueOf(o));
    }
    return out;
  }

  @Test
  void showsTheContainersResourcesOfAClusterRun() throws Exception {
    serve(null);
    String id = finishedJob();
    // The same job as a cluster run under Istio would have written it.
    JobDocument local = api.store.find(id).orElseThrow();
    api.store.save(local.withCluster(JobFixtures.clusterReport()));
    browser.open(api.base + "/#/jobs/" + id);
    browser.heading("Resources per container");
    WebElement proxy =
        browser.driver.findElement(By.xpath("//tr[td[2][normalize-space()='istio-proxy']]"));
    assertThat(proxy.findElement(By.xpath("td[3]")).getText()).isEqualTo("proxy");
    assertThat(proxy.findElement(By.xpath("td[6]")).getText()).isEqualTo("95");
    WebElement samples =
        browser.driver.findElement(
            By.xpath("//dt[normalize-space()='Resource samples']/following-sibling::dd[1]"));
    assertThat(samples.getText()).isEqualTo("12");
    WebElement mesh =
        browser.driver.findElement(
            By.xpath("//dt[normalize-space()='Mesh']/following-sibling::dd[1]"));
    assertThat(mesh.getText()).isEqualTo("istio · 1.24.2 · ready");
    browser.screenshot("job-cluster-resources");
  }

  @Test
  void showsTheApisValidationErrorNextToTheFieldItNames() throws Exception {
    serve(null);
    browser.open(api.base + "/#/new");
    WebElement connections = browser.labelled("Connections");
    connections.clear();
    connections.sendKeys("0", Keys.ENTER); // by keyboard: Enter submits the form
    WebElement error =
        browser.until(
            d -> {
              WebElement e = d.findElement(By.id("e-concurrent_connections"));
              return e.isDisplayed() ? e : null;
            });
    assertThat(error.getText()).contains("concurrent_connections must be a whole number from 1 to");
    WebElement field = connections.findElement(By.xpath("./ancestor::div[@data-field][1]"));
    assertThat(field.getAttribute("data-field")).isEqualTo("concurrent_connections");
    assertThat(field.findElement(By.className("field-error"))).isEqualTo(error);
    assertThat(connections.getAttribute("aria-invalid")).isEqualTo("true");
    assertThat(connections.getAttribute("aria-describedby")).contains("e-concurrent_connections");
    assertThat(ApiFixture.json(api.get("/benchmarks/jobs")).get("count").asInt()).isZero();
    browser.screenshot("validation-error");
  }

  @Test
  void severalMeshesWithoutAClusterQueueOneJobEachAndSayWhichCannotRun() throws Exception {
    serve(null);
    browser.open(api.base + "/#/new");
    fillShortJob();
    browser.labelled("istio").click();
    assertThat(browser.labelled("baseline").isSelected()).isTrue();
    browser.button("Start").click();
    WebElement error =
        browser.until(
            d -> {
              WebElement e = d.findElement(By.id("e-mesh_type"));
              return e.isDisplayed() ? e : null;
            });
    // The local executor's 422 names mesh_type: shown next to the Mesh type choices.
    assertThat(error.getText())
        .contains("mesh_type istio without a service_url", "needs a Kubernetes cluster");
    assertThat(error.findElement(By.xpath("./ancestor::fieldset/legend")).getText())
        .isEqualTo("Mesh type");
    WebElement queued =
        browser.until(d -> d.findElement(By.xpath("//div[starts-with(., 'Queued 1 job')]")));
    JsonNode jobs = ApiFixture.json(api.get("/benchmarks/jobs"));
    assertThat(jobs.get("count").asInt()).isEqualTo(1);
    String id = jobs.at("/jobs/0/job_id").asText();
    assertThat(jobs.at("/jobs/0/spec/mesh_type").asText()).isEqualTo("baseline");
    assertThat(queued.findElement(By.linkText(id)).getAttribute("href")).endsWith("#/jobs/" + id);
    browser.screenshot("several-meshes-no-cluster");
  }

  @Test
  void stopsARunningJobFromItsPage() throws Exception {
    serve(null);
    HttpResponse<String> r =
        api.post(
            "/benchmarks/start",
            "{\"duration\":300,\"warmup\":0,\"rate\":100,\"concurrent_connections\":1}");
    String id = ApiFixture.json(r).get("job_id").asText();
    // The overview shows it running, with live progress, and links to it.
    browser.open(api.base + "/#/");
    By progress = By.cssSelector("progress[aria-label='Progress of " + id + "']");
    browser.until(
        d -> {
          List<WebElement> bars = d.findElements(progress);
          return !bars.isEmpty() && Double.parseDouble(bars.get(0).getAttribute("value")) > 0
              ? true
              : null;
        });
    browser.screenshot("overview-running");
    browser.link(id).click();
    browser.until(d -> !text("live-requests").equals("0") ? true : null);
    browser.button("Stop").click();
    browser.until(
        d -> d.findElements(By.cssSelector("h1 + p .status.cancelled")).isEmpty() ? null : true);
    assertThat(ApiFixture.json(api.get("/benchmarks/jobs/" + id)).get("status").asText())
        .isEqualTo("cancelled");
    // The rebuilt page says how the job ended, and the focus is on its heading, not lost.
    browser.until(
        d ->
            ("Job " + id + " cancelled")
                    .equals(browser.js("return document.getElementById('announcer').textContent"))
                ? true
                : null);
    assertThat(browser.js("return document.activeElement.tagName")).isEqualTo("H1");
    browser.screenshot("job-stopped");
  }

  @Test
  void asksForTheTokenOnceAndKeepsItForTheSession() throws Exception {
    serve("s3cret-token-0123456789");
    browser.open(api.base + "/#/new");
    browser.js("sessionStorage.clear()");
    fillShortJob();
    browser.button("Start").click();
    WebElement tokenInput =
        browser.until(
            d -> {
              WebElement input = d.findElement(By.id("token-input"));
              return input.isDisplayed() ? input : null;
            });
    assertThat(browser.labelled("API token")).isEqualTo(tokenInput);
    browser.screenshot("token-prompt");
    tokenInput.sendKeys("s3cret-token-0123456789");
    browser.button("Save token").click();
    String first =
        browser.until(
            d -> d.getCurrentUrl().contains("#/jobs/") ? jobIdOf(d.getCurrentUrl()) : null);
    assertThat(browser.js("return sessionStorage.getItem('meshbench.token')"))
        .isEqualTo("s3cret-token-0123456789");

    // Asked once: the next start goes through with the kept token.
    browser.link("New benchmark").click();
    fillShortJob();
    browser.button("Start").click();
    String second =
        browser.until(
            d -> {
              String url = d.getCurrentUrl();
              return url.contains("#/jobs/") && !url.endsWith(first) ? jobIdOf(url) : null;
            });
    assertThat(browser.js("return document.getElementById('token-dialog').open")).isEqualTo(false);
    assertThat(ApiFixture.json(api.get("/benchmarks/jobs/" + second)).get("job_id").asText())
        .isEqualTo(second);

    // A wrong token is said to be refused, and the focus goes back to the button that asked.
    browser.link("New benchmark").click();
    browser.js("sessionStorage.clear()");
    fillShortJob();
    browser.button("Start").click();
    WebElement again =
        browser.until(
            d -> {
              WebElement input = d.findElement(By.id("token-input"));
              return input.isDisplayed() ? input : null;
            });
    again.sendKeys("not-the-token-0123456789", Keys.ENTER);
    WebElement refused =
        browser.until(d -> d.findElement(By.xpath("//div[@role='alert'][contains(., 'refused')]")));
    assertThat(refused.getText()).contains("refused this API token");
    assertThat(browser.js("return document.activeElement.textContent")).isEqualTo("Start");
    assertThat(ApiFixture.json(api.get("/benchmarks/jobs")).get("count").asInt()).isEqualTo(2);
  }

  private void fillShortJob() {
    browser.type("Duration", "1");
    browser.type("Warm-up", "0");
    browser.type("Rate", "50");
    browser.type("Connections", "1");
  }

  private String finishedJob() throws Exception {
    HttpResponse<String> r =
        api.post(
            "/benchmarks/start",
            "{\"duration\":1,\"warmup\":0,\"rate\":100,\"concurrent_connections\":1}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    String id = ApiFixture.json(r).get("job_id").asText();
    api.awaitJob(id, d -> d.get("status").asText().equals("completed"), JOB_DEADLINE);
    return id;
  }

  private static String jobIdOf(String url) {
    return url.substring(url.indexOf("#/jobs/") + "#/jobs/".length());
  }

  private static String text(String id) {
    List<WebElement> found = browser.driver.findElements(By.id(id));
    return found.isEmpty() ? "0" : found.get(0).getText();
  }

  private static long points(String id) {
    List<WebElement> found = browser.driver.findElements(By.id(id));
    if (found.isEmpty() || found.get(0).getAttribute("data-points") == null) {
      return -1;
    }
    return Long.parseLong(found.get(0).getAttribute("data-points").split(",")[0]);
  }

  /** The non-null values of one series as the chart holds them (uPlot's data arrays). */
  private static List<Double> series(String chartId, int index) {
    Object raw =
        browser.js(
            "const el = document.getElementById(arguments[0]);"
                + "if (!el || !el.chart || !el.chart.data[arguments[1]]) return [];"
                + "return el.chart.data[arguments[1]].filter(v => v !== null && v !== undefined);",
            chartId,
            index);
    List<Double> out = new ArrayList<>();
    for (Object o : (List<?>) raw) {
      out.add(((Number) o).doubleValue());
    }
    return out;
  }

  private static List<Double> values(JsonNode points) {
    List<Double> out = new ArrayList<>();
    points.forEach(p -> out.add(p.get("value_ms").asDouble()));
    return out;
  }

  /** The dashboard's millisecond format: 3 decimals under 10, 2 under 100, 1 above. */
  private static String msText(double v) {
    int digits = v < 10 ? 3 : v < 100 ? 2 : 1;
    return String.format(Locale.US, "%,." + digits + "f", v);
  }
}
