package foi.tracker.dashboard;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium, headless, for the page tests of the desk and the dashboard: installed (with
 * chromium-driver and a CJK font) when missing and running as root, started with the flags this
 * machine's closed network needs.
 */
public final class HeadlessChromium {
  private static final String CHROMIUM = "/usr/bin/chromium";
  private static final String CHROMEDRIVER = "/usr/bin/chromedriver";

  private HeadlessChromium() {}

  /**
   * Installs Debian's chromium and chromium-driver when missing (as root); otherwise fails saying
   * what to do.
   */
  public static void ensureInstalled() throws Exception {
    if (Files.isExecutable(Path.of(CHROMIUM)) && Files.isExecutable(Path.of(CHROMEDRIVER))) {
      return;
    }
    final boolean root =
        "root".equals(System.getProperty("user.name"))
            || "0".equals(run(List.of("id", "-u"), 10).trim());
    if (!root) {
      fail(
          "the page tests need "
              + CHROMIUM
              + " and "
              + CHROMEDRIVER
              + ": install them with "
              + "'apt-get install -y chromium chromium-driver' (as root), then run the tests again");
    }
    run(List.of("apt-get", "update"), 600);
    // fonts-wqy-zenhei: a CJK font, so the screenshots show Chinese rather than empty boxes
    run(
        List.of(
            "apt-get",
            "install",
            "-y",
            "--no-install-recommends",
            "chromium",
            "chromium-driver",
            "fonts-wqy-zenhei"),
        900);
    if (!Files.isExecutable(Path.of(CHROMIUM)) || !Files.isExecutable(Path.of(CHROMEDRIVER))) {
      fail(
          "apt-get install chromium chromium-driver did not provide "
              + CHROMIUM
              + " and "
              + CHROMEDRIVER);
    }
  }

  /**
   * A new headless browser with its own empty profile, Chinese UI, window {@code width} × {@code
   * height}.
   */
  public static WebDriver start(final int width, final int height) throws IOException {
    final ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--window-size=" + width + "," + height,
        "--lang=zh-CN",
        "--user-data-dir=" + Files.createTempDirectory("page-test-chromium").toAbsolutePath());
    System.setProperty("webdriver.chrome.driver", CHROMEDRIVER);
    final ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(CHROMEDRIVER))
            .usingAnyFreePort()
            .build();
    return new ChromeDriver(service, options);
  }

  /** Fails if a JavaScript alert is open, i.e. a script smuggled into stored text ran. */
  /**
   * Opens {@code url} and waits until the page has set {@code body[data-ready]}. Returns a wait of
   * {@code timeout} that ignores elements replaced meanwhile: the pages re-render their tables on
   * every live update, so an element found a moment ago may be gone.
   */
  public static WebDriverWait openWhenReady(
      final WebDriver driver, final String url, final Duration timeout) {
    final WebDriverWait wait = new WebDriverWait(driver, timeout);
    wait.ignoring(StaleElementReferenceException.class);
    driver.get(url);
    wait.until(d -> "true".equals(d.findElement(By.tagName("body")).getAttribute("data-ready")));
    return wait;
  }

  public static void assertNoAlert(final WebDriver driver) {
    try {
      driver.switchTo().alert();
      fail("a script from the subject ran");
    } catch (NoAlertPresentException expected) {
      // the subject stayed text
    }
  }

  /** Saves a screenshot as {@code target/<name>}. */
  public static void screenshot(final WebDriver driver, final String name) throws IOException {
    final File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
    final Path target = Path.of("target", name);
    Files.createDirectories(target.getParent());
    Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
  }

  private static String run(final List<String> command, final int timeoutSeconds) throws Exception {
    final ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().put("DEBIAN_FRONTEND", "noninteractive");
    final Process p = pb.start();
    final byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS) || p.exitValue() != 0) {
      fail(String.join(" ", command) + " failed:\n" + new String(out));
    }
    return new String(out);
  }
}
