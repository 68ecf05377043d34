//! Word lists that tell people from everything else: folded words in, yes/no out.
//!
//! Every list is general English or general naming knowledge (titles, role
//! nouns, speech verbs, organisation words, months), never names taken from a
//! particular text. The bundled files under `data/` (first names, short forms
//! of given names, places) are parsed once on first use.

use std::borrow::Cow;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

/// The comparison form of one word: transliterated, lower case, without a
/// trailing period or surrounding punctuation ("Maj." -> "maj", "José" -> "jose").
pub fn word_key(word: &str) -> String {
    word_key_of(word).into_owned()
}

/// [`word_key`] that borrows from `word` when it is already folded, as most
/// lower-case words of running text are, so tokenizing allocates only for
/// capitalised and non-ASCII words.
pub fn word_key_of(word: &str) -> Cow<'_, str> {
    /// `word` without the chars around it that are not ASCII letters or
    /// digits. Such a byte never sits inside a multi-byte char, so the
    /// positions found byte by byte are char boundaries.
    fn trim(word: &str) -> &str {
        let bytes = word.as_bytes();
        let Some(first) = bytes.iter().position(u8::is_ascii_alphanumeric) else {
            return "";
        };
        let last = bytes
            .iter()
            .rposition(u8::is_ascii_alphanumeric)
            .unwrap_or(first);
        word.get(first..=last).unwrap_or_default()
    }
    // Most words are lower-case ASCII: one look and they are their own key.
    if word
        .bytes()
        .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
    {
        return Cow::Borrowed(trim(word));
    }
    // Other ASCII words skip transliteration.
    if word.is_ascii() {
        let trimmed = trim(word);
        if trimmed.bytes().any(|b| b.is_ascii_uppercase()) {
            Cow::Owned(trimmed.to_ascii_lowercase())
        } else {
            Cow::Borrowed(trimmed)
        }
    } else {
        Cow::Owned(trim(&deunicode::deunicode(word)).to_ascii_lowercase())
    }
}

/// A multiply-rotate hash that reads eight bytes at a time (the one of
/// `rustc-hash`): the word lists are fixed and their keys short, so a plain
/// hash is safe here and far cheaper than the default SipHash, which every
/// token of every text pays several times.
#[derive(Default)]
pub struct WordHasher(u64);

impl WordHasher {
    fn mix(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0xf135_7aea_2e62_a9c5);
    }
}

impl Hasher for WordHasher {
    fn finish(&self) -> u64 {
        // The multiply mixes upwards: bring the well-mixed high bits down to
        // where the table takes its bucket index.
        self.0.rotate_left(26)
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0; 8];
            word.copy_from_slice(chunk);
            self.mix(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0; 8];
            word[..rest.len()].copy_from_slice(rest);
            self.mix(u64::from_le_bytes(word));
        }
    }

    fn write_u8(&mut self, byte: u8) {
        self.mix(u64::from(byte));
    }
}

/// Words of a title written before a name ("Prime Minister", "Maj. Gen.", "Mr.").
const TITLE_WORDS: &str =
    "prime minister president vice secretary undersecretary general gen maj major \
     colonel col lieutenant lt sergeant sgt captain capt admiral adm commander cmdr \
     ayatollah grand sheikh shaikh imam king queen prince princess pope cardinal \
     senator sen rep representative governor gov mayor judge justice chancellor \
     ambassador spokesman spokeswoman spokesperson speaker chairman chairwoman chair \
     director dr mr mrs ms mme mister sir dame lord lady rev reverend premier chief \
     deputy assistant envoy administrator defense defence state foreign interior \
     ministry emir sultan sayyed sayyid marshal field brigadier brig corporal cpl \
     private pvt professor prof detective inspector superintendent officer agent \
     attorney councillor councilman councilwoman congressman congresswoman \
     president-elect commissioner treasurer comptroller sheriff magistrate alderman \
     alderwoman councilor archbishop rabbi registrar tsar czar emperor empress \
     pharaoh caliph khan";

/// Honorifics that make the next capitalised word a person on their own.
const HONORIFICS: &str = "mr mrs ms mme mister dr sir dame miss messrs";

/// Lower-case nouns that name a person's role ("analyst Jane Doe", "Jane Doe, a teacher").
const ROLE_NOUNS: &str = "analyst analysts journalist author cleric teacher spokesman spokeswoman \
     spokesperson official leader commander adviser advisor envoy representative \
     administrator speaker minister president general colonel officer diplomat \
     ambassador professor researcher economist lawyer attorney judge senator lawmaker \
     activist reporter correspondent editor photographer writer novelist poet singer \
     actor actress player coach director chairman chairwoman chief founder executive \
     mayor governor candidate student doctor nurse farmer soldier militant resident \
     worker engineer scientist historian expert scholar artist businessman \
     businesswoman entrepreneur prosecutor secretary undersecretary deputy aide \
     negotiator mediator lieutenant sergeant captain priest imam rabbi bishop pastor \
     monk sheikh ayatollah physician surgeon pilot driver owner shopkeeper vendor \
     mother father son daughter wife husband brother sister widow neighbor neighbour \
     strategist commentator columnist blogger lecturer fellow organizer organiser \
     campaigner protester demonstrator politician premier commissioner consultant \
     contractor veteran survivor witness victim mp treasurer surveyor architect \
     planner accountant auditor sheriff magistrate manager counsel filmmaker producer \
     screenwriter playwright composer designer musician dancer painter sculptor athlete \
     striker goalkeeper midfielder defender winger referee chef banker investor trader \
     broker financier philanthropist billionaire tycoon magnate ceo cofounder co-founder \
     presenter broadcaster comedian rapper guitarist drummer biographer translator \
     inventor astronaut explorer missionary suspect defendant plaintiff inmate hostage \
     refugee volunteer";

/// Verbs that make the capitalised run before (or after) them a speaker.
const SPEECH_VERBS: &str =
    "said says told tells argued argues added adds asked asks wrote writes explained \
     explains insisted insists cautioned cautions believes believed stated states noted \
     notes warned warns claimed claims declared declares replied replies recalled \
     recalls urged urges admitted admits conceded concedes acknowledged acknowledges \
     suggested suggests responded responds commented comments remarked remarks \
     testified testifies denied denies thinks thought predicted predicts stressed \
     stresses emphasised emphasized complained complains confirmed confirms recounted \
     spoke speaks agreed agrees criticized criticised tweeted posted reported reports \
     quipped joked shouted whispered recommended vowed pledged";

/// Words that make a capitalised run an organisation, a place, an event or a work.
const ORGANISATION_WORDS: &str =
    "office ministry ministries forces force movement party agreement council authority \
     commission center centre weekly daily news post times journal monitor press \
     agency department service services framework coalition resistance army navy \
     corps group state states union nations university institute foundation company \
     inc ltd corp co llc bank forum command operations security bloc square street \
     road avenue airport base gulf sea strait river mountains mountain republic \
     kingdom emirates administration government parliament congress senate house \
     court church mosque hospital school college club team brigade brigades division \
     regiment battalion committee embassy consulate network channel tv radio magazine \
     newsletter review herald tribune images photos photo pictures organization \
     organisation association society alliance federation fund council assembly \
     program programme project initiative campaign conference summit treaty accord \
     war revolution crisis museum library airlines airways group \
     holdings industries corporation media broadcasting studios records festival \
     award prize cup league championship olympics games world international national \
     global east west north south middle islamic democratic republican socialist \
     communist liberal conservative labour labor caucus \
     police militia militias province county district region city town village \
     valley island islands bay ocean lake desert plain bridge tower palace \
     stadium hotel market exchange council's europe europeans america americas \
     administrations hills harbor harbour heights springs falls beach creek \
     canyon circuit oblast empire dynasty castle cathedral abbey station tech";

/// Capitalised words that start sentences or headlines but never start a name.
const STOP_WORDS: &str =
    "a an the and but or nor so yet for as at by in on of to from with without within \
     into onto upon over under between among through during before after since until \
     while when whenever if unless although though even also still then now last next \
     this that these those his her hers their our my your its he she they we i you it \
     there here some many most all each every no not any both either neither such \
     according following despite like unlike beyond why what who whom where how which \
     whose meanwhile however instead thus hence dear today yesterday tomorrow prior \
     having being regardless just only more less much few several other another same \
     once twice first second third new old mother father sister brother uncle aunt \
     holy great little big sign subscribe share follow read watch listen click support \
     help join get save write contact copyright loading search short link photo \
     photograph credit source sources update updated editor's note advertisement \
     related recommended more easier harder better worse please thanks thank welcome \
     yes okay ok oh well indeed perhaps maybe certainly nevertheless nonetheless \
     furthermore moreover besides otherwise therefore accordingly consequently \
     similarly likewise specifically notably particularly especially ultimately \
     eventually finally initially earlier later soon again already always never often \
     sometimes usually rather quite very too top up down out off away back \
     hi hello hey cheers regards greetings congratulations poor good morning \
     afternoon evening p.s two three four five six seven eight nine ten dozens \
     hundreds thousands";

/// Words that make the capitalised run after them a place ("San Jose", "Fort Worth").
const PLACE_PREFIXES: &str =
    "san santa santo sao st saint port fort mount mt monte lake cape new los las el la le \
     les upper lower greater";

/// Adjectives of nationality, religion or region that precede titles and names.
const DEMONYMS: &str =
    "iraqi iraqis iranian iranians american americans british spanish spaniards \
     israeli israelis palestinian palestinians syrian syrians turkish russian russians \
     ukrainian chinese japanese french german germans italian italians european \
     arab arabs kurdish kurd kurds shia shiite shiites sunni sunnis muslim muslims \
     christian christians jewish catholic egyptian saudi lebanese jordanian kuwaiti \
     afghan pakistani indian african asian western eastern northern southern central \
     canadian australian mexican brazilian polish dutch swedish greek korean \
     qatari emirati yemeni libyan tunisian algerian moroccan sudanese somali \
     ethiopian nigerian armenian georgian azerbaijani bulgarian albanian hungarian \
     romanian serbian croatian bosnian roman us u.s uk u.k un u.n eu";

/// Month and weekday names, full and abbreviated: dates, never names.
const CALENDAR_WORDS: &str =
    "january february march april may june july august september october november \
     december jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday \
     thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun";

// Name particles are looked up for nearly every lower-case word of a text,
// so they are compared as numbers rather than hashed or compared as strings.

/// A list of words of two to seven bytes, each held as one number (its
/// bytes and its length). Nearly every word asked about is not on the list,
/// and a bit per pair of first two letters turns most of those away at once;
/// the others are a binary search over a few numbers, where a `match` on
/// strings would compare the word with every listed word of its length.
pub struct ShortWords<const N: usize> {
    /// One bit per (first byte, second byte), each taken modulo 32.
    openings: [u64; 16],
    /// The words' numbers ([`short_code`]), sorted.
    codes: [u64; N],
}

impl<const N: usize> ShortWords<N> {
    /// The list, made at compile time. A word of under two or over seven bytes does not compile.
    pub const fn new(words: [&str; N]) -> Self {
        let mut openings = [0u64; 16];
        let mut codes = [0u64; N];
        let mut index = 0;
        while index < N {
            let word = words[index].as_bytes();
            assert!(word.len() >= 2, "a short word has at least two bytes");
            match short_code(word) {
                Some(code) => codes[index] = code,
                None => panic!("a short word has at most seven bytes"),
            }
            let opening = opening_of(word[0], word[1]);
            openings[opening / 64] |= 1 << (opening % 64);
            index += 1;
        }
        // Insertion sort: `sort` is not available in a constant.
        let mut sorted = 1;
        while sorted < N {
            let mut at = sorted;
            while at > 0 && codes[at - 1] > codes[at] {
                let swap = codes[at - 1];
                codes[at - 1] = codes[at];
                codes[at] = swap;
                at -= 1;
            }
            sorted += 1;
        }
        ShortWords { openings, codes }
    }

    /// True when `word` is on the list.
    pub fn contains(&self, word: &str) -> bool {
        let bytes = word.as_bytes();
        let [first, second, ..] = *bytes else {
            return false;
        };
        let opening = opening_of(first, second);
        self.openings[opening / 64] & (1 << (opening % 64)) != 0
            && short_code(bytes).is_some_and(|code| self.codes.binary_search(&code).is_ok())
    }
}

/// Which bit of [`ShortWords::openings`] stands for a word's first two bytes.
const fn opening_of(first: u8, second: u8) -> usize {
    (first as usize % 32) * 32 + second as usize % 32
}

/// `word` as one number: its length in the low byte, its bytes above; `None`
/// past seven bytes. Distinct words of up to seven bytes get distinct numbers.
const fn short_code(word: &[u8]) -> Option<u64> {
    if word.len() > 7 {
        return None;
    }
    let mut code = word.len() as u64;
    let mut index = 0;
    while index < word.len() {
        code |= (word[index] as u64) << (8 * (index + 1));
        index += 1;
    }
    Some(code)
}

/// Name particles written in lower case as words of their own inside a name
/// ("Bashar al Assad", "de Mello"); English words such as "as" or "an" are left out.
static PARTICLE_WORDS: ShortWords<23> = ShortWords::new([
    "al", "el", "bin", "ibn", "bint", "abu", "de", "del", "della", "der", "den", "van", "von",
    "da", "di", "du", "dos", "das", "la", "le", "ter", "ten", "zu",
]);

/// Particles glued to a name with a hyphen ("al-", "as-", "ash-", "el-").
static GLUED_PARTICLE_WORDS: ShortWords<13> = ShortWords::new([
    "al", "el", "ad", "as", "ash", "ar", "an", "at", "az", "ul", "ed", "es", "er",
]);

/// Generation marks written after a surname.
static NAME_SUFFIXES: ShortWords<5> = ShortWords::new(["jr", "sr", "ii", "iii", "iv"]);

fn is_particle_word(key: &str) -> bool {
    PARTICLE_WORDS.contains(key)
}

fn is_glued_particle_word(key: &str) -> bool {
    GLUED_PARTICLE_WORDS.contains(key)
}

/// Lower-case nouns after a capitalised word that make it a thing named after a
/// person ("the Bush administration"), which is not the person.
const NAMED_AFTER_NOUNS: &str =
    "administration administrations government governments era doctrine campaign \
     cabinet presidency regime family foundation center centre plan camp loyalists \
     supporters doctrine years era's";

/// Family names of China, Hong Kong, Taiwan, Korea and Vietnam, which are
/// written first ("Chen Zhiwei", "Park Ji-hoon", "Nguyen Thi Hoa"). Words
/// that are also common English words ("he", "ma", "do", "oh", "hong") are
/// left out: they would make an English phrase look like a name.
const FAMILY_FIRST_NAMES: &str =
    "chen wang li zhang liu yang huang zhao wu zhou xu sun zhu hu guo lin luo gao \
     zheng liang xie tang feng deng cao peng zeng xiao tian dong pan yuan cai jiang \
     yu du ye cheng wei su lu ding ren shen yao jin fu tan lam chan wong cheung leung \
     kwok tsang chow lau yip tse ng mak chiu fung kwan lai lui siu yeung chu chung \
     kim lee park choi jung kang cho yoon jang lim shin seo kwon hwang ahn jeon \
     nguyen tran le pham hoang huynh vu vo dang bui ngo duong ly chiang teng hsu \
     tsai kuo hsieh";

/// Endings of surnames in many languages (Slavic, Turkish, Greek, Georgian,
/// Armenian, Persian, Spanish, Italian, Japanese, Nordic): the last word of
/// a name of two or more words with one of them is a surname.
const SURNAME_ENDINGS: &[&str] = &[
    "ovic", "evic", "enko", "shvili", "dze", "oglu", "opoulos", "poulos", "akis", "idis", "sson",
    "wicz", "ski", "ska", "sky", "ovich", "evich", "ova", "eva", "ov", "ev", "yan", "zadeh",
    "nejad", "pour", "ez", "elli", "etti", "ucci", "ini", "moto", "mura", "yama", "kawa", "uchi",
    "vili", "escu", "ovski", "ovska",
];

/// True when the folded last word of a name ends like a surname (see
/// [`SURNAME_ENDINGS`]) and is long enough not to be a short English word.
pub fn has_surname_ending(key: &str) -> bool {
    key.len() >= 5 && SURNAME_ENDINGS.iter().any(|ending| key.ends_with(ending))
}

/// Words before a name that belong to a photo credit or caption, never to
/// the name ("Enlarge This Image Doug Mills", "Ahmed Mohamed Image").
const CREDIT_WORDS: &str = "image images photo photos picture video enlarge writing reporting \
     editing file courtesy illustration graphic";

/// Given names, one folded word each per line (`#` starts a comment line).
const FIRST_NAMES: &str = include_str!("data/first_names.txt");

/// Given names of the US Census (see `data/README.md`), in the same format.
const GIVEN_NAMES_CENSUS: &str = include_str!("data/given_names_census.txt");

/// Lone words that are places, in the same format.
const PLACES: &str = include_str!("data/places.txt");

/// The word lists a folded word is on, as bits, so that one lookup answers
/// every question the name rules ask about a token ([`classes_of`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Classes(u16);

impl Classes {
    pub const TITLE: Classes = Classes(1);
    pub const HONORIFIC: Classes = Classes(1 << 1);
    pub const ROLE_NOUN: Classes = Classes(1 << 2);
    pub const SPEECH_VERB: Classes = Classes(1 << 3);
    pub const ORGANISATION: Classes = Classes(1 << 4);
    pub const STOP: Classes = Classes(1 << 5);
    pub const PLACE_PREFIX: Classes = Classes(1 << 6);
    pub const DEMONYM: Classes = Classes(1 << 7);
    pub const CALENDAR: Classes = Classes(1 << 8);
    pub const WEEKDAY: Classes = Classes(1 << 9);
    pub const NAMED_AFTER: Classes = Classes(1 << 10);
    pub const FIRST_NAME: Classes = Classes(1 << 11);
    pub const PLACE: Classes = Classes(1 << 12);
    pub const FAMILY_FIRST: Classes = Classes(1 << 13);
    pub const CREDIT_WORD: Classes = Classes(1 << 14);
    /// A given name of the US Census list: evidence only as a name's first word.
    pub const GIVEN_NAME: Classes = Classes(1 << 15);

    /// True when the word is on `list` (one of the constants).
    pub fn has(self, list: Classes) -> bool {
        self.0 & list.0 != 0
    }
}

/// Every listed word with the lists it is on.
static CLASSES: LazyLock<HashMap<&'static str, Classes, BuildHasherDefault<WordHasher>>> =
    LazyLock::new(|| {
        let lists = [
            (TITLE_WORDS, Classes::TITLE),
            (HONORIFICS, Classes::HONORIFIC),
            (ROLE_NOUNS, Classes::ROLE_NOUN),
            (SPEECH_VERBS, Classes::SPEECH_VERB),
            (ORGANISATION_WORDS, Classes::ORGANISATION),
            (STOP_WORDS, Classes::STOP),
            (PLACE_PREFIXES, Classes::PLACE_PREFIX),
            (DEMONYMS, Classes::DEMONYM),
            (CALENDAR_WORDS, Classes::CALENDAR),
            (NAMED_AFTER_NOUNS, Classes::NAMED_AFTER),
            (FIRST_NAMES, Classes::FIRST_NAME),
            (PLACES, Classes::PLACE),
            (FAMILY_FIRST_NAMES, Classes::FAMILY_FIRST),
            (CREDIT_WORDS, Classes::CREDIT_WORD),
            (GIVEN_NAMES_CENSUS, Classes::GIVEN_NAME),
        ];
        let mut classes = HashMap::default();
        for (list, class) in lists {
            let words = list
                .lines()
                .filter(|line| !line.starts_with('#'))
                .flat_map(str::split_whitespace);
            for word in words {
                let entry: &mut Classes = classes.entry(word).or_default();
                entry.0 |= class.0;
            }
        }
        for (word, entry) in classes.iter_mut() {
            let short_weekday = matches!(
                *word,
                "mon" | "tue" | "tues" | "wed" | "thu" | "thur" | "thurs" | "fri" | "sat" | "sun"
            );
            if entry.has(Classes::CALENDAR) && (word.ends_with("day") || short_weekday) {
                entry.0 |= Classes::WEEKDAY.0;
            }
        }
        classes
    });

/// The lists the folded word `key` is on.
pub fn classes_of(key: &str) -> Classes {
    CLASSES.get(key).copied().unwrap_or_default()
}

type NicknameMap = HashMap<&'static str, Vec<&'static str>, BuildHasherDefault<WordHasher>>;

/// Short form or variant -> the canonical given names it can stand for
/// ("pat" -> patrick, patricia), from `data/nicknames.txt`.
static NICKNAMES: LazyLock<NicknameMap> = LazyLock::new(|| {
    let mut map = NicknameMap::default();
    for line in include_str!("data/nicknames.txt").lines() {
        if line.starts_with('#') {
            continue;
        }
        if let Some((canonical, variants)) = line.split_once(':') {
            let canonical = canonical.trim();
            for variant in variants.split_whitespace() {
                map.entry(variant).or_default().push(canonical);
            }
        }
    }
    map
});

/// True for a word of a title ("minister", "gen", "ayatollah").
pub fn is_title_word(key: &str) -> bool {
    classes_of(key).has(Classes::TITLE)
}

/// True for "mr", "dr" and the like.
pub fn is_honorific(key: &str) -> bool {
    classes_of(key).has(Classes::HONORIFIC)
}

/// True for a lower-case role noun ("analyst", "teacher").
pub fn is_role_noun(key: &str) -> bool {
    classes_of(key).has(Classes::ROLE_NOUN)
}

/// True for a verb of saying ("said", "told").
pub fn is_speech_verb(key: &str) -> bool {
    classes_of(key).has(Classes::SPEECH_VERB)
}

/// True for a word that marks organisations, places or events.
pub fn is_organisation_word(key: &str) -> bool {
    classes_of(key).has(Classes::ORGANISATION)
}

/// True for a function word or common sentence opener.
pub fn is_stop_word(key: &str) -> bool {
    classes_of(key).has(Classes::STOP)
}

/// True for a word that starts a place name.
pub fn is_place_prefix(key: &str) -> bool {
    classes_of(key).has(Classes::PLACE_PREFIX)
}

/// True for an adjective of nationality or faith ("Iraqi", "Shiite").
pub fn is_demonym(key: &str) -> bool {
    classes_of(key).has(Classes::DEMONYM)
}

/// True for a month or weekday name.
pub fn is_calendar_word(key: &str) -> bool {
    classes_of(key).has(Classes::CALENDAR)
}

/// True for a weekday name, which is never part of a personal name (months
/// can be: "Theresa May", "Jan Hatzius", "June Carter").
pub fn is_weekday(key: &str) -> bool {
    classes_of(key).has(Classes::WEEKDAY)
}

/// "Jr", "Sr", "II": generation marks written after a surname.
pub fn is_name_suffix(key: &str) -> bool {
    NAME_SUFFIXES.contains(key) || regnal_number(key).is_some()
}

/// The value of a regnal number written after a name ("ii" of "Ramesses
/// II", "vi" of "Paul VI", "x" of "Malcolm X"), from 2 to 39. A lone "i"
/// is left out: after a name it is far more often the pronoun.
pub fn regnal_number(key: &str) -> Option<u32> {
    if key.is_empty() || key.len() > 6 || key == "i" {
        return None;
    }
    let value_of = |c: char| match c {
        'i' => Some(1),
        'v' => Some(5),
        'x' => Some(10),
        _ => None,
    };
    let values: Vec<u32> = key.chars().map(value_of).collect::<Option<_>>()?;
    let mut total: i64 = 0;
    for (at, &value) in values.iter().enumerate() {
        match values.get(at + 1) {
            Some(&next) if next > value => total -= i64::from(value),
            _ => total += i64::from(value),
        }
    }
    let total = u32::try_from(total).ok().filter(|t| (2..40).contains(t))?;
    // Only the canonical spelling: "iiii" and "vx" are not numerals.
    (roman(total) == key).then_some(total)
}

/// The canonical lower-case Roman numeral of `value` (under 40).
fn roman(mut value: u32) -> String {
    let mut out = String::new();
    for (amount, letters) in [(10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")] {
        while value >= amount {
            out.push_str(letters);
            value -= amount;
        }
    }
    out
}

/// Nouns that take a Roman numeral after them as a part or a rank, not a
/// person's regnal number ("Phase II", "World War II", "Title IX").
pub fn is_numbered_thing(key: &str) -> bool {
    matches!(
        key,
        "part"
            | "chapter"
            | "section"
            | "article"
            | "volume"
            | "book"
            | "act"
            | "scene"
            | "phase"
            | "type"
            | "class"
            | "stage"
            | "category"
            | "title"
            | "grade"
            | "level"
            | "war"
            | "schedule"
            | "appendix"
            | "annex"
            | "division"
            | "league"
            | "tier"
            | "series"
            | "model"
            | "mark"
            | "bowl"
            | "round"
            | "step"
            | "unit"
            | "form"
            | "council"
            | "apollo"
            | "gemini"
            | "super"
            | "vatican"
            | "basel"
            | "star"
            | "episode"
            | "psalm"
            | "figure"
            | "table"
            | "plan"
            | "pillar"
    )
}

/// True for a lower-case name particle ("al", "bin", "de").
pub fn is_particle(key: &str) -> bool {
    is_particle_word(key)
}

/// True for a particle written glued with a hyphen ("al" of "al-Sudani", "as" of "as-Sadr").
pub fn is_glued_particle(key: &str) -> bool {
    is_glued_particle_word(key) || is_particle_word(key)
}

/// True for a noun that turns "Bush" into "the Bush administration".
pub fn is_named_after_noun(key: &str) -> bool {
    classes_of(key).has(Classes::NAMED_AFTER)
}

/// True for a known given name.
pub fn is_first_name(key: &str) -> bool {
    classes_of(key).has(Classes::FIRST_NAME)
}

/// Syllables as Chinese (pinyin, Wade-Giles) and Vietnamese given names are
/// romanised: an optional initial, then a final. A looser grammar than
/// either: it only has to turn away English surnames ("Smith", "Brown").
const SYLLABLE_INITIALS: &[&str] = &[
    "zh", "ch", "sh", "hs", "ts", "th", "nh", "ph", "tr", "ng", "kh", "gi", "b", "p", "m", "f",
    "d", "t", "n", "l", "g", "k", "h", "j", "q", "x", "r", "z", "c", "s", "y", "w", "",
];
const SYLLABLE_FINALS: &[&str] = &[
    "iang", "iong", "uang", "ueng", "ang", "eng", "ing", "ong", "uai", "iao", "ian", "uan", "ai",
    "ei", "ao", "ou", "an", "en", "in", "un", "ia", "ie", "iu", "ua", "uo", "ui", "ue", "er", "oa",
    "uy", "a", "o", "e", "i", "u", "v",
];

/// True when the folded `word` is one to three romanised syllables
/// ("zhiwei", "xiaoyan", "thi"): the shape of a Chinese or Vietnamese given name.
fn is_syllables(word: &str, left: usize) -> bool {
    if word.is_empty() {
        return true;
    }
    left > 0
        && SYLLABLE_INITIALS.iter().any(|initial| {
            word.strip_prefix(initial).is_some_and(|rest| {
                SYLLABLE_FINALS.iter().any(|fin| {
                    rest.strip_prefix(fin)
                        .is_some_and(|tail| is_syllables(tail, left - 1))
                })
            })
        })
}

/// True for a given name written as short hyphenated syllables ("Ji-hoon",
/// "Chung-tai", "Jong-un") or as romanised syllables ("Zhiwei", "Thi").
pub fn is_syllabic_given_name(word: &str) -> bool {
    let parts: Vec<&str> = word.split('-').collect();
    if parts.len() >= 2 {
        return parts.len() <= 3
            && parts.iter().all(|part| {
                (1..=6).contains(&part.chars().count()) && part.chars().all(char::is_alphabetic)
            })
            && parts[1..]
                .iter()
                .all(|part| part.chars().all(char::is_lowercase));
    }
    let key = word_key(word);
    key.len() >= 2 && is_syllables(&key, 3)
}

/// True for a name written family name first ("Chen Zhiwei", "Park Ji-hoon",
/// "Nguyen Thi Hoa"): two or three words, the first a family name of
/// [`FAMILY_FIRST_NAMES`], the others syllabic given names.
pub fn is_family_name_first(words: &[&str]) -> bool {
    (2..=3).contains(&words.len())
        && classes_of(&word_key(words[0])).has(Classes::FAMILY_FIRST)
        && words[1..].iter().all(|word| {
            is_syllabic_given_name(word) && !classes_of(&word_key(word)).has(Classes::ORGANISATION)
        })
}

/// True for a country, region or city on the bundled list.
pub fn is_place(key: &str) -> bool {
    classes_of(key).has(Classes::PLACE)
}

/// True when two folded given names can be the same name: equal, or one a
/// short form or variant of the other ("pat"/"patrick"), or both variants of
/// one canonical name ("mike"/"michael"/"mickey").
pub fn given_names_match(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let canonicals_of = |key: &str| -> Vec<String> {
        let mut all = vec![key.to_string()];
        if let Some(canonicals) = NICKNAMES.get(key) {
            all.extend(canonicals.iter().map(|c| c.to_string()));
        }
        all
    };
    let left = canonicals_of(a);
    let right = canonicals_of(b);
    left.iter().any(|x| right.contains(x))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_lists_answer() {
        type Predicate = fn(&str) -> bool;
        let cases: &[(Predicate, &str, bool)] = &[
            (is_title_word, "minister", true),
            (is_title_word, "gen", true),
            (is_title_word, "patrick", false),
            (is_honorific, "mr", true),
            (is_role_noun, "analyst", true),
            (is_speech_verb, "told", true),
            (is_speech_verb, "walked", false),
            (is_organisation_word, "office", true),
            (is_calendar_word, "friday", true),
            (is_particle, "al", true),
            (is_first_name, "michael", true),
            (is_first_name, "office", false),
            (is_place, "washington", true),
            (is_demonym, "iraqi", true),
        ];
        for (predicate, word, expected) in cases {
            assert_eq!(predicate(word), *expected, "{word}");
        }
    }

    #[test]
    fn classes_are_the_lists_a_word_is_on() {
        let lists = [
            (TITLE_WORDS, Classes::TITLE),
            (HONORIFICS, Classes::HONORIFIC),
            (ROLE_NOUNS, Classes::ROLE_NOUN),
            (SPEECH_VERBS, Classes::SPEECH_VERB),
            (ORGANISATION_WORDS, Classes::ORGANISATION),
            (STOP_WORDS, Classes::STOP),
            (PLACE_PREFIXES, Classes::PLACE_PREFIX),
            (DEMONYMS, Classes::DEMONYM),
            (CALENDAR_WORDS, Classes::CALENDAR),
            (NAMED_AFTER_NOUNS, Classes::NAMED_AFTER),
            (FIRST_NAMES, Classes::FIRST_NAME),
            (PLACES, Classes::PLACE),
            (FAMILY_FIRST_NAMES, Classes::FAMILY_FIRST),
            (CREDIT_WORDS, Classes::CREDIT_WORD),
            (GIVEN_NAMES_CENSUS, Classes::GIVEN_NAME),
        ];
        let words_of = |list: &'static str| -> Vec<&'static str> {
            list.lines()
                .filter(|line| !line.starts_with('#'))
                .flat_map(str::split_whitespace)
                .collect()
        };
        let mut asked: Vec<&str> = lists.iter().flat_map(|(list, _)| words_of(list)).collect();
        asked.extend([
            "",
            "the",
            "Minister",
            "minister.",
            "mond",
            "xyzzy",
            "tuesdays",
        ]);
        for word in asked {
            let classes = classes_of(word);
            for (list, class) in lists {
                assert_eq!(
                    classes.has(class),
                    words_of(list).contains(&word),
                    "{word:?}"
                );
            }
            let weekday = words_of(CALENDAR_WORDS).contains(&word)
                && (word.ends_with("day")
                    || matches!(
                        word,
                        "mon"
                            | "tue"
                            | "tues"
                            | "wed"
                            | "thu"
                            | "thur"
                            | "thurs"
                            | "fri"
                            | "sat"
                            | "sun"
                    ));
            assert_eq!(is_weekday(word), weekday, "{word:?}");
        }
    }

    #[test]
    fn short_word_lists_answer_as_string_comparison_does() {
        let particles = [
            "al", "el", "bin", "ibn", "bint", "abu", "de", "del", "della", "der", "den", "van",
            "von", "da", "di", "du", "dos", "das", "la", "le", "ter", "ten", "zu",
        ];
        let others = [
            "",
            "a",
            "the",
            "an",
            "as",
            "als",
            "dell",
            "dellas",
            "de\0",
            "\0de",
            "bint\u{e9}",
            "al-",
            "aL",
            "longer than seven",
            "tens",
            "te",
        ];
        for word in particles.iter().chain(&others) {
            assert_eq!(is_particle(word), particles.contains(word), "{word:?}");
        }
        for word in ["jr", "sr", "ii", "iii", "iv", "i", "iiii", "j"] {
            assert_eq!(
                is_name_suffix(word),
                matches!(word, "jr" | "sr" | "ii" | "iii" | "iv"),
                "{word:?}"
            );
        }
        assert!(
            is_glued_particle("ash") && is_glued_particle("della") && !is_glued_particle("the")
        );
    }

    #[test]
    fn keys_and_short_forms() {
        assert_eq!(word_key("Maj."), "maj");
        assert_eq!(word_key("José"), "jose");
        let cases = [
            ("pat", "patrick", true),
            ("patricia", "pat", true),
            ("patricia", "patrick", false),
            ("mike", "michael", true),
            ("mike", "mickey", true),
            ("zed", "zed", true),
            ("joe", "john", false),
        ];
        for (a, b, expected) in cases {
            assert_eq!(given_names_match(a, b), expected, "{a} / {b}");
        }
    }
}
