package dev.xhsopenapi.upstream.relay;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Where another SpiderHubs/TikHub-compatible API serves this endpoint, and how to call it.
 *
 * @param baseUrl the API's base URL
 * @param apiKey our key there, sent as {@code Authorization: Bearer …}
 * @param path the path of the notes endpoint there
 * @param timeout the longest wait for one answer
 */
public record RelaySettings(URI baseUrl, String apiKey, String path, Duration timeout) {

  /** Validates the settings. */
  public RelaySettings {
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(apiKey, "apiKey");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(timeout, "timeout");
  }

  @Override
  public String toString() {
    // Never print the key.
    return "RelaySettings[baseUrl=" + baseUrl + ", path=" + path + ", timeout=" + timeout + "]";
  }
}
