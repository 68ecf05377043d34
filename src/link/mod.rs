//! Link stage (under construction).
pub mod people;
pub mod timeline;
