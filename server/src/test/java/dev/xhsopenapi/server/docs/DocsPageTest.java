package dev.xhsopenapi.server.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xhsopenapi.server.api.PublicApi;
import dev.xhsopenapi.server.testing.TestGateway;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /docs} renders in headless Chromium from the gateway alone: Swagger UI comes from the
 * webjar through the gateway, and Chromium's own networking is off, so nothing from the internet
 * helps. The screenshot is kept under {@code target/screenshots/} for people to look at.
 */
class DocsPageTest {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

  @TempDir Path dir;

  @Test
  void docsPage_rendersTheOperations_offline() throws Exception {
    assertThat(CHROMIUM)
        .as("Debian's chromium (scripts/test-services.sh installs it)")
        .isExecutable();
    try (TestGateway gw = TestGateway.start(dir.resolve("data"), Clock.systemUTC(), Map.of())) {
      String url = gw.baseUrl() + ApiDocs.PAGE_PATH;
      Path screenshots = Files.createDirectories(Path.of("target", "screenshots"));
      Path png = screenshots.resolve("docs.png");
      Files.deleteIfExists(png);

      chromium(dir.resolve("profile-1"), "--screenshot=" + png.toAbsolutePath(), url);
      assertThat(png).exists();
      BufferedImage image = ImageIO.read(png.toFile());
      assertThat(image.getWidth()).isEqualTo(1280);
      assertThat(nonWhiteShare(image)).as("share of non-white pixels").isGreaterThan(0.02);

      String dom = chromium(dir.resolve("profile-2"), "--dump-dom", url);
      assertThat(dom)
          .contains("swagger-ui")
          .contains(PublicApi.NOTES_PATH)
          .contains("/admin/v1/upstream/sessions")
          .contains("opblock");
    }
  }

  /** Runs Chromium headless on {@code url}; returns what it printed (the DOM for --dump-dom). */
  private static String chromium(Path profile, String action, String url)
      throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(
            List.of(
                CHROMIUM.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
                "--disable-sync",
                "--user-data-dir=" + profile,
                "--window-size=1280,2000",
                // Lets Swagger UI fetch /openapi.json and render before the page is captured.
                "--virtual-time-budget=15000",
                action,
                url));
    Path out = Files.createTempFile(profile.getParent(), "chromium", ".out");
    Process p =
        new ProcessBuilder(command)
            .redirectOutput(out.toFile())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    if (!p.waitFor(90, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("chromium did not finish within 90 s");
    }
    assertThat(p.exitValue()).as("chromium's exit status").isZero();
    return Files.readString(out, StandardCharsets.UTF_8);
  }

  private static double nonWhiteShare(BufferedImage image) {
    long nonWhite = 0;
    for (int y = 0; y < image.getHeight(); y += 4) {
      for (int x = 0; x < image.getWidth(); x += 4) {
        int rgb = image.getRGB(x, y) & 0xFFFFFF;
        if (rgb != 0xFFFFFF) {
          nonWhite++;
        }
      }
    }
    return nonWhite / (double) ((image.getHeight() / 4) * (image.getWidth() / 4));
  }
}
