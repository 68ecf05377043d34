//! What a template shows of an image: an `[image]` and its picture in,
//! the attributes of an `<img>` (addresses relative to the page's root)
//! and the absolute address of its social card copy out.

use super::{ImageRef, Picture};
use serde::Serialize;

/// The widest copy used for the Open Graph and Twitter cards: large enough
/// for their large card, small enough to fetch quickly.
const CARD_WIDTH: u32 = 1200;

/// How wide an image shows in each place, for the `sizes` attribute.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// Across the text column, at the top of a page.
    Lead,
    /// A portrait beside a person's name.
    Portrait,
    /// A small portrait on a person's card in a list.
    Thumbnail,
}

impl Place {
    fn sizes(self) -> &'static str {
        match self {
            Place::Lead => "(min-width: 42.5rem) 40rem, calc(100vw - 2.5rem)",
            Place::Portrait => "(min-width: 40rem) 10rem, 6.5rem",
            Place::Thumbnail => "3rem",
        }
    }
}

/// An `<img>` ready to write.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct ImageView {
    /// The fallback `src`, for browsers without `srcset`.
    pub src: String,
    pub srcset: String,
    pub sizes: &'static str,
    pub width: u32,
    pub height: u32,
    pub alt: String,
    pub caption: Option<String>,
    pub credit: Option<String>,
    /// Whether the image may wait until it is scrolled near: not for the
    /// first image of a page, which the reader sees at once.
    pub lazy: bool,
}

/// The view of `image` shown at `place`, its addresses under `root`.
pub fn image_view(
    image: &ImageRef,
    picture: &Picture,
    root: &str,
    place: Place,
    lazy: bool,
) -> ImageView {
    let srcset = picture
        .variants
        .iter()
        .map(|v| format!("{root}{} {}w", v.path, v.width))
        .collect::<Vec<_>>()
        .join(", ");
    let largest = picture.largest();
    let fallback = card_copy(picture);
    ImageView {
        src: format!("{root}{}", fallback.path),
        srcset,
        sizes: place.sizes(),
        width: largest.width,
        height: largest.height,
        alt: image.alt.clone().unwrap_or_default(),
        caption: image.caption.clone().filter(|c| !c.trim().is_empty()),
        credit: image.credit.clone().filter(|c| !c.trim().is_empty()),
        lazy,
    }
}

/// The social card of a page: the absolute address of a copy, its size and alt text.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct CardView {
    pub url: String,
    pub width: u32,
    pub height: u32,
    pub alt: String,
}

/// The card of `image`, when the site has a `base_url` (cards need an
/// absolute address).
pub fn card_view(image: &ImageRef, picture: &Picture, base_url: Option<&str>) -> Option<CardView> {
    let base_url = base_url?;
    let copy = card_copy(picture);
    Some(CardView {
        url: format!("{base_url}{}", copy.path),
        width: copy.width,
        height: copy.height,
        alt: image.alt.clone().unwrap_or_default(),
    })
}

/// The widest copy no wider than [`CARD_WIDTH`] (the narrowest if all are).
fn card_copy(picture: &Picture) -> &super::Variant {
    picture
        .variants
        .iter()
        .rev()
        .find(|v| v.width <= CARD_WIDTH)
        .unwrap_or(&picture.variants[0])
}
