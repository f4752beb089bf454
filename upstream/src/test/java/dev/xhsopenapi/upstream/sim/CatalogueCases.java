package dev.xhsopenapi.upstream.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.xhsopenapi.upstream.Operation;
import dev.xhsopenapi.upstream.UpstreamRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Valid requests of every operation against the dataset of seed 1, and body readers. */
final class CatalogueCases {
  static final ObjectMapper JSON = new ObjectMapper();
  static final SimDataset DATASET = SimDataset.generate(1);
  static final SimUser USER = DATASET.sampleUser().orElseThrow();
  static final String NOTE = USER.notes().getLast().id();
  static final String UNKNOWN_NOTE = "0123456789abcdef01234567";

  private CatalogueCases() {}

  /** The parameters of a valid first call of {@code operation}, by our parameter names. */
  static Map<String, String> params(Operation operation, Simulator simulator) {
    Map<String, String> params = new LinkedHashMap<>();
    if (operation == Operation.USER_NOTES || operation == Operation.USER_NOTES_WEB) {
      params.put("user_id", USER.userId());
    } else if (operation == Operation.NOTE_INFO) {
      params.put("note_id", NOTE);
    } else if (operation == Operation.NOTE_DETAIL_WEB) {
      params.put("note_id", NOTE);
      params.put("xsec_token", simulator.xsecToken(NOTE));
    } else if (operation == Operation.SEARCH_USERS) {
      params.put("keywords", USER.nickname().substring(0, 2));
    }
    return params;
  }

  /** A valid first request of {@code operation}. */
  static UpstreamRequest request(Operation operation, Simulator simulator) {
    return operation.request(params(operation, simulator));
  }

  static JsonNode tree(byte[] body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + new String(body, StandardCharsets.UTF_8), e);
    }
  }
}
