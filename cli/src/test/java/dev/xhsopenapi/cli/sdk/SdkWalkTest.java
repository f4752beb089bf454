package dev.xhsopenapi.cli.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xhsopenapi.cli.testing.Dataset;
import dev.xhsopenapi.sdk.Account;
import dev.xhsopenapi.sdk.Note;
import dev.xhsopenapi.sdk.NotesPage;
import dev.xhsopenapi.sdk.XhsOpenApiClient;
import dev.xhsopenapi.server.testing.GatewayExtension;
import dev.xhsopenapi.upstream.sim.SimDataset;
import dev.xhsopenapi.upstream.sim.SimUser;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The SDK against a real gateway over the simulator: walks return exactly the dataset. */
class SdkWalkTest {
  private static final SimDataset DATASET = SimDataset.generate(1);

  @RegisterExtension
  final GatewayExtension gw =
      GatewayExtension.builder()
          .accountName("walker")
          .credits(10_000)
          .ratePerMinute(100_000)
          .build();

  private String account;
  private XhsOpenApiClient client;

  @BeforeEach
  void start() {
    account = gw.accountId();
    client = XhsOpenApiClient.builder().baseUrl(gw.baseUrl()).apiKey(gw.key()).build();
  }

  @AfterEach
  void stop() {
    client.close();
  }

  @Test
  void notes_ofSeveralSimulatorUsers_equalTheDatasetExactly_atOneCreditPerPage() {
    // 57 notes (2 pinned), 0, 20 (1 pinned), 1, 200 (3 pinned) and 1000 notes.
    for (int index : List.of(0, 1, 2, 3, 7, 9)) {
      SimUser user = DATASET.users().get(index);
      long before = gw.balance(account);

      List<String> walked = client.notes(user.userId()).map(n -> Dataset.write(n.raw())).toList();

      assertThat(walked)
          .as("notes of %s", user.userId())
          .containsExactlyElementsOf(Dataset.noteLines(DATASET, user.userId()));
      assertThat(before - gw.balance(account)).isEqualTo(Dataset.pageCount(DATASET, user.userId()));
    }
  }

  @Test
  void typedNotes_agreeWithTheirRawJson() {
    SimUser user = DATASET.users().get(7);

    for (Note note : client.notes(user.userId()).toList()) {
      JsonNode raw = note.raw();
      assertThat(note.id()).isEqualTo(raw.get("id").asText());
      assertThat(note.pinned()).isEqualTo(raw.get("sticky").asBoolean());
      assertThat(note.likedCount()).hasValue(raw.get("liked_count").asLong());
      assertThat(note.type()).isIn("normal", "video");
      assertThat(note.authorId()).contains(user.userId());
      assertThat(note.authorNickname()).contains(user.nickname());
      assertThat(note.coverUrl()).isPresent();
      assertThat(note.createdAt())
          .contains(Instant.ofEpochSecond(HexFormat.fromHexDigits(note.id().substring(0, 8))));
      String display = raw.get("display_title").asText();
      assertThat(note.title()).isEqualTo(display);
    }
  }

  @Test
  void page_carriesTheEvidenceOfTheCall_andTheUpstreamBodyUntouched() {
    SimUser user = DATASET.users().get(0);

    NotesPage first = client.page(user.userId(), "");
    NotesPage again = client.page(user.userId(), null);

    assertThat(first.requestId()).matches("[0-9a-f-]{36}").isNotEqualTo(again.requestId());
    assertThat(first.cache()).contains("MISS");
    assertThat(again.cache()).contains("HIT");
    assertThat(first.rateLimit()).hasValueSatisfying(r -> assertThat(r.limit()).isEqualTo(100_000));
    assertThat(again.rateLimit().orElseThrow().remaining())
        .isEqualTo(first.rateLimit().orElseThrow().remaining() - 1);
    assertThat(Dataset.write(first.data()))
        .isEqualTo(Dataset.write(Dataset.read(DATASET.page(user.userId(), "", 10).bodyText())));
    assertThat(first.hasMore()).isTrue();
    assertThat(first.last()).isFalse();
    assertThat(first.cursor()).isEqualTo(first.notes().getLast().id());
    assertThat(first.notes()).hasSize(10).first().matches(Note::pinned);
  }

  @Test
  void account_reportsBalanceLimitAndTodaysCalls() {
    client.page(DATASET.users().get(0).userId(), "");

    Account a = client.account();

    assertThat(a.accountId()).isEqualTo(account);
    assertThat(a.name()).isEqualTo("walker");
    assertThat(a.balance()).isEqualTo(9_999);
    assertThat(a.rateLimitPerMinute()).isEqualTo(100_000);
    assertThat(a.callsToday()).isEqualTo(2);
    assertThat(a.chargedToday()).isEqualTo(1);
    assertThat(a.requestId()).isNotBlank();
  }
}
