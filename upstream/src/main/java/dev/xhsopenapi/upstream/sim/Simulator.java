package dev.xhsopenapi.upstream.sim;

import java.time.Clock;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;

/**
 * The simulator's core, free of any transport: it answers a {@link SimRequest} with a {@link
 * SimResponse} exactly as the App endpoint would, serves the signing and inspection endpoints, and
 * counts calls per session. Thread-safe.
 */
public final class Simulator {
  private final SimDataset dataset;
  private final SimSigner signer;
  private final SimFaults faults;
  private final Clock clock;
  private final CallStats stats = new CallStats();

  /** Creates a simulator over a dataset; the clock stamps the per-sid call times. */
  public Simulator(SimDataset dataset, SimSigner signer, SimFaults faults, Clock clock) {
    this.dataset = Objects.requireNonNull(dataset, "dataset");
    this.signer = Objects.requireNonNull(signer, "signer");
    this.faults = Objects.requireNonNull(faults, "faults");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The dataset served. */
  public SimDataset dataset() {
    return dataset;
  }

  /** The signer whose {@code shield} the App endpoint accepts. */
  public SimSigner signer() {
    return signer;
  }

  /** Answers one HTTP request: the App endpoint, {@code /sign}, {@code /_sim/…}, else 404. */
  public SimResponse handle(SimRequest request) {
    String route = request.method().toUpperCase(Locale.ROOT) + " " + request.path();
    return switch (route) {
      case "GET " + SimProtocol.USER_POSTED_PATH -> appUserPosted(request);
      case "POST " + SimProtocol.SIGN_PATH -> sign(request.body());
      case "GET " + SimProtocol.STATS_PATH -> SimResponse.json(200, SimBodies.stats(stats()));
      case "GET " + SimProtocol.USERS_PATH -> SimResponse.json(200, SimBodies.users(dataset));
      default ->
          SimResponse.json(
              404, SimBodies.error("not_found", "the simulator has no route for " + route));
    };
  }

  /**
   * One page of a user's notes, as the App endpoint would answer a signed request for it, for
   * callers in the same process: no headers, no signature, no call counted. The body is the App
   * JSON; the status is 400 for a malformed user id or cursor.
   */
  public SimResponse userPosted(String userId, String cursor, int num) {
    return PageQuery.of(userId, cursor, num)
        .map(this::answer)
        .orElseGet(() -> SimResponse.json(400, SimBodies.BAD_PARAMETERS));
  }

  /** The App calls counted so far, per session ({@code sid}), sids in order. */
  public SortedMap<String, SidStats> stats() {
    return stats.snapshot();
  }

  private SimResponse appUserPosted(SimRequest request) {
    Optional<String> sid =
        request
            .header(SimProtocol.COMMON_PARAMS_HEADER)
            .flatMap(params -> FormFields.parse(params).get("sid"))
            .filter(value -> !value.isEmpty());
    // Counted before any check: pacing is about what a session sends, accepted or not.
    sid.ifPresent(value -> stats.record(value, clock.millis()));
    if (sid.isEmpty() || !signed(request)) {
      return SimResponse.json(406, SimBodies.SIGNATURE_REJECTED);
    }
    return PageQuery.of(FormFields.parse(request.rawQuery()))
        .map(this::answer)
        .orElseGet(() -> SimResponse.json(400, SimBodies.BAD_PARAMETERS));
  }

  private boolean signed(SimRequest request) {
    return request.header(SimProtocol.PLATFORM_INFO_HEADER).isPresent()
        && signer.verify(
            request.signInput(), request.header(SimProtocol.SHIELD_HEADER).orElse(null));
  }

  /**
   * The answer to a valid page request. This is the one place where the simulator may depart from
   * the dataset: faults are decided here, after signing checks and call counting, so that every
   * fault looks the same to HTTP and in-process callers.
   */
  private SimResponse answer(PageQuery query) {
    return dataset.page(query).delayedBy(faults.latency());
  }

  private SimResponse sign(String body) {
    try {
      return SimResponse.json(200, SimBodies.signed(signer.shield(SignRequestReader.read(body))));
    } catch (SignRequestReader.InvalidSignRequest e) {
      return SimResponse.json(400, SimBodies.error("invalid_request", e.getMessage()));
    }
  }
}
