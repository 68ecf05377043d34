use super::train::{gold_labels, train, Example};
use super::*;
use crate::extract::people::tokens::tokenize;

fn features_of(text: &str, index: usize) -> Vec<u64> {
    let tokens = tokenize(text);
    let mut out = Vec::new();
    features(&tokens, index, &[O; 8][..index], &mut out);
    out
}

#[test]
fn features_are_deterministic_and_depend_on_context() {
    let a = features_of("the painter Ilse Marovska waved", 2);
    assert_eq!(a, features_of("the painter Ilse Marovska waved", 2));
    assert_ne!(a, features_of("the painter Ilse Marovska smiled", 2));
    assert_ne!(a, features_of("a painter Ilse Marovska waved", 2));
}

#[test]
fn spans_follow_the_labels() {
    assert_eq!(spans(&[O, B, I, O, B, B, I]), vec![1..3, 4..5, 5..7]);
    assert_eq!(spans(&[B, I]), vec![0..2]);
    assert_eq!(best_label(&[0.0, 1.0, 2.0], Some(O)), B);
    assert_eq!(best_label(&[0.0, 1.0, 2.0], Some(B)), I);
}

/// A toy language: a capitalised word after "met" begins a name, the
/// capitalised word after it continues it, and a capitalised word after
/// "visited" is a place.
#[test]
fn a_small_model_learns_a_toy_pattern() {
    let given = ["Anka", "Bora", "Ceno", "Dilu", "Eswa", "Fenna"];
    let family = ["Mavri", "Tolsk", "Quenby", "Ruskal", "Ostrava", "Pelling"];
    let mut examples = Vec::new();
    for (i, g) in given.iter().enumerate() {
        for (j, f) in family.iter().enumerate() {
            if (i + j) % 3 == 0 {
                continue;
            }
            let text = format!(
                "we met {g} {f} before we visited {} today",
                family[(j + 1) % 6]
            );
            let name = 7..7 + g.len() + 1 + f.len();
            examples.push(Example {
                names: [name].into(),
                text,
            });
        }
    }
    let model = train(&examples, 6, 12, 7);
    // Held-out pairs: (i + j) % 3 == 0.
    let text = "we met Anka Ruskal before we visited Tolsk today";
    let tokens = tokenize(text);
    assert_eq!(spans(&tag(&model, &tokens)), vec![2..4]);
    // The quantised model tags the same.
    let again = Model::from_bytes(&model.to_bytes()).expect("round trip");
    assert_eq!(tag(&again, &tokens), tag(&model, &tokens));
}

#[test]
fn gold_labels_mark_names_and_skip_lower_case_words() {
    let text = "ask Ivo Brandt and lena vogt";
    let tokens = tokenize(text);
    let labels = gold_labels(&tokens, &[4..13, 18..27]);
    assert_eq!(labels, vec![O, B, I, O, O, O]);
}

#[test]
fn shipped_weights_load() {
    let model = Model::shipped().expect("the shipped weights parse");
    assert!(model.weights.iter().any(|w| *w != 0.0));
    assert!(Model::from_bytes(b"BSPTAG01").is_none());
    assert!(Model::from_bytes(&[]).is_none());
}

#[test]
fn word_shapes_collapse_runs_and_stop_at_six_bytes() {
    let shape = |text: &str| word_shape(text).as_str().to_string();
    assert_eq!(shape("McDonald"), "XxXx");
    assert_eq!(shape("J.S."), "X.X.");
    assert_eq!(shape("Al-Sudani"), "Xx-Xx");
    assert_eq!(shape("2019"), "d");
    assert_eq!(shape("A.B.C.D."), "X.X.X.");
    // A three-byte apostrophe counts its bytes, as the weights were trained.
    assert_eq!(shape("O’Brien-Smith"), "X’Xx");
}
