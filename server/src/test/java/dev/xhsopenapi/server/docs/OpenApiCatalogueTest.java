package dev.xhsopenapi.server.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xhsopenapi.upstream.Operation;
import dev.xhsopenapi.upstream.Param;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document and the catalogue of operations ({@link Operation#all()}) say the same
 * things: the same endpoints under the SpiderHubs prefix, each with its SpiderHubs operation id
 * ({@code x-spiderhubs-op-id}) and the same query parameters in the same order, required alike, and
 * every documented example accepted by the operation's own checks.
 */
class OpenApiCatalogueTest {
  private static final JsonNode PATHS = ApiDocs.spec().path("paths");

  @Test
  void everyOperation_isDocumented_atItsPath_withItsOpId() {
    for (Operation op : Operation.all()) {
      JsonNode get = PATHS.path(op.path()).path("get");
      assertThat(get.isObject()).as("GET %s is documented", op.path()).isTrue();
      assertThat(get.path("x-spiderhubs-op-id").asText()).as(op.path()).isEqualTo(op.id());
    }
  }

  @Test
  void everyDocumentedCatalogueEndpoint_isAnOperation() {
    List<String> documented = new ArrayList<>();
    PATHS
        .fieldNames()
        .forEachRemaining(
            path -> {
              if (path.startsWith(Operation.PATH_PREFIX)) {
                documented.add(path);
              }
            });
    assertThat(documented)
        .containsExactlyInAnyOrderElementsOf(
            Operation.all().stream().map(Operation::path).toList());
  }

  @Test
  void theParameters_areTheOperations_inOrder_requiredAlike_withExamplesItAccepts() {
    for (Operation op : Operation.all()) {
      List<String> names = new ArrayList<>();
      Map<String, String> examples = new HashMap<>();
      for (JsonNode p : PATHS.path(op.path()).path("get").path("parameters")) {
        if (!p.path("in").asText().equals("query")) {
          continue;
        }
        String name = p.path("name").asText();
        names.add(name);
        Param param =
            op.params().stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
        assertThat(p.path("required").asBoolean(false))
            .as("%s %s required", op.id(), name)
            .isEqualTo(param.required());
        examples.put(name, p.path("example").asText(""));
      }
      assertThat(names)
          .as("the query parameters of %s", op.id())
          .containsExactlyElementsOf(op.params().stream().map(Param::name).toList());
      // Throws InvalidParamException, failing the test, when an example breaks the rules.
      assertThat(op.request(examples).operation()).isSameAs(op);
      Map<String, String> own = new HashMap<>();
      op.params().forEach(param -> own.put(param.name(), param.example()));
      assertThat(op.request(own).operation()).isSameAs(op);
    }
  }
}
