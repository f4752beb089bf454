/**
 * The Java client of the xhs-openapi gateway (and of any SpiderHubs-compatible OpenAPI): the notes
 * a Xiaohongshu user posted, page by page or as one lazy stream, and the calling account.
 *
 * <p>Build one {@link dev.xhsopenapi.sdk.XhsOpenApiClient} and share it. It retries what is worth
 * retrying, waits out {@code 429} answers, and paces itself from the rate-limit headers so that a
 * long walk stays inside the account's limit; what still fails arrives as a subclass of {@link
 * dev.xhsopenapi.sdk.XhsOpenApiException} carrying the status, the error string and the request id.
 *
 * <pre>{@code
 * try (XhsOpenApiClient client =
 *     XhsOpenApiClient.builder()
 *         .baseUrl("http://127.0.0.1:8080")
 *         .apiKey(System.getenv("XHS_OPENAPI_KEY"))
 *         .build()) {
 *   // Every note, lazily: pages are fetched as the stream is consumed, each note once.
 *   client.notes("5efdeba4000000000101e7e6")
 *       .forEach(note -> System.out.println(note.id() + "\t" + note.likedCount().orElse(0)
 *           + "\t" + note.title()));
 *
 *   // Or page by page, keeping the cursor to continue later.
 *   String cursor = "";
 *   NotesPage page;
 *   do {
 *     page = client.page("5efdeba4000000000101e7e6", cursor);
 *     page.notes().forEach(note -> store(note.raw()));
 *     cursor = page.cursor();
 *   } while (page.hasMore() && !page.notes().isEmpty());
 * } catch (InsufficientCreditsException e) {
 *   System.err.println(e.getMessage() + " (request " + e.requestId() + ")");
 * }
 * }</pre>
 *
 * <p>{@link dev.xhsopenapi.sdk.XhsOpenApiClient#pages(String, String)} walks on from a saved cursor
 * with the same stop rules as {@code notes}: the last page, an empty page, or a repeated cursor.
 */
package dev.xhsopenapi.sdk;
