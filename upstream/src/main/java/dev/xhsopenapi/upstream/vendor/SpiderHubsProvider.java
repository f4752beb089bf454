package dev.xhsopenapi.upstream.vendor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.xhsopenapi.upstream.Operation;
import dev.xhsopenapi.upstream.UpstreamAnswer;
import dev.xhsopenapi.upstream.UpstreamCall;
import dev.xhsopenapi.upstream.UpstreamEvents;
import dev.xhsopenapi.upstream.UpstreamException;
import dev.xhsopenapi.upstream.UpstreamRequest;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;

/**
 * SpiderHubs (or any API that speaks its protocol, such as another instance of this gateway) as a
 * source.
 *
 * <ul>
 *   <li>Request: {@code GET {base}/openapi/v1/contentcreator/xiaohongshu/{suffix}} with the
 *       operation's own parameters, empty ones left out, and {@code Authorization: Bearer <key>}
 *       [S1–S7, B.1]; a {@link VendorSettings#paths()} entry for the operation id replaces the
 *       path.
 *   <li>HTTP 200 {@code {"code":200,"request_id":…,"data":<App body>}} [B.2]: billed (1 credit a
 *       call [B.1]); {@code data} is the answer, byte for byte. A {@code data} whose {@code code}
 *       is one of {@link BearerVendor#APP_NOT_FOUND_CODES} is "not found"; one that reports another
 *       failure ({@code code} ≠ 0 or {@code success:false}) is {@code unusable}; a broken body is
 *       {@code unusable}. A soft block ({@code data:{}} with code 0) is returned as data, and
 *       refused by the operation's rule downstream.
 *   <li>Errors, not billed; their shape is a GUESS [B.2] read in either form, HTTP status or an
 *       HTTP 200 whose envelope {@code code} is the status, with {@code error} and {@code message}:
 *       404 {@code user_not_found} (or {@code note_not_found}, as the simulator names a missing
 *       note) is "not found"; 400/422 {@code bad_request}; 401/403 {@code auth} and 402 {@code
 *       out_of_credit} (both exhausted); 429 {@code rate_limited}; 504 {@code timeout}; other 5xx
 *       {@code server_error}; anything else {@code unusable}.
 * </ul>
 *
 * Thread-safe.
 */
public final class SpiderHubsProvider implements VendorProvider {
  /** The path prefix of every SpiderHubs Xiaohongshu endpoint [B.1]. */
  public static final String PREFIX = Operation.PATH_PREFIX;

  private final VendorSettings settings;
  private final ObjectMapper json;
  private final BearerVendor vendor;

  /**
   * Creates the provider and its HTTP client.
   *
   * @param settings the source as configured; its name is this provider's name
   * @param json the mapper that reads error bodies
   * @param clock the clock the call deadlines are measured by
   * @param events where billed calls are reported
   */
  public SpiderHubsProvider(
      VendorSettings settings, ObjectMapper json, Clock clock, UpstreamEvents events) {
    this.settings = settings;
    this.json = json;
    this.vendor = new BearerVendor(settings, clock, events, PREFIX, this::error);
  }

  @Override
  public String name() {
    return settings.name();
  }

  /** Every operation of the catalogue. */
  @Override
  public Set<Operation> operations() {
    return vendor.operations();
  }

  @Override
  public UpstreamAnswer fetch(UpstreamRequest request, UpstreamCall call)
      throws UpstreamException, InterruptedException {
    return vendor.fetch(request, call);
  }

  private UpstreamAnswer error(int status, String heading, byte[] body, Optional<String> retryAfter)
      throws UpstreamException {
    String error = "";
    String message = null;
    try {
      JsonNode root = json.readTree(body);
      if (root != null) {
        error = root.path("error").asText("");
        message = root.path("message").textValue();
      }
    } catch (IOException e) {
      // Not JSON (a proxy's error page, say): the status alone decides.
    }
    if (status == 404 && (error.equals("user_not_found") || error.equals("note_not_found"))) {
      return new UpstreamAnswer.NotFound(settings.name());
    }
    throw Failure.ofStatus(status)
        .at(
            settings.name(),
            heading
                + (error.isEmpty() ? "" : " " + Failure.clip(error, settings.key()))
                + Failure.quoted(message, settings.key())
                + BearerVendor.retryAfter(retryAfter));
  }

  /** Stops the HTTP client. */
  @Override
  public void close() {
    vendor.close();
  }
}
