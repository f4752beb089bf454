package dev.xhsopenapi.cli;

import dev.xhsopenapi.sdk.EventListener;
import dev.xhsopenapi.sdk.XhsOpenApiClient;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The gateway and key of the customer commands ({@code notes}, {@code users}, {@code watch}, {@code
 * call}, {@code usage}).
 */
public final class ApiOptions {
  @Option(
      names = "--base-url",
      defaultValue = "http://127.0.0.1:8080",
      paramLabel = "URL",
      description = "The gateway (default: ${DEFAULT-VALUE}).")
  private String baseUrl;

  @Option(
      names = "--key",
      defaultValue = "${env:XHS_OPENAPI_KEY}",
      paramLabel = "KEY",
      description = "The API key, sk_live_… (default: env XHS_OPENAPI_KEY).")
  private String key;

  /**
   * A client of the gateway.
   *
   * @param spec the command, for usage errors
   * @param listener told of every answer and wait
   * @return the client; the caller closes it
   * @throws ParameterException when the key is missing or the URL or key is malformed
   */
  public XhsOpenApiClient client(CommandSpec spec, EventListener listener) {
    requireKey(spec);
    try {
      return XhsOpenApiClient.builder()
          .baseUrl(baseUrl)
          .apiKey(key)
          .eventListener(listener)
          .build();
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  /**
   * Checks that a key is given, before a command does anything else.
   *
   * @param spec the command, for usage errors
   * @throws ParameterException when the key is missing
   */
  public void requireKey(CommandSpec spec) {
    if (key == null || key.isBlank()) {
      throw new ParameterException(
          spec.commandLine(), "no API key: pass --key sk_live_… or set XHS_OPENAPI_KEY");
    }
  }
}
