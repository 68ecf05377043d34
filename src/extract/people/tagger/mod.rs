//! Person-name tagger: a block's [`Token`]s in, the token ranges read as
//! person names out.
//!
//! An averaged perceptron labels each word O (outside a name), B (begins
//! one) or I (continues one), left to right, each decision seeing the two
//! before it. Only words that can be part of a name are scored (capitalised
//! words, initials, particles); every other word is O without a look at the
//! weights, which keeps the cost to a few percent of the words of a text.
//!
//! [`features`] is the one description of a word that both training
//! ([`train`]) and tagging use. Features are hashed into a fixed table of
//! buckets; the weights ship quantised in `data/person_tagger.bin` (see
//! `data/README.md` for the corpora and the command that retrains them).
//! The rules of [`super::evidence`] decide what the model's spans count for.

pub mod train;

use super::lexicon::Classes;
use super::tokens::{Shape, Token};
use std::ops::Range;
use std::sync::OnceLock;

/// Labels, in the order of a bucket's weights.
pub const O: usize = 0;
pub const B: usize = 1;
pub const I: usize = 2;
pub const LABELS: usize = 3;

/// The first bytes of a weights file, with its format's version.
const MAGIC: &[u8; 8] = b"BSPTAG01";

/// The shipped weights.
static SHIPPED: &[u8] = include_bytes!("../data/person_tagger.bin");

/// Hashed feature weights: `weights[bucket * LABELS + label]`.
pub struct Model {
    bits: u32,
    weights: Vec<f32>,
}

impl Model {
    /// A model of `2^bits` buckets, all weights zero.
    pub fn empty(bits: u32) -> Model {
        Model {
            bits,
            weights: vec![0.0; (1usize << bits) * LABELS],
        }
    }

    /// The shipped model, read once on first use; `None` if the file is damaged.
    pub fn shipped() -> Option<&'static Model> {
        static MODEL: OnceLock<Option<Model>> = OnceLock::new();
        MODEL.get_or_init(|| Model::from_bytes(SHIPPED)).as_ref()
    }

    /// Reads the format [`Model::to_bytes`] writes: magic, bucket bits,
    /// scale, then one little-endian i16 per weight.
    pub fn from_bytes(bytes: &[u8]) -> Option<Model> {
        let rest = bytes.strip_prefix(MAGIC.as_slice())?;
        let bits = u32::from_le_bytes(rest.get(0..4)?.try_into().ok()?);
        let scale = f32::from_le_bytes(rest.get(4..8)?.try_into().ok()?);
        let body = rest.get(8..)?;
        if !(8..=24).contains(&bits) || body.len() != (1usize << bits) * LABELS * 2 {
            return None;
        }
        let weights = body
            .chunks_exact(2)
            .map(|pair| f32::from(i16::from_le_bytes([pair[0], pair[1]])) * scale)
            .collect();
        Some(Model { bits, weights })
    }

    /// Quantises the weights to i16 (the largest maps to 32767).
    pub fn to_bytes(&self) -> Vec<u8> {
        let largest = self.weights.iter().fold(0f32, |m, w| m.max(w.abs()));
        let scale = if largest > 0.0 {
            largest / 32767.0
        } else {
            1.0
        };
        let mut bytes = Vec::with_capacity(16 + self.weights.len() * 2);
        bytes.extend_from_slice(MAGIC);
        bytes.extend_from_slice(&self.bits.to_le_bytes());
        bytes.extend_from_slice(&scale.to_le_bytes());
        for weight in &self.weights {
            let q = (weight / scale).round().clamp(-32767.0, 32767.0) as i16;
            bytes.extend_from_slice(&q.to_le_bytes());
        }
        bytes
    }

    fn bucket(&self, feature: u64) -> usize {
        (feature >> (64 - self.bits)) as usize * LABELS
    }

    /// The score of each label for a word with these features.
    pub fn scores(&self, features: &[u64]) -> [f32; LABELS] {
        let mut scores = [0f32; LABELS];
        for &feature in features {
            let at = self.bucket(feature);
            for (label, score) in scores.iter_mut().enumerate() {
                *score += self.weights[at + label];
            }
        }
        scores
    }

    /// Adds `amount` to the weight of `label` for every feature.
    pub fn update(&mut self, features: &[u64], label: usize, amount: f32) {
        for &feature in features {
            let at = self.bucket(feature) + label;
            self.weights[at] += amount;
        }
    }

    pub fn weights_mut(&mut self) -> &mut [f32] {
        &mut self.weights
    }
}

/// True for a word the model labels; every other word is O.
pub fn is_taggable(token: &Token) -> bool {
    matches!(
        token.shape,
        Shape::Name | Shape::Initials | Shape::Particle | Shape::PrefixedTitle
    )
}

/// True when the tokens hold a word the model would score: a capitalised
/// word that does not open a sentence. A block without one is left alone.
pub fn worth_tagging(tokens: &[Token]) -> bool {
    (0..tokens.len()).any(|i| is_taggable(&tokens[i]) && !sentence_start(tokens, i))
}

/// Labels of the tokens, decided left to right.
pub fn tag(model: &Model, tokens: &[Token]) -> Vec<usize> {
    let mut labels = Vec::with_capacity(tokens.len());
    let mut features = Vec::with_capacity(64);
    for index in 0..tokens.len() {
        let label = if is_taggable(&tokens[index]) {
            features.clear();
            self::features(tokens, index, &labels, &mut features);
            best_label(&model.scores(&features), labels.last().copied())
        } else {
            O
        };
        labels.push(label);
    }
    labels
}

/// The highest-scoring label that may follow `previous` (I only continues a
/// name). Ties go to the lower label, so output is deterministic.
pub fn best_label(scores: &[f32; LABELS], previous: Option<usize>) -> usize {
    let allowed = |label: usize| label != I || matches!(previous, Some(B | I));
    (0..LABELS)
        .filter(|&label| allowed(label))
        .fold(O, |best, label| {
            if scores[label] > scores[best] {
                label
            } else {
                best
            }
        })
}

/// Token ranges of the names in `labels`.
pub fn spans(labels: &[usize]) -> Vec<Range<usize>> {
    let mut spans = Vec::new();
    let mut open: Option<usize> = None;
    for (index, &label) in labels.iter().enumerate() {
        if label != I {
            if let Some(start) = open.take() {
                spans.push(start..index);
            }
        }
        if label == B {
            open = Some(index);
        }
    }
    if let Some(start) = open {
        spans.push(start..labels.len());
    }
    spans
}

/// The names the shipped model finds among `tokens` (none if it is damaged).
pub fn person_spans(tokens: &[Token]) -> Vec<Range<usize>> {
    match Model::shipped() {
        Some(model) if worth_tagging(tokens) => spans(&tag(model, tokens)),
        _ => Vec::new(),
    }
}

/// True when token `index` opens a sentence (or the block).
fn sentence_start(tokens: &[Token], index: usize) -> bool {
    index == 0
        || tokens[index - 1]
            .trail
            .starts_with(['.', '!', '?', ':', ';', '"', '“', '”'])
        || tokens[index].lead.starts_with(['"', '“', '(', '['])
}

/// A 64-bit FNV-1a hash of a template number and its parts.
struct Feature(u64);

impl Feature {
    fn new(template: u8) -> Feature {
        Feature(0xcbf2_9ce4_8422_2325).byte(template)
    }

    fn byte(self, byte: u8) -> Feature {
        Feature((self.0 ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3))
    }

    fn text(self, text: &str) -> Feature {
        text.bytes().fold(self.byte(0xff), Feature::byte)
    }

    /// Spreads the bits so the table can take the high ones as its bucket.
    fn finish(self) -> u64 {
        let mut h = self.0;
        h ^= h >> 33;
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^ (h >> 33)
    }
}

/// "Xx", "X.", "x", "X-x", "d": a word's shape with runs collapsed,
/// grown while under six bytes. Kept on the stack: the tagger asks for the shape
/// of every word it scores and of its four neighbours.
struct WordShape {
    bytes: [u8; 12],
    len: usize,
}

impl WordShape {
    fn as_str(&self) -> &str {
        std::str::from_utf8(&self.bytes[..self.len]).unwrap_or("")
    }
}

fn word_shape(text: &str) -> WordShape {
    let mut shape = WordShape {
        bytes: [0; 12],
        len: 0,
    };
    let mut last: Option<char> = None;
    for c in text.chars() {
        let class = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_ascii_digit() {
            'd'
        } else {
            c
        };
        if last != Some(class) && shape.len < 6 {
            let mut buffer = [0; 4];
            let encoded = class.encode_utf8(&mut buffer).as_bytes();
            shape.bytes[shape.len..shape.len + encoded.len()].copy_from_slice(encoded);
            shape.len += encoded.len();
            last = Some(class);
        }
    }
    shape
}

/// The word lists a token is on, as one small number per list.
const LISTS: [Classes; 14] = [
    Classes::TITLE,
    Classes::HONORIFIC,
    Classes::ROLE_NOUN,
    Classes::SPEECH_VERB,
    Classes::ORGANISATION,
    Classes::STOP,
    Classes::PLACE_PREFIX,
    Classes::DEMONYM,
    Classes::CALENDAR,
    Classes::NAMED_AFTER,
    Classes::FIRST_NAME,
    Classes::PLACE,
    Classes::FAMILY_FIRST,
    Classes::GIVEN_NAME,
];

fn label_byte(labels: &[usize], back: usize) -> u8 {
    labels
        .len()
        .checked_sub(back)
        .and_then(|i| labels.get(i))
        .map_or(9, |&l| l as u8)
}

/// The features of token `index` given the labels of the tokens before it.
/// Used by training and tagging alike.
pub fn features(tokens: &[Token], index: usize, labels: &[usize], out: &mut Vec<u64>) {
    let token = &tokens[index];
    let key: &str = &token.key;
    let shape = word_shape(token.text);
    let shape = shape.as_str();
    let mut push = |f: Feature| out.push(f.finish());
    let (previous, previous_2) = (label_byte(labels, 1), label_byte(labels, 2));
    push(Feature::new(0));
    push(Feature::new(1).text(key));
    push(Feature::new(2).text(shape));
    push(Feature::new(3).text(suffix(key, 3)));
    push(Feature::new(4).text(suffix(key, 2)));
    push(Feature::new(5).text(prefix(key, 3)));
    push(Feature::new(6).byte(previous));
    push(Feature::new(7).byte(previous).byte(previous_2));
    push(Feature::new(8).byte(previous).text(shape));
    push(Feature::new(9).byte(previous).text(key));
    push(Feature::new(10).text(token.lead).text(token.trail));
    push(Feature::new(11).byte(u8::from(token.possessive)));
    let start = sentence_start(tokens, index);
    push(Feature::new(12).byte(u8::from(start)).text(shape));
    push(Feature::new(13).byte(token.text.len().min(12) as u8));
    for (number, list) in LISTS.iter().enumerate() {
        if token.is(*list) {
            push(Feature::new(14).byte(number as u8));
            push(Feature::new(15).byte(number as u8).byte(previous));
        }
    }
    for (template, offset) in [(20u8, -2isize), (21, -1), (22, 1), (23, 2)] {
        let Some(other) = index.checked_add_signed(offset).and_then(|i| tokens.get(i)) else {
            push(Feature::new(template).text("<edge>"));
            continue;
        };
        push(Feature::new(template).text(&other.key));
        push(Feature::new(template + 10).text(word_shape(other.text).as_str()));
        for (number, list) in LISTS.iter().enumerate() {
            if other.is(*list) {
                push(Feature::new(template + 20).byte(number as u8));
            }
        }
        if offset.abs() == 1 {
            push(
                Feature::new(template + 30)
                    .text(other.lead)
                    .text(other.trail),
            );
            push(Feature::new(template + 40).text(&other.key).text(key));
        }
    }
    // How long the run of capitalised words around this one is, and where in it.
    let run_start = (0..index)
        .rev()
        .take_while(|&i| is_taggable(&tokens[i]) && !tokens[i].closes_run())
        .last()
        .unwrap_or(index);
    let mut run_end = index + 1;
    while run_end < tokens.len()
        && is_taggable(&tokens[run_end])
        && !tokens[run_end - 1].closes_run()
    {
        run_end += 1;
    }
    let length = (run_end - run_start).min(6) as u8;
    let position = (index - run_start).min(6) as u8;
    push(Feature::new(70).byte(length).byte(position));
    push(Feature::new(71).byte(length).byte(position).byte(previous));
}

fn suffix(key: &str, chars: usize) -> &str {
    let at = key
        .char_indices()
        .rev()
        .nth(chars - 1)
        .map_or(0, |(at, _)| at);
    &key[at..]
}

fn prefix(key: &str, chars: usize) -> &str {
    let at = key
        .char_indices()
        .nth(chars)
        .map_or(key.len(), |(at, _)| at);
    &key[..at]
}

#[cfg(test)]
mod tests;
