package dev.xhsopenapi.clients;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.xhsopenapi.server.testing.GatewayExtension;
import dev.xhsopenapi.upstream.SampleUser;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Python client that openapi-generator makes from {@code /openapi.json} (pydantic 2 models,
 * urllib3) works against a real gateway: {@code walk_notes.py} walks a user to the end with it and
 * reads an unknown key's 401 as the client's {@code ApiException} carrying the error envelope.
 */
class GeneratedPythonClientTest {
  @RegisterExtension
  final GatewayExtension gw = GatewayExtension.builder().withoutAccount().build();

  @Test
  void walk_readsEveryNoteOfTheUser_andA401IsTheErrorEnvelope() throws Exception {
    Python python = Python.find();
    Path client = GeneratedClients.dir("python");
    SampleUser user = gw.sampleUser();
    JavaClients.Customer customer = JavaClients.newCustomer(gw, "python-walk", 1000);

    Python.Result run =
        python.run(
            List.of(script().toString(), gw.baseUrl(), customer.key(), user.userId()),
            Map.of("PYTHONPATH", client.toAbsolutePath().toString()));

    assertThat(run.exitCode()).as("walk_notes.py failed:\n%s", run.stderr()).isZero();
    JsonNode out = new ObjectMapper().readTree(run.stdout());
    assertThat(out.get("notes").asInt()).isEqualTo(user.notes());
    assertThat(out.get("unique").asInt()).isEqualTo(user.notes());
    assertThat(out.get("pages").asInt()).isGreaterThan(1);
    JsonNode unauthorized = out.get("unauthorized");
    assertThat(unauthorized.get("status").asInt()).isEqualTo(401);
    assertThat(unauthorized.get("code").asInt()).isEqualTo(401);
    assertThat(unauthorized.get("error").asText()).isEqualTo("invalid_api_key");
    assertThat(unauthorized.get("message").asText()).isNotBlank();
    assertThat(unauthorized.get("request_id").asText())
        .isEqualTo(unauthorized.get("header_request_id").asText());
    assertThat(unauthorized.get("data_is_none").asBoolean()).isTrue();
  }

  private static Path script() throws URISyntaxException {
    return Path.of(GeneratedPythonClientTest.class.getResource("/walk_notes.py").toURI());
  }
}
