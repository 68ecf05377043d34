//! One normalised line in, a clutter verdict out: `Some(reason)` when the line
//! is web-page furniture whatever surrounds it, `None` when only its context
//! can tell (the head and tail passes in `structure` decide those).
//!
//! Structural signals come first (repeated-fragment debris, hex hashes,
//! separator-heavy navigation, counters); the short phrase patterns below
//! are a fallback for furniture whose only mark is its wording.

use std::sync::LazyLock;

use regex::Regex;

use super::bytes;
use super::guard::{Cue, Guarded, Scanned};
use super::lines::{capitalised_share, ends_sentence, word_count, word_count_up_to};

/// Lines longer than this are prose or data, never page furniture: skipping
/// them keeps huge single-line inputs linear and cheap.
const MAX_FURNITURE_BYTES: usize = 1200;

/// Reason for a "Updated 14:02 GMT" line.
pub(crate) const TIMESTAMP: &str = "timestamp";
/// Reason for a "© Outlet 2008" line.
pub(crate) const COPYRIGHT_LINE: &str = "copyright line";
/// Reason for a "Home > World > Europe" line.
pub(crate) const BREADCRUMB: &str = "breadcrumb navigation";
/// Reason for a button or label word standing alone ("Share", "Menu").
pub(crate) const WIDGET: &str = "page widget text";
/// Reason for a line made of icon-font class names or similar repeated fragments.
pub(crate) const DEBRIS: &str = "icon-font debris";

static COPYRIGHT: LazyLock<Guarded> = LazyLock::new(|| {
    Guarded::new(
        Cue::Copyright,
        r"(?i)^(?:copyright\b|©|\(c\)\s*\d{4})|\ball rights reserved\b|©\s*\d{4}",
    )
});
static ARCHIVE_FOOTER: LazyLock<Guarded> = LazyLock::new(|| {
    Guarded::new(
        Cue::ArchiveFooter,
        r"(?i)\b(?:pipermail|mhonarc|mailman|this archive was generated|unsubscribe|mailing list)\b",
    )
});
static SHARE_PROMPT: LazyLock<Guarded> = LazyLock::new(|| {
    Guarded::new(
        Cue::SharePrompt,
        r"(?i)\b(?:share (?:this|it with)\b|share on(?:\s*$|\s+(?:facebook|twitter|x|linkedin|whatsapp|reddit|pinterest|email|social)\b)|like this (?:story|article)|tweet this|email this|with a friend|follow (?:us|me|him|her|them) (?:on|at)\b|click here)",
    )
});
static APPEAL_CUE: LazyLock<Guarded> = LazyLock::new(|| {
    Guarded::new(
        Cue::Appeal,
        r"(?i)\b(?:sign(?:ing)? up|subscri(?:be|ption|bers?)|newsletters?|donat(?:e|ion|ions|ing)|tax-deductible|inbox|support (?:our|us|independent)|become a (?:member|subscriber|supporter|patron)|join us|our (?:journalism|reporting|newsroom)|reader support|free trial|paywall)\b",
    )
});
static COOKIE_NOTICE: LazyLock<Guarded> = LazyLock::new(|| {
    Guarded::new(
        Cue::CookieNotice,
        r"(?i)\bcookies?\b.*\b(?:accept|consent|privacy|experience|browsing|settings|preferences)\b|\b(?:accept|reject|manage)(?: all)? cookies\b",
    )
});
static SOCIAL_COUNT: LazyLock<Guarded> = LazyLock::new(|| {
    Guarded::new(
        Cue::SocialCount,
        r"(?i)^(?:[\d.,]+\s*[km]?\s+(?:shares?|likes?|comments?|views?|reads?|reactions?|retweets?|claps?)\b[\s·|•,]*)+$",
    )
});
static RECOMMENDATION: LazyLock<Guarded> = LazyLock::new(|| {
    Guarded::new(
        Cue::Recommendation,
        r"(?i)^(?:also on|also read|read more|read also|see also|more from|more on this|you may also like|you might also like|recommended(?: for you)?|related(?: stories| articles| coverage| content)?|most (?:read|popular|viewed)|trending|watch|listen)\b\s*[:\-–—|]?",
    )
});
static BARE_DOMAIN: LazyLock<Guarded> = LazyLock::new(|| {
    Guarded::new(
        Cue::BareDomain,
        r"(?i)(?:^|[\s(])(?:https?://)?(?:www\.)?[a-z0-9-]+\.(?:com|org|net|info|news|co\.uk|io|tv)\b(?:/\S*)?",
    )
});
static TIMESTAMP_LINE: LazyLock<Guarded> = LazyLock::new(|| {
    Guarded::new(
        Cue::TimestampLine,
        r"(?i)^(?:updated|published|posted|last updated|first published|modified)\b[^.!?]{0,60}\d[^.!?]{0,40}$",
    )
});
static READING_WIDGET: LazyLock<Guarded> = LazyLock::new(|| {
    Guarded::new(
        Cue::ReadingWidget,
        r"(?i)^(?:\d+\s*(?:-|–)?\s*min(?:ute)?s?\s+(?:read|listen)|listen to this (?:article|story)\b.*|print this (?:article|page)|font size\b.*|text size\b.*)$",
    )
});
static TRACKING_HASH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^[^\p{L}\p{N}]*[0-9a-f]{20,}[^\p{L}\p{N}]*$").expect("valid regex")
});

/// Furniture phrases that are never prose, wherever they stand.
const UNAMBIGUOUS_WIDGETS: &[&str] = &[
    "advertisement",
    "advertising",
    "sponsored content",
    "paid content",
    "skip to content",
    "skip to main content",
    "back to top",
    "continue reading",
    "continue reading below",
    "story continues below advertisement",
    "article continues below",
    "scroll to continue",
    "show comments",
    "view comments",
    "load more",
    "enlarge this image",
    "click to enlarge",
    "enlarge image",
];

/// Furniture words that could also be a hard-wrapped fragment of prose, so
/// they count only when they stand alone between blank lines.
const ISOLATED_WIDGETS: &[&str] = &[
    "loading",
    "menu",
    "search",
    "close",
    "share",
    "print",
    "email",
    "comments",
    "subscribe",
    "sign in",
    "log in",
    "login",
    "register",
    "read more",
    "show more",
    "more",
    "next",
    "previous",
    "home",
    "top",
    "photo",
    "video",
    "audio",
    "listen",
    "watch",
    "sponsored",
    // A break the page sets inside the article, around an ad or a box.
    "continue reading",
    "continue reading the main story",
    "story continues below",
    "article continues below",
    "story continues below advertisement",
];

/// Language names as they appear in a site's language switcher.
const LANGUAGE_NAMES: &[&str] = &[
    "english",
    "français",
    "francais",
    "español",
    "espanol",
    "deutsch",
    "italiano",
    "português",
    "portugues",
    "русский",
    "العربية",
    "عربي",
    "فارسی",
    "türkçe",
    "turkce",
    "中文",
    "简体中文",
    "繁體中文",
    "日本語",
    "한국어",
    "nederlands",
    "polski",
    "svenska",
    "українська",
    "עברית",
    "हिन्दी",
    "bahasa",
    "kurdî",
    "کوردی",
    "arabic",
    "french",
    "spanish",
    "german",
    "russian",
    "chinese",
    "en",
    "fr",
    "es",
    "de",
    "ar",
    "ru",
];

/// A verdict for a line on its own: `Some(reason)` when it is clutter anywhere.
pub(crate) fn line_clutter(line: Scanned) -> Option<&'static str> {
    let text = line.text;
    if text.len() > MAX_FURNITURE_BYTES {
        return is_fragment_debris(text).then_some(DEBRIS);
    }
    if is_one_of(text, UNAMBIGUOUS_WIDGETS) {
        return Some("page widget text");
    }
    if TRACKING_HASH.is_match(text) {
        return Some("tracking hash");
    }
    if COPYRIGHT.is_match(line) {
        return Some(COPYRIGHT_LINE);
    }
    if ARCHIVE_FOOTER.is_match(line) {
        return Some("archive footer");
    }
    if COOKIE_NOTICE.is_match(line) {
        return Some("cookie notice");
    }
    if SOCIAL_COUNT.is_match(line) {
        return Some("social counter");
    }
    if READING_WIDGET.is_match(line) {
        return Some("page widget text");
    }
    if is_fragment_debris(text) {
        return Some(DEBRIS);
    }
    if is_navigation(text) {
        return Some(BREADCRUMB);
    }
    if TIMESTAMP_LINE.is_match(line) {
        return Some(TIMESTAMP);
    }
    if !starts_quoted(text) {
        if SHARE_PROMPT.is_match(line) {
            return Some("share prompt");
        }
        if is_appeal(line) {
            return Some("newsletter or donation appeal");
        }
        if is_recommendation(line) {
            return Some("recommendation link");
        }
    }
    None
}

/// A verdict for a line that stands alone between blank lines (or the file's edges).
pub(crate) fn isolated_clutter(text: &str) -> Option<&'static str> {
    if text.len() > 80 {
        return None;
    }
    let bare = bare_phrase(text);
    if ISOLATED_WIDGETS.contains(&bare.as_str()) {
        return Some("page widget text");
    }
    let is_language_list = !bare.is_empty()
        && text
            .split(|c: char| c.is_whitespace() || matches!(c, '|' | '/' | '·' | '•' | ','))
            .filter(|word| !word.is_empty())
            .all(|word| LANGUAGE_NAMES.contains(&word.to_lowercase().as_str()));
    if is_language_list {
        return Some("language selector");
    }
    None
}

/// Reason for another story's summary that ends in a link to it.
pub(crate) const TEASER: &str = "teaser of another story";

/// A summary cut off by a link to the story it sums up ("... in the
/// process. Read More", "... the vote. Read more »"): a teaser, since an
/// article's own paragraph does not link onwards to itself.
pub(crate) fn is_read_more_teaser(text: &str) -> bool {
    let bare = text.trim_end_matches(['»', '›', '>', '→', '…', '.', ' ', '\u{a0}']);
    let cut = bare.len().saturating_sub("read more".len());
    let link = bare.get(cut..).filter(|_| bare.is_char_boundary(cut));
    link.is_some_and(|link| link.eq_ignore_ascii_case("read more")) && {
        let before = bare[..cut].trim_end();
        before.ends_with(['.', '!', '?', '…', '”', '"']) && word_count_up_to(before, 6) >= 5
    }
}

/// Does the text speak in the publisher's voice ("we", "our", "us") outside any quote?
pub(crate) fn is_publisher_voice(text: &str) -> bool {
    if text.contains(['“', '”', '"']) {
        return false;
    }
    text.split_whitespace()
        .filter(|word| {
            let bare = word
                .trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase();
            matches!(bare.as_str(), "we" | "our" | "us" | "you" | "your")
        })
        .count()
        >= 2
}

/// Does the text carry at least one appeal cue (subscribe, donate, newsletter, ...)?
pub(crate) fn has_appeal_cue(text: &str) -> bool {
    text.len() <= MAX_FURNITURE_BYTES && APPEAL_CUE.is_match(Scanned::new(text))
}

/// Two distinct appeal cues in one line make it a newsletter or donation appeal.
fn is_appeal(line: Scanned) -> bool {
    let text = line.text;
    let mut cues: Vec<String> = APPEAL_CUE
        .find_iter(line)
        .map(|found| found.as_str().to_lowercase())
        .collect();
    cues.sort();
    cues.dedup();
    cues.len() >= 2 || (cues.len() == 1 && line.words <= 8 && !ends_sentence(text))
}

/// A pointer to another story: a "Read more:"-style label, or a headline with a bare domain.
fn is_recommendation(line: Scanned) -> bool {
    let text = line.text;
    if ends_sentence(text) || line.words > 30 {
        return false;
    }
    let labelled = RECOMMENDATION
        .find(line)
        .map(|label| {
            let rest = &text[label.end()..];
            // "Watch" or "Related" followed by a prose clause is not a label.
            rest.is_empty()
                || label
                    .as_str()
                    .trim_end()
                    .ends_with([':', '-', '–', '—', '|'])
                || capitalised_share(rest) >= 0.5
                || BARE_DOMAIN.is_match(Scanned::new(rest))
        })
        .unwrap_or(false);
    labelled || (BARE_DOMAIN.is_match(line) && !text.contains('@'))
}

/// "Home > World > Middle East", "News | Politics | Economy": short segments between separators.
fn is_navigation(text: &str) -> bool {
    const SEPARATORS: [char; 7] = ['>', '›', '»', '|', '/', '•', '·'];
    // Three segments need two separators, and most lines hold fewer. Every
    // separator ends in one of these bytes, so counting the bytes is a
    // quick bound on the separators.
    let separator_ends = bytes::count(text.as_bytes(), |byte| {
        (byte == b'>')
            | (byte == b'|')
            | (byte == b'/')
            | (byte == 0xBA)
            | (byte == 0xBB)
            | (byte == 0xA2)
            | (byte == 0xB7)
    });
    if separator_ends < 2 {
        return false;
    }
    let segments: Vec<&str> = text.split(SEPARATORS).map(str::trim).collect();
    segments.len() >= 3
        && segments.iter().all(|segment| {
            !segment.is_empty() && word_count(segment) <= 4 && !ends_sentence(segment)
        })
        && capitalised_share(text) >= 0.5
}

/// A long run of words that mostly share one fragment at their start or end
/// ("icon bookmark-bicon bookmarkicon cameraicon ..."): the class names of
/// an icon font, not prose.
fn is_fragment_debris(text: &str) -> bool {
    // Fewer than eight words never show a pattern: not worth reading their letters.
    if ends_sentence(text) || word_count_up_to(text, 8) < 8 {
        return false;
    }
    // The first few hundred words are enough to see the pattern.
    let mut fragments: Vec<[char; 4]> = Vec::new();
    let mut letters: Vec<char> = Vec::new();
    let mut words = 0;
    for word in text.split_whitespace().take(300) {
        words += 1;
        let Some((prefix, suffix)) = first_and_last_letters(word, &mut letters) else {
            continue;
        };
        if prefix != suffix {
            fragments.push(suffix);
        }
        fragments.push(prefix);
    }
    fragments.sort_unstable();
    let most_shared = fragments
        .chunk_by(|a, b| a == b)
        .map(<[[char; 4]]>::len)
        .max()
        .unwrap_or(0);
    most_shared * 2 >= words
}

/// The first four and the last four letters of `word`, lower-cased, if it
/// has four. `letters` is scratch space for a word outside ASCII.
fn first_and_last_letters(word: &str, letters: &mut Vec<char>) -> Option<([char; 4], [char; 4])> {
    if !word.is_ascii() {
        letters.clear();
        letters.extend(
            word.chars()
                .filter(|c| c.is_alphabetic())
                .flat_map(char::to_lowercase),
        );
        return Some((*letters.first_chunk()?, *letters.last_chunk()?));
    }
    // An ASCII letter is one letter lower-cased: only the ends need reading.
    let mut ascii_letters = word
        .bytes()
        .filter(u8::is_ascii_alphabetic)
        .map(|byte| char::from(byte.to_ascii_lowercase()));
    let mut prefix = ['\0'; 4];
    for slot in &mut prefix {
        *slot = ascii_letters.next()?;
    }
    let mut suffix = ['\0'; 4];
    let mut from_end = word
        .bytes()
        .rev()
        .filter(u8::is_ascii_alphabetic)
        .map(|byte| char::from(byte.to_ascii_lowercase()));
    for slot in suffix.iter_mut().rev() {
        *slot = from_end.next()?;
    }
    Some((prefix, suffix))
}

fn starts_quoted(text: &str) -> bool {
    text.starts_with(super::lines::OPENING_QUOTES)
}

/// Is the line, lower-cased and without surrounding punctuation, one of the
/// lower-case ASCII `phrases`? The same answer as looking up `bare_phrase`,
/// without building it for every line.
fn is_one_of(text: &str, phrases: &[&str]) -> bool {
    let bare = text.trim_matches(|c: char| !c.is_alphanumeric());
    phrases.iter().any(|phrase| {
        // Lower-casing shrinks a character at most threefold (the 3-byte
        // Kelvin sign becomes `k`), so a longer text cannot become the phrase.
        // Per-character lower-casing differs from `str::to_lowercase` only
        // for a final sigma, which no ASCII phrase holds either way.
        bare.len() <= 3 * phrase.len()
            && bare.chars().flat_map(char::to_lowercase).eq(phrase.chars())
    })
}

/// The line lower-cased, without surrounding punctuation or ellipses.
fn bare_phrase(text: &str) -> String {
    text.trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clutter_anywhere() {
        let cases: &[(&str, Option<&str>)] = &[
            ("icon bookmark-bicon bookmarkicon cameraicon checkicon chevron downicon chevron lefticon fbicon fileicon", Some(DEBRIS)),
            ("Copyright ©2024 Some Company, Inc. All Rights Reserved. 87990cbe856818d5eddac44c7b1cdeb8", Some("copyright line")),
            ("© 2023 Example Media Group", Some("copyright line")),
            ("87990cbe856818d5eddac44c7b1cdeb8", Some("tracking hash")),
            ("This archive was generated by a fusion of Pipermail (Mailman edition) and MHonArc.", Some("archive footer")),
            ("Like this story? Share it with a friend!", Some("share prompt")),
            ("Share on Facebook", Some("share prompt")),
            // A price per share is reporting ("$8 a share on Oct. 9").
            ("The stock fell from a price of $8 a share on Oct. 9.", None),
            ("It will exchange one share of stock for each common share it doesn't own.", None),
            ("Fight disinformation: Sign up for the free Daily newsletter and follow the news that matters.", Some("newsletter or donation appeal")),
            ("Help our reporters dig deep with a tax-deductible donation.", Some("newsletter or donation appeal")),
            ("Sign up for our free newsletter", Some("newsletter or donation appeal")),
            ("We use cookies to improve your browsing experience. Accept all", Some("cookie notice")),
            ("1.2k shares", Some("social counter")),
            ("340 comments · 1.2k shares", Some("social counter")),
            ("Home > World > Middle East", Some("breadcrumb navigation")),
            ("Also on example.com Parliament passes resolution asking government to cancel request", Some("recommendation link")),
            ("Read more: Floods displace thousands in the delta", Some("recommendation link")),
            ("Updated 14:02 GMT", Some("timestamp")),
            ("5 min read", Some("page widget text")),
            ("Advertisement", Some("page widget text")),
            // Prose stays.
            ("The minister said the plan would take years to complete.", None),
            ("“We will sign up for anything that brings peace,” she said.", None),
            ("Related coverage of the talks was scarce in the state media.", None),
            ("leave Iraq", None),
            ("Christian Science Monitor", None),
            ("English", None),
            ("Loading", None),
        ];
        for (text, expected) in cases {
            assert_eq!(line_clutter(Scanned::new(text)), *expected, "{text:?}");
        }
    }

    #[test]
    fn clutter_when_alone() {
        let cases: &[(&str, Option<&str>)] = &[
            ("English", Some("language selector")),
            ("English | Français | العربية", Some("language selector")),
            ("Loading", Some("page widget text")),
            ("Loading…", Some("page widget text")),
            ("Security Council", None),
            ("El Pais", None),
        ];
        for (text, expected) in cases {
            assert_eq!(isolated_clutter(text), *expected, "{text:?}");
        }
    }

    #[test]
    fn lower_casing_shrinks_a_character_at_most_threefold() {
        for character in (0..=0x10FFFF).filter_map(char::from_u32) {
            let lower: usize = character.to_lowercase().map(char::len_utf8).sum();
            assert!(3 * lower >= character.len_utf8(), "{character:?}");
        }
    }

    #[test]
    fn navigation_separators_end_in_the_counted_bytes() {
        for separator in ['>', '›', '»', '|', '/', '•', '·'] {
            let last = separator.to_string().bytes().last();
            assert!(
                matches!(last, Some(b'>' | b'|' | b'/' | 0xBA | 0xBB | 0xA2 | 0xB7)),
                "{separator:?}"
            );
        }
    }

    #[test]
    fn widget_phrases_are_lower_case_ascii() {
        for phrase in UNAMBIGUOUS_WIDGETS {
            assert!(
                phrase
                    .bytes()
                    .all(|b| b.is_ascii() && !b.is_ascii_uppercase()),
                "{phrase:?}"
            );
        }
    }

    #[test]
    fn first_and_last_letters_as_the_whole_lower_cased_word_gives() {
        for word in [
            "icon",
            "bookmark-bicon",
            "Ab1c",
            "abc",
            "x-y-z-w",
            "ÉCOLE",
            "İstanbul",
            "a.b.c.d.e",
            "12345",
        ] {
            let letters: Vec<char> = word
                .chars()
                .filter(|c| c.is_alphabetic())
                .flat_map(char::to_lowercase)
                .collect();
            let expected = letters
                .first_chunk()
                .copied()
                .zip(letters.last_chunk().copied());
            assert_eq!(
                first_and_last_letters(word, &mut Vec::new()),
                expected,
                "{word:?}"
            );
        }
    }

    #[test]
    fn huge_lines_are_cheap_and_safe() {
        let huge = "The minister said the plan would work. ".repeat(250_000);
        assert_eq!(line_clutter(Scanned::new(&huge)), None);
        let debris = "xicon ".repeat(500_000);
        assert_eq!(line_clutter(Scanned::new(&debris)), Some(DEBRIS));
    }
}
