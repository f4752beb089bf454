package dev.xhsopenapi.upstream.xhsapp;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.xhsopenapi.upstream.Operation;
import dev.xhsopenapi.upstream.UpstreamAnswer;
import dev.xhsopenapi.upstream.UpstreamCall;
import dev.xhsopenapi.upstream.UpstreamEvents;
import dev.xhsopenapi.upstream.UpstreamException;
import dev.xhsopenapi.upstream.UpstreamException.Kind;
import dev.xhsopenapi.upstream.UpstreamProvider;
import dev.xhsopenapi.upstream.UpstreamRequest;
import dev.xhsopenapi.upstream.http.SourceHttp;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Xiaohongshu App API ({@code xhs-app}): signs each request with the external signer, sends it
 * through a paced session (and its proxy), reads the answer with the {@link RiskClassifier}, and
 * moves to another session when one is refused, within the request's deadline.
 */
public final class XhsAppProvider implements UpstreamProvider, AutoCloseable {
  /** The provider's name in configuration. */
  public static final String NAME = "xhs-app";

  private static final Logger log = LoggerFactory.getLogger(XhsAppProvider.class);

  private final XhsAppSettings settings;
  private final SessionPool pool;
  private final SignerClient signer;
  private final RiskClassifier classifier;
  private final Clock clock;
  // One pool of connections for the signer, the App API and every proxy: a connection is kept
  // for its host, port and proxy, so sessions behind different proxies never share one.
  private final SourceHttp http;
  private final UpstreamEvents events;

  /**
   * Creates the provider over a session pool.
   *
   * @param events where each call through a session is reported
   */
  public XhsAppProvider(
      XhsAppSettings settings,
      SessionPool pool,
      ObjectMapper json,
      Clock clock,
      UpstreamEvents events) {
    this.settings = settings;
    this.pool = pool;
    this.clock = clock;
    this.events = Objects.requireNonNull(events, "events");
    this.http = new SourceHttp(settings.timeout());
    this.signer = new SignerClient(settings.signerUrl(), http, json, settings.timeout());
    this.classifier = new RiskClassifier(json, settings.coolDowns(), settings.userNotFoundCodes());
  }

  @Override
  public String name() {
    return NAME;
  }

  /** Closes the connections to the signer, the App API and the proxies. */
  @Override
  public void close() {
    http.close();
  }

  /** Only {@link Operation#USER_NOTES}: the App's other paths are not known well enough. */
  @Override
  public Set<Operation> operations() {
    return Set.of(Operation.USER_NOTES);
  }

  @Override
  public UpstreamAnswer fetch(UpstreamRequest request, UpstreamCall call)
      throws UpstreamException, InterruptedException {
    if (request.operation() != Operation.USER_NOTES) {
      throw new IllegalArgumentException(NAME + " does not serve " + request.operation());
    }
    List<UpstreamSession> tried = new ArrayList<>();
    Verdict last = null;
    for (int attempt = 1; attempt <= settings.attempts(); attempt++) {
      Optional<UpstreamSession> leased = pool.acquire(call.accountId(), call.deadline(), tried);
      if (leased.isEmpty()) {
        throw noSession(last, call);
      }
      UpstreamSession session = leased.get();
      tried.add(session);
      Verdict verdict = callWith(session, request, call);
      last = verdict;
      switch (verdict) {
        case Verdict.Notes n -> {
          return new UpstreamAnswer.Data(NAME, n.body());
        }
        case Verdict.UserNotFound u -> {
          return new UpstreamAnswer.NotFound(NAME);
        }
        case Verdict.SignerFault s ->
            throw new UpstreamException(
                Kind.UNAVAILABLE,
                NAME,
                "signing failed (" + s.failure().wire() + "): " + s.detail());
        default ->
            log.warn(
                "session {} failed ({}), attempt {} of {}",
                session.spec.id(),
                verdict.failure().wire(),
                attempt,
                settings.attempts());
      }
    }
    throw exhausted(last);
  }

  /** One call through one session; the session is released with the verdict in every case. */
  private Verdict callWith(UpstreamSession session, UpstreamRequest asked, UpstreamCall call)
      throws InterruptedException {
    long start = System.nanoTime();
    Verdict verdict = null;
    String detail = "";
    try {
      AppRequest request =
          AppRequest.userPosted(
              asked.text("user_id"),
              asked.cursor(),
              session.spec,
              settings.commonParams(),
              clock.millis() / 1000,
              ThreadLocalRandom.current());
      Map<String, String> signature;
      try {
        signature = signer.sign(request);
      } catch (SignerClient.SignerException e) {
        detail = e.getMessage();
        verdict = new Verdict.SignerFault(FailureClass.SIGNER_DOWN, detail);
        return verdict;
      }
      Duration left = Duration.between(clock.instant(), call.deadline());
      Duration timeout = left.compareTo(settings.timeout()) < 0 ? left : settings.timeout();
      if (!timeout.isPositive()) {
        verdict = new Verdict.RetryElsewhere(FailureClass.TIMEOUT, "no time left in the budget");
        detail = "no time left";
        return verdict;
      }
      Map<String, String> headers = new LinkedHashMap<>();
      headers.put("xy-common-params", request.commonParams());
      headers.put("xy-platform-info", request.platformInfo());
      headers.put("X-B3-TraceId", request.traceId());
      headers.putAll(signature);
      SourceHttp.Reply response;
      try {
        response =
            http.get(
                settings.baseUrl().resolve(request.path() + "?" + request.query()).toString(),
                headers,
                timeout,
                session.spec.proxy());
      } catch (SocketTimeoutException e) {
        verdict =
            new Verdict.RetryElsewhere(
                FailureClass.TIMEOUT, "no answer in " + timeout.toMillis() + " ms");
        detail = verdict instanceof Verdict.RetryElsewhere r ? r.detail() : "";
        return verdict;
      } catch (IOException e) {
        if (Thread.interrupted()) {
          // An interrupt closes the socket a virtual thread is blocked on: not the session's fault.
          throw new InterruptedException("interrupted while calling the App API");
        }
        verdict = new Verdict.RetryElsewhere(FailureClass.NETWORK, e.toString());
        detail = e.toString();
        return verdict;
      }
      verdict = classifier.classify(response.status(), response.body(), asked.cursor());
      detail = detailOf(verdict);
      return verdict;
    } finally {
      Verdict settled =
          verdict == null
              ? new Verdict.RetryElsewhere(FailureClass.NETWORK, "interrupted")
              : verdict;
      pool.release(session, settled, detail);
      events.sessionCall(NAME, session.spec.id(), outcome(settled), System.nanoTime() - start);
    }
  }

  private static String outcome(Verdict v) {
    return switch (v) {
      case Verdict.Notes n -> "ok";
      case Verdict.UserNotFound u -> "user_not_found";
      default -> v.failure().wire();
    };
  }

  private static String detailOf(Verdict v) {
    return switch (v) {
      case Verdict.RetryElsewhere r -> r.detail();
      case Verdict.CoolDown c -> c.detail();
      case Verdict.Retire r -> r.detail();
      case Verdict.SignerFault s -> s.detail();
      case Verdict.Notes n -> "";
      case Verdict.UserNotFound u -> "";
    };
  }

  private UpstreamException noSession(Verdict last, UpstreamCall call) {
    if (!clock.instant().isBefore(call.deadline())) {
      return new UpstreamException(
          Kind.TIMEOUT, NAME, "the time budget ran out" + lastFailure(last));
    }
    return new UpstreamException(
        Kind.UNAVAILABLE,
        NAME,
        (pool.usable() == 0
                ? "no usable upstream session (all retired or none configured)"
                : "no upstream session can be free within the time budget")
            + lastFailure(last));
  }

  private static UpstreamException exhausted(Verdict last) {
    FailureClass failure = last.failure();
    Kind kind =
        switch (failure) {
          case MALFORMED, GENERIC, HTTP_ERROR -> Kind.UNUSABLE;
          case TIMEOUT -> Kind.TIMEOUT;
          default -> Kind.UNAVAILABLE;
        };
    return new UpstreamException(kind, NAME, "every attempt failed" + lastFailure(last));
  }

  private static String lastFailure(Verdict last) {
    return last == null || last.failure() == null
        ? ""
        : "; last: " + last.failure().wire() + " " + detailOf(last);
  }
}
