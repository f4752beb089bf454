package dev.xhsopenapi.upstream;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * One operation of the SpiderHubs Xiaohongshu catalogue (DESIGN §2a), declared as data: its
 * SpiderHubs operation id, its path, its query parameters with their rules, which parameter carries
 * the paging cursor, what a definitive "not found" is about, and what makes a source's answer
 * usable. The public API serves one endpoint per operation (same path, same parameters), prices it
 * by its id ({@code prices.<id>}) and caches its answers by {@link UpstreamRequest}; a source
 * declares the operations it serves ({@link UpstreamProvider#operations()}) and the chain asks only
 * those.
 *
 * <p>Adding an endpoint is one constant here, listed in {@link #all()}, one branch in each source
 * that serves it, and its simulator data. Instances are immutable and compared by identity.
 */
public final class Operation {
  /** The path prefix of every SpiderHubs Xiaohongshu endpoint. */
  public static final String PATH_PREFIX = "/openapi/v1/contentcreator/xiaohongshu/";

  /**
   * {@code xhs-get-user-notes}: one page of a user's posted notes in the App series, pinned notes
   * first on the first page (DESIGN §2, the seed's endpoint). Paged by {@code cursor} (the last
   * note id of the previous page). The answer is the App API body, usable by {@link PageRule}.
   */
  public static final Operation USER_NOTES =
      new Operation(
          "xhs-get-user-notes",
          "app/get_user_notes",
          "A user's notes (App series), pinned notes first",
          List.of(
              new Param(
                  "user_id",
                  true,
                  "",
                  Param.matching(
                      "user_id",
                      Param.HEX24,
                      "user_id must be a Xiaohongshu user id (24 lowercase hex characters)"),
                  "the 24-hex-character id of a Xiaohongshu user",
                  "5efdeba4000000000101e7e6"),
              new Param(
                  "cursor",
                  false,
                  "",
                  Param.matching(
                      "cursor",
                      Param.HEX24,
                      "cursor must be empty for the first page, or the 'cursor' value of the"
                          + " previous page (24 lowercase hex characters)"),
                  "empty for the first page, else the 'cursor' value of the previous page",
                  "64f1c2a3000000001f03b7a1")),
          "cursor",
          Subject.USER,
          (request, body) -> PageRule.check(body, request.cursor()).map(PageRule::classified));

  private static final List<Operation> ALL = List.of(USER_NOTES);

  private final String id;
  private final String suffix;
  private final String summary;
  private final List<Param> params;
  private final String cursorParam;
  private final Subject subject;
  private final AnswerRule rule;

  private Operation(
      String id,
      String suffix,
      String summary,
      List<Param> params,
      String cursorParam,
      Subject subject,
      AnswerRule rule) {
    this.id = id;
    this.suffix = suffix;
    this.summary = summary;
    this.params = List.copyOf(params);
    this.cursorParam = cursorParam;
    this.subject = subject;
    this.rule = rule;
    if (cursorParam != null && index(cursorParam) < 0) {
      throw new IllegalArgumentException(id + " pages by " + cursorParam + ", not a parameter");
    }
    if (index(subject.param()) < 0) {
      throw new IllegalArgumentException(id + " is about " + subject + " without its parameter");
    }
  }

  /** Every operation, in catalogue order. */
  public static List<Operation> all() {
    return ALL;
  }

  /** The operation with the given SpiderHubs operation id, if there is one. */
  public static Optional<Operation> byId(String id) {
    return ALL.stream().filter(o -> o.id.equals(id)).findFirst();
  }

  /**
   * What a definitive "not found" answer is about: the public API answers it 404 with the error
   * code of its subject.
   */
  public enum Subject {
    /** A Xiaohongshu user, named by {@code user_id}; answered 404 {@code user_not_found}. */
    USER("user", "user_id");

    private final String noun;
    private final String param;

    Subject(String noun, String param) {
      this.noun = noun;
      this.param = param;
    }

    /** The subject in words, e.g. {@code user}. */
    public String noun() {
      return noun;
    }

    /** The parameter that names the subject, e.g. {@code user_id}. */
    public String param() {
      return param;
    }
  }

  /** The SpiderHubs operation id, e.g. {@code xhs-get-user-notes}; also its price key. */
  public String id() {
    return id;
  }

  /**
   * The path after {@link #PATH_PREFIX}, {@code <series>/<op>}, e.g. {@code app/get_user_notes}:
   * the same on SpiderHubs and TikHub (after their own prefixes).
   */
  public String suffix() {
    return suffix;
  }

  /**
   * The SpiderHubs path, e.g. {@code /openapi/v1/contentcreator/xiaohongshu/app/get_user_notes}.
   */
  public String path() {
    return PATH_PREFIX + suffix;
  }

  /** One line saying what the operation returns, for documentation. */
  public String summary() {
    return summary;
  }

  /** The query parameters, in the order sources are asked with them. */
  public List<Param> params() {
    return params;
  }

  /** The parameter that carries the paging cursor, or empty when the operation does not page. */
  public Optional<String> cursorParam() {
    return Optional.ofNullable(cursorParam);
  }

  /** What a definitive "not found" answer of this operation is about. */
  public Subject subject() {
    return subject;
  }

  /** What makes a source's answer usable. */
  public AnswerRule rule() {
    return rule;
  }

  /**
   * Reads and checks a request's parameters; parameters the operation does not have are ignored.
   *
   * @param given the value of each named parameter as given, or null when absent
   * @return the request, with each parameter in its canonical form
   * @throws InvalidParamException for the first parameter (in {@link #params()} order) that is
   *     required and absent, or malformed
   */
  public UpstreamRequest request(Function<String, String> given) {
    List<String> values = new ArrayList<>(params.size());
    for (Param param : params) {
      values.add(param.read(given.apply(param.name())));
    }
    return new UpstreamRequest(this, values);
  }

  /** {@link #request(Function)} over a map of the given values. */
  public UpstreamRequest request(Map<String, String> given) {
    return request(given::get);
  }

  /** The position of a parameter in {@link #params()}, or -1. */
  int index(String param) {
    for (int i = 0; i < params.size(); i++) {
      if (params.get(i).name().equals(param)) {
        return i;
      }
    }
    return -1;
  }

  /** The operation id. */
  @Override
  public String toString() {
    return id;
  }
}
