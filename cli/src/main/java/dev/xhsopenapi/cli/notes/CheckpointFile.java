package dev.xhsopenapi.cli.notes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * The checkpoint beside an output file ({@code <out>.checkpoint}), replaced atomically: written to
 * a temporary file, synced, then renamed over the old one, so that a reader sees the old state or
 * the new one, never a mix.
 */
final class CheckpointFile {
  private static final ObjectMapper JSON =
      new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

  private final Path file;
  private final Path temp;

  CheckpointFile(Path output) {
    Path name = output.getFileName();
    this.file = output.resolveSibling(name + ".checkpoint");
    this.temp = output.resolveSibling(name + ".checkpoint.tmp");
  }

  /** Where the checkpoint lives. */
  Path path() {
    return file;
  }

  /** The saved checkpoint, if there is one. */
  Optional<Checkpoint> load() throws IOException {
    try {
      return Optional.of(JSON.readValue(Files.readAllBytes(file), Checkpoint.class));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (JsonProcessingException e) {
      throw new IOException(
          file + " is not a checkpoint of this program: " + e.getOriginalMessage(), e);
    }
  }

  /** Replaces the saved checkpoint. */
  void save(Checkpoint checkpoint) throws IOException {
    // Plain streams, not channels: an interrupt must not close the file half-written.
    try (FileOutputStream out = new FileOutputStream(temp.toFile())) {
      out.write(JSON.writeValueAsBytes(checkpoint));
      out.getFD().sync();
    }
    try {
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
