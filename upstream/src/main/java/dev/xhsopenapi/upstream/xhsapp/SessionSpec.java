package dev.xhsopenapi.upstream.xhsapp;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.xhsopenapi.upstream.JsonBinding;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One upstream session as the operator describes it: a logged-in app session ({@code sid}) with its
 * device identity, an optional HTTP proxy, and extra {@code xy-common-params} fields that override
 * the defaults (header recipes change often, so they live in configuration).
 *
 * <p>JSON: {@code {"id":"s1","sid":"session.…","device_id":"…","fid":"…","proxy":null,
 * "common_params":{"versionName":"8.50.0"}}}.
 */
public record SessionSpec(
    String id,
    String sid,
    String deviceId,
    String fid,
    URI proxy,
    Map<String, String> commonParams) {

  private static final ObjectMapper BINDING = JsonBinding.mapper(true);

  /** Creates a spec; {@code id} and {@code sid} are required. */
  public SessionSpec {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(sid, "sid");
    deviceId = deviceId == null ? "" : deviceId;
    fid = fid == null ? "" : fid;
    commonParams = Map.copyOf(commonParams == null ? Map.of() : commonParams);
  }

  /**
   * Reads a sessions file: a JSON list of session objects.
   *
   * @param json reads the file's JSON (each entry is then bound as {@link #parse} does)
   * @throws IllegalArgumentException naming the entry ({@code [i]}) and its wrong field
   */
  public static List<SessionSpec> load(Path file, ObjectMapper json) throws IOException {
    JsonNode root = json.readTree(Files.readAllBytes(file));
    if (root == null || !root.isArray()) {
      throw new IllegalArgumentException("sessions file " + file + " must hold a JSON list");
    }
    List<SessionSpec> out = new ArrayList<>();
    for (int i = 0; i < root.size(); i++) {
      try {
        out.add(parse(root.get(i)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(file + " [" + i + "]: " + e.getMessage(), e);
      }
    }
    return out;
  }

  /**
   * Reads one session object.
   *
   * @throws IllegalArgumentException saying which field is wrong, e.g. {@code "sid must be a string
   *     (at $.sid)"}
   */
  public static SessionSpec parse(JsonNode node) {
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException("a session must be a JSON object");
    }
    try {
      return BINDING.treeToValue(node, SessionSpec.class);
    } catch (JacksonException e) {
      throw new IllegalArgumentException(JsonBinding.describe(e), e);
    }
  }

  /**
   * Binds a session object's keys ({@code id}, {@code sid}, {@code device_id}, {@code fid}, {@code
   * proxy}, {@code common_params}); other keys are ignored.
   *
   * @throws IllegalArgumentException naming the key that is missing or wrong
   */
  @JsonCreator
  static SessionSpec fromJson(
      @JsonProperty("id") String id,
      @JsonProperty("sid") String sid,
      @JsonProperty("device_id") String deviceId,
      @JsonProperty("fid") String fid,
      @JsonProperty("proxy") String proxy,
      @JsonProperty("common_params") Map<String, JsonNode> commonParams) {
    required(id, "id");
    required(sid, "sid");
    URI proxyUri = null;
    if (proxy != null && !proxy.isBlank()) {
      try {
        proxyUri = new URI(proxy);
      } catch (URISyntaxException e) {
        proxyUri = null;
      }
      if (proxyUri == null
          || !"http".equals(proxyUri.getScheme())
          || proxyUri.getHost() == null
          || proxyUri.getPort() < 0) {
        throw new IllegalArgumentException(
            "proxy must look like http://host:port, got '" + proxy + "' (at $.proxy)");
      }
    }
    Map<String, String> extra = new LinkedHashMap<>();
    if (commonParams != null) {
      commonParams.forEach((k, v) -> extra.put(k, v == null ? "null" : v.asText()));
    }
    return new SessionSpec(id, sid, deviceId, fid, proxyUri, extra);
  }

  private static void required(String value, String field) {
    if (value == null) {
      throw new IllegalArgumentException(field + " is required (at $." + field + ")");
    }
    if (value.isBlank()) {
      throw new IllegalArgumentException(
          field + " must be a non-empty string (at $." + field + ")");
    }
  }
}
