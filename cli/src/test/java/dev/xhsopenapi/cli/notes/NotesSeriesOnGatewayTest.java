package dev.xhsopenapi.cli.notes;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.xhsopenapi.cli.testing.Cli;
import dev.xhsopenapi.server.testing.GatewayExtension;
import dev.xhsopenapi.upstream.sim.SimDataset;
import dev.xhsopenapi.upstream.sim.SimNote;
import dev.xhsopenapi.upstream.sim.SimUser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * On a gateway over the simulator, the web series exports the same notes as the App series in a
 * third of the calls, and {@code --details} adds each note's {@code desc} from its detail.
 */
class NotesSeriesOnGatewayTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SimUser CREATOR =
      SimDataset.generate(1).users().stream()
          .filter(u -> u.notes().stream().map(SimNote::id).distinct().count() == 200)
          .findFirst()
          .orElseThrow();

  @TempDir Path dir;

  @RegisterExtension
  final GatewayExtension gw =
      GatewayExtension.builder().credits(10_000).ratePerMinute(100_000).build();

  private Cli.Result notes(Path out, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "notes",
                CREATOR.userId(),
                "--base-url",
                gw.baseUrl(),
                "--key",
                gw.key(),
                "--out",
                out.toString(),
                "--format",
                "jsonl"));
    args.addAll(List.of(more));
    return Cli.run(args.toArray(String[]::new));
  }

  private static Set<String> ids(Path out, String... idFields) throws Exception {
    Set<String> ids = new LinkedHashSet<>();
    for (String line : Files.readAllLines(out, UTF_8)) {
      JsonNode note = JSON.readTree(line);
      for (String field : idFields) {
        if (note.has(field)) {
          ids.add(note.get(field).asText());
          break;
        }
      }
    }
    return ids;
  }

  @Test
  void theWebSeries_exportsTheSameNotes_in7CallsInsteadOf20() throws Exception {
    long start = gw.balance();
    Path app = dir.resolve("app.jsonl");
    Cli.Result byApp = notes(app);
    assertThat(byApp.exit()).as(byApp.toString()).isZero();
    long appCalls = start - gw.balance();

    Path web = dir.resolve("web.jsonl");
    Cli.Result byWeb = notes(web, "--series", "web");
    assertThat(byWeb.exit()).as(byWeb.toString()).isZero();
    long webCalls = start - appCalls - gw.balance();

    assertThat(ids(web, "noteId", "note_id", "id"))
        .hasSize(200)
        .containsExactlyInAnyOrderElementsOf(ids(app, "id"));
    assertThat(appCalls).isEqualTo(20);
    assertThat(webCalls).isEqualTo(7);
  }

  @Test
  void details_addEachNotesDesc_atOneCallPerNote() throws Exception {
    long start = gw.balance();
    Path out = dir.resolve("details.jsonl");
    Cli.Result r = notes(out, "--details", "--max-pages", "1");
    assertThat(r.exit()).as(r.toString()).isZero();
    List<String> lines = Files.readAllLines(out, UTF_8);
    assertThat(lines).isNotEmpty();
    for (String line : lines) {
      JsonNode detail = JSON.readTree(line).path("detail");
      assertThat(detail.path("desc").asText()).as(line).isNotEmpty();
    }
    assertThat(start - gw.balance()).isEqualTo(1 + lines.size());
  }
}
