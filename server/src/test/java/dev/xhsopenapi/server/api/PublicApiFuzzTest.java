package dev.xhsopenapi.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xhsopenapi.server.testing.RawHttp;
import dev.xhsopenapi.server.testing.RawHttp.Answer;
import dev.xhsopenapi.server.testing.TestGateway;
import dev.xhsopenapi.upstream.sim.SimDataset;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;
import net.jqwik.api.statistics.Statistics;

/**
 * The public notes endpoint tried wholesale with bad input in its query string and headers: random
 * bytes (percent-encoded), over-long values, duplicated and unknown parameters, UTF-8 and control
 * characters, and every kind of {@code Authorization} header. Whatever arrives, the answer is the
 * JSON envelope with the status a model of the contract predicts (the HTTP layer's limits and
 * syntax, then authentication, then the parameters; 200 only when the request is in fact valid),
 * the same request id in the body and in {@code X-Request-Id}, and the balance moves by exactly one
 * credit for each 200 and by nothing otherwise.
 *
 * <p>Requests go over a raw socket, so that bytes an HTTP client would refuse to send (bare CRs,
 * control characters) reach the server.
 */
class PublicApiFuzzTest {
  private static final String UUID_V4 =
      "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";
  private static final List<String> USERS =
      SimDataset.generate(1).users().stream()
          .filter(u -> u.notes().size() > 10)
          .limit(3)
          .map(u -> u.userId())
          .toList();

  private Path dir;
  private TestGateway gw;
  private String account;
  private String key;

  @BeforeProperty
  void start() throws IOException {
    dir = Files.createTempDirectory("fuzz");
    gw = TestGateway.start(dir, Clock.systemUTC(), Map.of());
    account = gw.createAccount("fuzz", 1_000_000, 1_000_000);
    key = gw.createKey(account);
  }

  @AfterProperty
  void stop() throws IOException {
    gw.close();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  @Property(tries = 200)
  void everyAnswerIsTheEnvelope_withThePredictedStatus_andOnlyA200IsCharged(
      @ForAll("probes") Probe probe) {
    long before = balance();
    byte[] request = probe.request(key);

    Answer a;
    try {
      a = RawHttp.exchange(gw.gateway().port(), request);
    } catch (UncheckedIOException e) {
      throw new AssertionError("no answer to\n" + probe.describe(key), e);
    }

    Expected expected = probe.expected(key);
    Statistics.label("status").collect(expected.status());
    // The main kinds of answer are each reached, 200s included (each run draws afresh).
    Statistics.label("status")
        .coverage(
            c -> {
              for (int status : new int[] {200, 400, 401}) {
                c.check(status).count(n -> n > 0);
              }
            });
    String shown = probe.describe(key) + "\n -> " + a;
    assertThat(a.status()).as(shown).isEqualTo(expected.status());
    assertThat(a.header("Content-Type")).as(shown).startsWith("application/json");
    JsonNode body = a.json();
    assertThat(body.get("code").asInt()).as(shown).isEqualTo(expected.status());
    assertThat(body.get("request_id").asText()).as(shown).matches(UUID_V4);
    assertThat(a.all("X-Request-Id")).as(shown).containsExactly(body.get("request_id").asText());
    if (expected.status() == 200) {
      assertThat(fieldNames(body)).as(shown).containsExactly("code", "request_id", "data");
      assertThat(body.at("/data/data/notes").isArray()).as(shown).isTrue();
    } else {
      assertThat(fieldNames(body))
          .as(shown)
          .containsExactly("code", "request_id", "error", "message", "data");
      assertThat(body.get("error").asText()).as(shown).isEqualTo(expected.error());
      assertThat(body.get("message").asText()).as(shown).isNotBlank();
      assertThat(body.get("data").isNull()).as(shown).isTrue();
    }
    assertThat(before - balance()).as(shown).isEqualTo(expected.status() == 200 ? 1 : 0);
  }

  private long balance() {
    return gw.gateway().accounts().find(account).orElseThrow().balance();
  }

  private static List<String> fieldNames(JsonNode object) {
    List<String> out = new ArrayList<>();
    object.fieldNames().forEachRemaining(out::add);
    return out;
  }

  // ---------------------------------------------------------------- generators

  @Provide
  Arbitrary<Probe> probes() {
    // A well-formed cursor other than a page's own is the upstream's business (it may answer an
    // empty last page), so such probes are left out rather than modelled.
    Arbitrary<Probe> anything =
        Combinators.combine(params().list().ofMaxSize(6), auths(), headers().list().ofMaxSize(3))
            .as(Probe::new);
    return new Mix<Probe>()
        .add(2, anything)
        .add(1, nearlyValid())
        .build()
        .filter(p -> p.valuesOf("cursor").stream().noneMatch(c -> c.matches("[0-9a-f]{24}")));
  }

  private static Arbitrary<Param> params() {
    Arbitrary<byte[]> name =
        Arbitraries.oneOf(
            Arbitraries.of("user_id", "cursor").map(PublicApiFuzzTest::utf8),
            Arbitraries.of("USER_ID", "userid", "user_id ", "foo", "", "cursor[]", "名前")
                .map(PublicApiFuzzTest::utf8),
            bytes(0, 12));
    return Combinators.combine(
            name,
            new Mix<Value>()
                .add(15, values().map(v -> new Value(latin1(v), false)))
                // A broken percent escape, put into the raw query as is.
                .add(
                    1,
                    Arbitraries.of("%", "%4", "%G1", "%%41", "a%zz").map(v -> new Value(v, true)))
                .build(),
            Arbitraries.of(Encoding.class),
            Arbitraries.of(true, true, true, false))
        .as((n, v, e, w) -> new Param(latin1(n), v.bytes(), e, w, v.raw()));
  }

  /**
   * A well-formed request for a known user, with unknown parameters around it, maybe an empty
   * cursor, and any Authorization and harmless headers: so that 200s are common enough to count.
   */
  private static Arbitrary<Probe> nearlyValid() {
    Arbitrary<Param> unknown =
        Combinators.combine(
                Arbitraries.of("foo", "USER_ID", "userid", "cursor ", "x[]", "名前", ""),
                values(),
                Arbitraries.of(Encoding.class),
                Arbitraries.of(true, false))
            .as((n, v, e, w) -> new Param(latin1(utf8(n)), latin1(v), e, w, false));
    Arbitrary<Header> harmless =
        Arbitraries.strings()
            .withCharRange(' ', '~')
            .withChars('\t')
            .ofMaxLength(60)
            .map(Header::new);
    return Combinators.combine(
            Arbitraries.of(USERS),
            Arbitraries.of(Encoding.class),
            unknown.list().ofMaxSize(3),
            Arbitraries.integers().between(0, 3),
            Arbitraries.of(true, false),
            auths(),
            harmless.list().ofMaxSize(2))
        .as(
            (user, encoding, others, at, emptyCursor, auth, headers) -> {
              List<Param> params = new ArrayList<>(others);
              params.add(
                  Math.min(at, params.size()), new Param("user_id", user, encoding, true, false));
              if (emptyCursor) {
                params.add(new Param("cursor", "", encoding, true, false));
              }
              return new Probe(params, auth, headers);
            });
  }

  private static Arbitrary<byte[]> values() {
    Arbitrary<String> hex24 = Arbitraries.strings().withChars("0123456789abcdef").ofLength(24);
    return new Mix<byte[]>()
        .add(4, Arbitraries.of(USERS).map(PublicApiFuzzTest::utf8))
        .add(2, hex24.map(PublicApiFuzzTest::utf8))
        .add(2, hex24.map(s -> s.toUpperCase(Locale.ROOT)).map(PublicApiFuzzTest::utf8))
        .add(1, Arbitraries.just(new byte[0]))
        .add(
            2,
            Arbitraries.strings()
                .withCharRange('\u0000', '\u00ff')
                .withChars("小红书笔记😀")
                .ofMaxLength(40)
                .map(PublicApiFuzzTest::utf8))
        .add(2, bytes(1, 40))
        // Long, but the request line stays within 4096 bytes (or goes far past it).
        .add(1, Arbitraries.integers().between(100, 900).map(n -> utf8("f".repeat(n))))
        .add(1, Arbitraries.integers().between(4_500, 6_000).map(n -> utf8("a".repeat(n))))
        .build();
  }

  private static Arbitrary<Auth> auths() {
    return new Mix<Auth>()
        .add(6, Arbitraries.just(new Auth(AuthKind.VALID, "")))
        .add(1, Arbitraries.just(new Auth(AuthKind.MISSING, "")))
        .add(
            1,
            Arbitraries.of("bearer ", "BEARER ", "bEaReR ").map(s -> new Auth(AuthKind.SCHEME, s)))
        .add(
            1,
            Arbitraries.of("Basic ", "Token ", "Bearer\t", "Bearer", "", "Bearer:", "Bearerx ")
                .map(s -> new Auth(AuthKind.SCHEME, s)))
        .add(1, Arbitraries.of("  ", "\t", " \t  ").map(s -> new Auth(AuthKind.SPACES, s)))
        .add(
            1, Arbitraries.integers().between(0, 39).map(n -> new Auth(AuthKind.TRUNCATED, "" + n)))
        .add(
            2,
            Arbitraries.of("x", " x", "=", "\u00e9", "  extra", ",", "\u0001", "\r", "\u007f")
                .map(s -> new Auth(AuthKind.JUNK, s)))
        .add(1, Arbitraries.just(new Auth(AuthKind.TWICE, "")))
        .build();
  }

  private static Arbitrary<Header> headers() {
    Arbitrary<String> printable =
        Arbitraries.strings().withCharRange(' ', '~').withChars('\t').ofMaxLength(60);
    return new Mix<Header>()
        .add(4, printable.map(Header::new))
        .add(2, Arbitraries.of("小红书", "Grüße", "😀").map(s -> new Header(latin1(utf8(s)))))
        .add(
            1,
            Arbitraries.of("\u0000", "\u0001", "\u001b", "\u007f", "\u000b", "\r", "\n", "a\rb")
                .map(c -> new Header("x" + c + "y")))
        .add(1, Arbitraries.integers().between(17_000, 20_000).map(n -> new Header("p".repeat(n))))
        .build();
  }

  /** A weighted choice between generators. */
  private static final class Mix<T> {
    private final List<Tuple.Tuple2<Integer, Arbitrary<T>>> parts = new ArrayList<>();

    Mix<T> add(int weight, Arbitrary<T> arbitrary) {
      parts.add(Tuple.of(weight, arbitrary));
      return this;
    }

    Arbitrary<T> build() {
      return Arbitraries.frequencyOf(parts);
    }
  }

  private static Arbitrary<byte[]> bytes(int min, int max) {
    return Arbitraries.bytes().array(byte[].class).ofMinSize(min).ofMaxSize(max);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String latin1(byte[] b) {
    return new String(b, StandardCharsets.ISO_8859_1);
  }

  /** A parameter value: bytes to encode, or (raw) text to put into the query as it is. */
  record Value(String bytes, boolean raw) {}

  // ---------------------------------------------------------------- the probe and its model

  /** How a parameter's bytes are written into the query. */
  enum Encoding {
    /** Letters, digits and {@code -._~} as they are, the rest as {@code %XX}. */
    MINIMAL,
    /** Every byte as {@code %xx}. */
    EVERY_BYTE
  }

  /**
   * One query parameter: its name and value before encoding, as bytes (one ISO-8859-1 character
   * each), how they are encoded, whether it has an {@code =value} at all, and whether the value is
   * put into the query unencoded (a broken percent escape).
   */
  record Param(String name, String value, Encoding encoding, boolean withValue, boolean raw) {
    boolean rawValue() {
      return raw;
    }

    String encoded() {
      String n = encode(name, encoding);
      if (!withValue) {
        return n;
      }
      return n + "=" + (raw ? value : encode(value, encoding));
    }

    String decodedName() {
      return new String(name.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    }

    String decodedValue() {
      return new String(value.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    }

    private static String encode(String bytes, Encoding encoding) {
      StringBuilder out = new StringBuilder();
      for (int i = 0; i < bytes.length(); i++) {
        int c = bytes.charAt(i) & 0xff;
        boolean unreserved =
            (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || c == '-'
                || c == '.'
                || c == '_'
                || c == '~';
        if (encoding == Encoding.MINIMAL && unreserved) {
          out.append((char) c);
        } else {
          String hex = HexFormat.of().toHexDigits((byte) c);
          out.append('%').append(encoding == Encoding.MINIMAL ? hex.toUpperCase(Locale.ROOT) : hex);
        }
      }
      return out.toString();
    }
  }

  /** The kinds of {@code Authorization} header tried. */
  enum AuthKind {
    VALID,
    MISSING,
    /** {@code detail} is the scheme and separator put before the key. */
    SCHEME,
    /** {@code detail} is whitespace put around and inside {@code Bearer <key>}. */
    SPACES,
    /** {@code detail} is how many characters of the key are sent. */
    TRUNCATED,
    /** {@code detail} is appended to a valid key. */
    JUNK,
    /** Two headers: a wrong key first, then the valid one. */
    TWICE
  }

  /** One {@code Authorization} variant. */
  record Auth(AuthKind kind, String detail) {
    /** The header lines (zero, one or two), each a header value as ISO-8859-1 bytes. */
    List<String> values(String key) {
      return switch (kind) {
        case VALID -> List.of("Bearer " + key);
        case MISSING -> List.of();
        case SCHEME -> List.of(detail + key);
        case SPACES -> List.of(detail + "Bearer " + detail + key + detail);
        case TRUNCATED -> List.of("Bearer " + key.substring(0, Integer.parseInt(detail)));
        case JUNK -> List.of("Bearer " + key + latin1(utf8(detail)));
        case TWICE -> List.of("Bearer sk_live_" + "A".repeat(32), "Bearer " + key);
      };
    }
  }

  /** One unknown header's value, as ISO-8859-1 characters (one per byte on the wire). */
  record Header(String value) {}

  /** What the contract says the answer is. */
  record Expected(int status, String error) {}

  /** One request: its query parameters, its Authorization header(s) and other headers. */
  record Probe(List<Param> params, Auth auth, List<Header> headers) {
    String query() {
      return String.join("&", params.stream().map(Param::encoded).toList());
    }

    String requestLine() {
      return "GET " + PublicApi.NOTES_PATH + "?" + query() + " HTTP/1.1";
    }

    List<String> headerLines(String key) {
      List<String> lines = new ArrayList<>();
      lines.add("Host: 127.0.0.1");
      auth.values(key).forEach(v -> lines.add("Authorization: " + v));
      for (int i = 0; i < headers.size(); i++) {
        lines.add("X-Fuzz-" + i + ": " + headers.get(i).value());
      }
      lines.add("Connection: close");
      return lines;
    }

    byte[] request(String key) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      out.writeBytes((requestLine() + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
      for (String line : headerLines(key)) {
        out.writeBytes((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
      }
      out.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
      return out.toByteArray();
    }

    /** The model: the HTTP layer, then authentication, then the parameters, then the upstream. */
    Expected expected(String key) {
      // The HTTP layer: request line, query syntax, header syntax and size, in the order read.
      if (requestLine().length() + 2 > 4096) {
        return new Expected(414, "uri_too_long");
      }
      if (params.stream().anyMatch(p -> p.withValue() && p.rawValue())) {
        return new Expected(400, "invalid_param");
      }
      List<String> lines = headerLines(key);
      int headerBytes = 0;
      for (String line : lines) {
        headerBytes += line.length() + 2;
        if (!validHeaderValue(line.substring(line.indexOf(':') + 1))) {
          return new Expected(400, "invalid_param");
        }
        if (headerBytes > 16_384) {
          return new Expected(431, "headers_too_large");
        }
      }
      // Authentication, on the first Authorization header.
      List<String> auths = auth.values(key);
      if (auths.isEmpty() || !authenticates(auths.get(0).strip(), key)) {
        return new Expected(401, "invalid_api_key");
      }
      // The parameters, percent-decoded as UTF-8; a parameter without '=' has no value.
      List<String> userIds = valuesOf("user_id");
      List<String> cursors = valuesOf("cursor");
      if (userIds.size() != 1 || cursors.size() > 1) {
        return new Expected(400, "invalid_param");
      }
      String userId = userIds.get(0);
      String cursor = cursors.isEmpty() ? "" : cursors.get(0);
      if (!userId.matches("[0-9a-f]{24}")
          || !(cursor.isEmpty() || cursor.matches("[0-9a-f]{24}"))) {
        return new Expected(400, "invalid_param");
      }
      return USERS.contains(userId) ? new Expected(200, null) : new Expected(404, "user_not_found");
    }

    List<String> valuesOf(String name) {
      return params.stream()
          .filter(p -> p.withValue() && p.decodedName().equals(name))
          .map(Param::decodedValue)
          .toList();
    }

    /** Helidon's rule: after optional spaces and tabs, no control character but tab. */
    private static boolean validHeaderValue(String value) {
      String v = value.replaceAll("^[ \\t]+|[ \\t]+$", "");
      for (int i = 0; i < v.length(); i++) {
        char c = v.charAt(i);
        if (i == 0 ? c < '!' || c == 0x7f : (c < ' ' && c != '\t') || c == 0x7f) {
          return false;
        }
      }
      return true;
    }

    /** The gateway's rule: {@code Bearer} in any case, one space, then exactly the key. */
    private static boolean authenticates(String header, String key) {
      // Bytes past ASCII arrive as replacement characters: never part of a key.
      String value = header.replaceAll("^[ \\t]+|[ \\t]+$", "").strip();
      int space = value.indexOf(' ');
      if (space < 0 || !value.substring(0, space).equalsIgnoreCase("Bearer")) {
        return false;
      }
      String token = value.substring(space + 1).strip();
      return token.equals(key);
    }

    String describe(String key) {
      String line = requestLine();
      return (line.length() > 300 ? line.substring(0, 300) + "…(" + line.length() + ")" : line)
          + "\n"
          + String.join(
              "\n",
              headerLines(key).stream()
                  .map(h -> h.length() > 120 ? h.substring(0, 120) + "…(" + h.length() + ")" : h)
                  .map(h -> h.replace("\r", "\\r").replace("\n", "\\n"))
                  .toList());
    }
  }
}
