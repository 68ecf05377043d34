//! A connection that gives up on a client that stops reading: a socket in,
//! the same socket out, whose writes fail once one has waited too long.
//!
//! hyper times out a client that is slow to send its request, but not one
//! that is slow to take the response: without this, a client that asks for
//! a large page and never reads holds its connection (and what is buffered
//! for it) for as long as it likes.

use std::future::Future;
use std::io;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::time::Sleep;

/// A stream whose writes fail with `TimedOut` when one cannot make progress
/// for `limit` (the client is not reading).
pub struct WriteTimeout<S> {
    inner: S,
    limit: Duration,
    /// Started when a write first had to wait; cleared when one goes through.
    waiting: Option<Pin<Box<Sleep>>>,
}

impl<S> WriteTimeout<S> {
    pub fn new(inner: S, limit: Duration) -> Self {
        WriteTimeout {
            inner,
            limit,
            waiting: None,
        }
    }

    /// Passes on what a write gave; a write that has had to wait for longer
    /// than the limit becomes an error.
    fn watch<T>(&mut self, cx: &mut Context<'_>, poll: Poll<io::Result<T>>) -> Poll<io::Result<T>> {
        if poll.is_ready() {
            self.waiting = None;
            return poll;
        }
        let limit = self.limit;
        let waiting = self
            .waiting
            .get_or_insert_with(|| Box::pin(tokio::time::sleep(limit)));
        match waiting.as_mut().poll(cx) {
            Poll::Ready(()) => Poll::Ready(Err(io::Error::new(
                io::ErrorKind::TimedOut,
                "the client stopped reading the response",
            ))),
            Poll::Pending => Poll::Pending,
        }
    }
}

impl<S: AsyncRead + Unpin> AsyncRead for WriteTimeout<S> {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_read(cx, buf)
    }
}

impl<S: AsyncWrite + Unpin> AsyncWrite for WriteTimeout<S> {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let poll = Pin::new(&mut self.inner).poll_write(cx, buf);
        self.watch(cx, poll)
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let poll = Pin::new(&mut self.inner).poll_write_vectored(cx, bufs);
        self.watch(cx, poll)
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let poll = Pin::new(&mut self.inner).poll_flush(cx);
        self.watch(cx, poll)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let poll = Pin::new(&mut self.inner).poll_shutdown(cx);
        self.watch(cx, poll)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::io::AsyncWriteExt;

    #[test]
    fn a_write_nobody_reads_times_out_and_one_that_is_read_does_not() {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        runtime.block_on(async {
            let limit = Duration::from_millis(200);
            // A pipe with a small buffer that nobody reads.
            let (writer, _reader) = tokio::io::duplex(1024);
            let mut stalled = WriteTimeout::new(writer, limit);
            let error = stalled.write_all(&[0; 64 * 1024]).await.unwrap_err();
            assert_eq!(error.kind(), io::ErrorKind::TimedOut);

            // The same amount, read slowly but steadily, goes through.
            let (writer, mut reader) = tokio::io::duplex(1024);
            let mut steady = WriteTimeout::new(writer, limit);
            let reading = tokio::spawn(async move {
                let mut sink = Vec::new();
                let mut buffer = [0; 4096];
                loop {
                    tokio::time::sleep(Duration::from_millis(5)).await;
                    match tokio::io::AsyncReadExt::read(&mut reader, &mut buffer).await {
                        Ok(0) | Err(_) => return sink.len(),
                        Ok(n) => sink.extend_from_slice(&buffer[..n]),
                    }
                }
            });
            steady.write_all(&[0; 64 * 1024]).await.unwrap();
            drop(steady);
            assert_eq!(reading.await.unwrap(), 64 * 1024);
        });
    }
}
