package dev.xhsopenapi.upstream;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One source's calls since this node started, as {@code GET /admin/v1/upstream/sources} shows them
 * (DESIGN §4). Counts are of the calls the chain made to the source: a call refused at once by an
 * open circuit counts, as a failure of class {@code circuit_open}.
 *
 * @param name the source's name in {@code upstream.chain}
 * @param kind its kind: {@code xhs-app}, {@code spiderhubs}, {@code tikhub}, {@code justoneapi},
 *     {@code sim}, or {@code custom} for a provider given in code
 * @param circuit its circuit breaker's state now
 * @param calls every call the chain made to it
 * @param ok the calls it answered definitively: data, or "not found"
 * @param failures the other calls by failure class (e.g. {@code soft_block}, {@code rate_limited},
 *     {@code out_of_credit}, {@code timeout}), classes in alphabetical order
 * @param billed how many of its calls the source billed (whether or not we could use the answer)
 * @param spend {@code billed} × its configured {@code cost}, six decimals, in the cost's unit
 * @param p50Ms the median time of its calls, milliseconds (0 before the first call)
 * @param p99Ms the 99th percentile time of its calls, milliseconds (0 before the first call)
 * @param lastError the last failure's message (never a secret), or null
 * @param lastErrorAt when the last failure happened, or null
 */
public record SourceReport(
    String name,
    String kind,
    ProviderHealth.Circuit circuit,
    long calls,
    long ok,
    Map<String, Long> failures,
    long billed,
    BigDecimal spend,
    double p50Ms,
    double p99Ms,
    String lastError,
    Instant lastErrorAt) {

  /** Checks the required parts and copies the failures. */
  public SourceReport {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(circuit, "circuit");
    failures = Collections.unmodifiableMap(new TreeMap<>(failures));
    Objects.requireNonNull(spend, "spend");
  }
}
