//! Backstory: a static site generator for explainers.
pub mod clean;
pub mod extract;
pub mod link;
pub mod slug;
