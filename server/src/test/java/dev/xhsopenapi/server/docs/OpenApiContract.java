package dev.xhsopenapi.server.docs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialects;
import java.net.URI;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The OpenAPI document the gateway serves at {@code /openapi.json}, used as a checker of real
 * responses: the status must be documented for the operation, the headers it marks required must be
 * there with values that fit their schemas, the content type must be one it lists, and a JSON body
 * must validate against the response schema (JSON Schema 2020-12 with the OpenAPI 3.1 vocabulary,
 * by networknt's validator; {@code $ref}s into {@code components} resolve within the document).
 *
 * <p>A path the document does not list must be answered with the 404 or 405 error body. Paths under
 * {@code /console} are the web console's HTML pages, outside this JSON contract.
 */
public final class OpenApiContract {
  private static final String BASE = "https://xhs-openapi.test/openapi.json";
  private static final List<String> OUTSIDE_CONTRACT = List.of("/console");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final JsonNode spec;
  private final SchemaRegistry registry;
  private final List<Route> routes = new ArrayList<>();
  private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

  private OpenApiContract(JsonNode spec) {
    this.spec = spec;
    this.registry =
        SchemaRegistry.withDialect(
            Dialects.getOpenApi31(),
            b ->
                b.schemas(Map.of(BASE, spec.toString()))
                    .schemaRegistryConfig(
                        SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
    Iterator<String> names = spec.get("paths").fieldNames();
    while (names.hasNext()) {
      routes.add(Route.of(names.next()));
    }
    // Literal paths win over templates that would also match them.
    routes.sort((a, b) -> Boolean.compare(a.templated(), b.templated()));
  }

  /** The contract of this build, compiled once for the whole test run (compiling is slow). */
  public static OpenApiContract shared() {
    return Shared.INSTANCE;
  }

  /** The contract from a given document. */
  public static OpenApiContract of(JsonNode spec) {
    return new OpenApiContract(spec);
  }

  /**
   * Checks one exchange.
   *
   * @throws AssertionError listing every way the response differs from the document
   */
  public void check(
      String method, URI uri, int status, Map<String, List<String>> headers, String body) {
    String path = uri.getRawPath();
    if (OUTSIDE_CONTRACT.stream().anyMatch(p -> path.equals(p) || path.startsWith(p + "/"))) {
      return;
    }
    List<String> problems = new ArrayList<>();
    String where = method + " " + path + " -> " + status;
    Route route = routes.stream().filter(r -> r.matches(path)).findFirst().orElse(null);
    JsonNode operation =
        route == null ? null : spec.get("paths").get(route.template()).get(lower(method));
    if (operation == null) {
      // Nothing documented here: the gateway's fallback answers, with the one error body.
      if (status != 404 && status != 405) {
        problems.add("an undocumented operation must answer 404 or 405, not " + status);
      }
      checkJson(body, "/components/schemas/Error", problems);
      requireHeader(headers, "X-Request-Id", problems);
    } else {
      checkResponse(operation, route.template(), lower(method), status, headers, body, problems);
    }
    if (!problems.isEmpty()) {
      throw new AssertionError(
          "the response does not match the OpenAPI document (/openapi.json)\n  "
              + where
              + "\n  - "
              + String.join("\n  - ", problems)
              + "\n  body: "
              + (body.length() > 600 ? body.substring(0, 600) + "…" : body));
    }
  }

  private void checkResponse(
      JsonNode operation,
      String template,
      String method,
      int status,
      Map<String, List<String>> headers,
      String body,
      List<String> problems) {
    String code = Integer.toString(status);
    String pointer = "/paths/" + escape(template) + "/" + method + "/responses/" + code;
    if (!operation.get("responses").has(code)) {
      problems.add(
          "status "
              + status
              + " is not documented; documented: "
              + iterable(operation.get("responses").fieldNames()));
      return;
    }
    pointer = deref(pointer);
    JsonNode response = spec.at(pointer);
    JsonNode declared = response.path("headers");
    for (Iterator<String> it = declared.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      String headerPointer = deref(pointer + "/headers/" + escape(name));
      JsonNode header = spec.at(headerPointer);
      String value = header(headers, name);
      if (value == null) {
        if (header.path("required").asBoolean(false)) {
          problems.add("header " + name + " is required and missing");
        }
        continue;
      }
      checkValue(name, value, headerPointer + "/schema", problems);
    }
    JsonNode content = response.get("content");
    if (content == null) {
      if (!body.isEmpty()) {
        problems.add("no body is documented, got " + body.length() + " characters");
      }
      return;
    }
    String contentType = header(headers, "Content-Type");
    String mediaType =
        contentType == null ? "" : contentType.split(";", -1)[0].strip().toLowerCase(Locale.ROOT);
    if (!content.has(mediaType)) {
      problems.add(
          "content type '"
              + contentType
              + "' is not documented; documented: "
              + iterable(content.fieldNames()));
      return;
    }
    if (mediaType.equals("application/json")) {
      checkJson(body, pointer + "/content/" + escape(mediaType) + "/schema", problems);
    }
  }

  private void checkJson(String body, String schemaPointer, List<String> problems) {
    try {
      JSON.readTree(body);
    } catch (JsonProcessingException e) {
      problems.add("the body is not JSON: " + e.getOriginalMessage());
      return;
    }
    for (Error e : schema(schemaPointer).validate(body, InputFormat.JSON)) {
      String at = e.getInstanceLocation().toString();
      problems.add("body at " + (at.isEmpty() ? "the top" : at) + ": " + e.getMessage());
    }
  }

  private void checkValue(String name, String value, String schemaPointer, List<String> problems) {
    JsonNode schema = spec.at(schemaPointer);
    String json;
    if (schema.path("type").asText().equals("integer") && value.matches("-?\\d{1,18}")) {
      json = value;
    } else {
      json = JSON.getNodeFactory().textNode(value).toString();
    }
    for (Error e : schema(schemaPointer).validate(json, InputFormat.JSON)) {
      problems.add("header " + name + " '" + value + "': " + e.getMessage());
    }
  }

  private Schema schema(String pointer) {
    return schemas.computeIfAbsent(
        pointer, p -> registry.getSchema(SchemaLocation.of(BASE + "#" + encode(p))));
  }

  /** Follows OpenAPI {@code $ref}s (to responses and headers) until an object without one. */
  private String deref(String pointer) {
    String at = pointer;
    for (int hops = 0; spec.at(at).has("$ref"); hops++) {
      if (hops > 10) {
        throw new IllegalStateException("$ref loop at " + pointer);
      }
      at = spec.at(at).get("$ref").asText().substring(1);
    }
    return at;
  }

  private static void requireHeader(
      Map<String, List<String>> headers, String name, List<String> problems) {
    if (header(headers, name) == null) {
      problems.add("header " + name + " is required and missing");
    }
  }

  private static String header(Map<String, List<String>> headers, String name) {
    for (Map.Entry<String, List<String>> e : headers.entrySet()) {
      if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
        return e.getValue().get(0);
      }
    }
    return null;
  }

  private static String escape(String segment) {
    return segment.replace("~", "~0").replace("/", "~1");
  }

  /** A JSON pointer as a URI fragment: braces of path templates are not URI characters. */
  private static String encode(String pointer) {
    return pointer.replace("{", "%7B").replace("}", "%7D");
  }

  private static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }

  private static List<String> iterable(Iterator<String> it) {
    List<String> out = new ArrayList<>();
    it.forEachRemaining(out::add);
    return out;
  }

  /** A documented path and the pattern of request paths it stands for. */
  private record Route(String template, Pattern pattern, boolean templated) {
    static Route of(String template) {
      String regex =
          Pattern.compile("\\{[^}/]+}")
              .splitAsStream(template)
              .map(Pattern::quote)
              .reduce((a, b) -> a + "[^/]+" + b)
              .orElse("");
      if (template.endsWith("}")) {
        regex += "[^/]+";
      }
      return new Route(template, Pattern.compile(regex), template.contains("{"));
    }

    boolean matches(String path) {
      return pattern.matcher(path).matches();
    }
  }

  /** Holds the contract compiled once per test JVM. */
  private static final class Shared {
    static final OpenApiContract INSTANCE = new OpenApiContract(ApiDocs.spec());
  }
}
