package dev.xhsopenapi.server.docs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.xhsopenapi.server.api.ApiError;
import dev.xhsopenapi.server.api.Responses;
import dev.xhsopenapi.server.http.RequestIds;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The API's documentation: {@code GET /openapi.json} (the hand-written contract {@code
 * openapi/openapi.yaml}, served as JSON) and {@code GET /docs}, a Swagger UI page whose files come
 * from the swagger-ui webjar on the classpath, so the page needs nothing from the internet.
 */
public final class ApiDocs implements HttpService {
  /** The contract's path. */
  public static final String SPEC_PATH = "/openapi.json";

  /** The rendered page's path. */
  public static final String PAGE_PATH = "/docs";

  private static final String ASSETS = "/docs/swagger-ui/";
  private static final String WEBJAR = "META-INF/resources/webjars/swagger-ui/";

  /** The Swagger UI files the page loads; nothing else of the webjar is served. */
  private static final Map<String, String> ASSET_TYPES =
      Map.of(
          "swagger-ui.css", "text/css; charset=utf-8",
          "swagger-ui-bundle.js", "text/javascript; charset=utf-8",
          "favicon-32x32.png", "image/png",
          "favicon-16x16.png", "image/png");

  private final byte[] spec;
  private final byte[] page;
  private final String webjarDir;
  private final Responses responses;
  private final Map<String, byte[]> assets = new ConcurrentHashMap<>();

  /**
   * Reads the contract and the page.
   *
   * @throws IllegalStateException when a resource is missing from the build
   */
  public ApiDocs(ObjectMapper json, Responses responses) {
    this.responses = responses;
    this.spec = specJson(json);
    this.page = resource("openapi/docs.html");
    this.webjarDir = WEBJAR + webjarVersion() + "/";
  }

  /** The contract as a JSON tree (what {@code GET /openapi.json} serves). */
  public static JsonNode spec() {
    try (InputStream in = resourceStream("openapi/openapi.yaml")) {
      return new ObjectMapper(new YAMLFactory()).readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read openapi/openapi.yaml", e);
    }
  }

  /** Registers {@link #SPEC_PATH}, {@link #PAGE_PATH} and the page's files. */
  @Override
  public void routing(HttpRules rules) {
    rules
        .get(SPEC_PATH, (req, res) -> send(res, "application/json", spec))
        .get(PAGE_PATH, (req, res) -> send(res, "text/html; charset=utf-8", page))
        .get(ASSETS + "{file}", this::asset);
  }

  private void asset(ServerRequest req, ServerResponse res) {
    String file = req.path().pathParameters().get("file");
    String type = ASSET_TYPES.get(file);
    if (type == null) {
      responses.error(
          res, RequestIds.of(res), ApiError.notFound("the docs page has no file " + file));
      return;
    }
    // Read once, on first use: the bundle is 1.6 MB and most nodes never serve the page.
    byte[] body = assets.computeIfAbsent(file, f -> resource(webjarDir + f));
    res.header(HeaderValues.create(HeaderNames.CACHE_CONTROL, "public, max-age=86400"));
    send(res, type, body);
  }

  private static void send(ServerResponse res, String contentType, byte[] body) {
    res.header(HeaderValues.create(HeaderNames.CONTENT_TYPE, contentType)).send(body);
  }

  private static byte[] specJson(ObjectMapper json) {
    try {
      return json.writeValueAsBytes(spec());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot render the OpenAPI document as JSON", e);
    }
  }

  private static String webjarVersion() {
    Properties pom = new Properties();
    try (InputStream in = resourceStream("META-INF/maven/org.webjars/swagger-ui/pom.properties")) {
      pom.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the swagger-ui webjar's version", e);
    }
    return pom.getProperty("version");
  }

  private static byte[] resource(String name) {
    try (InputStream in = resourceStream(name)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + name, e);
    }
  }

  private static InputStream resourceStream(String name) {
    InputStream in = ApiDocs.class.getClassLoader().getResourceAsStream(name);
    if (in == null) {
      throw new IllegalStateException(name + " is missing from the classpath");
    }
    return in;
  }
}
