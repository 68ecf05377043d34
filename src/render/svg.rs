//! Build-time pictures as inline SVG: counts and names in, markup out.
//!
//! - [`density_strip`]: events per year as a row of bars (timeline and home pages);
//! - [`people_graph`]: one person in the middle, the people they appear with
//!   around them, line weight by how often (person pages).
//!
//! The SVG is plain markup with CSS classes (`svg-bar`, `svg-edge`, ...), so
//! the stylesheet colours it in both colour schemes. Each picture is a
//! non-interactive `role="img"` with a text alternative; the links it stands
//! for are in the lists beside it. Coordinates are integers or fixed to one
//! decimal, so the output is byte-identical from build to build.

use super::escape_html;
use crate::i18n::Strings;
use std::fmt::Write;

/// How many era colours the stylesheet defines (`era-1` …); later eras reuse them.
pub const ERA_COLOURS: usize = 5;

/// Width of the strip's drawing area in SVG units; it scales to its container.
const STRIP_WIDTH: u32 = 720;
const STRIP_HEIGHT: u32 = 64;

/// A shaded band of the strip: an era's span as fractional years (e.g.
/// 2003.25) and its title.
pub struct Band {
    pub start: f64,
    pub end: f64,
    pub title: String,
}

/// Bars of events per year, with every year between the first and last present,
/// over `bands` for the eras. `counts` is `(year, count)` in any order; empty
/// input gives an empty string. With `link`, each bar is a link to `link`
/// followed by its year (such as `#y` for the year's heading); the links are
/// left out of the tab order, since the list of years beside the strip
/// offers the same places to the keyboard.
pub fn density_strip(
    counts: &[(i16, usize)],
    bands: &[Band],
    link: Option<&str>,
    strings: &Strings,
) -> String {
    let (Some(first), Some(last)) = (
        counts.iter().map(|c| c.0).min(),
        counts.iter().map(|c| c.0).max(),
    ) else {
        return String::new();
    };
    let span = (i32::from(last) - i32::from(first) + 1) as u32;
    let max = counts.iter().map(|c| c.1).max().unwrap_or(1).max(1);
    let total: usize = counts.iter().map(|c| c.1).sum();
    let (peak_year, peak) = counts
        .iter()
        .copied()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
        .unwrap_or((first, 0));
    let label = strings.text(
        "events_per_year_label",
        &[
            ("first", &first),
            ("last", &last),
            ("total", &total),
            ("peak_year", &peak_year),
            ("peak", &peak),
        ],
    );
    let slot = STRIP_WIDTH as f64 / span as f64;
    let mut html = String::new();
    // The bars stretch to the container's width; the year labels are HTML so
    // they keep their size on a narrow screen.
    let role = if link.is_some() { "group" } else { "img" };
    let _ = write!(
        html,
        "<div class=\"density\"><svg viewBox=\"0 0 {STRIP_WIDTH} {STRIP_HEIGHT}\" preserveAspectRatio=\"none\" role=\"{role}\" aria-label=\"{}\">",
        escape_html(&label)
    );
    let _ = write!(
        html,
        "<line class=\"svg-axis\" x1=\"0\" y1=\"{STRIP_HEIGHT}\" x2=\"{STRIP_WIDTH}\" y2=\"{STRIP_HEIGHT}\"/>"
    );
    push_era_bands(&mut html, bands, first, span, slot);
    let mut sorted: Vec<(i16, usize)> = counts.to_vec();
    sorted.sort_unstable();
    for (year, count) in sorted {
        if count == 0 {
            continue;
        }
        let offset = (i32::from(year) - i32::from(first)) as f64;
        let height = ((count as f64 / max as f64) * (STRIP_HEIGHT - 4) as f64).max(3.0);
        let width = (slot * 0.8).max(1.0);
        let events = strings.text("events_count", &[("n", &count)]);
        let title =
            escape_html(&strings.text("year_events", &[("year", &year), ("events", &events)]));
        if let Some(link) = link {
            let _ = write!(
                html,
                "<a href=\"{}{year}\" tabindex=\"-1\" aria-label=\"{title}\">",
                escape_html(link)
            );
        }
        // The full slot height answers a click, not only the bar's own height.
        let _ = write!(
            html,
            "<rect class=\"svg-bar\" x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\"><title>{title}</title></rect>",
            offset * slot + (slot - width) / 2.0,
            STRIP_HEIGHT as f64 - height,
            width,
            height
        );
        if link.is_some() {
            let _ = write!(
                html,
                "<rect class=\"svg-hit\" x=\"{:.1}\" y=\"0\" width=\"{slot:.1}\" height=\"{STRIP_HEIGHT}\"/></a>",
                offset * slot
            );
        }
    }
    html.push_str("</svg><div class=\"density-axis\" aria-hidden=\"true\">");
    for year in tick_years(first, last) {
        let centre = (f64::from(year - first) + 0.5) / span as f64 * 100.0;
        let _ = write!(html, "<span style=\"left:{centre:.2}%\">{year}</span>");
    }
    html.push_str("</div></div>");
    html
}

/// The eras behind the bars of a strip starting at `first`, `span` years
/// wide, `slot` units a year: one coloured band each, titled.
fn push_era_bands(html: &mut String, bands: &[Band], first: i16, span: u32, slot: f64) {
    for (index, band) in bands.iter().enumerate() {
        let from = (band.start - f64::from(first)).clamp(0.0, span as f64) * slot;
        let to = (band.end - f64::from(first)).clamp(0.0, span as f64) * slot;
        if to > from {
            let _ = write!(
                html,
                "<rect class=\"svg-era era-{}\" x=\"{from:.1}\" y=\"0\" width=\"{:.1}\" height=\"{STRIP_HEIGHT}\"><title>{}</title></rect>",
                index % ERA_COLOURS + 1,
                to - from,
                escape_html(&band.title)
            );
        }
    }
}

/// The first and last year, and round years between that are far enough from both.
fn tick_years(first: i16, last: i16) -> Vec<i16> {
    let span = last - first;
    let step = match span {
        0..=8 => 2,
        9..=30 => 5,
        31..=80 => 10,
        _ => 25,
    };
    let mut ticks = vec![first];
    // Three quarters of a step from either end, so that an end label and
    // its neighbour never touch on a narrow screen (2003 beside 2005).
    let gap = (step * 3 / 4).max(1);
    let mut year = first - first.rem_euclid(step) + step;
    while year < last {
        if year - first >= gap && last - year >= gap {
            ticks.push(year);
        }
        year += step;
    }
    if last != first {
        ticks.push(last);
    }
    ticks
}

/// How many neighbours the graph shows at most; the full list is beside it.
pub const GRAPH_NEIGHBOURS: usize = 10;
const GRAPH_WIDTH: f64 = 560.0;
const GRAPH_HEIGHT: f64 = 320.0;
const GRAPH_RADIUS: f64 = 115.0;

/// A star graph: `name` in the middle, `others` (`(name, shared paragraphs)`,
/// strongest first) on a circle around it. Empty when there is no one to show.
pub fn people_graph(name: &str, others: &[(String, usize)], strings: &Strings) -> String {
    if others.is_empty() {
        return String::new();
    }
    let shown = &others[..others.len().min(GRAPH_NEIGHBOURS)];
    let max = shown.iter().map(|o| o.1).max().unwrap_or(1).max(1);
    let (centre_x, centre_y) = (GRAPH_WIDTH / 2.0, GRAPH_HEIGHT / 2.0);
    let list = shown
        .iter()
        .map(|(other, count)| strings.text("graph_times", &[("name", other), ("n", count)]))
        .collect::<Vec<_>>()
        .join(", ");
    let label = strings.text("graph_label", &[("name", &name), ("list", &list)]);
    let mut svg = String::new();
    let _ = write!(
        svg,
        "<svg class=\"people-graph\" viewBox=\"0 0 {GRAPH_WIDTH} {GRAPH_HEIGHT}\" role=\"img\" aria-label=\"{}\">",
        escape_html(&label)
    );
    let points: Vec<(f64, f64)> = (0..shown.len())
        .map(|i| {
            let angle = -std::f64::consts::FRAC_PI_2
                + std::f64::consts::TAU * i as f64 / shown.len() as f64;
            (
                centre_x + GRAPH_RADIUS * angle.cos(),
                centre_y + GRAPH_RADIUS * angle.sin(),
            )
        })
        .collect();
    for ((_, count), (x, y)) in shown.iter().zip(&points) {
        let weight = 1.0 + 5.0 * (*count as f64 / max as f64);
        let _ = write!(
            svg,
            "<line class=\"svg-edge\" x1=\"{centre_x:.1}\" y1=\"{centre_y:.1}\" x2=\"{x:.1}\" y2=\"{y:.1}\" stroke-width=\"{weight:.1}\"/>"
        );
    }
    for ((other, _), (x, y)) in shown.iter().zip(&points) {
        let anchor = if (*x - centre_x).abs() < 1.0 {
            "middle"
        } else if *x > centre_x {
            "start"
        } else {
            "end"
        };
        let (dx, dy) = match anchor {
            "start" => (10.0, 4.0),
            "end" => (-10.0, 4.0),
            _ if *y < centre_y => (0.0, -12.0),
            _ => (0.0, 20.0),
        };
        let _ = write!(
            svg,
            "<circle class=\"svg-node\" cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"6\"/><text class=\"svg-label\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"{anchor}\">{}</text>",
            x + dx,
            y + dy,
            escape_html(&short_name(other))
        );
    }
    let _ = write!(
        svg,
        "<circle class=\"svg-centre\" cx=\"{centre_x:.1}\" cy=\"{centre_y:.1}\" r=\"11\"/>"
    );
    svg.push_str("</svg>");
    svg
}

/// Long names are cut to fit beside the circle; the full name is in the label.
fn short_name(name: &str) -> String {
    const LIMIT: usize = 18;
    if name.chars().count() <= LIMIT {
        return name.to_string();
    }
    let surname = name.rsplit(' ').next().unwrap_or(name);
    if surname.chars().count() <= LIMIT {
        return surname.to_string();
    }
    let cut: String = surname.chars().take(LIMIT - 1).collect();
    format!("{cut}…")
}

/// `2003-03-20`, `2003-03` or `2003` as a fractional year (the start of the period).
pub fn fractional_year(iso: &str) -> Option<f64> {
    let mut parts = iso.splitn(3, '-');
    let year: f64 = parts.next()?.parse::<i32>().ok()?.into();
    let month: f64 = parts
        .next()
        .and_then(|m| m.parse::<u8>().ok())
        .unwrap_or(1)
        .into();
    let day: f64 = parts
        .next()
        .and_then(|d| d.parse::<u8>().ok())
        .unwrap_or(1)
        .into();
    Some(year + (month - 1.0) / 12.0 + (day - 1.0) / 365.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strip_has_a_bar_per_year_with_events_and_labels_the_ends() {
        let band = Band {
            start: 2003.5,
            end: 2011.9,
            title: "Occupation <of> the port".into(),
        };
        let svg = density_strip(
            &[(2011, 4), (2003, 2), (2024, 1), (2010, 0)],
            &[band],
            None,
            &Strings::default(),
        );
        assert!(svg.contains("<title>Occupation &lt;of&gt; the port</title>"));
        assert!(!svg.contains("<a "));
        assert_eq!(svg.matches("svg-era era-1").count(), 1);
        assert_eq!(svg.matches("class=\"svg-bar\"").count(), 3);
        assert!(svg.contains(">2003</span>") && svg.contains(">2024</span>"));
        assert!(svg
            .contains("aria-label=\"Events per year, 2003 to 2024: 7 in all, most in 2011 (4).\""));
        assert!(density_strip(&[], &[], None, &Strings::default()).is_empty());
    }

    #[test]
    fn linked_strip_makes_each_bar_a_link_to_its_year() {
        let svg = density_strip(
            &[(2003, 2), (2005, 1)],
            &[],
            Some("#y"),
            &Strings::default(),
        );
        assert!(svg.contains("role=\"group\""));
        assert!(svg.contains("<a href=\"#y2003\" tabindex=\"-1\" aria-label=\"2003: 2 events\">"));
        assert!(svg.contains("<a href=\"#y2005\" tabindex=\"-1\" aria-label=\"2005: 1 event\">"));
        assert!(!svg.contains("#y2004"), "a year without events has no link");
    }

    #[test]
    fn strip_of_one_year_is_one_full_bar() {
        let svg = density_strip(&[(1999, 3)], &[], None, &Strings::default());
        assert_eq!(svg.matches("<rect").count(), 1);
        assert_eq!(svg.matches("<span").count(), 1);
    }

    #[test]
    fn ticks_keep_ends_and_skip_crowded_round_years() {
        assert_eq!(tick_years(2003, 2024), vec![2003, 2010, 2015, 2020, 2024]);
        assert_eq!(tick_years(2009, 2011), vec![2009, 2010, 2011]);
        assert_eq!(tick_years(-5, 3), vec![-5, -4, -2, 0, 2, 3]);
    }

    #[test]
    fn graph_escapes_names_and_caps_neighbours() {
        let others: Vec<(String, usize)> = (0..14)
            .map(|i| (format!("<b>Person {i}</b>"), 14 - i))
            .collect();
        let svg = people_graph("A & B", &others, &Strings::default());
        assert_eq!(svg.matches("class=\"svg-node\"").count(), GRAPH_NEIGHBOURS);
        assert!(!svg.contains("<b>"));
        assert!(svg.contains("aria-label=\"A &amp; B appears with &lt;b&gt;Person 0"));
        assert!(people_graph("Nobody", &[], &Strings::default()).is_empty());
    }

    #[test]
    fn long_names_are_shortened_to_the_surname() {
        assert_eq!(short_name("Ana Bo"), "Ana Bo");
        assert_eq!(short_name("Ama Serwaa Boateng-Mensah"), "Boateng-Mensah");
        assert_eq!(short_name(&"x".repeat(30)).chars().count(), 18);
    }
}
