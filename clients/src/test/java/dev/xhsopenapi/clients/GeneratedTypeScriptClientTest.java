package dev.xhsopenapi.clients;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The TypeScript client that openapi-generator's {@code typescript-fetch} makes from {@code
 * /openapi.json} is whole: every relative import of its sources names a file it generated (a schema
 * the generator cannot model, such as {@code type: 'null'}, shows up as an import of a {@code
 * ./Null} module that is never written).
 */
class GeneratedTypeScriptClientTest {
  /** {@code import … from './x'}, {@code export * from '../x'}, {@code import './x'}. */
  private static final Pattern RELATIVE_IMPORT =
      Pattern.compile("(?:\\bfrom|^\\s*import)\\s+['\"](\\.{1,2}/[^'\"]+)['\"]", Pattern.MULTILINE);

  @Test
  void everyRelativeImport_resolvesToAGeneratedFile() throws IOException {
    Path client = GeneratedClients.dir("typescript-fetch");
    List<String> unresolved = new ArrayList<>();
    int imports = 0;
    List<Path> sources;
    try (Stream<Path> files = Files.walk(client)) {
      sources = files.filter(f -> f.toString().endsWith(".ts")).sorted().toList();
    }
    for (Path source : sources) {
      Matcher m = RELATIVE_IMPORT.matcher(Files.readString(source, StandardCharsets.UTF_8));
      while (m.find()) {
        imports++;
        String target = m.group(1);
        if (!resolves(source.getParent(), target)) {
          unresolved.add(client.relativize(source) + " imports '" + target + "'");
        }
      }
    }

    assertThat(unresolved).isEmpty();
    assertThat(sources).contains(client.resolve("apis/NotesApi.ts"), client.resolve("index.ts"));
    assertThat(sources)
        .as("the notes item and the page are models of their own")
        .contains(client.resolve("models/Note.ts"), client.resolve("models/NotesPage.ts"));
    // Each model imports the runtime and the models it uses: far more than one per file.
    assertThat(imports).isGreaterThan(sources.size());
  }

  @Test
  void thePage_offersNotesAndNoteListAsNotes() throws IOException {
    String page =
        Files.readString(
            GeneratedClients.dir("typescript-fetch").resolve("models/NotesPage.ts"),
            StandardCharsets.UTF_8);

    assertThat(page).contains("notes?: Array<Note>;").contains("noteList?: Array<Note>;");
  }

  private static boolean resolves(Path from, String target) {
    Path base = from.resolve(target).normalize();
    return Stream.of(
            base,
            base.resolveSibling(base.getFileName() + ".ts"),
            base.resolveSibling(base.getFileName() + ".d.ts"),
            base.resolve("index.ts"))
        .anyMatch(Files::isRegularFile);
  }
}
