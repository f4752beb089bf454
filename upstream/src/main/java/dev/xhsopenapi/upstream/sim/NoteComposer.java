package dev.xhsopenapi.upstream.sim;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Writes the App JSON of a {@link GeneratedNote}: every word, count and URL follows from the note's
 * seed, so the same note always reads the same, byte for byte.
 */
final class NoteComposer {
  private static final List<String> IMAGE_HOSTS =
      List.of("sns-img-hw.xhscdn.com", "sns-img-qc.xhscdn.com", "sns-webpic-qc.xhscdn.com");
  private static final List<String> FILE_PREFIXES = List.of("1000g0k0", "1040g008", "1040g2sg");
  private static final List<Dimensions> PHOTO_SIZES =
      List.of(
          new Dimensions(1080, 1440),
          new Dimensions(1080, 1440),
          new Dimensions(1080, 1080),
          new Dimensions(1080, 1350),
          new Dimensions(1440, 1080),
          new Dimensions(794, 791));
  private static final List<Dimensions> VIDEO_SIZES =
      List.of(
          new Dimensions(1080, 1920),
          new Dimensions(720, 1280),
          new Dimensions(1920, 1080),
          new Dimensions(1080, 1440));
  private static final List<String> AUDIO_LEVELS =
      List.of(
          "{\"audio_quality_level\":\"G+\",\"mos_overall\":3.7165,\"version\":\"3.0\"}",
          "{\"audio_quality_level\":\"G\",\"mos_overall\":3.2410,\"version\":\"3.0\"}",
          "{\"audio_quality_level\":\"S\",\"mos_overall\":4.0128,\"version\":\"3.0\"}");

  /** Width and height of an image or video, in pixels. */
  private record Dimensions(int width, int height) {}

  private NoteComposer() {}

  /** Writes the note as one JSON object. */
  static void write(JsonGenerator json, SimUser author, GeneratedNote note) throws IOException {
    write(json, author, note, Optional.empty());
  }

  /**
   * Writes the note as one JSON object, with {@code title} as its {@code display_title} when
   * present; every other field is the same as without it.
   */
  static void write(JsonGenerator json, SimUser author, GeneratedNote note, Optional<String> title)
      throws IOException {
    Dice dice = new Dice(note.seed());
    Persona persona = note.persona();
    Topic topic = dice.pick(persona.topics());
    boolean video = dice.chance(persona.videoShare());
    // Real video notes often have no title of their own; clients must fall back to desc.
    String madeUp = video && dice.chance(0.2) ? "" : title(dice, topic);
    long liked = dice.logNormal(persona.medianLikes(), 1.6, 200_000);

    json.writeStartObject();
    json.writeStringField("id", note.id());
    json.writeStringField("type", video ? "video" : "normal");
    json.writeStringField("display_title", title.orElse(madeUp));
    json.writeStringField("desc", desc(dice, topic));
    json.writeBooleanField("sticky", note.sticky());
    json.writeNumberField("liked_count", liked);
    json.writeNumberField("view_count", liked * dice.between(8, 40) + dice.between(30, 2000));
    json.writeNumberField("collected_count", Math.round(liked * dice.between(0.1, 0.7)));
    json.writeNumberField("comments_count", Math.round(liked * dice.between(0.01, 0.12)));
    json.writeObjectFieldStart("user");
    json.writeStringField("userid", author.userId());
    json.writeStringField("nickname", author.nickname());
    json.writeStringField("images", author.avatar());
    json.writeEndObject();
    Dimensions size = video ? dice.pick(VIDEO_SIZES) : dice.pick(PHOTO_SIZES);
    double skew = dice.between(0.0, 1.0);
    // One to nine images, most notes near the low end, as on the App.
    writeImages(json, dice, video ? 1 : 1 + (int) (9 * skew * skew), size);
    if (video) {
      writeVideo(json, dice, size);
    }
    json.writeEndObject();
  }

  private static String title(Dice dice, Topic topic) {
    String template = dice.pick(topic.titles());
    StringBuilder title = new StringBuilder(template.length() + 16);
    int at = 0;
    while (at < template.length()) {
      int open = template.indexOf('{', at);
      if (open < 0) {
        title.append(template, at, template.length());
        break;
      }
      int close = template.indexOf('}', open);
      title
          .append(template, at, open)
          .append(slot(dice, topic, template.substring(open + 1, close)));
      at = close + 1;
    }
    if (!template.contains("{emoji}") && dice.chance(0.2)) {
      title.append(dice.pick(Phrasebook.EMOJI));
    }
    return title.toString();
  }

  private static String slot(Dice dice, Topic topic, String name) {
    return switch (name) {
      case "item" -> dice.pick(topic.items());
      case "city" -> dice.pick(Phrasebook.CITIES);
      case "adj" -> dice.pick(Phrasebook.ADJECTIVES);
      case "season" -> dice.pick(Phrasebook.SEASONS);
      case "emoji" -> dice.pick(Phrasebook.EMOJI);
      case "price" -> String.valueOf(dice.pick(Phrasebook.PRICES));
      case "n" -> String.valueOf(dice.between(2, 30));
      case "days" -> {
        int days = dice.between(2, 7);
        yield days + "天" + (days - 1) + "晚";
      }
      default -> throw new IllegalStateException("unknown title slot {" + name + "}");
    };
  }

  private static String desc(Dice dice, Topic topic) {
    StringBuilder text = new StringBuilder(128).append(dice.pick(Phrasebook.OPENINGS));
    List<String> lines = topic.lines();
    int first = dice.between(0, lines.size() - 1);
    text.append(lines.get(first));
    if (dice.chance(0.5)) {
      text.append(lines.get((first + 1) % lines.size()));
    }
    text.append(dice.pick(Phrasebook.CLOSINGS)).append('\n');
    List<String> tags = topic.tags();
    int firstTag = dice.between(0, tags.size() - 1);
    for (int i = 0; i < dice.between(1, 3); i++) {
      text.append(i == 0 ? "" : " ").append('#').append(tags.get((firstTag + i) % tags.size()));
      text.append("[话题]#");
    }
    return text.toString();
  }

  private static void writeImages(JsonGenerator json, Dice dice, int count, Dimensions size)
      throws IOException {
    String host = dice.pick(IMAGE_HOSTS);
    json.writeArrayFieldStart("images_list");
    for (int i = 0; i < count; i++) {
      String fileId = "spectrum/" + dice.pick(FILE_PREFIXES) + dice.base32(32);
      Dimensions image = i == 0 ? size : dice.pick(PHOTO_SIZES);
      json.writeStartObject();
      json.writeStringField("fileid", fileId);
      json.writeNumberField("width", image.width());
      json.writeNumberField("height", image.height());
      json.writeStringField("url", "http://" + host + "/" + fileId + webp(540));
      json.writeStringField("url_size_large", "http://" + host + "/" + fileId + webp(1080));
      json.writeEndObject();
    }
    json.writeEndArray();
  }

  private static void writeVideo(JsonGenerator json, Dice dice, Dimensions size)
      throws IOException {
    int duration = dice.between(5, 180);
    String stream = "01e" + dice.hex(37);
    json.writeObjectFieldStart("video_info");
    json.writeArrayFieldStart("adaptive_streaming_url_set");
    writeStream(json, dice.between(900_000, 2_400_000), stream, 258);
    if (dice.chance(0.5)) {
      writeStream(json, dice.between(600_000, 1_500_000), stream, 259);
    }
    json.writeEndArray();
    json.writeEndObject();

    json.writeObjectFieldStart("video_info_v2");
    json.writeObjectFieldStart("capa");
    json.writeBooleanField("is_user_select", dice.chance(0.3));
    json.writeBooleanField("is_upload", dice.chance(0.4));
    json.writeNumberField("frame_ts", 0);
    json.writeNumberField("duration", duration);
    json.writeEndObject();
    json.writeObjectFieldStart("consumer");
    json.writeBooleanField("can_super_resolution", dice.chance(0.2));
    json.writeEndObject();
    String frame = "https://sns-i11.rednotecdn.com/frame/110/0/01e" + dice.hex(37);
    json.writeObjectFieldStart("image");
    json.writeStringField("thumbnail", frame + "?imageView2/2/w/540/format/webp");
    json.writeStringField("thumbnail_dim", frame + "?imageView2/2/w/540/format/webp/q/50");
    json.writeStringField(
        "first_frame", "https://sns-i11.rednotecdn.com/1040g008" + dice.base32(32) + webp(1080));
    json.writeEndObject();
    json.writeObjectFieldStart("media");
    json.writeNumberField("user_level", 0);
    json.writeObjectFieldStart("video");
    json.writeNumberField("drm_type", 0);
    json.writeObjectFieldStart("subtitles");
    json.writeEndObject();
    json.writeStringField(
        "biz_id", String.valueOf(280_000_000_000_000_000L + dice.below(10_000_000_000_000_000L)));
    json.writeNumberField("width", size.width());
    json.writeNumberField("height", size.height());
    json.writeNumberField("duration", duration);
    json.writeNumberField("hdr_type", 0);
    json.writeObjectFieldStart("opaque1");
    json.writeStringField("domestic", "0");
    json.writeStringField("isSupportSubtitle", "false");
    json.writeStringField("amend_mobile", "40");
    json.writeStringField("audioLevInfo", dice.pick(AUDIO_LEVELS));
    json.writeEndObject();
    json.writeEndObject();
    json.writeEndObject();
    json.writeEndObject();
  }

  private static void writeStream(JsonGenerator json, int bitrate, String stream, int format)
      throws IOException {
    json.writeStartObject();
    json.writeNumberField("avg_bitrate", bitrate);
    json.writeStringField(
        "url",
        "http://sns-video-hw.xhscdn.com/stream/110/"
            + format
            + "/"
            + stream
            + "_"
            + format
            + ".mp4");
    json.writeEndObject();
  }

  private static String webp(int width) {
    return "?imageView2/2/w/" + width + "/format/webp";
  }
}
