package dev.xhsopenapi.server.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xhsopenapi.server.auth.Caller;
import dev.xhsopenapi.server.auth.KeyRules;
import dev.xhsopenapi.server.http.JsonBodies;
import dev.xhsopenapi.server.watch.Watch;
import dev.xhsopenapi.server.watch.WatchEvent;
import dev.xhsopenapi.server.watch.Watches;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Creator watches over the public API (DESIGN §12), with the customer's own key: create, list,
 * show, delete, poll now, roll the signing secret, and the events. These calls cost no credits (the
 * polls do, when they run) but count against the account's rate limit like {@code
 * /openapi/v1/account}; each is a request log row.
 */
public final class WatchesApi implements HttpService {
  /** The collection's path. */
  public static final String PATH = "/openapi/v1/watches";

  private static final String ONE = PATH + "/{watch_id}";
  private static final String POLL = ONE + "/poll";
  private static final String EVENTS = ONE + "/events";
  private static final String ROLL_SECRET = ONE + "/roll_secret";

  private final ApiRequests requests;
  private final Watches watches;
  private final Responses responses;
  private final ObjectMapper json;
  private final Runnable polled;

  /**
   * Creates the API.
   *
   * @param polled called after a "poll now", so that this node looks for due work at once
   */
  public WatchesApi(
      ApiRequests requests,
      Watches watches,
      Responses responses,
      ObjectMapper json,
      Runnable polled) {
    this.requests = requests;
    this.watches = watches;
    this.responses = responses;
    this.json = json;
    this.polled = polled;
  }

  @Override
  public void routing(HttpRules rules) {
    rules
        .post(PATH, (req, res) -> run(req, res, PATH, (c, x) -> create(req, res, c, x)))
        .get(PATH, (req, res) -> run(req, res, PATH, (c, x) -> list(res, c, x)))
        .get(ONE, (req, res) -> run(req, res, ONE, (c, x) -> show(req, res, c, x)))
        .delete(ONE, (req, res) -> run(req, res, ONE, (c, x) -> delete(req, res, c, x)))
        .post(POLL, (req, res) -> run(req, res, POLL, (c, x) -> poll(req, res, c, x)))
        .get(EVENTS, (req, res) -> run(req, res, EVENTS, (c, x) -> events(req, res, c, x)))
        .post(
            ROLL_SECRET,
            (req, res) -> run(req, res, ROLL_SECRET, (c, x) -> rollSecret(req, res, c, x)));
  }

  @FunctionalInterface
  private interface Call {
    void run(Caller caller, Exchange x) throws Exception;
  }

  private void run(ServerRequest req, ServerResponse res, String path, Call call) {
    requests.serve(
        req,
        res,
        path,
        x -> {
          Caller caller = requests.authenticate(req, x);
          ApiRequests.requireScope(caller, KeyRules.WATCHES);
          requests.admit(caller, x);
          call.run(caller, x);
        });
  }

  private void create(ServerRequest req, ServerResponse res, Caller caller, Exchange x) {
    Watches.NewWatch body = JsonBodies.read(req, Watches.NewWatch.class);
    Watches.Created created = watches.create(caller.accountId(), body);
    Map<String, Object> data = Watches.json(created.watch());
    data.put("secret", created.secret());
    polled.run();
    send(res, x, Status.CREATED_201.code(), data);
  }

  private void list(ServerResponse res, Caller caller, Exchange x) {
    List<Map<String, Object>> all = new ArrayList<>();
    for (Watch watch : watches.list(caller.accountId())) {
      all.add(Watches.json(watch));
    }
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("watches", all);
    send(res, x, 200, data);
  }

  private void show(ServerRequest req, ServerResponse res, Caller caller, Exchange x) {
    send(res, x, 200, Watches.json(watches.get(caller.accountId(), watchId(req))));
  }

  private void delete(ServerRequest req, ServerResponse res, Caller caller, Exchange x) {
    watches.delete(caller.accountId(), watchId(req));
    x.ended(204, null);
    x.writeRateHeaders(res);
    res.status(Status.NO_CONTENT_204).send();
  }

  private void poll(ServerRequest req, ServerResponse res, Caller caller, Exchange x) {
    Watch watch = watches.pollNow(caller.accountId(), watchId(req));
    polled.run();
    send(res, x, Status.ACCEPTED_202.code(), Watches.json(watch));
  }

  private void rollSecret(ServerRequest req, ServerResponse res, Caller caller, Exchange x) {
    Watches.RollSecret body = JsonBodies.read(req, Watches.RollSecret.class);
    Watches.Rolled rolled = watches.rollSecret(caller.accountId(), watchId(req), body);
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("watch_id", rolled.watchId());
    data.put("secret", rolled.secret());
    data.put(
        "old_secret_expires_at",
        rolled.oldSecretExpiresAtMs() == null
            ? null
            : Instant.ofEpochMilli(rolled.oldSecretExpiresAtMs()).toString());
    send(res, x, 200, data);
  }

  private void events(ServerRequest req, ServerResponse res, Caller caller, Exchange x)
      throws JsonProcessingException {
    Watches.EventsPage page =
        watches.events(
            caller.accountId(),
            watchId(req),
            Params.single(req.query(), "after"),
            Params.single(req.query(), "limit"));
    List<ObjectNode> events = new ArrayList<>();
    for (WatchEvent event : page.events()) {
      ObjectNode node = (ObjectNode) json.readTree(event.body());
      ObjectNode delivery = node.putObject("delivery");
      delivery.put("status", event.delivery().wire());
      delivery.put("attempts", event.attempts());
      events.add(node);
    }
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("events", events);
    data.put("next", page.next());
    send(res, x, 200, data);
  }

  private void send(ServerResponse res, Exchange x, int status, Object data) {
    x.ended(status, null);
    x.writeRateHeaders(res);
    responses.envelope(res, status, x.requestId(), data);
  }

  private static String watchId(ServerRequest req) {
    return req.path().pathParameters().get("watch_id");
  }
}
