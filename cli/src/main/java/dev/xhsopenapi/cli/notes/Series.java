package dev.xhsopenapi.cli.notes;

import dev.xhsopenapi.sdk.Note;
import dev.xhsopenapi.sdk.NoteDetail;
import dev.xhsopenapi.sdk.NotesPage;
import dev.xhsopenapi.sdk.XhsOpenApiClient;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Which endpoints {@code notes} walks and enriches with: the App series ({@code app/get_user_notes}
 * and {@code app/get_note_info}) or the web series ({@code web_v3/fetch_user_notes}, 30 notes a
 * page, and {@code web_v3/fetch_note_detail}, which needs each note's {@code xsec_token}).
 */
enum Series {
  /** The App series, the seed's endpoint. */
  APP,
  /** The web series. */
  WEB;

  /** The series named {@code app} or {@code web}. */
  static Series named(String name) {
    for (Series s : values()) {
      if (s.wire().equals(name.strip().toLowerCase(Locale.ROOT))) {
        return s;
      }
    }
    throw new IllegalArgumentException("series must be app or web, got '" + name + "'");
  }

  /** The name on the command line and in the checkpoint. */
  String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The pages of {@code user} after {@code cursor}, lazily. */
  Stream<NotesPage> pages(XhsOpenApiClient client, String user, String cursor) {
    return switch (this) {
      case APP -> client.pages(user, cursor);
      case WEB -> client.webPages(user, cursor, XhsOpenApiClient.WEB_PAGE_SIZE);
    };
  }

  /**
   * The detail of {@code note}, one paid call; empty without a call when the web note carries no
   * {@code xsec_token} to ask with.
   */
  Optional<NoteDetail> detail(XhsOpenApiClient client, Note note) {
    return switch (this) {
      case APP -> Optional.of(client.note(note.id()));
      case WEB -> note.xsecToken().map(token -> client.noteDetail(note.id(), token));
    };
  }
}
