package dev.xhsopenapi.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xhsopenapi.sdk.internal.Counts;
import dev.xhsopenapi.sdk.internal.Fields;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A typed view of one entry of the creator hot-inspiration feed ({@code data.data.items[]}: {@code
 * hot_id}, {@code id} as a number, {@code title}, {@code type}, {@code score}, {@code score_text}
 * such as {@code "1000万人在看"}, {@code cover}, {@code deeplink}; SOURCES-FACTS A.5, S7), over its raw
 * JSON. The names of the SpiderHubs field table ({@code word}, {@code hot_score}, {@code
 * hot_value}) are read too.
 */
public final class Inspiration {
  private final JsonNode raw;

  private Inspiration(JsonNode raw) {
    this.raw = raw;
  }

  /**
   * Views an entry.
   *
   * @param raw the entry object
   * @return the view
   * @throws IllegalArgumentException when it is not an object
   */
  public static Inspiration of(JsonNode raw) {
    Objects.requireNonNull(raw, "raw");
    if (!raw.isObject()) {
      throw new IllegalArgumentException("an inspiration entry must be a JSON object");
    }
    return new Inspiration(raw);
  }

  /**
   * The entry's id ({@code id}, a number on the wire, as text; else {@code hot_id}).
   *
   * @return the id, or an empty string when it has neither
   */
  public String id() {
    return Fields.text(raw, "id", "hot_id");
  }

  /**
   * The topic ({@code title} or {@code word}).
   *
   * @return the topic, possibly empty
   */
  public String title() {
    return Fields.text(raw, "title", "word");
  }

  /**
   * The entry type, such as {@code Hot}.
   *
   * @return the type, or an empty string
   */
  public String type() {
    return Fields.text(raw, "type");
  }

  /**
   * How hot it is ({@code score}, {@code hot_score} or {@code hot_value}; text such as {@code
   * "1000万"} is read as a number).
   *
   * @return the score, or empty
   */
  public OptionalLong score() {
    return Counts.of(Fields.first(raw, "score", "hot_score", "hot_value"));
  }

  /**
   * The score as shown, such as {@code "1000万人在看"} ({@code score_text}).
   *
   * @return the text, or empty
   */
  public Optional<String> scoreText() {
    return Fields.optionalText(raw, "score_text", "scoreText");
  }

  /**
   * The cover image URL ({@code cover}).
   *
   * @return the URL, or empty
   */
  public Optional<String> cover() {
    return Fields.optionalText(raw, "cover");
  }

  /**
   * The App link that starts a note on the topic ({@code deeplink}).
   *
   * @return the link, or empty
   */
  public Optional<String> deeplink() {
    return Fields.optionalText(raw, "deeplink");
  }

  /**
   * The entry exactly as the gateway sent it; do not change it.
   *
   * @return the JSON object
   */
  public JsonNode raw() {
    return raw;
  }

  @Override
  public String toString() {
    return "Inspiration[" + id() + " \"" + title() + "\"]";
  }
}
