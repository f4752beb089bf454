package dev.xhsopenapi.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xhsopenapi.upstream.SampleUser;
import dev.xhsopenapi.upstream.UpstreamProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A JUnit 5 extension that runs a {@link TestGateway} (a real gateway on a free loopback port over
 * a fresh store in a temporary folder) with an account and a key.
 *
 * <p>Registered on a static field (or an instance field of a {@code PER_CLASS} test class), one
 * gateway serves the whole class (started before all tests, closed after them); on an instance
 * field, each test gets a fresh one, over a fresh store:
 *
 * <pre>{@code
 * @RegisterExtension
 * final GatewayExtension gw =
 *     GatewayExtension.builder().credits(1_000).ratePerMinute(100_000).build();
 *
 * @Test
 * void walks() {
 *   client(gw.baseUrl(), gw.key());
 *   assertThat(gw.balance()).isEqualTo(990);
 * }
 * }</pre>
 *
 * <p>The defaults: the built-in simulator (seed 1), the system clock, an account named {@code test}
 * with 1,000 credits and 10,000 calls a minute, admin token {@link TestGateway#ADMIN_TOKEN}.
 * Calling an accessor outside a running test throws {@link IllegalStateException}.
 */
public final class GatewayExtension
    implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {
  private final Clock clock;
  private final Map<String, String> settings;
  private final Function<Clock, List<UpstreamProvider>> providers;
  private final String accountName;
  private final long credits;
  private final int ratePerMinute;

  private boolean perClass;
  private Path dataDir;
  private TestGateway gateway;
  private String accountId;
  private String key;

  private GatewayExtension(Builder b) {
    this.clock = b.clock;
    this.settings = Map.copyOf(b.settings);
    this.providers = b.providers;
    this.accountName = b.accountName;
    this.credits = b.credits;
    this.ratePerMinute = b.ratePerMinute;
  }

  /** A builder with the defaults above. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    perClass = true;
    start();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    stop();
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (!perClass) {
      start();
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (!perClass) {
      stop();
    }
  }

  private void start() {
    try {
      dataDir = Files.createTempDirectory("xhs-openapi-gateway-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Path data = dataDir.resolve("data");
    gateway =
        providers == null
            ? TestGateway.start(data, clock, settings)
            : TestGateway.start(data, clock, settings, providers.apply(clock));
    if (accountName != null) {
      accountId = gateway.createAccount(accountName, credits, ratePerMinute);
      key = gateway.createKey(accountId);
    }
  }

  private void stop() {
    try {
      if (gateway != null) {
        gateway.close();
      }
    } finally {
      gateway = null;
      accountId = null;
      key = null;
      deleteTree(dataDir);
      dataDir = null;
    }
  }

  private static void deleteTree(Path dir) {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not delete the test gateway's folder " + dir, e);
    }
  }

  /** The running gateway, for the helpers this class does not repeat. */
  public TestGateway gateway() {
    if (gateway == null) {
      throw new IllegalStateException("the test gateway runs only while a test runs");
    }
    return gateway;
  }

  /** The running gateway's data folder ({@code --data}), holding its SQLite store. */
  public Path data() {
    gateway();
    return dataDir.resolve("data");
  }

  /** {@code http://127.0.0.1:<port>}. */
  public String baseUrl() {
    return gateway().baseUrl();
  }

  /** The operator's admin token ({@link TestGateway#ADMIN_TOKEN}). */
  public String adminToken() {
    return TestGateway.ADMIN_TOKEN;
  }

  /**
   * The account this extension opened ({@code acc_…}).
   *
   * @throws IllegalStateException when it was built {@link Builder#withoutAccount()}
   */
  public String accountId() {
    gateway();
    if (accountId == null) {
      throw new IllegalStateException("this test gateway was started without an account");
    }
    return accountId;
  }

  /**
   * The account's API key ({@code sk_live_…}).
   *
   * @throws IllegalStateException when it was built {@link Builder#withoutAccount()}
   */
  public String key() {
    accountId();
    return key;
  }

  /** The balance of this extension's account, in credits. */
  public long balance() {
    return gateway().balance(accountId());
  }

  /** The balance of any account, in credits. */
  public long balance(String accountId) {
    return gateway().balance(accountId);
  }

  /** Opens another account; returns its id. */
  public String createAccount(String name, long credits, int ratePerMinute) {
    return gateway().createAccount(name, credits, ratePerMinute);
  }

  /** Issues another key for an account; returns it. */
  public String createKey(String accountId) {
    return gateway().createKey(accountId);
  }

  /** An admin call with the admin token that must answer 2xx; see {@link TestGateway#adminOk}. */
  public JsonNode adminOk(String method, String path, Object body) {
    return gateway().adminOk(method, path, body);
  }

  /** An admin call with the admin token, whatever it answers. */
  public TestGateway.Reply admin(String method, String path, Object body) {
    return gateway().admin(method, path, body);
  }

  /** A GET with {@code Authorization: Bearer <key>} (no header for a null key). */
  public TestGateway.Reply get(String pathAndQuery, String key) {
    return gateway().get(pathAndQuery, key == null ? null : "Bearer " + key);
  }

  /**
   * A GET of the notes endpoint with this extension's key ({@code cursor} null or {@code ""} for
   * page 1); the answer is checked against the OpenAPI document like every other.
   */
  public TestGateway.Reply notes(String userId, String cursor) {
    return gateway().notes(key(), userId, cursor);
  }

  /** Today's calls of an account by HTTP status; see {@link TestGateway#callsByStatus}. */
  public JsonNode callsByStatus(String accountId) {
    return gateway().callsByStatus(accountId);
  }

  /** The simulated user the demo suggests, with its number of notes. */
  public SampleUser sampleUser() {
    return gateway().sampleUser();
  }

  /** Options of a {@link GatewayExtension}. */
  public static final class Builder {
    private Clock clock = Clock.systemUTC();
    private final Map<String, String> settings = new LinkedHashMap<>();
    private Function<Clock, List<UpstreamProvider>> providers;
    private String accountName = "test";
    private long credits = 1_000;
    private int ratePerMinute = 10_000;

    private Builder() {}

    /** The gateway's clock (a hand-moved one for tests of windows and days). */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /** One configuration setting, as the {@code --set} flag takes it ({@code upstream.chain}…). */
    public Builder setting(String name, String value) {
      settings.put(name, value);
      return this;
    }

    /** Several configuration settings; later ones win. */
    public Builder settings(Map<String, String> more) {
      settings.putAll(more);
      return this;
    }

    /** The provider chain, built from the gateway's clock, instead of the one the settings name. */
    public Builder providers(Function<Clock, List<UpstreamProvider>> chain) {
      this.providers = chain;
      return this;
    }

    /** The provider chain, fixed. */
    public Builder providers(List<UpstreamProvider> chain) {
      List<UpstreamProvider> copy = List.copyOf(chain);
      this.providers = c -> copy;
      return this;
    }

    /** The opening balance of the account, in credits (default 1,000). */
    public Builder credits(long credits) {
      this.credits = credits;
      return this;
    }

    /** The account's limit, in calls a minute (default 10,000). */
    public Builder ratePerMinute(int ratePerMinute) {
      this.ratePerMinute = ratePerMinute;
      return this;
    }

    /** The account's name (default {@code test}). */
    public Builder accountName(String name) {
      this.accountName = name;
      return this;
    }

    /** Opens no account: for tests that need an empty store. */
    public Builder withoutAccount() {
      this.accountName = null;
      return this;
    }

    /** The extension, to register with {@code @RegisterExtension}. */
    public GatewayExtension build() {
      return new GatewayExtension(this);
    }
  }
}
