package dev.xhsopenapi.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.xhsopenapi.server.account.Limits;
import dev.xhsopenapi.server.watch.SecretBox;
import dev.xhsopenapi.upstream.Operation;
import dev.xhsopenapi.upstream.UpstreamSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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
  /** The largest request body a setting may allow: 1 GiB. */
  private static final long MAX_BODY_BYTES = 1L << 30;

  // Every setting, stated once, in the order of the configuration reference (docs/CONFIG.md).
  private static final Setting PORT = Setting.whole("port", 8080, 0, 65535);
  private static final Setting HOST = Setting.optionalText("host");
  private static final Setting MAX_BODY =
      Setting.whole("http.max-body-bytes", 1_048_576, 1, MAX_BODY_BYTES);
  private static final Setting DATA = Setting.text("data", "./data");
  private static final Setting DB = Setting.optionalText("db");
  private static final Setting REDIS = Setting.optionalText("redis");
  private static final Setting ADMIN_TOKEN = Setting.optionalText("admin-token");
  private static final Setting DEMO = Setting.bool("demo", false);
  private static final Setting DEFAULT_RATE_LIMIT =
      Setting.whole(
          "rate-limit.default-per-minute",
          300,
          Limits.MIN_RATE_LIMIT_PER_MINUTE,
          Limits.MAX_RATE_LIMIT_PER_MINUTE);
  private static final String PRICE_PREFIX = "prices.";

  /** {@code prices.<op id>}: one price setting per operation of the catalogue. */
  private static final List<Setting> PRICES =
      Operation.all().stream()
          .map(op -> Setting.whole(PRICE_PREFIX + op.id(), 1, 1, 1_000_000))
          .toList();

  private static final String CACHE_TTL_PREFIX = "cache-ttl-s.";

  /**
   * {@code cache-ttl-s.<op id>}: how long an answer is cached, for each operation that has a time
   * of its own (the notes walks follow {@code upstream.cache.ttl-s}).
   */
  private static final List<Setting> CACHE_TTLS =
      Operation.all().stream()
          .filter(op -> op.cacheTtl().isPresent())
          .map(
              op ->
                  Setting.whole(
                      CACHE_TTL_PREFIX + op.id(),
                      op.cacheTtl().orElseThrow().toSeconds(),
                      0,
                      86_400))
          .toList();

  private static final Setting CHAIN = Setting.list("upstream.chain", null);
  private static final Setting BUDGET_MS = Setting.whole("upstream.budget-ms", 8000, 1, 600_000);
  private static final Setting CACHE_TTL_S = Setting.whole("upstream.cache.ttl-s", 60, 0, 86_400);
  private static final Setting CACHE_STALE_S =
      Setting.whole("upstream.cache.stale-s", 600, 0, 86_400 * 7);
  private static final Setting CACHE_MAX_MB =
      Setting.whole("upstream.cache.max-mb", 256, 1, 1 << 20);
  private static final Setting CACHE_SHARED = Setting.bool("upstream.cache.shared", true);
  private static final Setting CACHE_SHARED_TIMEOUT_MS =
      Setting.whole("upstream.cache.shared-timeout-ms", 100, 1, 10_000);
  private static final Setting BREAKER_OPEN_S =
      Setting.whole("upstream.breaker.open-s", 30, 1, 3600);
  private static final Setting BREAKER_EXHAUSTED_OPEN_S =
      Setting.whole("upstream.breaker.exhausted-open-s", 600, 1, 86_400);
  private static final Setting XHS_BASE_URL =
      Setting.text("upstream.xhs-app.base-url", "https://edith.xiaohongshu.com");
  private static final Setting XHS_SIGNER_URL =
      Setting.text("upstream.xhs-app.signer-url", "http://127.0.0.1:9100/sign");
  private static final Setting XHS_SESSIONS_FILE =
      Setting.text("upstream.xhs-app.sessions-file", "sessions.json");
  private static final Setting XHS_PACE_MS =
      Setting.whole("upstream.xhs-app.pace-ms", 2000, 0, 3_600_000);
  private static final Setting XHS_PACE_JITTER =
      Setting.fraction("upstream.xhs-app.pace-jitter", "0.25", 0, 10);
  private static final Setting XHS_TIMEOUT_MS =
      Setting.whole("upstream.xhs-app.timeout-ms", 3000, 1, 600_000);
  private static final Setting XHS_ATTEMPTS = Setting.whole("upstream.xhs-app.attempts", 3, 1, 20);
  private static final Setting XHS_CAPTCHA_S =
      Setting.whole("upstream.xhs-app.cool-down.captcha-s", 600, 0, 86_400);
  private static final Setting XHS_SOFT_BLOCK_S =
      Setting.whole("upstream.xhs-app.cool-down.soft-block-s", 300, 0, 86_400);
  private static final Setting XHS_RATE_LIMITED_S =
      Setting.whole("upstream.xhs-app.cool-down.rate-limited-s", 3600, 0, 86_400);
  private static final Setting XHS_IP_BLOCKED_S =
      Setting.whole("upstream.xhs-app.cool-down.ip-blocked-s", 1800, 0, 86_400);
  private static final Setting XHS_NOT_FOUND_CODES =
      Setting.list("upstream.xhs-app.user-not-found-codes", "-10000,-104");
  private static final Setting RELAY_BASE_URL = Setting.optionalText("upstream.relay.base-url");
  private static final Setting RELAY_API_KEY = Setting.optionalText("upstream.relay.api-key");
  private static final Setting RELAY_PATH =
      Setting.text(
          "upstream.relay.path", "/openapi/v1/contentcreator/xiaohongshu/app/get_user_notes");
  private static final Setting RELAY_TIMEOUT_MS =
      Setting.whole("upstream.relay.timeout-ms", 5000, 1, 600_000);
  private static final Setting SIM_SEED =
      Setting.whole("upstream.sim.seed", 1, Long.MIN_VALUE, Long.MAX_VALUE);
  private static final Setting SIM_DATASET = Setting.optionalText("upstream.sim.dataset");
  private static final Setting SIM_LATENCY_MS =
      Setting.whole("upstream.sim.latency-ms", 0, 0, 600_000);
  private static final Setting ABANDON_AFTER_S =
      Setting.whole("credits.abandon-after-s", 120, 1, 86_400);
  private static final Setting DB_POOL_SIZE = Setting.whole("db.pool-size", 16, 1, 1000);
  private static final Setting REQUEST_LOG_QUEUE =
      Setting.whole("request-log.queue", 100_000, 1, 10_000_000);
  private static final Setting REQUEST_LOG_RETENTION_DAYS =
      Setting.whole("request-log.retention-days", 30, 1, 3650);
  private static final Setting LOG_FORMAT = Setting.text("log.format", "json");
  private static final Setting SHUTDOWN_GRACE_S = Setting.whole("shutdown.grace-s", 10, 0, 3600);
  private static final Setting CONSOLE_SECURE_COOKIES =
      Setting.bool("console.secure-cookies", false);
  private static final Setting WATCHES_RUN = Setting.bool("watches.run", true);
  private static final Setting WATCHES_TICK_MS = Setting.whole("watches.tick-ms", 1000, 10, 60_000);
  private static final Setting WATCHES_CONCURRENCY =
      Setting.whole("watches.concurrency", 4, 1, 256);
  private static final Setting WATCHES_LEASE_S = Setting.whole("watches.lease-s", 300, 1, 86_400);
  private static final Setting WATCHES_MIN_INTERVAL_S =
      Setting.whole("watches.min-interval-s", 60, 1, 86_400);
  private static final Setting WATCHES_MAX_PER_ACCOUNT =
      Setting.whole("watches.max-per-account", 1000, 1, 1_000_000);
  private static final Setting WATCHES_MAX_FAILURES =
      Setting.whole("watches.max-failures", 5, 1, 1000);
  private static final Setting WATCHES_RETRY_S =
      Setting.whole("watches.retry-initial-s", 60, 1, 86_400);
  private static final Setting WEBHOOKS_ALLOW_PRIVATE =
      Setting.optionalText("webhooks.allow-private");
  private static final Setting WEBHOOKS_CONCURRENCY =
      Setting.whole("webhooks.concurrency", 8, 1, 1024);
  private static final Setting WEBHOOKS_TIMEOUT_MS =
      Setting.whole("webhooks.timeout-ms", 10_000, 1, 600_000);
  private static final Setting WEBHOOKS_RETRY_MS =
      Setting.whole("webhooks.retry-initial-ms", 10_000, 1, 86_400_000);
  private static final Setting WEBHOOKS_RETRY_MAX_S =
      Setting.whole("webhooks.retry-max-s", 3600, 1, 86_400);
  private static final Setting WEBHOOKS_RETRY_FOR_S =
      Setting.whole("webhooks.retry-for-s", 86_400, 1, 30 * 86_400);
  private static final Setting WEBHOOKS_RETENTION_DAYS =
      Setting.whole("webhooks.retention-days", 30, 1, 3650);
  private static final Setting WEBHOOKS_SECRET_KEY = Setting.optionalText(SecretBox.SETTING);

  /**
   * Every setting and its default ({@code null}: unset), in the order declared above, the prices
   * after the default rate limit and the cache times after the cache's size.
   */
  static final Map<String, String> DEFAULTS =
      defaults(
          PRICES,
          CACHE_TTLS,
          PORT,
          HOST,
          MAX_BODY,
          DATA,
          DB,
          REDIS,
          ADMIN_TOKEN,
          DEMO,
          DEFAULT_RATE_LIMIT,
          CHAIN,
          BUDGET_MS,
          CACHE_TTL_S,
          CACHE_STALE_S,
          CACHE_MAX_MB,
          CACHE_SHARED,
          CACHE_SHARED_TIMEOUT_MS,
          BREAKER_OPEN_S,
          BREAKER_EXHAUSTED_OPEN_S,
          XHS_BASE_URL,
          XHS_SIGNER_URL,
          XHS_SESSIONS_FILE,
          XHS_PACE_MS,
          XHS_PACE_JITTER,
          XHS_TIMEOUT_MS,
          XHS_ATTEMPTS,
          XHS_CAPTCHA_S,
          XHS_SOFT_BLOCK_S,
          XHS_RATE_LIMITED_S,
          XHS_IP_BLOCKED_S,
          XHS_NOT_FOUND_CODES,
          RELAY_BASE_URL,
          RELAY_API_KEY,
          RELAY_PATH,
          RELAY_TIMEOUT_MS,
          SIM_SEED,
          SIM_DATASET,
          SIM_LATENCY_MS,
          ABANDON_AFTER_S,
          DB_POOL_SIZE,
          REQUEST_LOG_QUEUE,
          REQUEST_LOG_RETENTION_DAYS,
          LOG_FORMAT,
          SHUTDOWN_GRACE_S,
          CONSOLE_SECURE_COOKIES,
          WATCHES_RUN,
          WATCHES_TICK_MS,
          WATCHES_CONCURRENCY,
          WATCHES_LEASE_S,
          WATCHES_MIN_INTERVAL_S,
          WATCHES_MAX_PER_ACCOUNT,
          WATCHES_MAX_FAILURES,
          WATCHES_RETRY_S,
          WEBHOOKS_ALLOW_PRIVATE,
          WEBHOOKS_CONCURRENCY,
          WEBHOOKS_TIMEOUT_MS,
          WEBHOOKS_RETRY_MS,
          WEBHOOKS_RETRY_MAX_S,
          WEBHOOKS_RETRY_FOR_S,
          WEBHOOKS_RETENTION_DAYS,
          WEBHOOKS_SECRET_KEY);

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
    merged.putAll(SourceSettings.fromEnv(env, SourceSettings.names(merged.keySet())));
    for (String name : DEFAULTS.keySet()) {
      String fromEnv = env.get(envName(name));
      if (fromEnv != null) {
        merged.put(name, fromEnv);
      }
    }
    for (Map.Entry<String, String> flag : flags.entrySet()) {
      if (SourceSettings.isSourceSetting(flag.getKey())) {
        SourceSettings.checkName(flag.getKey());
      } else if (!DEFAULTS.containsKey(flag.getKey())) {
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
    Map<String, String> v = values;
    boolean demo = DEMO.bool(v);
    List<String> chain = CHAIN.list(v);
    if (chain.isEmpty()) {
      chain = demo ? List.of("sim") : List.of("xhs-app", "relay");
    }
    Map<String, Long> prices = new HashMap<>();
    for (Setting price : PRICES) {
      prices.put(price.name().substring(PRICE_PREFIX.length()), price.whole(v));
    }
    String dataset = SIM_DATASET.optional(v);
    // Read one by one in a fixed order (the simulator's before the App provider's), so that of
    // several wrong settings the same one is always reported.
    int port = (int) PORT.whole(v);
    String host = host(demo);
    long maxBody = MAX_BODY.whole(v);
    Path data = Path.of(DATA.text(v));
    String db = DB.optional(v);
    String redis = REDIS.optional(v);
    String adminToken = ADMIN_TOKEN.optional(v);
    int defaultRateLimit = (int) DEFAULT_RATE_LIMIT.whole(v);
    Duration budget = Duration.ofMillis(BUDGET_MS.whole(v));
    Map<String, Duration> ttls = new HashMap<>();
    for (Setting ttl : CACHE_TTLS) {
      ttls.put(ttl.name().substring(CACHE_TTL_PREFIX.length()), Duration.ofSeconds(ttl.whole(v)));
    }
    GatewayConfig.Upstream cache =
        new GatewayConfig.Upstream(
            Duration.ofSeconds(CACHE_TTL_S.whole(v)),
            Duration.ofSeconds(CACHE_STALE_S.whole(v)),
            CACHE_MAX_MB.whole(v) << 20,
            ttls,
            CACHE_SHARED.bool(v),
            Duration.ofMillis(CACHE_SHARED_TIMEOUT_MS.whole(v)));
    Duration breakerOpenFor = Duration.ofSeconds(BREAKER_OPEN_S.whole(v));
    UpstreamSettings.Sim sim =
        new UpstreamSettings.Sim(
            SIM_SEED.whole(v),
            dataset == null ? null : Path.of(dataset),
            Duration.ofMillis(SIM_LATENCY_MS.whole(v)));
    UpstreamSettings.XhsApp xhsApp =
        new UpstreamSettings.XhsApp(
            XHS_BASE_URL.text(v),
            XHS_SIGNER_URL.text(v),
            Path.of(XHS_SESSIONS_FILE.text(v)),
            Duration.ofMillis(XHS_PACE_MS.whole(v)),
            XHS_PACE_JITTER.fraction(v),
            Duration.ofMillis(XHS_TIMEOUT_MS.whole(v)),
            (int) XHS_ATTEMPTS.whole(v),
            Duration.ofSeconds(XHS_CAPTCHA_S.whole(v)),
            Duration.ofSeconds(XHS_SOFT_BLOCK_S.whole(v)),
            Duration.ofSeconds(XHS_RATE_LIMITED_S.whole(v)),
            Duration.ofSeconds(XHS_IP_BLOCKED_S.whole(v)),
            XHS_NOT_FOUND_CODES.integers(v));
    UpstreamSettings.Relay relay =
        new UpstreamSettings.Relay(
            RELAY_BASE_URL.optional(v),
            RELAY_API_KEY.optional(v),
            RELAY_PATH.text(v),
            Duration.ofMillis(RELAY_TIMEOUT_MS.whole(v)));
    return new GatewayConfig(
        port,
        host,
        maxBody,
        data,
        db,
        redis,
        adminToken,
        demo,
        defaultRateLimit,
        prices,
        cache,
        new UpstreamSettings(
            chain,
            budget,
            breakerOpenFor,
            Duration.ofSeconds(BREAKER_EXHAUSTED_OPEN_S.whole(v)),
            SourceSettings.read(v),
            xhsApp,
            relay,
            sim),
        new GatewayConfig.RequestLogSettings(
            (int) REQUEST_LOG_QUEUE.whole(v), Duration.ofDays(REQUEST_LOG_RETENTION_DAYS.whole(v))),
        abandonAfter(),
        (int) DB_POOL_SIZE.whole(v),
        new GatewayConfig.Ops(logFormat(), Duration.ofSeconds(SHUTDOWN_GRACE_S.whole(v))),
        new GatewayConfig.ConsoleSettings(CONSOLE_SECURE_COOKIES.bool(v)),
        watches(demo));
  }

  private WatchSettings watches(boolean demo) {
    Map<String, String> v = values;
    String allowPrivate = WEBHOOKS_ALLOW_PRIVATE.optional(v);
    boolean allow;
    if (allowPrivate == null) {
      // Only the demo, bound to loopback with a receiver on the same machine, needs it by default.
      allow = demo;
    } else if (allowPrivate.equalsIgnoreCase("true") || allowPrivate.equalsIgnoreCase("false")) {
      allow = Boolean.parseBoolean(allowPrivate);
    } else {
      throw new IllegalArgumentException(
          "webhooks.allow-private must be true or false, got '" + allowPrivate + "'");
    }
    return new WatchSettings(
        WATCHES_RUN.bool(v),
        Duration.ofMillis(WATCHES_TICK_MS.whole(v)),
        (int) WATCHES_CONCURRENCY.whole(v),
        Duration.ofSeconds(WATCHES_LEASE_S.whole(v)),
        Duration.ofSeconds(WATCHES_MIN_INTERVAL_S.whole(v)),
        (int) WATCHES_MAX_PER_ACCOUNT.whole(v),
        (int) WATCHES_MAX_FAILURES.whole(v),
        Duration.ofSeconds(WATCHES_RETRY_S.whole(v)),
        allow,
        (int) WEBHOOKS_CONCURRENCY.whole(v),
        Duration.ofMillis(WEBHOOKS_TIMEOUT_MS.whole(v)),
        Duration.ofMillis(WEBHOOKS_RETRY_MS.whole(v)),
        Duration.ofSeconds(WEBHOOKS_RETRY_MAX_S.whole(v)),
        Duration.ofSeconds(WEBHOOKS_RETRY_FOR_S.whole(v)),
        Duration.ofDays(WEBHOOKS_RETENTION_DAYS.whole(v)),
        SecretBox.fromSetting(WEBHOOKS_SECRET_KEY.optional(v)));
  }

  /** The bind address: as set, else every interface, or only loopback for the demo. */
  private String host(boolean demo) {
    String host = HOST.optional(values);
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
    String v = LOG_FORMAT.text(values).toLowerCase(Locale.ROOT);
    return switch (v) {
      case "json" -> GatewayConfig.LogFormat.JSON;
      case "text" -> GatewayConfig.LogFormat.TEXT;
      default ->
          throw new IllegalArgumentException("log.format must be json or text, got '" + v + "'");
    };
  }

  private Duration abandonAfter() {
    Duration abandon = Duration.ofSeconds(ABANDON_AFTER_S.whole(values));
    Duration budget = Duration.ofMillis(BUDGET_MS.whole(values));
    if (abandon.compareTo(budget.plusSeconds(5)) < 0) {
      throw new IllegalArgumentException(
          "credits.abandon-after-s must exceed upstream.budget-ms by at least 5 s, or credits of"
              + " requests still in flight would be released");
    }
    return abandon;
  }

  private static Map<String, String> defaults(
      List<Setting> prices, List<Setting> cacheTtls, Setting... settings) {
    Map<String, String> d = new LinkedHashMap<>();
    List<Setting> all = new ArrayList<>(List.of(settings));
    all.addAll(all.indexOf(DEFAULT_RATE_LIMIT) + 1, prices);
    all.addAll(all.indexOf(CACHE_MAX_MB) + 1, cacheTtls);
    for (Setting setting : all) {
      if (d.containsKey(setting.name())) {
        throw new IllegalStateException("setting " + setting.name() + " is declared twice");
      }
      d.put(setting.name(), setting.defaultValue());
    }
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
      if (SourceSettings.isSourceSetting(name)) {
        SourceSettings.checkName(name);
      } else if (!DEFAULTS.containsKey(name)) {
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
}
