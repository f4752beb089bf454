package dev.xhsopenapi.upstream.sim;

import java.util.regex.Pattern;

/** The wire constants of the simulated App endpoint and of the simulator's own endpoints. */
public final class SimProtocol {

  /** Path of the App endpoint that lists the notes a user has posted. */
  public static final String USER_POSTED_PATH = "/api/sns/v4/note/user/posted";

  /** Path of the simulator's signing service ({@code POST}). */
  public static final String SIGN_PATH = "/sign";

  /**
   * Path of the call statistics ({@code GET}): {@code {"sids":{…},"keys":{…},"billed":N}}, the App
   * calls per sid, the vendor calls per API key hint, and the calls a vendor flavour billed.
   */
  public static final String STATS_PATH = "/_sim/stats";

  /** Path of the dataset's user list ({@code GET}). */
  public static final String USERS_PATH = "/_sim/users";

  /**
   * Path of a user's posts ({@code POST}), {@code {user_id}} standing for the user id: makes the
   * user post a note now, as {@link Simulator#post} does. The body is empty or {@code
   * {"title":"…"}}; the answer is 201 {@code {"note":{…}}} with the new note's App JSON, 404 {@code
   * {"error":"user_not_found",…}} for a user the dataset lacks, 400 {@code
   * {"error":"invalid_request",…}} for a malformed user id or body. Every flavour serves it,
   * without a key or signature.
   */
  public static final String USER_NOTES_PATH = USERS_PATH + "/{user_id}/notes";

  /** Path of the fault setting: {@code GET} reads it, {@code POST} merges a JSON object into it. */
  public static final String FAULTS_PATH = "/_sim/faults";

  /**
   * Path of the body shapes ({@link SimShapes}): {@code GET} reads them, {@code POST} merges a JSON
   * object such as {@code {"web_key_style":"snake_case","search_users_style":"spiderhubs"}}.
   */
  public static final String SHAPES_PATH = "/_sim/shapes";

  /**
   * Path that forgets the call statistics, the billed count included, and the notes posted, and
   * restarts the fault draws ({@code POST}).
   */
  public static final String RESET_PATH = "/_sim/reset";

  /** The {@code code} (and {@code errCode}) of an expired session's answer, 登录已过期. */
  public static final int SESSION_EXPIRED_CODE = -100;

  /** The {@code code} of a session over its call limit, 访问频次异常. */
  public static final int RATE_LIMITED_CODE = 300013;

  /** The HTTP status of the captcha wall. */
  public static final int CAPTCHA_STATUS = 461;

  /** Header of a captcha answer naming the kind of check, as the App spells it. */
  public static final String VERIFY_TYPE_HEADER = "Verifytype";

  /** Header of a captcha answer identifying the check, as the App spells it. */
  public static final String VERIFY_UUID_HEADER = "Verifyuuid";

  /** The {@code Verifytype} the simulator's captcha answers carry. */
  public static final String CAPTCHA_VERIFY_TYPE = "102";

  /**
   * The {@code code} of the App body for a well-formed user id that the dataset does not hold (HTTP
   * 200, {@code success:false}, {@code data:{}}).
   */
  public static final int USER_NOT_FOUND_CODE = -10000;

  /**
   * The {@code code} of the App body for a well-formed note id that the dataset does not hold (HTTP
   * 200, {@code success:false}, {@code data:{}}, msg 笔记不存在). The live App's code is not documented;
   * the simulator reuses {@link #USER_NOT_FOUND_CODE} so that every source reads a missing note and
   * a missing user alike, as "not found".
   */
  public static final int NOTE_NOT_FOUND_CODE = USER_NOT_FOUND_CODE;

  /**
   * The {@code code} of the web API's refusal of a note detail asked with a wrong {@code
   * xsec_token}: HTTP 200, {@code success:false}, msg 当前笔记暂时无法浏览 ("this note cannot be viewed right
   * now"). The code and message are the simulator's choice: the refusal is not documented.
   */
  public static final int TOKEN_REFUSED_CODE = 300031;

  /** The {@code code} of every other rejection (bad parameters, bad {@code shield}). */
  public static final int REJECTED_CODE = -1;

  /** Header carrying the form-encoded device and session parameters, {@code sid} among them. */
  public static final String COMMON_PARAMS_HEADER = "xy-common-params";

  /** Header carrying the form-encoded platform description. */
  public static final String PLATFORM_INFO_HEADER = "xy-platform-info";

  /** Header carrying the request signature. */
  public static final String SHIELD_HEADER = "shield";

  /** Page size when the request gives no usable {@code num}, as the App always asks. */
  public static final int DEFAULT_PAGE_SIZE = 10;

  /** The largest page the simulator serves; larger {@code num} values are clamped to it. */
  public static final int MAX_PAGE_SIZE = 20;

  /** A user or note id: 24 lowercase hex characters, the first 8 a unix time in seconds. */
  private static final Pattern ID = Pattern.compile("[0-9a-f]{24}");

  private SimProtocol() {}

  /** Whether {@code text} is a well-formed user or note id. */
  static boolean isId(String text) {
    return text != null && ID.matcher(text).matches();
  }
}
