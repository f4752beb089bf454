package dev.xhsopenapi.upstream.sim;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes the dataset file format. Each note object is kept as the exact bytes of the
 * file, so what the simulator serves is what the file says, unknown fields and all.
 */
final class DatasetFile {
  private final Path file;
  private final byte[] bytes;
  private final Map<String, String> userIds = new HashMap<>();
  private final Map<String, String> noteIds = new HashMap<>();

  private DatasetFile(Path file, byte[] bytes) {
    this.file = file;
    this.bytes = bytes;
  }

  /** The users of a dataset file, in file order. */
  static List<SimUser> read(Path file) throws IOException {
    DatasetFile reader = new DatasetFile(file, Files.readAllBytes(file));
    try (JsonParser json = SimJson.MAPPER.createParser(reader.bytes)) {
      return reader.document(json);
    } catch (JsonProcessingException e) {
      String at =
          e.getLocation() == null
              ? ""
              : " at line "
                  + e.getLocation().getLineNr()
                  + ", column "
                  + e.getLocation().getColumnNr();
      throw new InvalidDatasetException(
          file, "is not valid JSON" + at + ": " + e.getOriginalMessage());
    }
  }

  /** Writes {@code dataset} so that {@link #read} gives back the same users and notes. */
  static void write(SimDataset dataset, Path file) throws IOException {
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file));
        JsonGenerator json = SimJson.FACTORY.createGenerator(out)) {
      json.writeStartObject();
      json.writeArrayFieldStart("users");
      for (SimUser user : dataset.users()) {
        json.writeStartObject();
        json.writeStringField("user_id", user.userId());
        json.writeStringField("nickname", user.nickname());
        json.writeStringField("avatar", user.avatar());
        json.writeArrayFieldStart("notes");
        for (SimNote note : user.notes()) {
          SimBodies.writeNote(json, user, note);
        }
        json.writeEndArray();
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeEndObject();
    }
  }

  private List<SimUser> document(JsonParser json) throws IOException {
    expect(json.nextToken() == JsonToken.START_OBJECT, "$", "must be an object {\"users\":[…]}");
    List<SimUser> users = null;
    while (json.nextToken() == JsonToken.FIELD_NAME) {
      String field = json.currentName();
      json.nextToken();
      if (field.equals("users")) {
        users = users(json);
      } else {
        json.skipChildren();
      }
    }
    expect(users != null, "$", "has no \"users\" array");
    return users;
  }

  private List<SimUser> users(JsonParser json) throws IOException {
    expect(json.currentToken() == JsonToken.START_ARRAY, "users", "must be an array of users");
    List<SimUser> users = new ArrayList<>();
    while (json.nextToken() != JsonToken.END_ARRAY) {
      users.add(user(json, "users[" + users.size() + "]"));
    }
    return users;
  }

  private SimUser user(JsonParser json, String where) throws IOException {
    expect(json.currentToken() == JsonToken.START_OBJECT, where, "must be an object");
    String userId = null;
    String nickname = null;
    String avatar = null;
    List<SimNote> notes = null;
    while (json.nextToken() == JsonToken.FIELD_NAME) {
      String field = json.currentName();
      JsonToken value = json.nextToken();
      switch (field) {
        case "user_id" -> userId = text(json, value, where + ".user_id");
        case "nickname" -> nickname = text(json, value, where + ".nickname");
        case "avatar" -> avatar = text(json, value, where + ".avatar");
        case "notes" -> notes = notes(json, where + ".notes");
        default -> json.skipChildren();
      }
    }
    expect(userId != null, where, "has no \"user_id\"");
    expect(SimProtocol.isId(userId), where + ".user_id", idRule(userId));
    String earlier = userIds.putIfAbsent(userId, where);
    expect(earlier == null, where + ".user_id", userId + " is already the id of " + earlier);
    expect(nickname != null && !nickname.isBlank(), where, "needs a non-empty \"nickname\"");
    expect(notes != null, where, "has no \"notes\" array (use [] for a user without notes)");
    if (avatar == null) {
      avatar = "https://sns-avatar-qc.xhscdn.com/avatar/" + userId + ".jpg";
    }
    return new SimUser(userId, nickname, avatar, notes);
  }

  private List<SimNote> notes(JsonParser json, String where) throws IOException {
    expect(json.currentToken() == JsonToken.START_ARRAY, where, "must be an array of notes");
    List<SimNote> notes = new ArrayList<>();
    while (json.nextToken() != JsonToken.END_ARRAY) {
      String at = where + "[" + notes.size() + "]";
      expect(json.currentToken() == JsonToken.START_OBJECT, at, "must be a note object");
      int start = (int) json.currentTokenLocation().getByteOffset();
      JsonNode note = json.readValueAsTree();
      int end = (int) json.currentLocation().getByteOffset();
      JsonNode id = note.get("id");
      expect(id != null && id.isTextual(), at, "needs an \"id\" string");
      expect(SimProtocol.isId(id.asText()), at + ".id", idRule(id.asText()));
      String earlier = noteIds.putIfAbsent(id.asText(), at);
      expect(earlier == null, at + ".id", id.asText() + " is already the id of " + earlier);
      JsonNode sticky = note.get("sticky");
      expect(
          sticky != null && sticky.isBoolean(),
          at + ".sticky",
          "must be true or false, got " + (sticky == null ? "nothing" : sticky.toString()));
      notes.add(
          new LoadedNote(
              id.asText(), sticky.asBoolean(), new String(bytes, start, end - start, UTF_8)));
    }
    return notes;
  }

  private String text(JsonParser json, JsonToken value, String where) throws IOException {
    expect(value == JsonToken.VALUE_STRING, where, "must be a string, got " + describe(value));
    return json.getText();
  }

  private static String describe(JsonToken token) {
    return switch (token) {
      case START_OBJECT -> "an object";
      case START_ARRAY -> "an array";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      default -> token.name();
    };
  }

  private static String idRule(String got) {
    return "must be 24 lowercase hex characters (the first 8 a unix time), got \"" + got + "\"";
  }

  private void expect(boolean holds, String where, String problem) throws InvalidDatasetException {
    if (!holds) {
      throw new InvalidDatasetException(file, where + " " + problem);
    }
  }
}
