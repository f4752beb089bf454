package dev.xhsopenapi.server.ratelimit;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * A Lua script from the class path, run by its SHA-1 so that a decision sends the digest, not the
 * source.
 *
 * @param source the script's text
 * @param sha the SHA-1 Redis files the script under in its script cache
 */
record RedisScript(String source, String sha) {
  /** Reads the script at {@code resource} on the class path. */
  static RedisScript fromResource(String resource) {
    try (InputStream in = RedisScript.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing script on the class path: " + resource);
      }
      return of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read script " + resource, e);
    }
  }

  /** Wraps {@code source}, computing its digest locally as Redis does. */
  static RedisScript of(String source) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-1").digest(source.getBytes(StandardCharsets.UTF_8));
      return new RedisScript(source, HexFormat.of().formatHex(digest));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK provides SHA-1", e);
    }
  }

  /** Puts the script into Redis's cache; Redis compiles it, so a broken script fails here. */
  void load(RedisCommands<String, String> commands) {
    commands.scriptLoad(source);
  }

  /** Runs the script on one key and returns its array reply. */
  List<?> run(RedisCommands<String, String> commands, String key, String... args) {
    return run(commands, List.of(key), args);
  }

  /** Runs the script on its keys and returns its array reply. */
  List<?> run(RedisCommands<String, String> commands, List<String> keyList, String... args) {
    String[] keys = keyList.toArray(String[]::new);
    try {
      return commands.evalsha(sha, ScriptOutputType.MULTI, keys, args);
    } catch (RedisNoScriptException e) {
      // Redis restarted or failed over since load(): EVAL sends the source and caches it again.
      return commands.eval(source, ScriptOutputType.MULTI, keys, args);
    }
  }
}
