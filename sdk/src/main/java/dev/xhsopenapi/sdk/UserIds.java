package dev.xhsopenapi.sdk;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a Xiaohongshu user id from what people paste: the id itself, or the link to the profile,
 * with whatever whitespace, query or share text came along. The API itself takes only the id (24
 * lowercase hex characters); this class is for the text a person gives a program.
 */
public final class UserIds {
  /** A user id as the API takes it. */
  private static final Pattern ID = Pattern.compile("[0-9a-f]{24}");

  private static final Pattern HEX_ID = Pattern.compile("(?i)[0-9a-f]{24}");

  /** The 小红书号 shown on a profile: digits only. */
  private static final Pattern RED_ID = Pattern.compile("[0-9]{5,20}");

  private static final String HOST =
      "(?:[a-z0-9-]+\\.)*(?:xiaohongshu|rednote)\\.com(?::[0-9]{1,5})?";

  private static final String SCHEME = "(?:(?:https?:)?//)?";

  /** A whole profile link; group 1 is the path segment after {@code /user/profile/}. */
  private static final Pattern PROFILE =
      Pattern.compile("(?i)" + SCHEME + HOST + "/user/profile/([^/?#]*)(?:[/?#].*)?");

  /** A profile link inside other text (the app's share text); group 1 as above. */
  private static final Pattern PROFILE_IN_TEXT =
      Pattern.compile("(?i)https?://" + HOST + "/user/profile/([0-9a-z]*)");

  private static final Pattern SHORT_LINK =
      Pattern.compile("(?i)" + SCHEME + "(?:[a-z0-9-]+\\.)*xhslink\\.com(?:[:/?#].*)?");

  private static final Pattern SHORT_LINK_IN_TEXT =
      Pattern.compile("(?i)https?://(?:[a-z0-9-]+\\.)*xhslink\\.com");

  /** A link to a note: {@code /explore/<id>} or {@code /discovery/item/<id>}. */
  private static final Pattern NOTE_LINK =
      Pattern.compile(
          "(?i)(?:" + SCHEME + "|.*https?://)" + HOST + "/(?:explore|discovery/item)/.*");

  private static final Pattern SITE_LINK =
      Pattern.compile("(?i)(?:" + SCHEME + "|.*https?://)" + HOST + "(?:[/?#].*)?");

  private static final String WHAT_TO_PASTE =
      "paste the profile link (on the profile: Share → Copy link, such as"
          + " https://www.xiaohongshu.com/user/profile/5b0ed1a4e8ac2b5a8f2b6c1d) or the"
          + " 24-character user id";

  /** How much of the input a message quotes. */
  private static final int SHOWN = 100;

  /** Longer text is no link a person pasted; it is not searched. */
  private static final int LONGEST = 4096;

  private UserIds() {}

  /**
   * Reads a user id from pasted text.
   *
   * <p>Whitespace anywhere is dropped first (spaces, tabs, line breaks, full-width and no-break
   * spaces, zero-width characters and a byte-order mark), then quotes or angle brackets around the
   * whole text. These forms are accepted:
   *
   * <ul>
   *   <li>the id: 24 hex characters, such as {@code 5b0ed1a4e8ac2b5a8f2b6c1d}; upper-case hex is
   *       lower-cased;
   *   <li>a profile link, {@code https://www.xiaohongshu.com/user/profile/<id>}, with or without
   *       {@code http(s)://}, on any {@code xiaohongshu.com} or {@code rednote.com} host, its query
   *       ({@code ?xsec_token=…&xsec_source=pc_note}) and fragment ignored;
   *   <li>the profile link of a note, {@code …/user/profile/<id>/<note id>}: the user's id, never
   *       the note's;
   *   <li>text with such a link inside, starting {@code http://} or {@code https://}, as the app's
   *       share text has it.
   * </ul>
   *
   * @param input the text as pasted
   * @return the user id, 24 lowercase hex characters ({@code [0-9a-f]{24}})
   * @throws InvalidUserIdException when no user id can be read, with a message that names what was
   *     given and what to paste instead: for a 小红书号 (red id: digits only, 5 to 20 of them, the
   *     number shown on the profile), an {@code xhslink.com} short link (open it in a browser
   *     first), a link to a note or another page, a profile link without a valid id, empty text and
   *     anything else
   * @throws NullPointerException when {@code input} is null
   */
  public static String parse(String input) {
    Objects.requireNonNull(input, "input");
    String text = unwrap(withoutWhitespace(input));
    String shown = shown(input);
    if (text.isEmpty()) {
      throw new InvalidUserIdException(
          input, InvalidUserIdException.Kind.EMPTY, "no user id given: " + WHAT_TO_PASTE);
    }
    if (text.length() > LONGEST) {
      throw new InvalidUserIdException(
          input,
          InvalidUserIdException.Kind.UNRECOGNISED,
          "'" + shown + "' (" + text.length() + " characters) is not a user id: " + WHAT_TO_PASTE);
    }
    if (HEX_ID.matcher(text).matches()) {
      return text.toLowerCase(Locale.ROOT);
    }
    if (RED_ID.matcher(text).matches()) {
      throw new InvalidUserIdException(
          input,
          InvalidUserIdException.Kind.RED_ID,
          "'"
              + shown
              + "' looks like a 小红书号 (red id), the number shown on the profile; the API"
              + " needs the user id instead: "
              + WHAT_TO_PASTE);
    }
    Matcher profile = PROFILE.matcher(text);
    if (profile.matches()) {
      return profileId(input, shown, profile.group(1));
    }
    if (SHORT_LINK.matcher(text).matches()) {
      throw shortLink(input, shown);
    }
    Matcher inText = PROFILE_IN_TEXT.matcher(text);
    if (inText.find()) {
      return profileId(input, shown, inText.group(1));
    }
    if (SHORT_LINK_IN_TEXT.matcher(text).find()) {
      throw shortLink(input, shown);
    }
    if (NOTE_LINK.matcher(text).matches()) {
      throw new InvalidUserIdException(
          input,
          InvalidUserIdException.Kind.NOT_A_PROFILE_LINK,
          "'"
              + shown
              + "' is a link to a note, not to a profile: open the author's profile from the note"
              + " and "
              + WHAT_TO_PASTE);
    }
    if (SITE_LINK.matcher(text).matches()) {
      throw new InvalidUserIdException(
          input,
          InvalidUserIdException.Kind.NOT_A_PROFILE_LINK,
          "'"
              + shown
              + "' is a Xiaohongshu link but not to a profile (…/user/profile/<id>): "
              + WHAT_TO_PASTE);
    }
    throw new InvalidUserIdException(
        input,
        InvalidUserIdException.Kind.UNRECOGNISED,
        "'" + shown + "' is not a Xiaohongshu user id: " + WHAT_TO_PASTE);
  }

  private static String profileId(String input, String shown, String segment) {
    String id = segment.toLowerCase(Locale.ROOT);
    if (ID.matcher(id).matches()) {
      return id;
    }
    throw new InvalidUserIdException(
        input,
        InvalidUserIdException.Kind.BAD_PROFILE_LINK,
        "the profile link '"
            + shown
            + "' has "
            + (segment.isEmpty() ? "nothing" : "'" + segment + "'")
            + " where the 24-character user id belongs after /user/profile/; copy the link"
            + " again (Share → Copy link) or give the user id");
  }

  private static InvalidUserIdException shortLink(String input, String shown) {
    return new InvalidUserIdException(
        input,
        InvalidUserIdException.Kind.SHORT_LINK,
        "'"
            + shown
            + "' is an xhslink.com short link, which only a browser can follow: open it in a"
            + " browser first, then paste the profile link it leads to"
            + " (https://www.xiaohongshu.com/user/profile/…) or the 24-character user id");
  }

  /** The text without any whitespace: ids and links never hold any. */
  private static String withoutWhitespace(String s) {
    StringBuilder out = new StringBuilder(s.length());
    s.codePoints().filter(c -> !blank(c)).forEach(out::appendCodePoint);
    return out.toString();
  }

  /** Whitespace, a space of any width, or an invisible character that pasting carries along. */
  private static boolean blank(int c) {
    return Character.isWhitespace(c)
        || Character.isSpaceChar(c)
        || c == '\u200B'
        || c == '\u200C'
        || c == '\u200D'
        || c == '\u2060'
        || c == '\uFEFF';
  }

  /** The text without the quotes or angle brackets around it. */
  private static String unwrap(String s) {
    String quotes = "\"'“”‘’「」<>《》";
    int start = 0;
    int end = s.length();
    while (start < end && quotes.indexOf(s.charAt(start)) >= 0) {
      start++;
    }
    while (end > start && quotes.indexOf(s.charAt(end - 1)) >= 0) {
      end--;
    }
    return s.substring(start, end);
  }

  /** The input for a message: trimmed, and cut short when long. */
  private static String shown(String input) {
    int start = 0;
    int end = input.length();
    while (start < end && blank(input.charAt(start))) {
      start++;
    }
    while (end > start && blank(input.charAt(end - 1))) {
      end--;
    }
    String s = input.substring(start, end).replaceAll("\\s+", " ");
    return s.length() <= SHOWN ? s : s.substring(0, SHOWN) + "…";
  }
}
