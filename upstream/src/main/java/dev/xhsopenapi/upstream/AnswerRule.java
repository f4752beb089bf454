package dev.xhsopenapi.upstream;

import java.util.Objects;
import java.util.Optional;

/**
 * What makes a source's answer to one {@link Operation} usable: the rule every data answer passes
 * before the gateway caches it, serves it or charges for it. A refused answer is that source's
 * failure (the chain tries the next one), never a paid answer without data.
 */
@FunctionalInterface
public interface AnswerRule {

  /**
   * Checks an answer.
   *
   * @param request what was asked (the rule may compare the answer's cursor with the requested one)
   * @param body the answer's body, UTF-8 JSON, as it would be passed through
   * @return empty when the answer is usable, else why it is not
   */
  Optional<Refusal> refusal(UpstreamRequest request, byte[] body);

  /**
   * Why an answer is not usable.
   *
   * @param failureClass the source's failure class it counts as, lowercase snake_case (e.g. {@code
   *     soft_block}, {@code inner_error}, {@code malformed}, {@code stuck_cursor})
   * @param reason one plain sentence for operators
   */
  record Refusal(String failureClass, String reason) {
    /** Checks both parts. */
    public Refusal {
      Objects.requireNonNull(failureClass, "failureClass");
      Objects.requireNonNull(reason, "reason");
    }
  }
}
