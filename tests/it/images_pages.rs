//! Images on pages, profiles and sources: resized copies with `srcset`,
//! their size written into the page, alt text, caption and credit, and the
//! Open Graph card (see `src/images`).

use crate::common::site::SiteTest;
use std::io::Cursor;

/// A PNG of `width` × `height` with a gradient, so resizing has work to do.
pub fn png(width: u32, height: u32) -> Vec<u8> {
    let image = image::RgbaImage::from_fn(width, height, |x, y| {
        image::Rgba([(x % 256) as u8, (y % 256) as u8, ((x + y) % 256) as u8, 255])
    });
    let mut bytes = Vec::new();
    image
        .write_to(&mut Cursor::new(&mut bytes), image::ImageFormat::Png)
        .unwrap();
    bytes
}

/// A JPEG of `width` × `height`.
pub fn jpeg(width: u32, height: u32) -> Vec<u8> {
    let image = image::RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([(x % 200) as u8, (y % 200) as u8, 90])
    });
    let mut bytes = Vec::new();
    image
        .write_to(&mut Cursor::new(&mut bytes), image::ImageFormat::Jpeg)
        .unwrap();
    bytes
}

const SOURCE: &str = "Harbour bridge to close for repairs\n\nBy Ana Lima\n\n\
    The harbour bridge will close on 3 May 2021 for six weeks of repairs, the city said on Monday.\n\n\
    Ferries will run every twenty minutes while the bridge is shut, the council said.\n";

fn page_with_image(image: &str) -> String {
    format!("+++\ntitle = \"Background\"\nweight = 1\n{image}+++\n\nWhy the bridge matters.\n")
}

const MAP: &str =
    "[image]\nfile = \"maps/harbour.png\"\nalt = \"A map of the harbour and its bridge\"\n";

/// The `<img …>` tag of an HTML page.
fn img_tag(html: &str) -> &str {
    let start = html.find("<img ").expect("the page has an image");
    &html[start..start + html[start..].find('>').unwrap() + 1]
}

#[test]
fn a_page_image_is_resized_and_written_with_srcset_and_its_size() {
    let built = SiteTest::new()
        .page("background", &page_with_image(MAP))
        .file("content/images/maps/harbour.png", png(2000, 1000))
        .build();
    let tree = built.tree();
    let copies: Vec<&String> = tree.keys().filter(|p| p.starts_with("images/")).collect();
    assert_eq!(copies.len(), 4, "{copies:?}");
    for (copy, width) in copies.iter().zip([1200, 1600, 480, 800]) {
        assert!(copy.starts_with("images/maps-harbour-"), "{copy}");
        assert!(copy.ends_with(&format!("-{width}.png")), "{copy}");
        let decoded = image::load_from_memory(&tree[*copy]).unwrap();
        assert_eq!((decoded.width(), decoded.height()), (width, width / 2));
    }
    let html = built.read("background/index.html");
    let img = img_tag(&html);
    assert!(img.contains(" srcset=\"../images/maps-harbour-"), "{img}");
    for width in [480, 800, 1200, 1600] {
        assert!(img.contains(&format!("-{width}.png {width}w")), "{img}");
    }
    assert!(img.contains(" width=\"1600\" height=\"800\""), "{img}");
    assert!(img.contains(" sizes=\""), "{img}");
    assert!(
        img.contains(" alt=\"A map of the harbour and its bridge\""),
        "{img}"
    );
    // The first image of the page is seen at once: not lazy.
    assert!(!img.contains("loading=\"lazy\""), "{img}");
    assert!(img.contains("fetchpriority=\"high\""), "{img}");
}

#[test]
fn the_image_is_the_page_card_with_an_absolute_address() {
    let built = SiteTest::new()
        .page("background", &page_with_image(MAP))
        .file("content/images/maps/harbour.png", png(2000, 1000))
        .build();
    let html = built.read("background/index.html");
    let og = html
        .lines()
        .find(|l| l.contains("og:image\""))
        .expect("og:image");
    assert!(
        og.contains("content=\"https://test.example/images/maps-harbour-")
            && og.contains("-1200.png\""),
        "{og}"
    );
    assert!(html.contains("<meta property=\"og:image:width\" content=\"1200\">"));
    assert!(html.contains("<meta property=\"og:image:height\" content=\"600\">"));
    assert!(html.contains("<meta name=\"twitter:card\" content=\"summary_large_image\">"));
    assert!(html.contains(
        "<meta name=\"twitter:image:alt\" content=\"A map of the harbour and its bridge\">"
    ));
    // Pages without an image keep the small card.
    let home = built.read("index.html");
    assert!(!home.contains("og:image"));
    assert!(home.contains("<meta name=\"twitter:card\" content=\"summary\">"));
}

#[test]
fn without_a_base_url_there_is_no_card_image() {
    let built = SiteTest::new()
        .config("title = \"Test\"\n")
        .page("background", &page_with_image(MAP))
        .file("content/images/maps/harbour.png", png(900, 600))
        .build();
    let html = built.read("background/index.html");
    assert!(
        !html.contains("og:image"),
        "a card needs an absolute address"
    );
    assert!(img_tag(&html).contains(" width=\"900\" height=\"600\""));
}

#[test]
fn a_profile_portrait_and_a_source_lead_photo_with_caption_and_credit() {
    let built = SiteTest::new()
        .source("2021-05-01-harbour-bridge", SOURCE)
        .sidecar(
            "2021-05-01-harbour-bridge",
            "title = \"Harbour bridge to close for repairs\"\n\n[image]\nfile = \"bridge.jpg\"\n\
             alt = \"The bridge seen from the ferry pier\"\ncaption = \"The bridge in April.\"\n\
             credit = \"Photo: Ana Lima, CC BY 4.0\"\n",
        )
        .profile(
            "ana-lima",
            "+++\nname = \"Ana Lima\"\nrole = \"Reporter\"\n\n[image]\nfile = \"people/ana-lima.jpg\"\n\
             alt = \"Ana Lima\"\n+++\n\nA reporter.\n",
        )
        .file("content/images/bridge.jpg", jpeg(1000, 750))
        .file("content/images/people/ana-lima.jpg", jpeg(400, 500))
        .build();
    let source = built.read("sources/2021-05-01-harbour-bridge/index.html");
    let img = img_tag(&source);
    assert!(img.contains("../../images/bridge-"), "{img}");
    assert!(img.contains(" width=\"1000\" height=\"750\""), "{img}");
    assert!(source.contains(
        "<figcaption>The bridge in April. <span class=\"image-credit\">Photo: Ana Lima, CC BY 4.0</span></figcaption>"
    ));
    let person = built.read("people/ana-lima/index.html");
    let img = img_tag(&person);
    assert!(person.contains("<figure class=\"portrait\">"));
    assert!(img.contains("people-ana-lima-"), "{img}");
    assert!(img.contains(" width=\"400\" height=\"500\""), "{img}");
    assert!(img.contains(" alt=\"Ana Lima\""), "{img}");
    let copy = built
        .tree()
        .into_iter()
        .find(|(path, _)| path.starts_with("images/people-ana-lima-"))
        .unwrap();
    assert!(copy.0.ends_with("-400.jpg"), "{}", copy.0);
    assert_eq!(
        image::guess_format(&copy.1).unwrap(),
        image::ImageFormat::Jpeg
    );
}

#[test]
fn image_files_in_content_are_not_reported_as_strays() {
    let built = SiteTest::new()
        .page("background", &page_with_image(MAP))
        .file("content/images/maps/harbour.png", png(300, 200))
        .file("content/images/unused.png", png(10, 10))
        .build();
    assert!(
        built.report.diagnostics.is_empty(),
        "{:?}",
        built.report.diagnostics
    );
    // Only the images something shows are published.
    assert!(!built.tree().keys().any(|p| p.contains("unused")));
}
