package dev.xhsopenapi.upstream;

import java.util.List;
import java.util.Objects;

/**
 * What a customer asks of the sources: an {@link Operation} and its parameters' values, checked and
 * canonical (built by {@link Operation#request}). Two requests are equal when they ask the same
 * thing, so a request is also the key of the gateway's answer cache. The call's budget and who
 * makes it travel beside it, in {@link UpstreamCall}.
 *
 * @param operation what is asked
 * @param values the value of each of {@code operation.params()}, in that order ({@code ""} when
 *     absent without a default)
 */
public record UpstreamRequest(Operation operation, List<String> values) {

  /** Creates a request; use {@link Operation#request}, which checks the values. */
  public UpstreamRequest {
    Objects.requireNonNull(operation, "operation");
    values = List.copyOf(values);
    if (values.size() != operation.params().size()) {
      throw new IllegalArgumentException(
          operation + " has " + operation.params().size() + " parameters, got " + values.size());
    }
  }

  /**
   * The value of a parameter.
   *
   * @throws IllegalArgumentException when the operation has no such parameter
   */
  public String text(String param) {
    int i = operation.index(param);
    if (i < 0) {
      throw new IllegalArgumentException(operation + " has no parameter " + param);
    }
    return values.get(i);
  }

  /**
   * The paging cursor asked for: {@code ""} for the first page, and for an operation that does not
   * page.
   */
  public String cursor() {
    return operation.cursorParam().map(this::text).orElse("");
  }

  /**
   * The id of what a "not found" answer would be about, e.g. the user id; {@code ""} for an
   * operation without a subject.
   */
  public String subjectId() {
    return operation.subject().map(s -> text(s.param())).orElse("");
  }

  /** The operation and its parameters, e.g. {@code xhs-get-user-notes{user_id=…, cursor=}}. */
  @Override
  public String toString() {
    StringBuilder s = new StringBuilder(operation.id()).append('{');
    for (int i = 0; i < values.size(); i++) {
      s.append(i == 0 ? "" : ", ")
          .append(operation.params().get(i).name())
          .append('=')
          .append(values.get(i));
    }
    return s.append('}').toString();
  }
}
