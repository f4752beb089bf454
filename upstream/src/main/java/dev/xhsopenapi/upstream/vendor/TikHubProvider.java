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
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * TikHub as a source.
 *
 * <ul>
 *   <li>Request: {@code GET {base}/api/v1/xiaohongshu/{suffix}} with the operation's own parameters
 *       (TikHub's names are SpiderHubs' [A.4, B.1]), empty ones left out, and {@code Authorization:
 *       Bearer <key>} [A.1]; a {@link VendorSettings#paths()} entry for the operation id replaces
 *       the path.
 *   <li>HTTP 200, the 15-field envelope with {@code code:200} [A.2]: billed, whatever {@code data}
 *       says [A.3]; {@code data} is the answer, byte for byte. A {@code data} whose {@code code} is
 *       one of {@link BearerVendor#APP_NOT_FOUND_CODES} is "not found" (how an unknown user comes
 *       back); one that reports another failure ({@code code} ≠ 0 or {@code success:false}) is
 *       {@code unusable}; a broken body is {@code unusable}. A soft block ({@code data:{}} with
 *       code 0) is returned as data, and refused by the operation's rule downstream.
 *   <li>Errors, FastAPI style {@code {"detail":{…}}}, {@code {"detail":"…"}} or {@code
 *       {"detail":[…]}} [A.3], not billed: 400 whose message asks to retry ("Please retry", "请重试"
 *       [T6, T7]) is {@code retry}, any other 400 and 422 {@code bad_request}; 401/403 {@code auth}
 *       and 402 {@code out_of_credit} (both exhausted) [T2, T10, T11]; 429 {@code rate_limited};
 *       504 {@code timeout}; other 5xx {@code server_error} [T2]; anything else (404 among them)
 *       {@code unusable}.
 * </ul>
 *
 * Thread-safe.
 */
public final class TikHubProvider implements VendorProvider {
  /** The path prefix of every TikHub Xiaohongshu endpoint [A.4]. */
  public static final String PREFIX = "/api/v1/xiaohongshu/";

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
  public TikHubProvider(
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
    String message = null;
    String messageZh = null;
    try {
      JsonNode root = json.readTree(body);
      JsonNode detail = root == null ? null : root.path("detail");
      if (detail != null && detail.isObject()) {
        message = detail.path("message").textValue();
        messageZh = detail.path("message_zh").textValue();
      } else if (detail != null && detail.isTextual()) {
        message = detail.textValue();
      } else if (detail != null && detail.isArray() && !detail.isEmpty()) {
        JsonNode first = detail.get(0);
        message = first.path("msg").asText("") + " " + first.path("loc");
      } else if (root != null) {
        message = root.path("message").textValue();
      }
    } catch (IOException e) {
      // Not JSON (a proxy's error page, say): the status alone decides.
    }
    Failure failure =
        status == 400 && asksToRetry(message, messageZh) ? Failure.RETRY : Failure.ofStatus(status);
    throw failure.at(
        settings.name(),
        heading
            + Failure.quoted(message == null ? messageZh : message, settings.key())
            + BearerVendor.retryAfter(retryAfter));
  }

  /** Whether TikHub's words ask us to retry: "Please retry" / "请重试" [T6, T7]. */
  private static boolean asksToRetry(String message, String messageZh) {
    return (message != null && message.toLowerCase(Locale.ROOT).contains("retry"))
        || (messageZh != null && messageZh.contains("重试"));
  }

  /** Stops the HTTP client. */
  @Override
  public void close() {
    vendor.close();
  }
}
