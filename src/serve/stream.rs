//! A file of the built site as a response body: an open file (and, for an
//! HTML page, the live-reload script) in, the file's bytes in chunks out.
//!
//! A page is never read whole into memory: a slow reader of a large page
//! holds one chunk at a time, however large the page. The reload script goes
//! before the page's last `</body>` (or at the end when it has none), which
//! is found by reading the file backwards from its end before the response
//! starts. The same open file is read for the whole response, so a rebuild
//! that replaces the file (by a rename) meanwhile changes nothing for it.

use bytes::Bytes;
use hyper::body::{Body, Frame, SizeHint};
use std::collections::VecDeque;
use std::fs::File;
use std::future::Future;
use std::io;
use std::os::unix::fs::FileExt;
use std::path::Path;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{ready, Context, Poll};
use tokio::task::JoinHandle;

/// The most read from the file at once.
pub const CHUNK: u64 = 64 * 1024;

/// The tag the reload script goes before.
const BODY_CLOSE: &[u8] = b"</body>";

/// A file streamed from disk, with optional bytes spliced in.
pub struct FileBody {
    file: Arc<File>,
    /// What is still to be sent, in order.
    parts: VecDeque<Part>,
    /// Bytes still to be sent, over all parts.
    remaining: u64,
    /// The chunk being read, on tokio's blocking threads.
    reading: Option<JoinHandle<io::Result<Vec<u8>>>>,
}

/// What [`FileBody::next_part`] found to do.
enum Next {
    Send(Bytes),
    /// A chunk is being read.
    Reading,
    Done,
}

enum Part {
    /// Bytes `start..end` of the file.
    Range(u64, u64),
    Bytes(Bytes),
}

impl FileBody {
    /// Opens `path`; with `insert`, those bytes go before its last `</body>`.
    /// Blocks (it may read the file): call it on a blocking thread.
    pub fn open(path: &Path, insert: Option<Bytes>) -> io::Result<FileBody> {
        let file = File::open(path)?;
        let meta = file.metadata()?;
        if !meta.is_file() {
            return Err(io::Error::new(io::ErrorKind::NotFound, "not a file"));
        }
        let length = meta.len();
        let mut parts = VecDeque::new();
        match insert {
            None => parts.push_back(Part::Range(0, length)),
            Some(insert) => {
                let at = last_body_close(&file, length)?.unwrap_or(length);
                parts.push_back(Part::Range(0, at));
                parts.push_back(Part::Bytes(insert));
                parts.push_back(Part::Range(at, length));
            }
        }
        let remaining = parts.iter().map(Part::len).sum();
        Ok(FileBody {
            file: Arc::new(file),
            parts,
            remaining,
            reading: None,
        })
    }

    /// Starts reading the next chunk of the file, or takes the next bytes to
    /// send as they are.
    fn next_part(&mut self) -> Next {
        loop {
            let Some(part) = self.parts.pop_front() else {
                return Next::Done;
            };
            match part {
                Part::Bytes(bytes) => return Next::Send(bytes),
                Part::Range(start, end) if start >= end => continue,
                Part::Range(start, end) => {
                    let length = CHUNK.min(end - start);
                    if start + length < end {
                        self.parts.push_front(Part::Range(start + length, end));
                    }
                    let file = Arc::clone(&self.file);
                    self.reading = Some(tokio::task::spawn_blocking(move || {
                        let mut chunk = vec![0; length as usize];
                        file.read_exact_at(&mut chunk, start).map(|()| chunk)
                    }));
                    return Next::Reading;
                }
            }
        }
    }
}

impl Part {
    fn len(&self) -> u64 {
        match self {
            Part::Range(start, end) => end.saturating_sub(*start),
            Part::Bytes(bytes) => bytes.len() as u64,
        }
    }
}

impl Body for FileBody {
    type Data = Bytes;
    type Error = io::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, io::Error>>> {
        loop {
            if let Some(reading) = self.reading.as_mut() {
                let read = ready!(Pin::new(reading).poll(cx));
                self.reading = None;
                // A file cut short under us: the length promised cannot be
                // kept, so the response is broken off.
                let chunk = read.map_err(io::Error::other).and_then(|read| read)?;
                self.remaining -= chunk.len() as u64;
                return Poll::Ready(Some(Ok(Frame::data(Bytes::from(chunk)))));
            }
            match self.next_part() {
                Next::Done => return Poll::Ready(None),
                Next::Reading => continue,
                Next::Send(bytes) => {
                    self.remaining -= bytes.len() as u64;
                    return Poll::Ready(Some(Ok(Frame::data(bytes))));
                }
            }
        }
    }

    fn is_end_stream(&self) -> bool {
        self.remaining == 0
    }

    fn size_hint(&self) -> SizeHint {
        SizeHint::with_exact(self.remaining)
    }
}

/// Where the last `</body>` (in any case) of the first `length` bytes of
/// `file` starts, reading backwards one chunk at a time.
fn last_body_close(file: &File, length: u64) -> io::Result<Option<u64>> {
    let overlap = BODY_CLOSE.len() as u64 - 1;
    let mut end = length;
    while end > 0 {
        let start = end.saturating_sub(CHUNK);
        let mut block = vec![0; (end - start) as usize];
        file.read_exact_at(&mut block, start)?;
        let found = block
            .windows(BODY_CLOSE.len())
            .rposition(|window| window.eq_ignore_ascii_case(BODY_CLOSE));
        if let Some(at) = found {
            return Ok(Some(start + at as u64));
        }
        if start == 0 {
            break;
        }
        // Overlap the blocks, so a tag across their boundary is found.
        end = start + overlap;
    }
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::*;
    use http_body_util::BodyExt;

    /// What a body sends, read to the end.
    fn collect(body: FileBody) -> Vec<u8> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        runtime.block_on(async {
            let collected = body.collect().await.unwrap();
            collected.to_bytes().to_vec()
        })
    }

    /// What the reload script's placement should give: the old in-memory splice.
    fn spliced(html: &[u8], insert: &[u8]) -> Vec<u8> {
        let at = html
            .windows(7)
            .rposition(|w| w.eq_ignore_ascii_case(b"</body>"))
            .unwrap_or(html.len());
        [&html[..at], insert, &html[at..]].concat()
    }

    #[test]
    fn splices_before_the_last_body_close_across_chunks() {
        let dir = tempfile::tempdir().unwrap();
        let chunk = CHUNK as usize;
        let filler = |n: usize| "x".repeat(n);
        let cases = [
            String::new(),
            "<html><body>hi</body></html>".to_string(),
            "<html><BODY>no close".to_string(),
            format!("{}</body>{}</BoDy>\n", filler(10), filler(3 * chunk)),
            // The tag across each possible chunk boundary.
            format!("{}</body>{}", filler(chunk - 3), filler(chunk)),
            format!("{}</body>", filler(2 * chunk - 7)),
            format!("{}</body>{}", filler(2 * chunk - 1), filler(5)),
            format!("</body>{}", filler(3 * chunk + 17)),
            filler(2 * chunk + 1),
        ];
        for (index, html) in cases.iter().enumerate() {
            let path = dir.path().join(format!("{index}.html"));
            std::fs::write(&path, html).unwrap();
            let insert = Bytes::from_static(b"<script>reload()</script>");
            let body = FileBody::open(&path, Some(insert.clone())).unwrap();
            let expected = spliced(html.as_bytes(), &insert);
            assert_eq!(body.size_hint().exact(), Some(expected.len() as u64));
            assert!(collect(body) == expected, "case {index}");
            let plain = FileBody::open(&path, None).unwrap();
            assert!(collect(plain) == html.as_bytes(), "case {index} as is");
        }
    }
}
