//! Backstory: a static site generator for explainers.
//!
//! The build is a one-way pipeline, one module per stage, each a function
//! from the previous stage's output to the next:
//!
//! ```text
//! load     content/ on disk          -> Content (sources, sidecars, Markdown, config)
//! clean    raw source text           -> Article { title, dek, byline, date, blocks }
//! extract  Article                   -> people and date mentions with byte spans
//! link     everything above          -> Site graph (people merged, timeline, backlinks)
//! render   Site graph + templates    -> Vec<OutputFile> (HTML, feeds, JSON)
//! search   the rendered pages        -> a Pagefind index under pagefind/
//! write    Vec<OutputFile>           -> public/, staged and swapped atomically
//! watch    file-system events        -> settled batches of edited paths
//! serve    output folder + rebuilds  -> local HTTP preview with live reload
//! ```
//!
//! [`incremental::Engine`] reruns the stages for `watch` and `serve`, redoing
//! only what an edit affects.
//!
//! [`build::build_site`] chains the stages; the binary in `main.rs` only turns
//! command-line arguments into settings and prints what the library returns.

pub mod addresses;
pub mod anchor;
pub mod build;
pub mod check;
pub mod cite;
pub mod clean;
pub mod config;
pub mod date_value;
pub mod diag;
pub mod explain;
pub mod extract;
pub mod fingerprint;
pub mod frontmatter;
pub mod hosting;
pub mod i18n;
pub mod images;
pub mod import;
pub mod incremental;
pub mod init;
pub mod layout;
pub mod link;
pub mod load;
pub mod measure;
pub mod new;
pub mod output;
pub mod reference;
pub mod rename;
pub mod render;
pub mod search;
pub mod serve;
pub mod slug;
pub mod terminal;
pub mod watch;
pub mod write;
