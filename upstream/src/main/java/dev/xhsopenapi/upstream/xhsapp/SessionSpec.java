package dev.xhsopenapi.upstream.xhsapp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
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

  /** Creates a spec; {@code id} and {@code sid} are required. */
  public SessionSpec {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(sid, "sid");
    deviceId = deviceId == null ? "" : deviceId;
    fid = fid == null ? "" : fid;
    commonParams = Map.copyOf(commonParams == null ? Map.of() : commonParams);
  }

  /** Reads a sessions file: a JSON list of session objects. */
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
   * @throws IllegalArgumentException saying which field is wrong
   */
  public static SessionSpec parse(JsonNode node) {
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException("a session must be a JSON object");
    }
    String id = text(node, "id", true);
    String sid = text(node, "sid", true);
    String proxy = text(node, "proxy", false);
    URI proxyUri = null;
    if (proxy != null && !proxy.isBlank()) {
      proxyUri = URI.create(proxy);
      if (!"http".equals(proxyUri.getScheme())
          || proxyUri.getHost() == null
          || proxyUri.getPort() < 0) {
        throw new IllegalArgumentException(
            "proxy must look like http://host:port, got '" + proxy + "'");
      }
    }
    Map<String, String> extra = new LinkedHashMap<>();
    JsonNode params = node.path("common_params");
    if (params.isObject()) {
      params.properties().forEach(e -> extra.put(e.getKey(), e.getValue().asText()));
    } else if (!params.isMissingNode() && !params.isNull()) {
      throw new IllegalArgumentException("common_params must be an object of strings");
    }
    return new SessionSpec(
        id, sid, text(node, "device_id", false), text(node, "fid", false), proxyUri, extra);
  }

  private static String text(JsonNode node, String field, boolean required) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      if (required) {
        throw new IllegalArgumentException(field + " is required");
      }
      return null;
    }
    if (!v.isTextual() || (required && v.asText().isBlank())) {
      throw new IllegalArgumentException(field + " must be a non-empty string");
    }
    return v.asText();
  }
}
