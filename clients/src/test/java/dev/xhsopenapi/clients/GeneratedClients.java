package dev.xhsopenapi.clients;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the build put the generated Python and TypeScript clients. */
final class GeneratedClients {
  private GeneratedClients() {}

  /**
   * {@code target/generated-clients/<generator>} of this module (the build passes the folder as the
   * {@code generated.clients} system property).
   *
   * @throws AssertionError when the build did not generate that client
   */
  static Path dir(String generator) {
    Path root = Path.of(System.getProperty("generated.clients", "target/generated-clients"));
    Path dir = root.resolve(generator);
    if (!Files.isDirectory(dir)) {
      throw new AssertionError(
          dir.toAbsolutePath()
              + " is missing: the build generates it (openapi-generator-maven-plugin, phase"
              + " generate-sources); run the module's build, not the test class alone");
    }
    return dir;
  }
}
