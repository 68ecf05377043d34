//! Review for `backstory check`: the linked [`Site`] and the rendered files
//! in, the editorial findings a build does not look for out.
//!
//! Each finding is a [`Diagnostic`] with the file, the line where there is
//! one, and a hint saying how to settle it:
//! - [`citations`]: citations whose paragraph no longer reads as they recorded;
//! - [`links`]: pages and profiles nothing links to (links that point to
//!   no page are errors of every build);
//! - [`people`]: names the tool could not decide on (two people who may be
//!   one, a surname two people in one text share, a bare surname left
//!   unlinked), people named once with no role;
//! - [`dates`]: one event dated differently by two sources, an editorial event
//!   whose sources do not mention its date, numeric dates that read two
//!   ways when no `date_order` is set.
//!
//! [`report`] prints the findings grouped by file, as text or JSON.

pub mod citations;
pub mod dates;
pub mod links;
pub mod people;
pub mod report;

use crate::diag::Diagnostic;
use crate::link::Site;

/// Every finding about `site`.
pub fn review(site: &Site) -> Vec<Diagnostic> {
    let mut findings = Vec::new();
    findings.extend(links::orphans(site));
    findings.extend(citations::stale(site));
    findings.extend(people::possible_duplicates(site));
    findings.extend(people::shared_surnames(site));
    findings.extend(people::unlinked(site));
    findings.extend(people::named_once(site));
    findings.extend(dates::conflicts(site));
    findings.extend(dates::unsupported_events(site));
    findings.extend(dates::ambiguous_numeric(site));
    findings
}

/// The raw file line of block `block` of source `source`.
fn block_line(site: &Site, source: usize, block: usize) -> Option<usize> {
    site.sources
        .get(source)?
        .article
        .blocks
        .get(block)
        .map(|b| b.line)
}
