package dev.xhsopenapi.server.console;

import dev.xhsopenapi.server.admin.AdminToken;
import dev.xhsopenapi.server.console.Console.Access;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signing in and out: customers with email and password (or the one-time link that sets the
 * password), operators with the admin token.
 */
final class SignInPages {
  private static final Logger audit = LoggerFactory.getLogger("audit");
  private static final String WRONG_PASSWORD = "邮箱或密码不正确 · Wrong email or password";

  private final Sessions sessions;
  private final ConsoleUsers users;
  private final LoginThrottle throttle;
  private final Optional<AdminToken> operatorToken;

  SignInPages(
      Sessions sessions,
      ConsoleUsers users,
      LoginThrottle throttle,
      Optional<AdminToken> operatorToken) {
    this.sessions = sessions;
    this.users = users;
    this.throttle = throttle;
    this.operatorToken = operatorToken;
  }

  void routes(Console.Routes r) {
    r.get("/console/login", Access.ANYONE, this::loginForm);
    r.post("/console/login", Access.ANYONE, this::login);
    r.get("/console/welcome", Access.ANYONE, this::welcomeForm);
    r.post("/console/welcome", Access.ANYONE, this::welcome);
    r.post("/console/logout", Access.ANYONE, this::logout);
    r.get("/console/operator/login", Access.ANYONE, this::operatorForm);
    r.post("/console/operator/login", Access.ANYONE, this::operatorLogin);
  }

  private Outcome loginForm(Visit v) {
    if (v.session() != null && v.session().kind() == ConsoleSession.Kind.CUSTOMER) {
      return Outcome.redirect("/console");
    }
    return withSession(v, 200, "login", model("email", ""));
  }

  private Outcome login(Visit v) {
    String email = ConsoleUsers.normalize(v.form().get("email"));
    List<LoginThrottle.Subject> subjects =
        List.of(LoginThrottle.email(email), LoginThrottle.address(v.clientAddress()));
    throttle.check(subjects);
    String password = v.form().get("password");
    Optional<ConsoleUser> user =
        password == null ? Optional.empty() : users.authenticate(email, password);
    if (user.isEmpty()) {
      throttle.failed(subjects);
      audit.info("console sign-in failed for {} from {}", email, v.clientAddress());
      Map<String, Object> model = model("email", email);
      model.put("error", WRONG_PASSWORD);
      return Outcome.view(401, "login", model);
    }
    throttle.succeeded(subjects.get(0));
    audit.info("console user {} signed in from {}", user.get().userId(), v.clientAddress());
    return signIn(user.get());
  }

  private Outcome welcomeForm(Visit v) {
    String token = v.form().get("token");
    Optional<ConsoleUser> user = users.linkUser(token);
    if (user.isEmpty()) {
      throw expiredLink();
    }
    Map<String, Object> model = model("email", user.get().email());
    model.put("token", token);
    return withSession(v, 200, "welcome", model);
  }

  private Outcome welcome(Visit v) {
    String token = v.form().get("token");
    String password = v.form().get("password");
    Optional<String> problem =
        password != null && password.equals(v.form().get("confirm"))
            ? ConsoleUsers.passwordProblem(password)
            : Optional.of("两次输入的密码不一致 · The two passwords differ");
    if (problem.isPresent()) {
      // The link is kept for another try: it is used up only when a password is set.
      Map<String, Object> model =
          model("email", users.linkUser(token).orElseThrow(SignInPages::expiredLink).email());
      model.put("token", token);
      model.put("error", problem.get());
      return Outcome.view(400, "welcome", model);
    }
    ConsoleUser user = users.setPassword(token, password).orElseThrow(SignInPages::expiredLink);
    // Whoever signed in with the old password is signed out.
    sessions.endAllOf(user.userId());
    return signIn(user);
  }

  private Outcome logout(Visit v) {
    if (v.session() != null) {
      sessions.end(v.session());
    }
    boolean operator = v.session() != null && v.session().kind() == ConsoleSession.Kind.OPERATOR;
    return Outcome.redirect(operator ? "/console/operator/login" : "/console/login")
        .endingSession();
  }

  private Outcome operatorForm(Visit v) {
    if (v.session() != null && v.session().kind() == ConsoleSession.Kind.OPERATOR) {
      return Outcome.redirect("/console/operator");
    }
    Map<String, Object> model = model("enabled", operatorToken.isPresent());
    return withSession(v, 200, "operator_login", model);
  }

  private Outcome operatorLogin(Visit v) {
    AdminToken token =
        operatorToken.orElseThrow(
            () ->
                PageError.notFound(
                    "运营登录未开启 · Operator sign-in is off; start the server with --admin-token"));
    List<LoginThrottle.Subject> subjects = List.of(LoginThrottle.address(v.clientAddress()));
    throttle.check(subjects);
    if (!token.matches(v.form().text("token"))) {
      throttle.failed(subjects);
      audit.info("console operator sign-in failed from {}", v.clientAddress());
      Map<String, Object> model = model("enabled", true);
      model.put("error", "管理令牌不正确 · Wrong admin token");
      return Outcome.view(401, "operator_login", model);
    }
    audit.info("console operator signed in from {}", v.clientAddress());
    return Outcome.redirect("/console/operator")
        .starting(sessions.start(ConsoleSession.Kind.OPERATOR, token.fingerprint(), null));
  }

  private Outcome signIn(ConsoleUser user) {
    return Outcome.redirect("/console")
        .starting(sessions.start(ConsoleSession.Kind.CUSTOMER, user.userId(), user.accountId()));
  }

  /**
   * The view, with a session to carry its form's CSRF token: the visitor's, or a new anonymous one
   * (which sign-in will replace).
   */
  private Outcome withSession(Visit v, int status, String template, Map<String, Object> model) {
    Outcome view = Outcome.view(status, template, model);
    return v.session() != null
        ? view
        : view.starting(sessions.start(ConsoleSession.Kind.ANONYMOUS, null, null));
  }

  private static PageError expiredLink() {
    return PageError.notFound(
        "链接无效、已使用或已过期,请联系运营人员重新发送 · This link is unknown, used or expired;"
            + " ask the operator for a new one");
  }

  private static Map<String, Object> model(String key, Object value) {
    Map<String, Object> m = new HashMap<>();
    m.put(key, value);
    return m;
  }
}
