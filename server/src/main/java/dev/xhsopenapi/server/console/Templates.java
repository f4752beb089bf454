package dev.xhsopenapi.server.console;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The console's pages as Mustache templates under {@code console/templates/} on the class path.
 *
 * <p>Mustache because it is logic-less (pages cannot grow rules of their own; everything they show
 * is computed in Java, where it is tested), escapes HTML by default, and is a single small jar
 * parsed at start-up: no code generation fighting the build's Error Prone and {@code -Werror}, and
 * no compiler needed at run time, which jte's two modes would bring.
 */
final class Templates {
  private static final List<String> PAGES =
      List.of(
          "login",
          "welcome",
          "overview",
          "keys",
          "requests",
          "watches",
          "watch",
          "operator_login",
          "operator_accounts",
          "operator_account",
          "operator_upstream",
          "error");

  private final Map<String, Mustache> compiled = new HashMap<>();

  /** Compiles every page at once, so that a broken template stops the server from starting. */
  Templates() {
    DefaultMustacheFactory factory = new DefaultMustacheFactory("console/templates");
    for (String page : PAGES) {
      compiled.put(page, factory.compile(page + ".mustache"));
    }
  }

  /** The page rendered over its model. */
  String render(String page, Map<String, Object> model) {
    Mustache template = compiled.get(page);
    if (template == null) {
      throw new IllegalArgumentException("no console template " + page);
    }
    StringWriter out = new StringWriter(8192);
    template.execute(out, model);
    return out.toString();
  }
}
