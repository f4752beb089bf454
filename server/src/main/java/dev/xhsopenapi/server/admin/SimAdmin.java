package dev.xhsopenapi.server.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.xhsopenapi.server.admin.AdminApi.Reply;
import dev.xhsopenapi.server.api.ApiError;
import dev.xhsopenapi.server.api.ErrorCode;
import dev.xhsopenapi.server.http.JsonBodies;
import dev.xhsopenapi.server.ops.logging.Audit;
import dev.xhsopenapi.upstream.InvalidParamException;
import dev.xhsopenapi.upstream.Operation;
import dev.xhsopenapi.upstream.SimulatedCreators;
import io.helidon.webserver.http.ServerRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@code POST /admin/v1/sim/users/{user_id}/notes} (DESIGN §5): on a gateway whose chain runs the
 * simulator in process (the demo), makes a simulated creator post a note, for trying creator
 * watches end to end. Body {@code {"title"?}}; answers 201 {@code {"note":{…App note…}}}. The
 * answer cache forgets the creator's pages, so the next call (or poll) sees the note.
 */
final class SimAdmin {
  private final Optional<SimulatedCreators> creators;
  private final Consumer<String> creatorPosted;
  private final ObjectMapper json = new ObjectMapper();

  /**
   * @param creators the in-process simulator's creators, when the chain has one
   * @param creatorPosted told the user id of each creator who posted
   */
  SimAdmin(Optional<SimulatedCreators> creators, Consumer<String> creatorPosted) {
    this.creators = creators;
    this.creatorPosted = creatorPosted;
  }

  /** The body of a post: an optional title. */
  record Post(String title) {}

  Reply post(ServerRequest req, String requestId) {
    SimulatedCreators sim =
        creators.orElseThrow(
            () ->
                ApiError.notFound(
                    "this gateway's upstream chain runs no simulator in process; only a chain"
                        + " with the sim source (as under --demo) has simulated creators"));
    String given = req.path().pathParameters().get("user_id");
    String userId;
    try {
      userId = Operation.USER_NOTES.param("user_id").read(given);
    } catch (InvalidParamException e) {
      throw ApiError.invalidParam(e.getMessage());
    }
    Post body = JsonBodies.read(req, Post.class);
    String title = JsonBodies.optionalText(body.title(), "title", 200);
    String note =
        sim.post(userId, title)
            .orElseThrow(
                () ->
                    new ApiError(ErrorCode.USER_NOT_FOUND, "the simulator has no user " + userId));
    creatorPosted.accept(userId);
    Audit.of("sim.post").log("simulated creator {} posted a note", userId);
    Map<String, Object> out = new LinkedHashMap<>();
    try {
      out.put("note", json.readTree(note));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the simulator answered a note that is not JSON", e);
    }
    return new Reply(201, out);
  }
}
