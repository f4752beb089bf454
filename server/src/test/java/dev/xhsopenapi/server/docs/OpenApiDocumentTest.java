package dev.xhsopenapi.server.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.xhsopenapi.server.api.ErrorCode;
import dev.xhsopenapi.server.testing.TestGateway;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /openapi.json} is the contract as written, it is a valid OpenAPI 3.1 document by the
 * OpenAPI Initiative's own JSON Schema, and every operation it documents is served.
 */
class OpenApiDocumentTest {
  private static final String OAS_SCHEMA = "https://spec.openapis.org/oas/3.1/schema/2021-04-15";
  private static final String OAS_DIALECT = "https://spec.openapis.org/oas/3.1/dialect/base";
  private static final String OAS_META = "https://spec.openapis.org/oas/3.1/meta/base";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;
  private static TestGateway gw;
  private static JsonNode served;

  @BeforeAll
  static void start() throws IOException {
    gw = TestGateway.start(dir, Clock.systemUTC(), Map.of());
    TestGateway.Reply r = gw.get(ApiDocs.SPEC_PATH, null);
    assertThat(r.status()).isEqualTo(200);
    served = JSON.readTree(r.body());
  }

  @AfterAll
  static void stop() {
    gw.close();
  }

  @Test
  void served_isTheHandWrittenContract() {
    assertThat(served).isEqualTo(ApiDocs.spec());
    assertThat(served.get("openapi").asText()).startsWith("3.1.");
  }

  @Test
  void served_validatesAgainstTheOpenApi31Schema() {
    SchemaRegistry registry =
        SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12,
            b ->
                b.schemas(
                    Map.of(
                        OAS_SCHEMA, resource("oas/3.1/schema.json"),
                        OAS_DIALECT, resource("oas/3.1/dialect/base.schema.json"),
                        OAS_META, resource("oas/3.1/meta/base.schema.json"))));
    List<Error> errors =
        registry
            .getSchema(SchemaLocation.of(OAS_SCHEMA))
            .validate(served.toString(), InputFormat.JSON);
    assertThat(errors).isEmpty();

    Schema dialect = registry.getSchema(SchemaLocation.of(OAS_DIALECT));
    List<String> badSchemas = new ArrayList<>();
    served
        .get("components")
        .get("schemas")
        .properties()
        .forEach(
            e ->
                dialect
                    .validate(e.getValue().toString(), InputFormat.JSON)
                    .forEach(err -> badSchemas.add(e.getKey() + ": " + err)));
    assertThat(badSchemas).isEmpty();
  }

  @Test
  void errorBody_listsEveryErrorCodeOfTheServer() {
    List<String> documented = new ArrayList<>();
    served
        .at("/components/schemas/Error/properties/error/enum")
        .forEach(v -> documented.add(v.asText()));
    assertThat(documented)
        .containsExactlyInAnyOrderElementsOf(
            Arrays.stream(ErrorCode.values()).map(ErrorCode::wire).toList());
  }

  @Test
  void everyDocumentedOperation_isServed() {
    List<String> missing = new ArrayList<>();
    served
        .get("paths")
        .properties()
        .forEach(
            path ->
                path.getValue()
                    .properties()
                    .forEach(
                        op -> {
                          if (op.getKey().equals("parameters")) {
                            return;
                          }
                          String method = op.getKey().toUpperCase(java.util.Locale.ROOT);
                          String concrete =
                              path.getKey()
                                  .replaceAll("\\{file}", "swagger-ui.css")
                                  .replaceAll("\\{[^}]+}", "x");
                          // Without credentials: a served route answers 401 or its own answer,
                          // never the fallback's 404 or 405. The contract checks each answer.
                          int status =
                              method.equals("GET") || method.equals("DELETE")
                                  ? sendEmpty(method, concrete)
                                  : gw.admin(method, concrete, "{}", null).status();
                          if (status == 404 || status == 405) {
                            missing.add(method + " " + path.getKey() + " -> " + status);
                          }
                        }));
    assertThat(missing).isEmpty();
  }

  /**
   * What client generators cannot model (openapi-generator 7: {@code type: 'null'} becomes a {@code
   * Null} model that is never written, and an {@code anyOf} of bare {@code required} lists becomes
   * an {@code AnyOf} type that does not compile) is not in the document; the clients module
   * generates and runs the clients themselves.
   */
  @Test
  void served_hasNoSchemaThatClientGeneratorsCannotModel() {
    List<String> found = new ArrayList<>();
    findUngeneratable(served, "", found);
    assertThat(found).isEmpty();
  }

  @Test
  void note_namesItsKnownFields_andAllowsOthers() {
    JsonNode note = served.at("/components/schemas/Note");
    List<String> named = new ArrayList<>();
    note.get("properties").fieldNames().forEachRemaining(named::add);
    assertThat(named)
        .contains(
            "id",
            "note_id",
            "type",
            "display_title",
            "title",
            "desc",
            "sticky",
            "liked_count",
            "collected_count",
            "comments_count",
            "user",
            "images_list",
            "cover",
            "video_info",
            "video_info_v2");
    assertThat(note.get("additionalProperties").asBoolean()).isTrue();
    assertThat(note.get("required"))
        .extracting(JsonNode::asText)
        .as("only what every source sends: a generated client must not refuse a vendor's note")
        .containsExactlyInAnyOrder("id", "type");
  }

  @Test
  void page_offersNotesUnderNotesOrNoteList_withTheSameItems() {
    JsonNode page = served.at("/components/schemas/NotesPage");
    for (String array : List.of("notes", "note_list")) {
      JsonNode property = page.at("/properties/" + array);
      assertThat(property.path("type").asText()).as(array).isEqualTo("array");
      assertThat(property.at("/items/$ref").asText())
          .as(array)
          .isEqualTo("#/components/schemas/Note");
    }
    assertThat(page.path("required"))
        .as("neither array is required: a page has one or the other")
        .extracting(JsonNode::asText)
        .doesNotContain("notes", "note_list");
    assertThat(served.at("/components/schemas/AppNotesBody/properties/data/$ref").asText())
        .isEqualTo("#/components/schemas/NotesPage");
  }

  private static void findUngeneratable(JsonNode node, String at, List<String> found) {
    if (node.isObject()) {
      if (node.path("type").isTextual() && node.get("type").asText().equals("null")) {
        found.add(at + ": type 'null' (describe the value with const: null instead)");
      }
      for (String composition : List.of("anyOf", "allOf", "oneOf")) {
        JsonNode parts = node.get(composition);
        if (parts != null && parts.isArray() && !parts.isEmpty() && onlyRequiredLists(parts)) {
          found.add(at + ": " + composition + " of nothing but required lists");
        }
      }
      node.properties().forEach(e -> findUngeneratable(e.getValue(), at + "/" + e.getKey(), found));
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        findUngeneratable(node.get(i), at + "/" + i, found);
      }
    }
  }

  private static boolean onlyRequiredLists(JsonNode parts) {
    for (JsonNode part : parts) {
      List<String> keys = new ArrayList<>();
      part.fieldNames().forEachRemaining(keys::add);
      boolean bare =
          keys.equals(List.of("required"))
              || (keys.size() == 1
                  && List.of("anyOf", "allOf", "oneOf").contains(keys.get(0))
                  && onlyRequiredLists(part.get(keys.get(0))));
      if (!bare) {
        return false;
      }
    }
    return true;
  }

  private static int sendEmpty(String method, String path) {
    return method.equals("GET")
        ? gw.get(path + (path.contains("get_user_notes") ? "?user_id=x" : ""), null).status()
        : gw.admin(method, path, null, null).status();
  }

  private static String resource(String name) {
    try (InputStream in = OpenApiDocumentTest.class.getClassLoader().getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
