package dev.xhsopenapi.upstream.sim;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xhsopenapi.upstream.Operation;
import dev.xhsopenapi.upstream.UpstreamRequest;
import java.io.IOException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The simulator's core, free of any transport: it answers a {@link SimRequest} with a {@link
 * SimOutcome} exactly as the App endpoint would, or as a vendor that resells it would (its {@link
 * SimFlavor}), fights back with the {@link SimFaults} in force, serves the signing and inspection
 * endpoints, and counts calls per session (App) or API key (vendors) and the calls a vendor bills.
 * Every flavour runs the same fault ladder over the same dataset and dice; a vendor flavour only
 * puts the ladder's outcome on its own wire. Thread-safe; the faults can be changed while it
 * serves.
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
  private final SimFlavor flavor;
  private final Optional<VendorFlavor> vendor;
  private final byte[] apiKey;
  private final String keyHint;
  private final CallStats keyStats = new CallStats();
  private final LongAdder billed = new LongAdder();
  private final SimCatalogue catalogue;
  private final AtomicReference<SimShapes> shapes = new AtomicReference<>(SimShapes.DEFAULT);

  /**
   * Creates a simulator whose fault draws start from {@link #faultSeedFor faultSeedFor(1)}, the
   * fault seed of {@code sim} with its default {@code --seed}.
   */
  public Simulator(SimDataset dataset, SimSigner signer, SimFaults faults, Clock clock) {
    this(dataset, signer, faults, faultSeedFor(DEFAULT_DATASET_SEED), clock);
  }

  /**
   * Creates an App simulator over a dataset. The same {@code faultSeed} gives the same faults to
   * the same sequence of calls; the clock stamps the per-sid call times that the call limit counts.
   */
  public Simulator(
      SimDataset dataset, SimSigner signer, SimFaults faults, long faultSeed, Clock clock) {
    this(dataset, signer, faults, faultSeed, clock, SimFlavor.APP, null);
  }

  /**
   * Creates a simulator of {@code flavor} over a dataset, as {@link #Simulator(SimDataset,
   * SimSigner, SimFaults, long, Clock)} does. A vendor flavour serves its user-notes path to
   * requests that present {@code apiKey} as that vendor expects, and no longer the App path; the
   * App flavour takes no key.
   *
   * @param apiKey the one key a vendor flavour accepts; null for {@link SimFlavor#APP}
   * @throws IllegalArgumentException when a vendor flavour has no (or a blank) key, or the App
   *     flavour is given one; the message never contains the key
   */
  public Simulator(
      SimDataset dataset,
      SimSigner signer,
      SimFaults faults,
      long faultSeed,
      Clock clock,
      SimFlavor flavor,
      String apiKey) {
    this.dataset = Objects.requireNonNull(dataset, "dataset");
    this.signer = Objects.requireNonNull(signer, "signer");
    this.faults = new AtomicReference<>(Objects.requireNonNull(faults, "faults"));
    this.dice = new FaultDice(faultSeed);
    this.clock = Objects.requireNonNull(clock, "clock");
    this.flavor = Objects.requireNonNull(flavor, "flavor");
    this.vendor = VendorFlavor.of(flavor);
    if (flavor.isVendor() && (apiKey == null || apiKey.isBlank())) {
      throw new IllegalArgumentException(
          "the " + flavor + " flavour needs the API key that its callers must present");
    }
    if (!flavor.isVendor() && apiKey != null) {
      throw new IllegalArgumentException(
          "the app flavour takes no API key: its callers sign requests with shield instead");
    }
    this.apiKey = apiKey == null ? new byte[0] : apiKey.getBytes(UTF_8);
    this.keyHint = apiKey == null ? "" : keyHint(apiKey);
    this.catalogue = new SimCatalogue(dataset, signer, clock);
  }

  /** The fault seed used when only a dataset seed is given: a fixed mix of it. */
  public static long faultSeedFor(long datasetSeed) {
    return datasetSeed ^ FAULT_SEED_MIX;
  }

  /**
   * A hint of an API key that is safe to print: its first 4 characters and {@code …}, fewer for a
   * key of 8 characters or less, so that at least half of it stays hidden.
   */
  public static String keyHint(String apiKey) {
    int shown = Math.min(4, apiKey.length() / 2);
    return apiKey.substring(0, shown) + "…";
  }

  /** The kind of source this simulator poses as. */
  public SimFlavor flavor() {
    return flavor;
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

  /** The body shapes in force where the vendors' facts are a GUESS. */
  public SimShapes shapes() {
    return shapes.get();
  }

  /** Puts {@code replacement} in force for every call from now on. */
  public void useShapes(SimShapes replacement) {
    shapes.set(Objects.requireNonNull(replacement, "replacement"));
  }

  /**
   * The {@code xsec_token} of a note, as the web-series list entries show it and as {@code
   * xhs-note-detail-web-v3} requires it: {@code AB} and the base64 HMAC-SHA256 of the note id under
   * the signer's secret, whether or not the dataset holds the note.
   */
  public String xsecToken(String noteId) {
    return catalogue.noteToken(Objects.requireNonNull(noteId, "noteId"));
  }

  /**
   * The red id (小红书号) the simulator gives a user: 10 digits that follow from its id; {@code
   * xhs-search-users} finds the user by it.
   */
  public static String redId(String userId) {
    return SimCatalogue.redId(Objects.requireNonNull(userId, "userId"));
  }

  /**
   * Forgets the call statistics (per sid, per key, billed) and the notes posted ({@link #post}),
   * and restarts the fault draws from the seed, so that a test that starts with a reset sees the
   * same notes and faults on every run; the faults and shapes in force stay. The posts are those of
   * the dataset, so every simulator over the same {@link SimDataset} loses them.
   */
  public void reset() {
    stats.clear();
    keyStats.clear();
    billed.reset();
    dice.reseed();
    dataset.forgetPosts();
  }

  /**
   * Makes a user of the dataset post a note now (this simulator's clock), as {@link
   * SimDataset#post} describes: every flavour serves it from then on as the user's newest note.
   *
   * @param title the note's {@code display_title}; null for a made-up one
   * @return the new note as the App JSON object it is served as, or empty when the dataset has no
   *     user {@code userId}
   */
  public Optional<String> post(String userId, String title) {
    return dataset
        .post(userId, title, clock.instant())
        .flatMap(note -> dataset.user(userId).map(author -> appJson(author, note)));
  }

  private static String appJson(SimUser author, SimNote note) {
    return new String(SimJson.write(2048, json -> SimBodies.writeNote(json, author, note)), UTF_8);
  }

  /**
   * Answers one HTTP request: the flavour's endpoints (the App's user-notes path for {@link
   * SimFlavor#APP}; for a vendor, the path of every operation it serves: the whole catalogue for
   * SpiderHubs and TikHub, its equivalents for JustOneAPI), {@code /sign}, {@code /_sim/…} (with
   * {@code POST /_sim/users/{user_id}/notes}, a post: see {@link SimProtocol#USER_NOTES_PATH}),
   * else 404. Only those endpoints can answer with a fault, and only for calls with a valid
   * signature (App) or API key (vendors).
   */
  public SimOutcome handle(SimRequest request) {
    String route = request.method().toUpperCase(Locale.ROOT) + " " + request.path();
    if (vendor.isPresent() && request.method().equalsIgnoreCase("GET")) {
      Optional<Operation> operation = vendor.get().operationAt(request.path());
      if (operation.isPresent()) {
        return vendorCall(vendor.get(), operation.get(), request);
      }
    }
    if (vendor.isEmpty() && route.equals("GET " + SimProtocol.USER_POSTED_PATH)) {
      return appUserPosted(request);
    }
    Optional<String> poster =
        request.method().equalsIgnoreCase("POST")
            ? PostRoute.userIdIn(request.path())
            : Optional.empty();
    if (poster.isPresent()) {
      return PostRoute.answer(poster.get(), request.body(), this::post);
    }
    return switch (route) {
      case "POST " + SimProtocol.SIGN_PATH -> sign(request.body());
      case "GET " + SimProtocol.STATS_PATH -> SimResponse.json(200, statsBody());
      case "GET " + SimProtocol.USERS_PATH -> SimResponse.json(200, SimBodies.users(dataset));
      case "GET " + SimProtocol.FAULTS_PATH -> SimResponse.json(200, FaultsJson.write(faults()));
      case "POST " + SimProtocol.FAULTS_PATH -> mergeFaults(request.body());
      case "GET " + SimProtocol.SHAPES_PATH ->
          SimResponse.json(200, shapes().toJson().getBytes(UTF_8));
      case "POST " + SimProtocol.SHAPES_PATH -> mergeShapes(request.body());
      case "POST " + SimProtocol.RESET_PATH -> {
        reset();
        yield SimResponse.json(200, statsBody());
      }
      default ->
          SimResponse.json(
              404, SimBodies.error("not_found", "the simulator has no route for " + route));
    };
  }

  /**
   * One page of a user's notes, as the App endpoint would answer a signed request for it, for
   * callers in the same process, whatever the flavour: no headers, no signature, no call counted or
   * billed, so neither expired sessions nor the call limit apply, but latency and the random faults
   * do. A {@link SimResponse} carries the App JSON, with status 400 for a malformed user id or
   * cursor.
   */
  public SimOutcome userPosted(String userId, String cursor, int num) {
    return answer(
        faults(), Optional.empty(), 0, () -> catalogue.userNotes(userId, cursor, num), Wire.APP);
  }

  /**
   * The answer to a request of any operation of the catalogue, as the App side would answer it, for
   * callers in the same process whatever the flavour, like {@link #userPosted}: one roll of the
   * fault dice, latency and random faults, no call counted or billed. {@link Operation#USER_NOTES}
   * is {@link #userPosted} with {@link SimProtocol#DEFAULT_PAGE_SIZE} notes a page; the other
   * bodies are described in {@code docs/SOURCES.md} (the simulator section). A {@link SimResponse}
   * carries the App JSON: 200 with the body, or with code {@value SimProtocol#USER_NOT_FOUND_CODE}
   * for an unknown user or note, or code {@value SimProtocol#TOKEN_REFUSED_CODE} for a wrong {@code
   * xsec_token}; 400 for malformed parameters.
   */
  public SimOutcome call(UpstreamRequest request) {
    Objects.requireNonNull(request, "request");
    SimShapes inForce = shapes();
    return answer(
        faults(), Optional.empty(), 0, () -> catalogue.answer(request, inForce), Wire.APP);
  }

  /** The App calls counted so far, per session ({@code sid}), sids in order. */
  public SortedMap<String, SidStats> stats() {
    return stats.snapshot();
  }

  /**
   * The vendor calls that presented the right key so far, under the key's {@link #keyHint hint}
   * (the only key a simulator accepts); empty for the App flavour.
   */
  public SortedMap<String, SidStats> keyStats() {
    return keyStats.snapshot();
  }

  /**
   * The calls the vendor flavour billed since the start or the last {@link #reset}, by that
   * vendor's rules (see {@link SimFlavor}); always 0 for the App flavour, which bills nothing.
   */
  public long billed() {
    return billed.sum();
  }

  private byte[] statsBody() {
    return SimBodies.stats(stats(), keyStats(), billed());
  }

  /**
   * A vendor's call of one operation: its key checked before anything else (a refused call takes no
   * roll and counts nowhere), then counted against the key's call limit, then the same ladder as
   * the App's, whose outcome the vendor puts on its wire.
   */
  private SimOutcome vendorCall(
      VendorFlavor vendorFlavor, Operation operation, SimRequest request) {
    SimFaults current = faults();
    FormFields query = FormFields.parse(request.rawQuery());
    Instant at = clock.instant();
    VendorCall call =
        new VendorCall(request.path(), operation, query.fields(), UUID.randomUUID(), at, current);
    Optional<String> key = vendorFlavor.presentedKey(request, query);
    if (key.isEmpty() || !MessageDigest.isEqual(key.get().getBytes(UTF_8), apiKey)) {
      return vendorFlavor.keyRefused(call, key.isEmpty());
    }
    long recentCalls = keyStats.record(keyHint, at.toEpochMilli(), current.rateLimitWindow());
    Supplier<AppAnswer> body;
    if (operation == Operation.USER_NOTES) {
      Optional<PageQuery> page = vendorFlavor.pageQuery(query);
      body =
          () ->
              page.map(q -> catalogue.userNotes(q.userId(), q.cursor(), q.num()))
                  .orElseGet(AppAnswer::badParameters);
    } else {
      Optional<UpstreamRequest> asked = vendorFlavor.request(operation, query);
      SimShapes inForce = shapes();
      body = () -> asked.map(r -> catalogue.answer(r, inForce)).orElseGet(AppAnswer::badParameters);
    }
    return answer(
        current, Optional.empty(), recentCalls, body, new Wire.Vendor(vendorFlavor, call, billed));
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
    Optional<PageQuery> page = PageQuery.of(FormFields.parse(request.rawQuery()));
    return answer(
        current,
        sid,
        recentCalls,
        () ->
            page.map(q -> catalogue.userNotes(q.userId(), q.cursor(), q.num()))
                .orElseGet(AppAnswer::badParameters),
        Wire.APP);
  }

  private boolean signed(SimRequest request) {
    return request.header(SimProtocol.PLATFORM_INFO_HEADER).isPresent()
        && signer.verify(
            request.signInput(), request.header(SimProtocol.SHIELD_HEADER).orElse(null));
  }

  /**
   * The answer to a call past the signature or key check: the one place where the simulator departs
   * from the dataset, so that every fault looks the same to HTTP and in-process callers and to
   * every flavour. Every call takes one roll of the dice, whichever rung answers it; {@code wire}
   * puts the App answer of the rung on the flavour's wire.
   */
  private SimOutcome answer(
      SimFaults current,
      Optional<String> sid,
      long recentCalls,
      Supplier<AppAnswer> body,
      Wire wire) {
    FaultDice.Roll roll = dice.roll();
    Duration delay = current.delay(roll.jitter());
    // A logged-out session gets nothing else, whatever its pace.
    if (sid.isPresent() && current.expiredSids().contains(sid.get())) {
      return wire.put(Rung.SESSION_EXPIRED, SimResponse.json(200, SimBodies.SESSION_EXPIRED))
          .delayedBy(delay);
    }
    // Refused calls count too, so a session that keeps hammering stays refused.
    if (current.overRateLimit(recentCalls)) {
      return wire.put(Rung.RATE_LIMITED, SimResponse.json(200, SimBodies.RATE_LIMITED))
          .delayedBy(delay);
    }
    Optional<SimResponse> broke = current.outOfCredit() ? wire.balanceRefusal() : Optional.empty();
    if (broke.isPresent()) {
      return broke.get().delayedBy(delay);
    }
    Optional<SimFault> fault = current.pick(roll.fault());
    if (fault.isEmpty()) {
      return put(body.get(), wire).delayedBy(delay);
    }
    return switch (fault.get()) {
      case CAPTCHA ->
          wire.put(
                  Rung.CAPTCHA,
                  SimResponse.json(SimProtocol.CAPTCHA_STATUS, SimBodies.EMPTY_SUCCESS)
                      .withHeader(SimProtocol.VERIFY_TYPE_HEADER, SimProtocol.CAPTCHA_VERIFY_TYPE)
                      .withHeader(SimProtocol.VERIFY_UUID_HEADER, roll.verifyUuid().toString()))
              .delayedBy(delay);
      case SOFT_BLOCK ->
          wire.put(Rung.SOFT_BLOCK, SimResponse.json(200, SimBodies.EMPTY_SUCCESS))
              .delayedBy(delay);
      case GENERIC_ERROR ->
          wire.put(Rung.GENERIC_ERROR, SimResponse.json(200, SimBodies.GENERIC_REJECTION))
              .delayedBy(delay);
      // The whole answer is made, billed as such, then cut off in transfer.
      case MALFORMED -> put(body.get(), wire).cutInHalf().delayedBy(delay);
      case RESET -> new SimOutcome.ConnectionReset();
      case TIMEOUT -> new SimOutcome.NoAnswer(NO_ANSWER_HOLD);
    };
  }

  /** The App side's answer on the flavour's wire. */
  private static SimResponse put(AppAnswer answer, Wire wire) {
    return wire.put(answer.rung(), answer.response());
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

  private SimResponse mergeShapes(String body) {
    try {
      JsonNode update = SimJson.MAPPER.readTree(body == null ? "" : body);
      return SimResponse.json(
          200, shapes.updateAndGet(s -> s.merge(update)).toJson().getBytes(UTF_8));
    } catch (IOException e) {
      return SimResponse.json(
          400, SimBodies.error("invalid_shapes", "the shapes must be a JSON object"));
    } catch (IllegalArgumentException e) {
      return SimResponse.json(400, SimBodies.error("invalid_shapes", e.getMessage()));
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
