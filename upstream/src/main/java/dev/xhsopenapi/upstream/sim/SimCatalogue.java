package dev.xhsopenapi.upstream.sim;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.xhsopenapi.upstream.Operation;
import dev.xhsopenapi.upstream.UpstreamRequest;
import dev.xhsopenapi.upstream.sim.SimShapes.WebKeyStyle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The App-side answer of every operation of the catalogue ({@link Operation#all()}), drawn from the
 * dataset when no fault gets in the way: the bodies of DESIGN §2a in the shapes of SOURCES-FACTS
 * §A.5, §B.3, §C.5 and §D, with {@link SimShapes} deciding where those facts are a GUESS. Every
 * body follows from the dataset, the signer's secret and the request alone (the web note detail's
 * {@code current_time} also from the clock), so the same call answers the same bytes.
 *
 * <ul>
 *   <li>{@code xhs-get-user-notes}: the App page of {@link SimDataset#page}, 10 notes a page.
 *   <li>{@code xhs-user-notes-web-v3}: the same timeline, {@code num} (1–30) a page, in the web
 *       list shape [D.1]: {@code data{cursor, hasMore|has_more, notes[{noteId|note_id, xsecToken|
 *       xsec_token, type, displayTitle, interactInfo{liked, likedCount (a string such as "1.2万"),
 *       sticky}, cover{…, infoList[{imageScene,url}]}, user{userId, nickname, nickName,
 *       avatar}}]}}; the cursor is the last note id.
 *   <li>{@code xhs-get-note-info}: the App note feed [A.5, C.5] {@code data:[{comment_list,
 *       model_type, note_list:[note], track_id, user}]}, counts as numbers, {@code ip_location} in
 *       English; an unknown note is code {@value SimProtocol#NOTE_NOT_FOUND_CODE}.
 *   <li>{@code xhs-note-detail-web-v3}: {@code data{cursor_score:"", items:[{id, model_type,
 *       note_card|noteCard{…}}], current_time}} [D.2]; the {@code xsec_token} must be the note's
 *       ({@link #noteToken}), else code {@value SimProtocol#TOKEN_REFUSED_CODE}.
 *   <li>{@code xhs-search-users}: users whose nickname contains the keywords (case-insensitive) or
 *       whose red id ({@link #redId}) equals them, dataset order, {@value #SEARCH_PAGE_SIZE} a
 *       page: {@code data{result, users[…], has_more}} [D.3] (or the SpiderHubs fields [S5]).
 *   <li>{@code xhs-homefeed-web-v3}: every note of the dataset in one fixed shuffled order, {@code
 *       num} a page, {@code need_filter_image=true} skipping videos, {@code category} ignored;
 *       {@code data{cursor_score, items[{id, model_type, xsec_token, track_id, ignore,
 *       note_card}]}} [D.4]. {@code cursor_score} reads like the web's ({@code 1.700000042E9}) and
 *       encodes the position of the next note; the feed never ends and starts over after its last
 *       note; an unreadable one starts from the top. Notes posted while the simulator runs ({@link
 *       SimDataset#post}) are not in it, nor among the hot topics.
 *   <li>{@code xhs-hot-inspiration}: up to {@value #HOT_TOPICS} topics, the distinct titles of the
 *       feed's first notes, {@value #HOT_PAGE_SIZE} a page: {@code data{items[{hot_id, deeplink,
 *       score, id, title, cover, type, score_text}], end_flag, cursor}} with {@code cursor} "1",
 *       "2", … [A.5, S7].
 * </ul>
 *
 * Thread-safe.
 */
final class SimCatalogue {
  /** Users a page of {@code xhs-search-users}: a GUESS (the web's page size is not documented). */
  static final int SEARCH_PAGE_SIZE = 20;

  /** Topics a page of {@code xhs-hot-inspiration}. */
  static final int HOT_PAGE_SIZE = 10;

  /** Topics in the hot-inspiration feed at most. */
  static final int HOT_TOPICS = 45;

  /** The {@code cursor_score} of position 0 of the home feed; position p is this plus p. */
  private static final double FEED_BASE = 1.7e9;

  /** The positions a {@code cursor_score} may name: far beyond any walk. */
  private static final long FEED_MAX_POSITION = 1L << 40;

  private static final long FEED_SEED = 0x686f_6d65_6665_6564L;
  private static final Pattern TAG = Pattern.compile("#([^#\\[\\s]+)\\[话题]#");
  private static final List<String> PROVINCES_EN =
      List.of("Guangdong", "Shanghai", "Beijing", "Zhejiang", "Sichuan", "Guangxi", "Jiangsu");
  private static final List<String> PROVINCES_ZH =
      List.of("广东", "上海", "北京", "浙江", "四川", "广西", "江苏");

  /** A note and its author. */
  private record Ref(SimUser author, SimNote note) {}

  /** One image of a note, as the web shapes need it. */
  private record Image(String preview, String full, int width, int height) {}

  /** A hot-inspiration topic: its title and the note whose cover it shows. */
  private record Hot(String title, String cover) {}

  private final SimDataset dataset;
  private final SimSigner signer;
  private final Clock clock;
  private final Map<String, Ref> notes = new HashMap<>();
  private final Map<String, SimUser> byRedId = new HashMap<>();
  private final List<Ref> feed;
  private volatile List<Hot> hot;

  SimCatalogue(SimDataset dataset, SimSigner signer, Clock clock) {
    this.dataset = dataset;
    this.signer = signer;
    this.clock = clock;
    List<Ref> all = new ArrayList<>(dataset.noteCount());
    for (SimUser user : dataset.users()) {
      byRedId.putIfAbsent(redId(user.userId()), user);
      for (SimNote note : user.notes()) {
        Ref ref = new Ref(user, note);
        notes.putIfAbsent(note.id(), ref);
        all.add(ref);
      }
    }
    Collections.shuffle(all, new Random(FEED_SEED));
    this.feed = List.copyOf(all);
  }

  /** The note with this id and its author, posted ones too; null when the dataset has none. */
  private Ref note(String noteId) {
    Ref ref = notes.get(noteId);
    if (ref == null) {
      ref = dataset.postedNote(noteId).map(p -> new Ref(p.author(), p.note())).orElse(null);
    }
    return ref;
  }

  /** The red id (小红书号) of a user: 10 digits that follow from its id. */
  static String redId(String userId) {
    return Long.toString(1_000_000_000L + Math.floorMod(seed("red_id/" + userId), 9_000_000_000L));
  }

  /**
   * A note's {@code xsec_token}: {@code AB} and the base64 of the HMAC-SHA256 of its id under the
   * signer's secret, 46 characters ending in {@code =}, like the web's.
   */
  String noteToken(String noteId) {
    return token("xsec_token/note/" + noteId);
  }

  /** The answer to a request of any operation; malformed parameters are refused with 400. */
  AppAnswer answer(UpstreamRequest request, SimShapes shapes) {
    try {
      Operation op = request.operation();
      if (op == Operation.USER_NOTES) {
        return userNotes(request);
      } else if (op == Operation.USER_NOTES_WEB) {
        return webNotes(request, shapes.webKeyStyle());
      } else if (op == Operation.NOTE_INFO) {
        return noteInfo(request);
      } else if (op == Operation.NOTE_DETAIL_WEB) {
        return noteDetail(request, shapes.webKeyStyle());
      } else if (op == Operation.SEARCH_USERS) {
        return searchUsers(request, shapes.searchUsersStyle());
      } else if (op == Operation.HOMEFEED) {
        return homefeed(request, shapes.webKeyStyle());
      } else if (op == Operation.HOT_INSPIRATION) {
        return hotInspiration(request);
      }
      throw new IllegalArgumentException("the simulator does not serve " + op);
    } catch (NumberFormatException e) {
      // Only a request made without Operation#request can carry such values.
      return AppAnswer.badParameters();
    }
  }

  /** A page of the App series, {@link SimProtocol#DEFAULT_PAGE_SIZE} notes, as the App answers. */
  AppAnswer userNotes(String userId, String cursor, int num) {
    Optional<PageQuery> query = PageQuery.of(userId, cursor, num);
    if (query.isEmpty()) {
      return AppAnswer.badParameters();
    }
    Rung rung = dataset.user(userId).isPresent() ? Rung.PAGE : Rung.USER_NOT_FOUND;
    return new AppAnswer(rung, dataset.page(query.get()));
  }

  private AppAnswer userNotes(UpstreamRequest request) {
    return userNotes(request.text("user_id"), request.cursor(), SimProtocol.DEFAULT_PAGE_SIZE);
  }

  private AppAnswer webNotes(UpstreamRequest request, WebKeyStyle style) {
    String userId = request.text("user_id");
    String cursor = request.cursor();
    int num = Integer.parseInt(request.text("num"));
    if (!SimProtocol.isId(userId)
        || (!cursor.isEmpty() && !SimProtocol.isId(cursor))
        || num < 1
        || num > 30) {
      return AppAnswer.badParameters();
    }
    Optional<Timeline> timeline = dataset.timeline(userId);
    if (timeline.isEmpty()) {
      return AppAnswer.of(Rung.USER_NOT_FOUND, SimBodies.USER_NOT_FOUND);
    }
    SimUser author = timeline.get().user();
    Timeline.Page page = timeline.get().page(cursor, num);
    return AppAnswer.of(
        Rung.PAGE,
        SimJson.write(
            512 + 1024 * page.notes().size(),
            json -> {
              SimBodies.appWrapper(json, 0, true, "成功");
              json.writeObjectFieldStart("data");
              json.writeStringField("cursor", page.cursor());
              json.writeBooleanField(style.key("has_more"), page.hasMore());
              json.writeArrayFieldStart("notes");
              for (SimNote note : page.notes()) {
                JsonNode app = app(new Ref(author, note));
                json.writeStartObject();
                json.writeStringField(style.key("note_id"), note.id());
                json.writeStringField(style.key("xsec_token"), noteToken(note.id()));
                json.writeStringField("type", type(app));
                json.writeStringField(style.key("display_title"), title(app));
                json.writeObjectFieldStart(style.key("interact_info"));
                json.writeBooleanField("liked", false);
                json.writeStringField(style.key("liked_count"), countText(liked(app)));
                json.writeBooleanField("sticky", note.sticky());
                json.writeEndObject();
                writeCover(json, style, images(app));
                writeWebUser(json, style, author, false);
                json.writeEndObject();
              }
              json.writeEndArray();
              json.writeEndObject();
              json.writeEndObject();
            }));
  }

  private AppAnswer noteInfo(UpstreamRequest request) {
    String noteId = request.text("note_id");
    if (!SimProtocol.isId(noteId)) {
      return AppAnswer.badParameters();
    }
    Ref ref = note(noteId);
    if (ref == null) {
      return AppAnswer.of(Rung.NOTE_NOT_FOUND, SimBodies.NOTE_NOT_FOUND);
    }
    JsonNode app = app(ref);
    Dice dice = new Dice(seed("note_info/" + noteId));
    SimUser author = ref.author();
    long time = createdAt(noteId);
    return AppAnswer.of(
        Rung.PAGE,
        SimJson.write(
            4096,
            json -> {
              SimBodies.appWrapper(json, 0, true, "成功");
              json.writeArrayFieldStart("data");
              json.writeStartObject();
              json.writeArrayFieldStart("comment_list");
              json.writeEndArray();
              json.writeStringField("model_type", "note");
              json.writeArrayFieldStart("note_list");
              json.writeStartObject();
              json.writeStringField("id", noteId);
              json.writeStringField("type", type(app));
              json.writeStringField("title", title(app));
              json.writeStringField("desc", app.path("desc").asText(""));
              json.writeNumberField("time", time);
              json.writeNumberField("last_update_time", time + dice.between(0, 3600));
              json.writeStringField("ip_location", dice.pick(PROVINCES_EN));
              json.writeNumberField("liked_count", liked(app));
              json.writeNumberField("collected_count", app.path("collected_count").asLong(0));
              json.writeNumberField("comments_count", app.path("comments_count").asLong(0));
              json.writeNumberField("shared_count", shared(app, dice));
              json.writeNumberField("view_count", app.path("view_count").asLong(0));
              json.writeBooleanField("sticky", ref.note().sticky());
              json.writeArrayFieldStart("hash_tag");
              for (String tag : tags(app)) {
                json.writeStartObject();
                json.writeStringField("id", Long.toHexString(seed("tag/" + tag)));
                json.writeStringField("name", tag);
                json.writeStringField(
                    "link", "xhsdiscover://topic/v2/" + Long.toHexString(seed("tag/" + tag)));
                json.writeStringField("type", "topic");
                json.writeEndObject();
              }
              json.writeEndArray();
              json.writeFieldName("images_list");
              json.writeTree(app.path("images_list").isArray() ? app.get("images_list") : empty());
              if (app.has("video_info_v2")) {
                json.writeFieldName("video_info_v2");
                json.writeTree(app.get("video_info_v2"));
              }
              json.writeObjectFieldStart("share_info");
              json.writeStringField(
                  "link",
                  "https://www.xiaohongshu.com/discovery/item/"
                      + noteId
                      + "?xsec_token="
                      + noteToken(noteId)
                      + "&xsec_source=app_share");
              json.writeEndObject();
              writeAppUser(json, author);
              json.writeEndObject();
              json.writeEndArray();
              json.writeStringField("track_id", dice.hex(32));
              writeAppUser(json, author);
              json.writeEndObject();
              json.writeEndArray();
              json.writeEndObject();
            }));
  }

  private AppAnswer noteDetail(UpstreamRequest request, WebKeyStyle style) {
    String noteId = request.text("note_id");
    if (!SimProtocol.isId(noteId)) {
      return AppAnswer.badParameters();
    }
    Ref ref = note(noteId);
    if (ref == null) {
      return AppAnswer.of(Rung.NOTE_NOT_FOUND, SimBodies.NOTE_NOT_FOUND);
    }
    byte[] given = request.text("xsec_token").getBytes(UTF_8);
    if (!MessageDigest.isEqual(given, noteToken(noteId).getBytes(UTF_8))) {
      return AppAnswer.of(Rung.TOKEN_REFUSED, SimBodies.TOKEN_REFUSED);
    }
    JsonNode app = app(ref);
    Dice dice = new Dice(seed("note_info/" + noteId));
    long timeMs = createdAt(noteId) * 1000;
    long now = clock.millis();
    return AppAnswer.of(
        Rung.PAGE,
        SimJson.write(
            4096,
            json -> {
              SimBodies.appWrapper(json, 0, true, "成功");
              json.writeObjectFieldStart("data");
              json.writeStringField("cursor_score", "");
              json.writeArrayFieldStart("items");
              json.writeStartObject();
              json.writeStringField("id", noteId);
              json.writeStringField(style.key("model_type"), "note");
              json.writeObjectFieldStart(style.key("note_card"));
              json.writeStringField(style.key("note_id"), noteId);
              json.writeStringField("type", type(app));
              json.writeStringField("title", title(app));
              json.writeStringField("desc", app.path("desc").asText(""));
              json.writeNumberField("time", timeMs);
              json.writeNumberField(
                  style.key("last_update_time"), timeMs + 1000L * dice.between(0, 3600));
              json.writeStringField(style.key("ip_location"), dice.pick(PROVINCES_ZH));
              writeWebUser(json, style, ref.author(), true);
              json.writeObjectFieldStart(style.key("interact_info"));
              json.writeBooleanField("liked", false);
              json.writeStringField(style.key("liked_count"), countText(liked(app)));
              json.writeBooleanField("collected", false);
              json.writeStringField(
                  style.key("collected_count"), countText(app.path("collected_count").asLong(0)));
              json.writeStringField(
                  style.key("comment_count"), countText(app.path("comments_count").asLong(0)));
              json.writeStringField(style.key("share_count"), countText(shared(app, dice)));
              json.writeBooleanField("followed", false);
              json.writeStringField("relation", "none");
              json.writeEndObject();
              json.writeArrayFieldStart(style.key("image_list"));
              for (Image image : images(app)) {
                json.writeStartObject();
                json.writeNumberField("width", image.width());
                json.writeNumberField("height", image.height());
                json.writeStringField(style.key("file_id"), "");
                json.writeStringField("url", "");
                json.writeStringField(style.key("trace_id"), "");
                json.writeBooleanField(style.key("live_photo"), false);
                writeUrls(json, style, image);
                json.writeEndObject();
              }
              json.writeEndArray();
              json.writeArrayFieldStart(style.key("tag_list"));
              for (String tag : tags(app)) {
                json.writeStartObject();
                json.writeStringField("id", Long.toHexString(seed("tag/" + tag)));
                json.writeStringField("name", tag);
                json.writeStringField("type", "topic");
                json.writeEndObject();
              }
              json.writeEndArray();
              json.writeArrayFieldStart(style.key("at_user_list"));
              json.writeEndArray();
              json.writeObjectFieldStart(style.key("share_info"));
              json.writeBooleanField(style.key("un_share"), false);
              json.writeEndObject();
              writeVideo(json, app);
              json.writeEndObject();
              json.writeEndObject();
              json.writeEndArray();
              json.writeNumberField("current_time", now);
              json.writeEndObject();
              json.writeEndObject();
            }));
  }

  private AppAnswer searchUsers(UpstreamRequest request, SimShapes.SearchUsersStyle style) {
    String keywords = request.text("keywords").strip();
    int page = Integer.parseInt(request.text("page"));
    if (keywords.isEmpty() || page < 1) {
      return AppAnswer.badParameters();
    }
    String wanted = keywords.toLowerCase(Locale.ROOT);
    List<SimUser> found = new ArrayList<>();
    for (SimUser user : dataset.users()) {
      if (user.nickname().toLowerCase(Locale.ROOT).contains(wanted)
          || redId(user.userId()).equals(keywords)) {
        found.add(user);
      }
    }
    long from = Math.min((long) (page - 1) * SEARCH_PAGE_SIZE, found.size());
    int to = (int) Math.min(from + SEARCH_PAGE_SIZE, found.size());
    List<SimUser> shown = found.subList((int) from, to);
    boolean more = to < found.size();
    return AppAnswer.of(
        Rung.PAGE,
        SimJson.write(
            256 + 640 * shown.size(),
            json -> {
              SimBodies.appWrapper(json, 0, true, "成功");
              json.writeObjectFieldStart("data");
              if (style == SimShapes.SearchUsersStyle.WEB) {
                json.writeObjectFieldStart("result");
                json.writeNumberField("code", 1000);
                json.writeBooleanField("success", true);
                json.writeStringField("message", "成功");
                json.writeEndObject();
              }
              json.writeArrayFieldStart("users");
              for (SimUser user : shown) {
                writeFoundUser(json, style, user);
              }
              json.writeEndArray();
              json.writeBooleanField("has_more", more);
              json.writeEndObject();
              json.writeEndObject();
            }));
  }

  private AppAnswer homefeed(UpstreamRequest request, WebKeyStyle style) {
    int num = Integer.parseInt(request.text("num"));
    if (num < 1 || num > 40) {
      return AppAnswer.badParameters();
    }
    boolean imagesOnly = Boolean.parseBoolean(request.text("need_filter_image"));
    long position = feedPosition(request.text("cursor_score"));
    List<Ref> page = new ArrayList<>(num);
    List<JsonNode> apps = new ArrayList<>(num);
    List<Long> positions = new ArrayList<>(num);
    // One lap at most, so that a feed with no image note ends the scan.
    for (long scanned = 0; page.size() < num && scanned < feed.size(); scanned++, position++) {
      Ref ref = feed.get((int) (position % feed.size()));
      JsonNode app = app(ref);
      if (imagesOnly && type(app).equals("video")) {
        continue;
      }
      page.add(ref);
      apps.add(app);
      positions.add(position);
    }
    String cursorScore = Double.toString(FEED_BASE + position);
    return AppAnswer.of(
        Rung.PAGE,
        SimJson.write(
            256 + 1024 * page.size(),
            json -> {
              SimBodies.appWrapper(json, 0, true, "成功");
              json.writeObjectFieldStart("data");
              json.writeStringField("cursor_score", cursorScore);
              json.writeArrayFieldStart("items");
              for (int i = 0; i < page.size(); i++) {
                Ref ref = page.get(i);
                JsonNode app = apps.get(i);
                String id = ref.note().id();
                json.writeStartObject();
                json.writeStringField("id", id);
                json.writeStringField(style.key("model_type"), "note");
                json.writeStringField(style.key("xsec_token"), noteToken(id));
                json.writeStringField(
                    style.key("track_id"),
                    new Dice(seed("track/" + id + "/" + positions.get(i))).hex(32));
                json.writeBooleanField("ignore", false);
                json.writeObjectFieldStart(style.key("note_card"));
                json.writeStringField("type", type(app));
                json.writeStringField(style.key("display_title"), title(app));
                writeWebUser(json, style, ref.author(), true);
                json.writeObjectFieldStart(style.key("interact_info"));
                json.writeBooleanField("liked", false);
                json.writeStringField(style.key("liked_count"), countText(liked(app)));
                json.writeEndObject();
                writeCover(json, style, images(app));
                writeVideo(json, app);
                json.writeEndObject();
                json.writeEndObject();
              }
              json.writeEndArray();
              json.writeEndObject();
              json.writeEndObject();
            }));
  }

  private AppAnswer hotInspiration(UpstreamRequest request) {
    String cursor = request.cursor();
    if (!cursor.isEmpty() && !cursor.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return AppAnswer.badParameters();
    }
    List<Hot> topics = hotTopics();
    long pageIndex = cursor.isEmpty() ? 0 : Long.parseLong(cursor);
    int from = (int) Math.min(pageIndex * HOT_PAGE_SIZE, topics.size());
    int to = Math.min(from + HOT_PAGE_SIZE, topics.size());
    return AppAnswer.of(
        Rung.PAGE,
        SimJson.write(
            256 + 512 * (to - from),
            json -> {
              json.writeStartObject();
              json.writeNumberField("code", 0);
              json.writeBooleanField("success", true);
              json.writeObjectFieldStart("data");
              json.writeArrayFieldStart("items");
              for (int i = from; i < to; i++) {
                Hot topic = topics.get(i);
                long score = 10_000_000L - 173_000L * i;
                json.writeStartObject();
                json.writeStringField("hot_id", Long.toString(2_713_996L + 7_919L * i));
                json.writeStringField(
                    "deeplink",
                    "xhsdiscover://post_new_note?attach="
                        + URLEncoder.encode(
                            "{\"topic\":{\"name\":\"" + topic.title().replace("\"", "") + "\"}}",
                            UTF_8));
                json.writeNumberField("score", score);
                json.writeNumberField("id", 57_803_502L + 104_729L * i);
                json.writeStringField("title", topic.title());
                json.writeStringField("cover", topic.cover());
                json.writeStringField("type", "Hot");
                json.writeStringField("score_text", score / 10_000 + "万人在看");
                json.writeEndObject();
              }
              json.writeEndArray();
              json.writeBooleanField("end_flag", to >= topics.size());
              json.writeStringField("cursor", Long.toString(pageIndex + 1));
              json.writeEndObject();
              json.writeStringField("msg", "成功");
              json.writeEndObject();
            }));
  }

  /** The topics of the hot-inspiration feed, found once. */
  private List<Hot> hotTopics() {
    List<Hot> topics = hot;
    if (topics == null) {
      List<Hot> found = new ArrayList<>(HOT_TOPICS);
      Set<String> titles = new HashSet<>();
      for (Ref ref : feed) {
        if (found.size() == HOT_TOPICS) {
          break;
        }
        JsonNode app = app(ref);
        String title = title(app);
        if (!title.isEmpty() && titles.add(title)) {
          List<Image> images = images(app);
          found.add(new Hot(title, images.isEmpty() ? "" : images.getFirst().preview()));
        }
      }
      topics = List.copyOf(found);
      hot = topics;
    }
    return topics;
  }

  /** The position a {@code cursor_score} names; the top for an empty or unreadable one. */
  private static long feedPosition(String cursorScore) {
    if (cursorScore.isEmpty()) {
      return 0;
    }
    double score;
    try {
      score = Double.parseDouble(cursorScore);
    } catch (NumberFormatException e) {
      return 0;
    }
    double position = Math.rint(score - FEED_BASE);
    return position >= 0 && position <= FEED_MAX_POSITION ? (long) position : 0;
  }

  private void writeCover(JsonGenerator json, WebKeyStyle style, List<Image> images)
      throws IOException {
    Image cover = images.isEmpty() ? new Image("", "", 0, 0) : images.getFirst();
    json.writeObjectFieldStart("cover");
    json.writeStringField(style.key("file_id"), "");
    json.writeStringField("url", "");
    json.writeStringField(style.key("trace_id"), "");
    json.writeNumberField("width", cover.width());
    json.writeNumberField("height", cover.height());
    writeUrls(json, style, cover);
    json.writeEndObject();
  }

  private static void writeUrls(JsonGenerator json, WebKeyStyle style, Image image)
      throws IOException {
    json.writeStringField(style.key("url_pre"), image.preview());
    json.writeStringField(style.key("url_default"), image.full());
    json.writeArrayFieldStart(style.key("info_list"));
    json.writeStartObject();
    json.writeStringField(style.key("image_scene"), "WB_PRV");
    json.writeStringField("url", image.preview());
    json.writeEndObject();
    json.writeStartObject();
    json.writeStringField(style.key("image_scene"), "WB_DFT");
    json.writeStringField("url", image.full());
    json.writeEndObject();
    json.writeEndArray();
  }

  /** {@code video{capa{duration}}} for a video note; nothing for an image note. */
  private static void writeVideo(JsonGenerator json, JsonNode app) throws IOException {
    JsonNode duration = app.path("video_info_v2").path("capa").path("duration");
    if (type(app).equals("video") && duration.isNumber()) {
      json.writeObjectFieldStart("video");
      json.writeObjectFieldStart("capa");
      json.writeNumberField("duration", duration.asLong());
      json.writeEndObject();
      json.writeEndObject();
    }
  }

  private void writeWebUser(JsonGenerator json, WebKeyStyle style, SimUser user, boolean token)
      throws IOException {
    json.writeObjectFieldStart("user");
    json.writeStringField(style.key("user_id"), user.userId());
    json.writeStringField("nickname", user.nickname());
    json.writeStringField(style.key("nick_name"), user.nickname());
    json.writeStringField("avatar", user.avatar());
    if (token) {
      json.writeStringField(style.key("xsec_token"), userToken(user.userId()));
    }
    json.writeEndObject();
  }

  private static void writeAppUser(JsonGenerator json, SimUser user) throws IOException {
    json.writeObjectFieldStart("user");
    json.writeStringField("id", user.userId());
    json.writeStringField("userid", user.userId());
    json.writeStringField("name", user.nickname());
    json.writeStringField("nickname", user.nickname());
    json.writeStringField("image", user.avatar());
    json.writeStringField("red_id", redId(user.userId()));
    json.writeBooleanField("red_official_verified", false);
    json.writeStringField("fstatus", "none");
    json.writeEndObject();
  }

  private void writeFoundUser(JsonGenerator json, SimShapes.SearchUsersStyle style, SimUser user)
      throws IOException {
    Dice dice = new Dice(seed("user/" + user.userId()));
    String fans = countText(dice.logNormal(2_000, 2.0, 5_000_000));
    String redId = redId(user.userId());
    json.writeStartObject();
    if (style == SimShapes.SearchUsersStyle.SPIDERHUBS) {
      json.writeStringField("user_id", user.userId());
      json.writeStringField("nickname", user.nickname());
      json.writeStringField("image", user.avatar());
      json.writeStringField("red_id", redId);
      json.writeStringField("fans", fans);
      json.writeStringField("desc", "小红书号：" + redId);
    } else {
      json.writeStringField("id", user.userId());
      json.writeStringField("name", user.nickname());
      json.writeStringField("image", user.avatar());
      json.writeStringField("red_id", redId);
      json.writeStringField("sub_title", "小红书号：" + redId);
      json.writeStringField("fans", fans);
      json.writeNumberField("note_count", user.notes().size());
      json.writeStringField("update_time", dice.between(1, 59) + "分钟前更新");
      json.writeStringField("xsec_token", userToken(user.userId()));
      json.writeStringField("link", "xhsdiscover://1/user/user." + user.userId());
      json.writeBooleanField("followed", false);
      json.writeBooleanField("is_self", false);
      json.writeNumberField("vshow", 0);
      json.writeBooleanField("red_official_verified", false);
      json.writeNumberField("red_official_verify_type", 0);
      json.writeBooleanField("show_red_official_verify_icon", false);
    }
    json.writeEndObject();
  }

  /** The App JSON of a note, as a tree. */
  private static JsonNode app(Ref ref) {
    byte[] body = SimJson.write(2048, json -> SimBodies.writeNote(json, ref.author(), ref.note()));
    try {
      return SimJson.MAPPER.readTree(body);
    } catch (IOException e) {
      // The simulator's own JSON, or a note checked when its dataset was loaded.
      throw new UncheckedIOException("unreadable note " + ref.note().id(), e);
    }
  }

  private static String type(JsonNode app) {
    return app.path("type").asText("normal").equals("video") ? "video" : "normal";
  }

  private static String title(JsonNode app) {
    String title = app.path("display_title").asText("");
    return title.isEmpty() ? app.path("title").asText("") : title;
  }

  private static long liked(JsonNode app) {
    JsonNode liked = app.path("liked_count");
    return liked.isMissingNode() ? app.path("likes").asLong(0) : liked.asLong(0);
  }

  private static long shared(JsonNode app, Dice dice) {
    return Math.round(liked(app) * dice.between(0.01, 0.15));
  }

  private static List<String> tags(JsonNode app) {
    List<String> tags = new ArrayList<>();
    Matcher m = TAG.matcher(app.path("desc").asText(""));
    while (m.find()) {
      tags.add(m.group(1));
    }
    return tags;
  }

  private static List<Image> images(JsonNode app) {
    List<Image> images = new ArrayList<>();
    for (JsonNode image : app.path("images_list")) {
      String url = image.path("url").asText("");
      String large = image.path("url_size_large").asText(url);
      images.add(
          new Image(url, large, image.path("width").asInt(0), image.path("height").asInt(0)));
    }
    return images;
  }

  /** The unix time in seconds that a note id starts with (its first 8 hex digits). */
  private static long createdAt(String noteId) {
    return Long.parseLong(noteId.substring(0, 8), 16);
  }

  private static JsonNode empty() {
    return SimJson.MAPPER.createArrayNode();
  }

  /**
   * A count as the web writes it [D]: the number under 10 000, else tens of thousands with one
   * decimal and 万 ({@code 12345} → {@code "1.2万"}, {@code 10000} → {@code "1万"}).
   */
  static String countText(long count) {
    if (count < 10_000) {
      return Long.toString(count);
    }
    long tenths = count / 1_000;
    return (tenths % 10 == 0 ? Long.toString(tenths / 10) : tenths / 10 + "." + tenths % 10) + "万";
  }

  private String userToken(String userId) {
    return token("xsec_token/user/" + userId);
  }

  private String token(String what) {
    return "AB" + Base64.getEncoder().encodeToString(signer.mac(what));
  }

  /** A 64-bit number that follows from {@code text}: the first 8 bytes of its SHA-256. */
  private static long seed(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(UTF_8));
      long seed = 0;
      for (int i = 0; i < Long.BYTES; i++) {
        seed = (seed << 8) | (digest[i] & 0xff);
      }
      return seed;
    } catch (NoSuchAlgorithmException e) {
      // Every Java platform has SHA-256.
      throw new IllegalStateException(e);
    }
  }
}
