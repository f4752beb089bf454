package dev.xhsopenapi.upstream.sim;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/** A dataset file that cannot be used, with the place in it that is wrong and why. */
public final class InvalidDatasetException extends IOException {
  private static final long serialVersionUID = 1L;

  private final transient Path file;
  private final String problem;

  /** Creates the exception for {@code file}; {@code problem} names the place and the fault. */
  public InvalidDatasetException(Path file, String problem) {
    super(file + ": " + problem);
    this.file = Objects.requireNonNull(file, "file");
    this.problem = Objects.requireNonNull(problem, "problem");
  }

  /** The dataset file. */
  public Path file() {
    return file;
  }

  /** What is wrong and where, without the file name. */
  public String problem() {
    return problem;
  }
}
