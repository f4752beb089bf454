package dev.xhsopenapi.server.console;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Password hashing with Argon2id, computed by Bouncy Castle's pure-Java Argon2 (no native library)
 * and stored in the standard PHC string form {@code $argon2id$v=19$m=…,t=…,p=…$salt$hash}, which
 * carries its own parameters so that they can be raised later without breaking stored hashes.
 *
 * <p>Each hash fills 19 MiB, so only a few run at once: a flood of sign-ins waits here instead of
 * exhausting the heap.
 */
final class Passwords {
  /** Shortest password accepted. */
  static final int MIN_LENGTH = 10;

  /** Longest password accepted; Argon2 takes any length, this only bounds the work. */
  static final int MAX_LENGTH = 200;

  // OWASP's recommended minimum for Argon2id: 19 MiB, 2 passes, 1 lane (about 50 ms here).
  private static final int MEMORY_KIB = 19 * 1024;
  private static final int ITERATIONS = 2;
  private static final int LANES = 1;
  private static final int SALT_BYTES = 16;
  private static final int HASH_BYTES = 32;
  // Bounds on parameters read back from the store, so that a tampered row cannot demand gigabytes.
  private static final int MAX_MEMORY_KIB = 1 << 20;
  private static final int MAX_ITERATIONS = 16;
  private static final int MAX_LANES = 16;

  private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
  private static final Base64.Decoder B64_DECODE = Base64.getDecoder();

  private final SecureRandom random = new SecureRandom();
  private final Semaphore running;
  // Made on first use rather than at start: start-up time is a target, a hash takes ~50 ms.
  private volatile String decoy;

  Passwords() {
    this.running = new Semaphore(Math.max(1, Runtime.getRuntime().availableProcessors()), true);
  }

  /** The PHC-form Argon2id hash of a password, with a fresh salt. */
  String hash(String password) {
    byte[] salt = new byte[SALT_BYTES];
    random.nextBytes(salt);
    byte[] hash =
        withPermit(() -> argon2(password, salt, MEMORY_KIB, ITERATIONS, LANES, HASH_BYTES));
    return "$argon2id$v=19$m="
        + MEMORY_KIB
        + ",t="
        + ITERATIONS
        + ",p="
        + LANES
        + "$"
        + B64.encodeToString(salt)
        + "$"
        + B64.encodeToString(hash);
  }

  /**
   * Whether the password matches the stored hash. A null hash (no such user, or no password set
   * yet) is checked against a decoy and fails, so the time taken does not tell which emails exist.
   */
  boolean matches(String password, String storedHash) {
    Phc phc = Phc.parse(storedHash == null ? decoy() : storedHash);
    byte[] computed =
        withPermit(
            () ->
                argon2(
                    password, phc.salt, phc.memoryKib, phc.iterations, phc.lanes, phc.hash.length));
    return MessageDigest.isEqual(computed, phc.hash) && storedHash != null;
  }

  private String decoy() {
    String d = decoy;
    if (d == null) {
      // Two threads may both make one; either serves.
      d = hash("decoy password that no one has");
      decoy = d;
    }
    return d;
  }

  private static byte[] argon2(
      String password, byte[] salt, int memoryKib, int iterations, int lanes, int length) {
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(
        new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
            .withVersion(Argon2Parameters.ARGON2_VERSION_13)
            .withSalt(salt)
            .withMemoryAsKB(memoryKib)
            .withIterations(iterations)
            .withParallelism(lanes)
            .build());
    byte[] out = new byte[length];
    generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
    return out;
  }

  /** A stored hash taken apart. */
  private static final class Phc {
    final int memoryKib;
    final int iterations;
    final int lanes;
    final byte[] salt;
    final byte[] hash;

    private Phc(int memoryKib, int iterations, int lanes, byte[] salt, byte[] hash) {
      this.memoryKib = memoryKib;
      this.iterations = iterations;
      this.lanes = lanes;
      this.salt = salt;
      this.hash = hash;
    }

    static Phc parse(String encoded) {
      String[] parts = encoded.split("\\$", -1);
      if (parts.length != 6 || !parts[1].equals("argon2id") || !parts[2].equals("v=19")) {
        throw new IllegalStateException("a stored password hash is not Argon2id v19");
      }
      int m = 0;
      int t = 0;
      int p = 0;
      for (String param : parts[3].split(",", -1)) {
        int eq = param.indexOf('=');
        int value = Integer.parseInt(param.substring(eq + 1));
        switch (param.substring(0, Math.max(0, eq))) {
          case "m" -> m = value;
          case "t" -> t = value;
          case "p" -> p = value;
          default -> throw new IllegalStateException("unknown Argon2 parameter " + param);
        }
      }
      if (m < 8 || m > MAX_MEMORY_KIB || t < 1 || t > MAX_ITERATIONS || p < 1 || p > MAX_LANES) {
        throw new IllegalStateException("a stored password hash has unusable parameters");
      }
      return new Phc(m, t, p, B64_DECODE.decode(parts[4]), B64_DECODE.decode(parts[5]));
    }
  }

  private <T> T withPermit(Supplier<T> work) {
    try {
      if (!running.tryAcquire(10, TimeUnit.SECONDS)) {
        throw PageError.busy();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw PageError.busy();
    }
    try {
      return work.get();
    } finally {
      running.release();
    }
  }
}
