package dev.xhsopenapi.upstream.sim;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/**
 * The simulator's core, free of any transport: it answers a {@link SimRequest} with a {@link
 * SimOutcome} exactly as the App endpoint would, fights back with the {@link SimFaults} in force,
 * serves the signing and inspection endpoints, and counts calls per session. Thread-safe; the
 * faults can be changed while it serves.
 */
public final class Simulator {

  /** The longest time a call that draws the timeout fault is held before its connection closes. */
  public static final Duration NO_ANSWER_HOLD = Duration.ofSeconds(60);

  /** The dataset seed of the CLI and the gateway's default simulator. */
  private static final long DEFAULT_DATASET_SEED = 1;

  /** Mixed into a dataset seed so that faults are not drawn from the same stream as the data. */
  private static final long FAULT_SEED_MIX = 0x5f1a_7e5d_c0ff_ee01L;

  private final SimDataset dataset;
  private final SimSigner signer;
  private final Clock clock;
  private final AtomicReference<SimFaults> faults;
  private final FaultDice dice;
  private final CallStats stats = new CallStats();

  /**
   * Creates a simulator whose fault draws start from {@link #faultSeedFor faultSeedFor(1)}, the
   * fault seed of {@code sim} with its default {@code --seed}.
   */
  public Simulator(SimDataset dataset, SimSigner signer, SimFaults faults, Clock clock) {
    this(dataset, signer, faults, faultSeedFor(DEFAULT_DATASET_SEED), clock);
  }

  /**
   * Creates a simulator over a dataset. The same {@code faultSeed} gives the same faults to the
   * same sequence of calls; the clock stamps the per-sid call times that the call limit counts.
   */
  public Simulator(
      SimDataset dataset, SimSigner signer, SimFaults faults, long faultSeed, Clock clock) {
    this.dataset = Objects.requireNonNull(dataset, "dataset");
    this.signer = Objects.requireNonNull(signer, "signer");
    this.faults = new AtomicReference<>(Objects.requireNonNull(faults, "faults"));
    this.dice = new FaultDice(faultSeed);
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The fault seed used when only a dataset seed is given: a fixed mix of it. */
  public static long faultSeedFor(long datasetSeed) {
    return datasetSeed ^ FAULT_SEED_MIX;
  }

  /** The dataset served. */
  public SimDataset dataset() {
    return dataset;
  }

  /** The signer whose {@code shield} the App endpoint accepts. */
  public SimSigner signer() {
    return signer;
  }

  /** The faults in force. */
  public SimFaults faults() {
    return faults.get();
  }

  /** Puts {@code replacement} in force for every call from now on. */
  public void useFaults(SimFaults replacement) {
    faults.set(Objects.requireNonNull(replacement, "replacement"));
  }

  /**
   * Changes the faults in force in one atomic step, e.g. {@code updateFaults(f ->
   * f.merge("{\"captcha_rate\":1}"))}; answers the faults now in force.
   *
   * @throws InvalidFaultsException when {@code change} refuses the update; nothing changes then
   */
  public SimFaults updateFaults(UnaryOperator<SimFaults> change) {
    return faults.updateAndGet(change);
  }

  /**
   * Forgets the call statistics and restarts the fault draws from the seed, so that a test that
   * starts with a reset sees the same faults on every run; the faults in force stay.
   */
  public void reset() {
    stats.clear();
    dice.reseed();
  }

  /**
   * Answers one HTTP request: the App endpoint, {@code /sign}, {@code /_sim/…}, else 404. Only the
   * App endpoint can answer with a fault, and only for calls with a valid signature.
   */
  public SimOutcome handle(SimRequest request) {
    String route = request.method().toUpperCase(Locale.ROOT) + " " + request.path();
    return switch (route) {
      case "GET " + SimProtocol.USER_POSTED_PATH -> appUserPosted(request);
      case "POST " + SimProtocol.SIGN_PATH -> sign(request.body());
      case "GET " + SimProtocol.STATS_PATH -> SimResponse.json(200, SimBodies.stats(stats()));
      case "GET " + SimProtocol.USERS_PATH -> SimResponse.json(200, SimBodies.users(dataset));
      case "GET " + SimProtocol.FAULTS_PATH -> SimResponse.json(200, FaultsJson.write(faults()));
      case "POST " + SimProtocol.FAULTS_PATH -> mergeFaults(request.body());
      case "POST " + SimProtocol.RESET_PATH -> {
        reset();
        yield SimResponse.json(200, SimBodies.stats(stats()));
      }
      default ->
          SimResponse.json(
              404, SimBodies.error("not_found", "the simulator has no route for " + route));
    };
  }

  /**
   * One page of a user's notes, as the App endpoint would answer a signed request for it, for
   * callers in the same process: no headers, no signature, no call counted, so neither expired
   * sessions nor the call limit apply, but latency and the random faults do. A {@link SimResponse}
   * carries the App JSON, with status 400 for a malformed user id or cursor.
   */
  public SimOutcome userPosted(String userId, String cursor, int num) {
    return answer(faults(), Optional.empty(), 0, PageQuery.of(userId, cursor, num));
  }

  /** The App calls counted so far, per session ({@code sid}), sids in order. */
  public SortedMap<String, SidStats> stats() {
    return stats.snapshot();
  }

  private SimOutcome appUserPosted(SimRequest request) {
    SimFaults current = faults();
    Optional<String> sid =
        request
            .header(SimProtocol.COMMON_PARAMS_HEADER)
            .flatMap(params -> FormFields.parse(params).get("sid"))
            .filter(value -> !value.isEmpty());
    long atMs = clock.millis();
    // Counted before any check: pacing is about what a session sends, accepted or not.
    long recentCalls =
        sid.map(value -> stats.record(value, atMs, current.rateLimitWindow())).orElse(0L);
    if (sid.isEmpty() || !signed(request)) {
      return SimResponse.json(406, SimBodies.SIGNATURE_REJECTED);
    }
    return answer(current, sid, recentCalls, PageQuery.of(FormFields.parse(request.rawQuery())));
  }

  private boolean signed(SimRequest request) {
    return request.header(SimProtocol.PLATFORM_INFO_HEADER).isPresent()
        && signer.verify(
            request.signInput(), request.header(SimProtocol.SHIELD_HEADER).orElse(null));
  }

  /**
   * The answer to an App call past the signature check: the one place where the simulator departs
   * from the dataset, so that every fault looks the same to HTTP and in-process callers. Every call
   * takes one roll of the dice, whichever rung answers it.
   */
  private SimOutcome answer(
      SimFaults current, Optional<String> sid, long recentCalls, Optional<PageQuery> query) {
    FaultDice.Roll roll = dice.roll();
    Duration delay = current.delay(roll.jitter());
    // A logged-out session gets nothing else, whatever its pace.
    if (sid.isPresent() && current.expiredSids().contains(sid.get())) {
      return SimResponse.json(200, SimBodies.SESSION_EXPIRED).delayedBy(delay);
    }
    // Refused calls count too, so a session that keeps hammering stays refused.
    if (current.overRateLimit(recentCalls)) {
      return SimResponse.json(200, SimBodies.RATE_LIMITED).delayedBy(delay);
    }
    Optional<SimFault> fault = current.pick(roll.fault());
    if (fault.isEmpty()) {
      return page(query).delayedBy(delay);
    }
    return switch (fault.get()) {
      case CAPTCHA ->
          SimResponse.json(SimProtocol.CAPTCHA_STATUS, SimBodies.EMPTY_SUCCESS)
              .withHeader(SimProtocol.VERIFY_TYPE_HEADER, SimProtocol.CAPTCHA_VERIFY_TYPE)
              .withHeader(SimProtocol.VERIFY_UUID_HEADER, roll.verifyUuid().toString())
              .delayedBy(delay);
      case SOFT_BLOCK -> SimResponse.json(200, SimBodies.EMPTY_SUCCESS).delayedBy(delay);
      case GENERIC_ERROR -> SimResponse.json(200, SimBodies.GENERIC_REJECTION).delayedBy(delay);
      case MALFORMED -> page(query).cutInHalf().delayedBy(delay);
      case RESET -> new SimOutcome.ConnectionReset();
      case TIMEOUT -> new SimOutcome.NoAnswer(NO_ANSWER_HOLD);
    };
  }

  private SimResponse page(Optional<PageQuery> query) {
    return query
        .map(dataset::page)
        .orElseGet(() -> SimResponse.json(400, SimBodies.BAD_PARAMETERS));
  }

  private SimResponse mergeFaults(String body) {
    try {
      // Parsed once, outside the atomic update, whose function may run more than once.
      JsonNode update = FaultsJson.parse(body);
      return SimResponse.json(200, FaultsJson.write(updateFaults(f -> f.merge(update))));
    } catch (InvalidFaultsException e) {
      return SimResponse.json(400, SimBodies.error("invalid_faults", e.getMessage()));
    }
  }

  private SimResponse sign(String body) {
    try {
      return SimResponse.json(200, SimBodies.signed(signer.shield(SignRequestReader.read(body))));
    } catch (SignRequestReader.InvalidSignRequest e) {
      return SimResponse.json(400, SimBodies.error("invalid_request", e.getMessage()));
    }
  }
}
