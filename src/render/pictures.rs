//! The image of a page: the site and a page's key in, the `image` (what the
//! page shows at its top) and `card` (its Open Graph and Twitter card)
//! variables of the page's template out.

use super::pages::PageKey;
use crate::diag::Diagnostic;
use crate::images::view::{card_view, image_view, Place};
use crate::images::{Cache, ImageRef, Owner, Pictures};
use crate::link::Site;
use tera::Context;

/// Every `[image]` of the site: the home page, pages, profiles and sidecars.
pub fn owners(site: &Site) -> Vec<Owner<'_>> {
    let mut owners = Vec::new();
    for page in site.home.iter().chain(&site.pages) {
        if let Some(image) = &page.file.doc.meta.image {
            owners.push(Owner {
                file: &page.file.path,
                image,
            });
        }
    }
    for profile in site.people.iter().filter_map(|p| p.profile.as_ref()) {
        if let Some(image) = &profile.doc.meta.image {
            owners.push(Owner {
                file: &profile.path,
                image,
            });
        }
    }
    for source in &site.sources {
        if let Some((sidecar, image)) = &source.image {
            owners.push(Owner {
                file: sidecar,
                image,
            });
        }
    }
    owners
}

/// The pictures of every `[image]` of `site` ([`crate::images::prepare`]).
pub fn prepare(site: &Site, cache: &Cache) -> (Pictures, Vec<Diagnostic>) {
    crate::images::prepare(&site.root, &owners(site), cache)
}

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
