//! Layout constants that decide which page lists what: read by the link
//! stage (a patch must know which pages an edit reaches) and by the render
//! stage (which makes those pages), so they belong to neither.

/// The most entries the timeline page lists one by one. A longer timeline
/// would make a page too heavy to open (tens of megabytes for a few thousand
/// sources), so the timeline page then summarises each year and the year
/// pages, which always hold every entry of their year, carry the entries.
pub const TIMELINE_INDEX_LIMIT: usize = 2_000;
