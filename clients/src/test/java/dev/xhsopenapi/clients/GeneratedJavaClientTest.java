package dev.xhsopenapi.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.xhsopenapi.client.generated.ApiClient;
import dev.xhsopenapi.client.generated.ApiException;
import dev.xhsopenapi.client.generated.api.AccountApi;
import dev.xhsopenapi.client.generated.api.AdminApi;
import dev.xhsopenapi.client.generated.api.NotesApi;
import dev.xhsopenapi.client.generated.model.InvalidAdminTokenError;
import dev.xhsopenapi.client.generated.model.InvalidApiKeyError;
import dev.xhsopenapi.client.generated.model.InvalidParamError;
import dev.xhsopenapi.client.generated.model.Note;
import dev.xhsopenapi.client.generated.model.NotesEnvelope;
import dev.xhsopenapi.client.generated.model.NotesPage;
import dev.xhsopenapi.client.generated.model.UserNotFoundError;
import dev.xhsopenapi.server.testing.GatewayExtension;
import dev.xhsopenapi.upstream.SampleUser;
import dev.xhsopenapi.upstream.sim.SimDataset;
import dev.xhsopenapi.upstream.sim.SimUser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Java client that openapi-generator makes from {@code /openapi.json} (library {@code native})
 * works against a real gateway: it walks a user to the end, reads every note, and turns each error
 * into an {@link ApiException} whose body is the documented error envelope.
 */
class GeneratedJavaClientTest {
  @RegisterExtension
  static final GatewayExtension gw = GatewayExtension.builder().withoutAccount().build();

  @Test
  void walk_readsEveryNoteOfTheUser_andPaysOneCreditAPage() throws Exception {
    SampleUser user = gw.sampleUser();
    JavaClients.Customer customer = JavaClients.newCustomer(gw, "java-walk", 1000);
    ApiClient client = JavaClients.client(gw, customer.key());

    Walk walk = Walk.of(new NotesApi(client), user.userId());

    assertThat(walk.ids()).hasSize(user.notes());
    assertThat(new HashSet<>(walk.ids())).hasSize(user.notes());
    assertThat(walk.pages()).isGreaterThan(1);
    // Pinned notes come first on page 1, and only there.
    assertThat(walk.sticky().subList(0, walk.pinnedOnFirstPage())).containsOnly(true);
    assertThat(walk.sticky().subList(walk.pinnedOnFirstPage(), walk.sticky().size()))
        .containsOnly(false);
    long balance = new AccountApi(client).getAccount().getData().getBalance();
    assertThat(balance).isEqualTo(1000L - walk.pages());
  }

  @Test
  void walk_ofAUserWithoutNotes_isOneEmptyPage() throws Exception {
    SimUser empty =
        SimDataset.generate(1).users().stream()
            .filter(u -> u.notes().isEmpty())
            .findFirst()
            .orElseThrow();
    JavaClients.Customer customer = JavaClients.newCustomer(gw, "java-empty", 10);

    Walk walk = Walk.of(new NotesApi(JavaClients.client(gw, customer.key())), empty.userId());

    assertThat(walk.ids()).isEmpty();
    assertThat(walk.pages()).isEqualTo(1);
  }

  @Test
  void unknownKey_isAnApiException_withTheInvalidApiKeyEnvelope() throws IOException {
    NotesApi notes = new NotesApi(JavaClients.client(gw, "sk_live_" + "x".repeat(32)));

    ApiException e = apiError(() -> notes.getUserNotes(gw.sampleUser().userId(), ""));

    assertThat(e.getCode()).isEqualTo(401);
    InvalidApiKeyError body = json().readValue(e.getResponseBody(), InvalidApiKeyError.class);
    assertThat(body.getCode().getValue()).isEqualTo(401);
    assertThat(body.getError().getValue()).isEqualTo("invalid_api_key");
    assertThat(body.getMessage()).isNotBlank();
    assertThat(body.getData()).isNull();
    assertThat(body.getRequestId().toString())
        .isEqualTo(e.getResponseHeaders().firstValue("X-Request-Id").orElseThrow());
  }

  @Test
  void malformedUserId_isAnApiException_withTheInvalidParamEnvelope_andCostsNothing()
      throws Exception {
    JavaClients.Customer customer = JavaClients.newCustomer(gw, "java-bad-param", 5);
    ApiClient client = JavaClients.client(gw, customer.key());

    ApiException e = apiError(() -> new NotesApi(client).getUserNotes("abc", null));

    assertThat(e.getCode()).isEqualTo(400);
    InvalidParamError body = json().readValue(e.getResponseBody(), InvalidParamError.class);
    assertThat(body.getError().getValue()).isEqualTo("invalid_param");
    assertThat(body.getMessage()).contains("user_id");
    assertThat(new AccountApi(client).getAccount().getData().getBalance()).isEqualTo(5L);
  }

  @Test
  void unknownUser_isAnApiException_withTheUserNotFoundEnvelope() throws Exception {
    JavaClients.Customer customer = JavaClients.newCustomer(gw, "java-missing-user", 5);

    ApiException e =
        apiError(
            () ->
                new NotesApi(JavaClients.client(gw, customer.key()))
                    .getUserNotes("0".repeat(24), ""));

    assertThat(e.getCode()).isEqualTo(404);
    UserNotFoundError body = json().readValue(e.getResponseBody(), UserNotFoundError.class);
    assertThat(body.getError().getValue()).isEqualTo("user_not_found");
  }

  @Test
  void wrongAdminToken_isAnApiException_withTheInvalidAdminTokenEnvelope() throws IOException {
    AdminApi admin = new AdminApi(JavaClients.client(gw, "not-the-admin-token"));

    ApiException e = apiError(() -> admin.showAccount("acc_nope"));

    assertThat(e.getCode()).isEqualTo(401);
    InvalidAdminTokenError body =
        json().readValue(e.getResponseBody(), InvalidAdminTokenError.class);
    assertThat(body.getError().getValue()).isEqualTo("invalid_admin_token");
  }

  /** What the call threw; fails the test when it threw nothing or something else. */
  private static ApiException apiError(ThrowingCallable call) {
    Throwable thrown = catchThrowable(call);
    assertThat(thrown).isInstanceOf(ApiException.class);
    return (ApiException) thrown;
  }

  private static ObjectMapper json() {
    return ApiClient.createDefaultObjectMapper();
  }

  /**
   * A walk through the generated client: cursor after cursor until {@code has_more} is false,
   * reading the notes under {@code notes} or {@code note_list}; a repeated cursor fails the test.
   *
   * @param ids the note ids in the order received
   * @param sticky whether each note was pinned
   * @param pinnedOnFirstPage how many notes of page 1 were pinned
   * @param pages the pages answered 200
   */
  private record Walk(List<String> ids, List<Boolean> sticky, int pinnedOnFirstPage, int pages) {
    static Walk of(NotesApi notes, String userId) throws ApiException {
      List<String> ids = new ArrayList<>();
      List<Boolean> sticky = new ArrayList<>();
      Set<String> cursors = new HashSet<>();
      int pinnedOnFirstPage = 0;
      String cursor = "";
      for (int pages = 1; ; pages++) {
        NotesEnvelope envelope = notes.getUserNotes(userId, cursor);
        NotesPage page = envelope.getData().getData();
        List<Note> items = page.getNotes() != null ? page.getNotes() : page.getNoteList();
        assertThat(items).as("page %d has notes under notes or note_list", pages).isNotNull();
        for (Note note : items) {
          ids.add(note.getId());
          sticky.add(note.getSticky());
          assertThat(note.getLikedCount().getActualInstance()).isNotNull();
          if (pages == 1 && note.getSticky()) {
            pinnedOnFirstPage++;
          }
        }
        if (!page.getHasMore()) {
          return new Walk(ids, sticky, pinnedOnFirstPage, pages);
        }
        cursor = page.getCursor();
        assertThat(cursors.add(cursor)).as("cursor %s repeated", cursor).isTrue();
      }
    }
  }
}
