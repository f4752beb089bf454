package dev.xhsopenapi.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xhsopenapi.sdk.Endpoint;
import dev.xhsopenapi.server.docs.ApiDocs;
import dev.xhsopenapi.upstream.Operation;
import dev.xhsopenapi.upstream.Param;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The three places that name the catalogue cannot drift apart: the gateway's operation table
 * ({@link Operation#all()}, which the public API serves), the OpenAPI document it publishes at
 * {@code /openapi.json}, and the SDK's {@link Endpoint} table (which depends on nothing of ours and
 * so keeps its own copy). Each is read into op id → path, required and optional parameters, and the
 * three must be equal.
 */
class CatalogueDriftTest {

  /** One endpoint as a table states it. */
  private record Entry(String path, List<String> required, List<String> optional) {}

  @Test
  void theOperationTable_theOpenApiDocument_andTheSdk_nameTheSameEndpoints() {
    Map<String, Entry> server = new TreeMap<>();
    for (Operation op : Operation.all()) {
      server.put(
          op.id(),
          new Entry(
              op.path(),
              op.params().stream().filter(Param::required).map(Param::name).toList(),
              op.params().stream().filter(p -> !p.required()).map(Param::name).toList()));
    }

    Map<String, Entry> sdk = new TreeMap<>();
    for (Endpoint e : Endpoint.values()) {
      List<String> optional = new ArrayList<>(e.params());
      optional.removeAll(e.required());
      sdk.put(e.opId(), new Entry(e.path(), e.required(), optional));
    }

    Map<String, Entry> docs = new TreeMap<>();
    ApiDocs.spec()
        .path("paths")
        .properties()
        .forEach(
            path -> {
              JsonNode get = path.getValue().path("get");
              if (!get.has("x-spiderhubs-op-id")) {
                return;
              }
              List<String> required = new ArrayList<>();
              List<String> optional = new ArrayList<>();
              for (JsonNode p : get.path("parameters")) {
                if (p.path("in").asText().equals("query")) {
                  (p.path("required").asBoolean(false) ? required : optional)
                      .add(p.path("name").asText());
                }
              }
              docs.put(
                  get.get("x-spiderhubs-op-id").asText(),
                  new Entry(path.getKey(), required, optional));
            });

    assertThat(server).hasSize(7);
    assertThat(sdk).as("the SDK's Endpoint table").isEqualTo(server);
    assertThat(docs).as("the OpenAPI document").isEqualTo(server);
  }
}
