package dev.xhsopenapi.server.console;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through its own ChromeDriver: both paths are given, so that
 * Selenium Manager never downloads anything. Screenshots go to {@code target/screenshots/}.
 */
final class Browser implements AutoCloseable {
  static final String CHROMIUM = "/usr/bin/chromium";
  static final String CHROMEDRIVER = "/usr/bin/chromedriver";
  static final Path SCREENSHOTS = Path.of("target", "screenshots");

  private final Path profile;
  private final ChromeDriverService service;
  private final ChromeDriver driver;

  Browser() {
    if (!new File(CHROMIUM).canExecute() || !new File(CHROMEDRIVER).canExecute()) {
      throw new IllegalStateException(
          "the browser tests need "
              + CHROMIUM
              + " and "
              + CHROMEDRIVER
              + " (scripts/test-services.sh installs them: apt-get install chromium"
              + " chromium-driver)");
    }
    try {
      profile = Files.createTempDirectory("chromium-profile");
      Files.createDirectories(SCREENSHOTS);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(CHROMEDRIVER))
            .usingAnyFreePort()
            .build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        "--disable-sync",
        "--lang=zh-CN",
        "--user-data-dir=" + profile);
    driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(20));
    driver.manage().window().setSize(new Dimension(1280, 1000));
  }

  WebDriver driver() {
    return driver;
  }

  void open(String url) {
    driver.get(url);
  }

  WebElement find(String css) {
    return new WebDriverWait(driver, Duration.ofSeconds(10))
        .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(css)));
  }

  String text(String css) {
    return find(css).getText();
  }

  void type(String css, String text) {
    WebElement input = find(css);
    input.clear();
    input.sendKeys(text);
  }

  /** Clicks and waits for the next page to load. */
  void clickAndWait(String css) {
    markPage();
    find(css).click();
    awaitNextPage();
  }

  /** Clicks a button whose form asks for confirmation, accepts it, and waits for the next page. */
  void clickConfirmAndWait(String css) {
    markPage();
    find(css).click();
    new WebDriverWait(driver, Duration.ofSeconds(10))
        .until(ExpectedConditions.alertIsPresent())
        .accept();
    awaitNextPage();
  }

  // A mark on the current page's window object, gone once the next page has replaced it. Waiting
  // for an element to go stale instead races with ChromeDriver, which may then answer with an
  // inspector error rather than a stale-element one.
  private void markPage() {
    driver.executeScript("window.__consoleTestMark = true;");
  }

  private void awaitNextPage() {
    new WebDriverWait(driver, Duration.ofSeconds(10))
        .ignoring(WebDriverException.class)
        .until(
            d ->
                Boolean.TRUE.equals(
                    driver.executeScript(
                        "return window.__consoleTestMark === undefined"
                            + " && document.readyState === 'complete';")));
  }

  /** The path (and query) of the current page. */
  String path() {
    String url = driver.getCurrentUrl();
    int slash = url.indexOf('/', url.indexOf("//") + 2);
    return url.substring(slash);
  }

  /** Saves a screenshot of the window as {@code target/screenshots/<name>.png}. */
  void screenshot(String name) {
    File shot = driver.getScreenshotAs(OutputType.FILE);
    try {
      Files.copy(
          shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Resizes the window, e.g. to a phone's. */
  void size(int width, int height) {
    driver.manage().window().setSize(new Dimension(width, height));
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      service.stop();
      try (Stream<Path> files = Files.walk(profile)) {
        files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
      } catch (IOException e) {
        // A leftover profile in the temporary folder harms nothing.
      }
    }
  }
}
