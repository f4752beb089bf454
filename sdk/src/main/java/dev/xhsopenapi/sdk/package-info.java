/**
 * The Java client of the xhs-openapi gateway (and of any SpiderHubs-compatible OpenAPI): the notes
 * a Xiaohongshu user posted (App or web series), page by page or as one lazy stream, a note's
 * detail, user search, the home feed, the hot-inspiration feed, the calling account, and creator
 * watches with their webhooks. {@link dev.xhsopenapi.sdk.Endpoint} lists the endpoints; {@link
 * dev.xhsopenapi.sdk.XhsOpenApiClient#call(dev.xhsopenapi.sdk.Endpoint, java.util.Map)} calls any
 * of them untyped.
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
 *   } while (!page.last());
 * } catch (IncompleteWalkException e) {
 *   // Every answer was fine, but the pages could not be followed to the end: try again later.
 *   System.err.println(e.getMessage() + "; continue from cursor " + e.cursor());
 * } catch (InsufficientCreditsException e) {
 *   System.err.println(e.getMessage() + " (request " + e.requestId() + ")");
 * }
 * }</pre>
 *
 * <p>{@link dev.xhsopenapi.sdk.XhsOpenApiClient#pages(String, String)} walks on from a saved cursor
 * with the same rules as {@code notes}: it ends on the page that says {@code has_more:false}, and
 * throws {@link dev.xhsopenapi.sdk.IncompleteWalkException} when the pages say more follow but
 * cannot be followed (a repeated cursor, no cursor, too many empty pages in a row). {@link
 * dev.xhsopenapi.sdk.UserIds#parse(String)} turns what people paste (a profile link, an id with
 * spaces) into the user id these calls take.
 *
 * <p>{@link dev.xhsopenapi.sdk.XhsOpenApiClient#watches()} manages creator watches: the gateway
 * polls a creator's notes and pushes each new one to a webhook; {@link dev.xhsopenapi.sdk.Webhooks}
 * verifies those webhooks' signatures on the receiving side, and {@link
 * dev.xhsopenapi.sdk.WatchEvent#parse(byte[])} reads their bodies.
 */
package dev.xhsopenapi.sdk;
