package dev.xhsopenapi.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.xhsopenapi.server.account.Limits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Loads {@link GatewayConfig} from, in order of precedence: command-line flags, environment
 * variables {@code XHS_OPENAPI_<NAME>}, the YAML file given with {@code --config}, defaults.
 *
 * <p>Settings are named by their dotted YAML path ({@code upstream.cache.ttl-s}); the environment
 * name is that path upper-cased with dots and dashes as underscores ({@code
 * XHS_OPENAPI_UPSTREAM_CACHE_TTL_S}). This is the only class that reads the environment.
 */
public final class ConfigLoader {
  /** Every setting and its default ({@code null}: unset). */
  static final Map<String, String> DEFAULTS = defaults();

  /** The largest request body a setting may allow: 1 GiB. */
  private static final long MAX_BODY_BYTES = 1L << 30;

  private final Map<String, String> values;

  private ConfigLoader(Map<String, String> values) {
    this.values = values;
  }

  /**
   * Loads the configuration.
   *
   * @param flags settings given on the command line, by setting name (e.g. {@code port})
   * @param env the environment (normally {@code System.getenv()})
   * @param configFile the YAML file, or null
   * @throws IllegalArgumentException with a readable message when a setting is wrong
   */
  public static GatewayConfig load(
      Map<String, String> flags, Map<String, String> env, Path configFile) {
    Map<String, String> merged = new LinkedHashMap<>(DEFAULTS);
    if (configFile != null) {
      merged.putAll(readYaml(configFile));
    }
    for (String name : DEFAULTS.keySet()) {
      String fromEnv = env.get(envName(name));
      if (fromEnv != null) {
        merged.put(name, fromEnv);
      }
    }
    for (Map.Entry<String, String> flag : flags.entrySet()) {
      if (!DEFAULTS.containsKey(flag.getKey())) {
        throw new IllegalArgumentException("unknown setting " + flag.getKey());
      }
      merged.put(flag.getKey(), flag.getValue());
    }
    return new ConfigLoader(merged).build();
  }

  /**
   * Every setting by name, with its default (null: unset), in the order of the configuration
   * reference ({@code docs/CONFIG.md}).
   */
  public static Map<String, String> settings() {
    return Collections.unmodifiableMap(DEFAULTS);
  }

  /** The environment variable that sets a setting. */
  public static String envName(String setting) {
    return "XHS_OPENAPI_" + setting.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  private GatewayConfig build() {
    boolean demo = bool("demo");
    List<String> chain = list("upstream.chain");
    if (chain.isEmpty()) {
      chain = demo ? List.of("sim") : List.of("xhs-app", "relay");
    }
    Map<String, Long> prices = new HashMap<>();
    prices.put("xhs-get-user-notes", longValue("prices.xhs-get-user-notes", 1, 1_000_000));
    String dataset = values.get("upstream.sim.dataset");
    return new GatewayConfig(
        (int) longValue("port", 0, 65535),
        host(demo),
        longValue("http.max-body-bytes", 1, MAX_BODY_BYTES),
        Path.of(text("data")),
        blankToNull(values.get("db")),
        blankToNull(values.get("redis")),
        blankToNull(values.get("admin-token")),
        demo,
        (int)
            longValue(
                "rate-limit.default-per-minute",
                Limits.MIN_RATE_LIMIT_PER_MINUTE,
                Limits.MAX_RATE_LIMIT_PER_MINUTE),
        prices,
        new GatewayConfig.Upstream(
            chain,
            Duration.ofMillis(longValue("upstream.budget-ms", 1, 600_000)),
            Duration.ofSeconds(longValue("upstream.cache.ttl-s", 0, 86_400)),
            Duration.ofSeconds(longValue("upstream.cache.stale-s", 0, 86_400 * 7)),
            longValue("upstream.cache.max-mb", 1, 1 << 20) << 20,
            Duration.ofSeconds(longValue("upstream.breaker.open-s", 1, 3600)),
            new GatewayConfig.Sim(
                longValue("upstream.sim.seed", Long.MIN_VALUE, Long.MAX_VALUE),
                dataset == null || dataset.isBlank() ? null : Path.of(dataset),
                Duration.ofMillis(longValue("upstream.sim.latency-ms", 0, 600_000))),
            new GatewayConfig.XhsApp(
                text("upstream.xhs-app.base-url"),
                text("upstream.xhs-app.signer-url"),
                Path.of(text("upstream.xhs-app.sessions-file")),
                Duration.ofMillis(longValue("upstream.xhs-app.pace-ms", 0, 3_600_000)),
                fraction("upstream.xhs-app.pace-jitter"),
                Duration.ofMillis(longValue("upstream.xhs-app.timeout-ms", 1, 600_000)),
                (int) longValue("upstream.xhs-app.attempts", 1, 20),
                Duration.ofSeconds(longValue("upstream.xhs-app.cool-down.captcha-s", 0, 86_400)),
                Duration.ofSeconds(longValue("upstream.xhs-app.cool-down.soft-block-s", 0, 86_400)),
                Duration.ofSeconds(
                    longValue("upstream.xhs-app.cool-down.rate-limited-s", 0, 86_400)),
                Duration.ofSeconds(longValue("upstream.xhs-app.cool-down.ip-blocked-s", 0, 86_400)),
                list("upstream.xhs-app.user-not-found-codes").stream()
                    .map(c -> parseInt("upstream.xhs-app.user-not-found-codes", c))
                    .toList()),
            new GatewayConfig.Relay(
                blankToNull(values.get("upstream.relay.base-url")),
                blankToNull(values.get("upstream.relay.api-key")),
                text("upstream.relay.path"),
                Duration.ofMillis(longValue("upstream.relay.timeout-ms", 1, 600_000)))),
        new GatewayConfig.RequestLogSettings(
            (int) longValue("request-log.queue", 1, 10_000_000),
            Duration.ofDays(longValue("request-log.retention-days", 1, 3650))),
        abandonAfter(),
        (int) longValue("db.pool-size", 1, 1000),
        new GatewayConfig.Ops(
            logFormat(), Duration.ofSeconds(longValue("shutdown.grace-s", 0, 3600))),
        new GatewayConfig.ConsoleSettings(bool("console.secure-cookies")));
  }

  /** The bind address: as set, else every interface, or only loopback for the demo. */
  private String host(boolean demo) {
    String host = blankToNull(values.get("host"));
    if (host == null) {
      return demo ? "127.0.0.1" : "0.0.0.0";
    }
    if (!host.matches("[A-Za-z0-9.:%_-]+|\\[[0-9A-Fa-f:.%]+]")) {
      throw new IllegalArgumentException(
          "host must be an IP address or a host name such as 0.0.0.0 or 127.0.0.1, got '"
              + host
              + "'");
    }
    return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
  }

  private GatewayConfig.LogFormat logFormat() {
    String v = text("log.format").toLowerCase(Locale.ROOT);
    return switch (v) {
      case "json" -> GatewayConfig.LogFormat.JSON;
      case "text" -> GatewayConfig.LogFormat.TEXT;
      default ->
          throw new IllegalArgumentException("log.format must be json or text, got '" + v + "'");
    };
  }

  private Duration abandonAfter() {
    Duration abandon = Duration.ofSeconds(longValue("credits.abandon-after-s", 1, 86_400));
    Duration budget = Duration.ofMillis(longValue("upstream.budget-ms", 1, 600_000));
    if (abandon.compareTo(budget.plusSeconds(5)) < 0) {
      throw new IllegalArgumentException(
          "credits.abandon-after-s must exceed upstream.budget-ms by at least 5 s, or credits of"
              + " requests still in flight would be released");
    }
    return abandon;
  }

  private static Map<String, String> defaults() {
    Map<String, String> d = new LinkedHashMap<>();
    d.put("port", "8080");
    d.put("host", null);
    d.put("http.max-body-bytes", "1048576");
    d.put("data", "./data");
    d.put("db", null);
    d.put("redis", null);
    d.put("admin-token", null);
    d.put("demo", "false");
    d.put("rate-limit.default-per-minute", "300");
    d.put("prices.xhs-get-user-notes", "1");
    d.put("upstream.chain", null);
    d.put("upstream.budget-ms", "8000");
    d.put("upstream.cache.ttl-s", "60");
    d.put("upstream.cache.stale-s", "600");
    d.put("upstream.cache.max-mb", "256");
    d.put("upstream.breaker.open-s", "30");
    d.put("upstream.xhs-app.base-url", "https://edith.xiaohongshu.com");
    d.put("upstream.xhs-app.signer-url", "http://127.0.0.1:9100/sign");
    d.put("upstream.xhs-app.sessions-file", "sessions.json");
    d.put("upstream.xhs-app.pace-ms", "2000");
    d.put("upstream.xhs-app.pace-jitter", "0.25");
    d.put("upstream.xhs-app.timeout-ms", "3000");
    d.put("upstream.xhs-app.attempts", "3");
    d.put("upstream.xhs-app.cool-down.captcha-s", "600");
    d.put("upstream.xhs-app.cool-down.soft-block-s", "300");
    d.put("upstream.xhs-app.cool-down.rate-limited-s", "3600");
    d.put("upstream.xhs-app.cool-down.ip-blocked-s", "1800");
    d.put("upstream.xhs-app.user-not-found-codes", "-10000,-104");
    d.put("upstream.relay.base-url", null);
    d.put("upstream.relay.api-key", null);
    d.put("upstream.relay.path", "/openapi/v1/contentcreator/xiaohongshu/app/get_user_notes");
    d.put("upstream.relay.timeout-ms", "5000");
    d.put("upstream.sim.seed", "1");
    d.put("upstream.sim.dataset", null);
    d.put("upstream.sim.latency-ms", "0");
    d.put("credits.abandon-after-s", "120");
    d.put("db.pool-size", "16");
    d.put("request-log.queue", "100000");
    d.put("request-log.retention-days", "30");
    d.put("log.format", "json");
    d.put("shutdown.grace-s", "10");
    d.put("console.secure-cookies", "false");
    return d;
  }

  private static Map<String, String> readYaml(Path file) {
    JsonNode root;
    try {
      root = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(file));
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot read config file " + file + ": " + e.getMessage(), e);
    }
    Map<String, String> out = new LinkedHashMap<>();
    if (root != null && !root.isMissingNode() && !root.isNull()) {
      if (!root.isObject()) {
        throw new IllegalArgumentException("config file " + file + " must hold a YAML mapping");
      }
      flatten("", root, out);
    }
    for (String name : out.keySet()) {
      if (!DEFAULTS.containsKey(name)) {
        throw new IllegalArgumentException(
            "unknown setting '"
                + name
                + "' in "
                + file
                + "; known: "
                + String.join(", ", DEFAULTS.keySet()));
      }
    }
    return out;
  }

  private static void flatten(String prefix, JsonNode node, Map<String, String> out) {
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> f : node.properties()) {
        flatten(prefix.isEmpty() ? f.getKey() : prefix + "." + f.getKey(), f.getValue(), out);
      }
    } else if (node.isArray()) {
      List<String> items = new ArrayList<>();
      node.forEach(item -> items.add(item.asText()));
      out.put(prefix, String.join(",", items));
    } else {
      out.put(prefix, node.isNull() ? null : node.asText());
    }
  }

  private String text(String name) {
    String v = values.get(name);
    if (v == null || v.isBlank()) {
      throw new IllegalArgumentException(name + " must not be empty");
    }
    return v.strip();
  }

  private boolean bool(String name) {
    String v = text(name).toLowerCase(Locale.ROOT);
    return switch (v) {
      case "true", "yes", "1", "on" -> true;
      case "false", "no", "0", "off" -> false;
      default ->
          throw new IllegalArgumentException(name + " must be true or false, got '" + v + "'");
    };
  }

  private long longValue(String name, long min, long max) {
    String v = text(name);
    long parsed;
    try {
      parsed = Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a whole number, got '" + v + "'", e);
    }
    if (parsed < min || parsed > max) {
      throw new IllegalArgumentException(
          name + " must be from " + min + " to " + max + ", got " + parsed);
    }
    return parsed;
  }

  private double fraction(String name) {
    String v = text(name);
    try {
      double d = Double.parseDouble(v);
      if (d >= 0 && d <= 10) {
        return d;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(name + " must be a number from 0 to 10, got '" + v + "'");
  }

  private static int parseInt(String name, String v) {
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must list whole numbers, got '" + v + "'", e);
    }
  }

  private List<String> list(String name) {
    String v = values.get(name);
    if (v == null || v.isBlank()) {
      return List.of();
    }
    String trimmed = v.strip();
    if (trimmed.startsWith("[") && trimmed.endsWith("]")) {
      trimmed = trimmed.substring(1, trimmed.length() - 1);
    }
    return Arrays.stream(trimmed.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  private static String blankToNull(String v) {
    return v == null || v.isBlank() ? null : v.strip();
  }
}
