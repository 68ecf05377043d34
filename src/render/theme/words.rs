//! The theme's words in templates: the site's [`Strings`] in, two template
//! functions out.
//!
//! - `t(key="whos_who")` gives the word for `key` in the site's language;
//!   other arguments fill in its `{name}`s (`t(key="all_sources",
//!   n=source_count)`), and `n` chooses a count's form. The result is
//!   markup: the word is escaped, and so is each argument; `{events}` may
//!   instead be given as `events_html`, markup used as it is (the output of
//!   another `t`). A key ending in `_html` holds markup of its own.
//! - `script_strings()` gives the words the theme's scripts use, as JSON
//!   safe inside `<script>`, or nothing for an English site.
//!
//! Each render sets the words ([`Words::set`]) from the site it renders, so
//! a theme loaded once serves a change of `language` in watch mode.

use crate::i18n::{fill, Strings};
use crate::render::push_escaped_html;
use std::collections::HashMap;
use std::sync::{Arc, RwLock};
use tera::{Tera, Value};

/// The words the templates of one theme read.
#[derive(Clone, Default)]
pub struct Words(Arc<RwLock<Arc<Strings>>>);

impl Words {
    /// Makes `strings` the words of every later render.
    pub fn set(&self, strings: Arc<Strings>) {
        *self
            .0
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = strings;
    }

    /// The words of the current render.
    pub fn get(&self) -> Arc<Strings> {
        self.0
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .clone()
    }
}

/// Registers `t` and `script_strings` on `tera`.
pub fn register(tera: &mut Tera, words: &Words) {
    tera.register_function("t", Translate(words.clone()));
    tera.register_function("script_strings", ScriptStrings(words.clone()));
}

struct Translate(Words);

impl tera::Function for Translate {
    fn call(&self, args: &HashMap<String, Value>) -> tera::Result<Value> {
        let key = args.get("key").and_then(Value::as_str).ok_or_else(|| {
            tera::Error::msg("t needs the key of a word, such as t(key=\"whos_who\")")
        })?;
        let strings = self.0.get();
        if strings.entry(key).is_none() {
            let near = crate::diag::nearest(key, Strings::keys(), 1);
            let guess = near
                .first()
                .map(|near| format!(" (did you mean \"{near}\"?)"))
                .unwrap_or_default();
            return Err(tera::Error::msg(format!(
                "t(key=\"{key}\"): the theme has no word with this key{guess}; \
                 \"Translations\" in docs/guide.md lists them"
            )));
        }
        let n = args.get("n").map(value_text);
        let form = strings.form(key, n.as_ref().map(|n| n as &dyn std::fmt::Display));
        let markup = key.ends_with("_html");
        let mut out = String::with_capacity(form.len() + 16);
        fill(
            &mut out,
            form,
            |out, literal| match markup {
                true => out.push_str(literal),
                false => push_escaped_text(out, literal),
            },
            |out, name| match (args.get(name), args.get(&format!("{name}_html"))) {
                (Some(value), _) => {
                    push_escaped_html(out, &value_text(value));
                    true
                }
                (None, Some(markup)) => {
                    out.push_str(&value_text(markup));
                    true
                }
                (None, None) => false,
            },
        );
        Ok(Value::String(out))
    }

    fn is_safe(&self) -> bool {
        true
    }
}

struct ScriptStrings(Words);

impl tera::Function for ScriptStrings {
    fn call(&self, _: &HashMap<String, Value>) -> tera::Result<Value> {
        let json = self.0.get().script_table().unwrap_or_default();
        // No text can close the script element.
        Ok(Value::String(
            json.replace('<', "\\u003c")
                .replace('>', "\\u003e")
                .replace('&', "\\u0026"),
        ))
    }

    fn is_safe(&self) -> bool {
        true
    }
}

/// A template value as the text it shows: a number without quotes.
fn value_text(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// Escapes what would break element content or a double-quoted attribute,
/// and nothing more: a translation's apostrophes stay as written.
fn push_escaped_text(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
}
