//! Resizing: an image file's bytes in, its resized copies out, each made
//! once: a [`Cache`] keeps what it made in memory (for watch mode) and
//! takes a copy the last build left in the output folder, since a copy's
//! name says which bytes it was made from.
//!
//! Decoding is bounded ([`MAX_SIDE`], [`MAX_PIXELS`]) so a huge or
//! hostile file is refused with a message rather than exhausting memory,
//! and a file that cannot be decoded is an error naming it, never a panic.

use super::{Picture, Variant, WIDTHS};
use crate::diag::Diagnostic;
use crate::output::OutputFile;
use image::{DynamicImage, ImageDecoder, ImageReader};
use std::collections::HashMap;
use std::io::Cursor;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// The longest side, in pixels, of an image Backstory reads.
pub const MAX_SIDE: u32 = 16_000;
/// The most pixels an image Backstory reads may have (a 50-megapixel photo).
pub const MAX_PIXELS: u64 = 50_000_000;
/// JPEG quality of the resized copies: no visible loss at a third of the size.
const JPEG_QUALITY: u8 = 82;
/// Changes with anything that changes the bytes of a copy (the encoder
/// settings, the filter), so no older copy is taken for a newer one.
const RECIPE: u64 = 1;

/// The formats resized, each written as it came.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Png,
    Jpeg,
}

impl Format {
    /// The format a file name says, from its extension.
    pub fn of(file: &str) -> Option<Format> {
        let extension = Path::new(file).extension()?.to_str()?.to_ascii_lowercase();
        match extension.as_str() {
            "png" => Some(Format::Png),
            "jpg" | "jpeg" => Some(Format::Jpeg),
            _ => None,
        }
    }

    fn extension(self) -> &'static str {
        match self {
            Format::Png => "png",
            Format::Jpeg => "jpg",
        }
    }
}

/// What making one image gave: its picture and the files to publish.
pub struct Made {
    pub picture: Picture,
    pub files: Vec<OutputFile>,
}

/// Resized copies already made, by their path in the output folder.
#[derive(Default)]
pub struct Cache {
    made: Mutex<HashMap<String, Arc<[u8]>>>,
    /// The output folder of the last build, whose copies may be taken.
    previous: Option<PathBuf>,
}

impl Cache {
    /// A cache that also takes copies from the output folder `previous`.
    pub fn new(previous: Option<PathBuf>) -> Self {
        Cache {
            made: Mutex::default(),
            previous,
        }
    }

    /// The picture of `content/images/FILE` under the site `root`, or an
    /// error naming the file.
    pub fn make(&self, root: &Path, file: &str) -> Result<Made, Diagnostic> {
        let shown = super::source_path(file);
        let bytes = std::fs::read(root.join(&shown)).map_err(|error| {
            Diagnostic::error(&shown, None, format!("cannot read this image: {error}"))
                .hint("check the file's permissions, or save the image again")
        })?;
        let format = Format::of(file).expect("checked before");
        let (width, height) = dimensions(&bytes, format).map_err(|e| unreadable(&shown, &e))?;
        if width.max(height) > MAX_SIDE || u64::from(width) * u64::from(height) > MAX_PIXELS {
            return Err(too_large(&shown, width, height));
        }
        let stem = output_stem(file, &bytes);
        let variants = variants(&stem, format, width, height);
        let mut files = Vec::new();
        let mut missing = Vec::new();
        for variant in &variants {
            match self.known(&variant.path) {
                Some(bytes) => files.push(OutputFile::new(variant.path.clone(), bytes.to_vec())),
                None => missing.push(variant),
            }
        }
        if !missing.is_empty() {
            let image = decode(&bytes, format).map_err(|e| unreadable(&shown, &e))?;
            for variant in missing {
                let made = resize(&image, variant, format).map_err(|e| unreadable(&shown, &e))?;
                let made: Arc<[u8]> = made.into();
                let mut memory = self.made.lock().unwrap_or_else(|e| e.into_inner());
                memory.insert(variant.path.clone(), made.clone());
                files.push(OutputFile::new(variant.path.clone(), made.to_vec()));
            }
        }
        Ok(Made {
            picture: Picture { variants },
            files,
        })
    }

    /// Forgets every copy but those at `paths`: an image replaced in watch
    /// mode does not keep its old copies in memory for the session.
    pub fn keep_only<'a>(&self, paths: impl IntoIterator<Item = &'a str>) {
        let keep: std::collections::HashSet<&str> = paths.into_iter().collect();
        let mut memory = self.made.lock().unwrap_or_else(|e| e.into_inner());
        memory.retain(|path, _| keep.contains(path.as_str()));
    }

    /// A copy made before: in memory, or in the last output folder.
    fn known(&self, path: &str) -> Option<Arc<[u8]>> {
        let mut memory = self.made.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(bytes) = memory.get(path) {
            return Some(bytes.clone());
        }
        let on_disk = self.previous.as_ref()?.join(path);
        // Only a regular file the last build wrote: never through a link.
        let regular = std::fs::symlink_metadata(&on_disk).is_ok_and(|m| m.file_type().is_file());
        let bytes: Arc<[u8]> = std::fs::read(on_disk).ok().filter(|_| regular)?.into();
        memory.insert(path.to_string(), bytes.clone());
        Some(bytes)
    }
}

/// `images/NAME-DIGEST`: the file's path as a slug (so two files of one
/// name in different folders do not meet) and a digest of its bytes.
fn output_stem(file: &str, bytes: &[u8]) -> String {
    let without_extension = file.rsplit_once('.').map_or(file, |(stem, _)| stem);
    let mut name = crate::slug::slugify(without_extension);
    if name.is_empty() {
        name.push_str("image");
    }
    format!("{}/{name}-{:08x}", super::FOLDER, digest(bytes) as u32)
}

/// FNV-1a over the bytes and [`RECIPE`]: stable from one build, process
/// and version to the next, as the names of cached copies must be.
fn digest(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325 ^ RECIPE;
    for &byte in bytes {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

/// The copies of an image `width` × `height`: one per width in [`WIDTHS`]
/// narrower than the image, and the image's own width when it is narrower
/// than the widest of them (never enlarged).
fn variants(stem: &str, format: Format, width: u32, height: u32) -> Vec<Variant> {
    let mut widths: Vec<u32> = WIDTHS.iter().copied().filter(|&w| w < width).collect();
    if width <= WIDTHS[WIDTHS.len() - 1] || widths.is_empty() {
        widths.push(width.min(WIDTHS[WIDTHS.len() - 1]));
    }
    widths
        .into_iter()
        .map(|w| {
            let h = (u64::from(height) * u64::from(w) + u64::from(width) / 2) / u64::from(width);
            Variant {
                path: format!("{stem}-{w}.{}", format.extension()),
                width: w,
                height: (h as u32).max(1),
            }
        })
        .collect()
}

/// A reader of `bytes` in `format`, with Backstory's limits on the
/// memory a decoder may take (and on the size, unless only the header is
/// read, so that a large image is told its size).
fn reader(bytes: &[u8], format: Format, header_only: bool) -> ImageReader<Cursor<&[u8]>> {
    let mut reader = ImageReader::with_format(
        Cursor::new(bytes),
        match format {
            Format::Png => image::ImageFormat::Png,
            Format::Jpeg => image::ImageFormat::Jpeg,
        },
    );
    let mut limits = image::Limits::default();
    if !header_only {
        limits.max_image_width = Some(MAX_SIDE);
        limits.max_image_height = Some(MAX_SIDE);
    }
    limits.max_alloc = Some(MAX_PIXELS * 8);
    reader.limits(limits);
    reader
}

/// The size of the image as shown (turned as its EXIF orientation says),
/// read from its header only.
fn dimensions(bytes: &[u8], format: Format) -> image::ImageResult<(u32, u32)> {
    let mut decoder = reader(bytes, format, true).into_decoder()?;
    let (width, height) = decoder.dimensions();
    let turned = matches!(
        decoder.orientation()?,
        image::metadata::Orientation::Rotate90
            | image::metadata::Orientation::Rotate270
            | image::metadata::Orientation::Rotate90FlipH
            | image::metadata::Orientation::Rotate270FlipH
    );
    Ok(if turned {
        (height, width)
    } else {
        (width, height)
    })
}

/// The whole image, turned upright.
fn decode(bytes: &[u8], format: Format) -> image::ImageResult<DynamicImage> {
    let mut decoder = reader(bytes, format, false).into_decoder()?;
    let orientation = decoder.orientation()?;
    let mut image = DynamicImage::from_decoder(decoder)?;
    image.apply_orientation(orientation);
    Ok(image)
}

/// `image` at the size of `variant`, encoded in `format`.
fn resize(image: &DynamicImage, variant: &Variant, format: Format) -> image::ImageResult<Vec<u8>> {
    let resized = if (image.width(), image.height()) == (variant.width, variant.height) {
        image.clone()
    } else {
        image.resize_exact(
            variant.width,
            variant.height,
            image::imageops::FilterType::CatmullRom,
        )
    };
    let mut out = Vec::new();
    match format {
        Format::Png => {
            let encoder = image::codecs::png::PngEncoder::new_with_quality(
                &mut out,
                image::codecs::png::CompressionType::Best,
                image::codecs::png::FilterType::Adaptive,
            );
            resized.write_with_encoder(encoder)?;
        }
        Format::Jpeg => {
            let encoder =
                image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, JPEG_QUALITY);
            DynamicImage::ImageRgb8(resized.to_rgb8()).write_with_encoder(encoder)?;
        }
    }
    Ok(out)
}

fn unreadable(shown: &Path, error: &image::ImageError) -> Diagnostic {
    let what = match error {
        image::ImageError::Limits(_) => "is too large to read".to_string(),
        _ => format!("cannot be read as an image ({error})"),
    };
    Diagnostic::error(shown, None, format!("this image {what}")).hint(
        "open it in an image editor and export it again as PNG or JPEG; \
         if the build should go on without it, remove its `[image]` table",
    )
}

fn too_large(shown: &Path, width: u32, height: u32) -> Diagnostic {
    Diagnostic::error(
        shown,
        None,
        format!("this image is {width} × {height} pixels, more than Backstory reads"),
    )
    .hint(format!(
        "scale it down in an image editor to at most {} pixels wide: pages show it at most that wide",
        WIDTHS[WIDTHS.len() - 1] * 2
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copies_are_never_wider_than_the_image() {
        let widths = |w, h| -> Vec<(u32, u32)> {
            variants("images/x-0", Format::Png, w, h)
                .iter()
                .map(|v| (v.width, v.height))
                .collect()
        };
        assert_eq!(widths(300, 150), [(300, 150)]);
        assert_eq!(widths(1000, 500), [(480, 240), (800, 400), (1000, 500)]);
        assert_eq!(
            widths(4000, 3000),
            [(480, 360), (800, 600), (1200, 900), (1600, 1200)]
        );
        assert_eq!(widths(1600, 2), [(480, 1), (800, 1), (1200, 2), (1600, 2)]);
    }

    #[test]
    fn names_are_safe_and_follow_the_bytes() {
        let a = output_stem("Maps/Iraq (2003).PNG", b"one");
        assert!(a.starts_with("images/maps-iraq-2003-"), "{a}");
        assert_ne!(a, output_stem("Maps/Iraq (2003).PNG", b"two"));
        assert_eq!(a, output_stem("Maps/Iraq (2003).PNG", b"one"));
        assert!(output_stem("…\u{200B}.png", b"x").starts_with("images/image-"));
    }

    #[test]
    fn corrupt_bytes_are_an_error_never_a_panic() {
        let mut png = Vec::new();
        DynamicImage::new_rgb8(40, 30)
            .write_to(&mut Cursor::new(&mut png), image::ImageFormat::Png)
            .unwrap();
        // Every cut and a flipped byte at every place: errors, no panics.
        for cut in 0..png.len() {
            let _ =
                dimensions(&png[..cut], Format::Png).and_then(|_| decode(&png[..cut], Format::Png));
            let _ = decode(&png[..cut], Format::Jpeg);
        }
        for at in 0..png.len() {
            let mut bad = png.clone();
            bad[at] ^= 0x5a;
            let _ = decode(&bad, Format::Png);
        }
        assert_eq!(dimensions(&png, Format::Png).unwrap(), (40, 30));
    }
}
