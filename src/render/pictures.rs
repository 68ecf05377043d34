//! The image of a page: the site and a page's key in, the `image` (what the
//! page shows at its top) and `card` (its Open Graph and Twitter card)
//! variables of the page's template out.

use super::pages::PageKey;
use crate::images::view::{card_view, image_view, Place};
use crate::images::ImageRef;
use crate::link::Site;
use tera::Context;

/// The `[image]` a page shows at its top, and where: a page's lead image, a
/// person's portrait, a source's lead photo.
pub fn image_of(site: &Site, key: PageKey) -> Option<(&ImageRef, Place)> {
    match key {
        PageKey::Home => site.home.as_ref()?.file.doc.meta.image.as_ref().map(lead),
        PageKey::Page(index) => site.pages[index].file.doc.meta.image.as_ref().map(lead),
        PageKey::Person(index) => {
            let profile = site.people[index].profile.as_ref()?;
            Some((profile.doc.meta.image.as_ref()?, Place::Portrait))
        }
        PageKey::Source(index) => site.sources[index].image.as_ref().map(|(_, i)| lead(i)),
        _ => None,
    }
}

fn lead(image: &ImageRef) -> (&ImageRef, Place) {
    (image, Place::Lead)
}

/// Adds `image` and `card` to a page's context when the page has an image
/// that could be made (one that could not is an error of the build).
pub fn insert(
    context: &mut Context,
    site: &Site,
    key: PageKey,
    root: &str,
    base_url: Option<&str>,
) {
    let Some((image, place)) = image_of(site, key) else {
        return;
    };
    let Some(picture) = site.pictures.get(image) else {
        return;
    };
    // The image at the top of a page is seen at once: never lazy.
    context.insert("image", &image_view(image, picture, root, place, false));
    context.insert("card", &card_view(image, picture, base_url));
}
