package dev.xhsopenapi.upstream.sim;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * How the simulator reads and writes JSON: UTF-8, emoji written as UTF-8 rather than backslash-u
 * escapes (as the App does), keys in the order they are written.
 */
final class SimJson {

  static final JsonFactory FACTORY =
      new JsonFactoryBuilder().enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8).build();

  static final ObjectMapper MAPPER = new ObjectMapper(FACTORY);

  /** Writes one JSON document into memory. */
  @FunctionalInterface
  interface Writer {
    void write(JsonGenerator json) throws IOException;
  }

  private SimJson() {}

  /** Runs {@code writer} against a fresh generator and returns the UTF-8 bytes it wrote. */
  static byte[] write(int expectedSize, Writer writer) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(expectedSize);
    try (JsonGenerator json = FACTORY.createGenerator(out)) {
      writer.write(json);
    } catch (IOException e) {
      // Only a bug in a writer can get here: memory does not fail like a socket.
      throw new UncheckedIOException("could not write a simulator body", e);
    }
    return out.toByteArray();
  }
}
