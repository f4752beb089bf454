package dev.xhsopenapi.upstream.sim;

import dev.xhsopenapi.upstream.InvalidParamException;
import dev.xhsopenapi.upstream.Operation;
import dev.xhsopenapi.upstream.UpstreamRequest;
import java.util.Locale;
import java.util.Optional;

/**
 * How one vendor flavour speaks (SOURCES-FACTS §A–§C): where it serves each operation it has, how a
 * request presents its API key and names the operation's parameters, and how the App side's answer
 * at a {@link Rung} becomes the vendor's answer. The simulator's core runs the one fault ladder for
 * every flavour and hands the outcome to this interface, so that nothing vendor-specific lives in
 * it.
 */
interface VendorFlavor {

  /** The vendor's path of {@code operation}, or empty when the vendor has no equivalent. */
  Optional<String> path(Operation operation);

  /** The operation served at {@code path}, if any. */
  default Optional<Operation> operationAt(String path) {
    return Operation.all().stream()
        .filter(operation -> path(operation).filter(path::equals).isPresent())
        .findFirst();
  }

  /**
   * The request of an operation other than the user notes (see {@link #pageQuery}), if its
   * parameters are there and well-formed: by default read by the operation's own parameter names,
   * as SpiderHubs and TikHub name them [A.4, B.3].
   */
  default Optional<UpstreamRequest> request(Operation operation, FormFields query) {
    try {
      return Optional.of(operation.request(name -> query.get(name).orElse(null)));
    } catch (InvalidParamException e) {
      return Optional.empty();
    }
  }

  /**
   * The API key the request presents, if it presents one at all: by default its {@code
   * Authorization: Bearer} token, as SpiderHubs and TikHub take it [A.1, B.1].
   */
  default Optional<String> presentedKey(SimRequest request, FormFields query) {
    return bearer(request);
  }

  /**
   * The page the request asks for, if its parameters are there and well-formed: by default from
   * {@code user_id} and {@code cursor}, the parameters SpiderHubs and TikHub share [A.4, B.3].
   */
  default Optional<PageQuery> pageQuery(FormFields query) {
    return PageQuery.of(
        query.get("user_id").orElse(null),
        query.get("cursor").orElse(""),
        SimProtocol.DEFAULT_PAGE_SIZE);
  }

  /**
   * The answer to a request whose key is missing or not the simulator's; never billed.
   *
   * @param missing whether no key was presented at all (rather than a wrong one)
   */
  SimResponse keyRefused(VendorCall call, boolean missing);

  /** The vendor's balance error, sent while {@code out_of_credit} is on; never billed. */
  SimResponse outOfCredit(VendorCall call);

  /**
   * The vendor's answer when the ladder stopped at {@code rung}, whose App answer is {@code app}.
   */
  VendorReply reply(VendorCall call, Rung rung, SimResponse app);

  /** The vendor behind a simulator flavour, or empty for the App itself. */
  static Optional<VendorFlavor> of(SimFlavor flavor) {
    return switch (flavor) {
      case APP -> Optional.empty();
      case SPIDERHUBS -> Optional.of(new SpiderHubsFlavor());
      case TIKHUB -> Optional.of(new TikHubFlavor());
      case JUSTONEAPI -> Optional.of(new JustOneApiFlavor());
    };
  }

  /** The token of an {@code Authorization: Bearer <token>} header, if the request has one. */
  static Optional<String> bearer(SimRequest request) {
    return request
        .header("Authorization")
        .map(String::strip)
        .filter(value -> value.toLowerCase(Locale.ROOT).startsWith("bearer "))
        .map(value -> value.substring("bearer ".length()).strip())
        .filter(token -> !token.isEmpty());
  }
}
