package dev.xhsopenapi.upstream;

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
   * @return empty when the answer is usable, else why it is not, in one plain sentence
   */
  Optional<String> refusal(UpstreamRequest request, byte[] body);
}
