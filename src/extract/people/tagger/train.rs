//! Training the tagger: sentences with their person names (byte spans) in,
//! a [`Model`] out. Used by `examples/train_person_tagger.rs` and by the
//! tagger's own tests; the build never trains.
//!
//! An averaged perceptron: each wrong decision moves the weights towards the
//! right label and away from the chosen one; the model kept is the average
//! of the weights over all decisions, which generalises better than the
//! last ones. Decisions are made on the model's own earlier labels, as when
//! tagging, so it learns to recover from its mistakes.

use super::{best_label, features, is_taggable, Model, B, I, LABELS, O};
use crate::extract::people::tokens::{tokenize, Token};
use std::ops::Range;

/// One training sentence (or paragraph) and the byte spans of its person names.
pub struct Example {
    pub text: String,
    pub names: Vec<Range<usize>>,
}

/// The right label of each token: B on the first word of a name a token
/// overlaps, I on the rest, O elsewhere and on words the model never scores.
pub fn gold_labels(tokens: &[Token], names: &[Range<usize>]) -> Vec<usize> {
    let mut labels: Vec<usize> = Vec::with_capacity(tokens.len());
    let mut inside: Option<usize> = None;
    for token in tokens {
        let name = names
            .iter()
            .position(|n| token.start < n.end && n.start < token.end);
        let label = match name {
            Some(n) if is_taggable(token) => {
                if inside == Some(n) && labels.last().is_some_and(|&l| l != O) {
                    I
                } else {
                    B
                }
            }
            _ => O,
        };
        inside = name;
        labels.push(label);
    }
    labels
}

/// Running sums for the averaged weights (sums are kept lazily: a weight's
/// sum is brought up to date only when it changes).
struct Averager {
    totals: Vec<f64>,
    stamps: Vec<u64>,
    clock: u64,
}

impl Averager {
    fn step(&mut self, model: &mut Model, feats: &[u64], label: usize, amount: f32) {
        let clock = self.clock;
        for &feature in feats {
            let at = model.bucket(feature) + label;
            let weight = &mut model.weights_mut()[at];
            self.totals[at] += (clock - self.stamps[at]) as f64 * f64::from(*weight);
            self.stamps[at] = clock;
            *weight += amount;
        }
    }

    fn finish(self, mut model: Model) -> Model {
        let clock = self.clock.max(1);
        for (at, weight) in model.weights_mut().iter_mut().enumerate() {
            let total = self.totals[at] + (clock - self.stamps[at]) as f64 * f64::from(*weight);
            *weight = (total / clock as f64) as f32;
        }
        model
    }
}

/// Trains a model of `2^bits` buckets for `epochs` passes over `examples`,
/// visiting them in an order shuffled by `seed` (the same seed gives the
/// same model).
pub fn train(examples: &[Example], epochs: usize, bits: u32, seed: u64) -> Model {
    let mut model = Model::empty(bits);
    let size = model.weights.len();
    let mut averager = Averager {
        totals: vec![0.0; size],
        stamps: vec![0; size],
        clock: 0,
    };
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut state = seed | 1;
    let mut feats = Vec::with_capacity(64);
    for _ in 0..epochs {
        // Fisher-Yates with a xorshift generator: no dependency, same order everywhere.
        for i in (1..order.len()).rev() {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            order.swap(i, (state % (i as u64 + 1)) as usize);
        }
        for &example in &order {
            let example = &examples[example];
            let tokens = tokenize(&example.text);
            let gold = gold_labels(&tokens, &example.names);
            let mut labels = Vec::with_capacity(tokens.len());
            for index in 0..tokens.len() {
                if !is_taggable(&tokens[index]) {
                    labels.push(O);
                    continue;
                }
                feats.clear();
                features(&tokens, index, &labels, &mut feats);
                averager.clock += 1;
                let guess = best_label(&model.scores(&feats), labels.last().copied());
                // The right label, unless the history makes it impossible.
                let right = if gold[index] == I && !matches!(labels.last(), Some(&(B | I))) {
                    B
                } else {
                    gold[index]
                };
                if guess != right {
                    averager.step(&mut model, &feats, right, 1.0);
                    averager.step(&mut model, &feats, guess, -1.0);
                }
                labels.push(guess);
            }
        }
    }
    debug_assert_eq!(LABELS, 3);
    averager.finish(model)
}
