//! The preview server: a site folder in, a local HTTP preview that rebuilds
//! and reloads on every edit out.
//!
//! One thread watches the site and runs the incremental [`Engine`]; the
//! server (hyper on tokio, one task per connection, so a slow client holds
//! up no one) serves the output folder and tells open pages through
//! server-sent events when a build finished or failed. The reload script is
//! added to HTML responses on the way out, so the files on disk stay exactly
//! what `backstory build` writes.
//!
//! What a client can make the server spend is bounded: files are streamed
//! from disk a chunk at a time ([`stream`]), a client that stops reading is
//! dropped ([`stalled`]), at most [`MAX_CONNECTIONS`] are served at once
//! (others wait their turn in the listen queue) on a fixed number of
//! threads, and only requests naming this machine are answered ([`host`]).

pub mod files;
pub mod host;
pub mod stalled;
pub mod stream;

use crate::build::BuildOptions;
use crate::diag::Diagnostic;
use crate::incremental::{Engine, Rebuild};
use bytes::Bytes;
use files::Target;
use http_body_util::combinators::BoxBody;
use http_body_util::{BodyExt, Empty, Full};
use hyper::body::{Frame, Incoming};
use hyper::header::{HeaderValue, ALLOW, CACHE_CONTROL, CONTENT_TYPE, HOST, LOCATION};
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::{TokioIo, TokioTimer};
use serde::Serialize;
use std::convert::Infallible;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;
use stream::FileBody;
use tokio::sync::{watch, Semaphore};

/// The script added before `</body>` of every HTML page served.
pub const RELOAD_SCRIPT: &str = include_str!("reload.js");
/// Where open pages listen for build results.
pub const EVENTS_PATH: &str = "/__backstory/events";
/// Connections served at once; more wait in the listen queue until one ends.
/// A browser opens about six per site, plus one per open tab for reloads.
pub const MAX_CONNECTIONS: usize = 128;
/// How long a client may take to send its request's headers.
pub const HEADER_TIMEOUT: Duration = Duration::from_secs(10);
/// How long a client may leave the response unread before it is dropped.
pub const WRITE_TIMEOUT: Duration = Duration::from_secs(10);
/// Threads that serve requests, and the most that read files for them.
const WORKER_THREADS: usize = 2;
const FILE_THREADS: usize = 8;

/// Settings of `backstory serve`.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub build: BuildOptions,
    /// Address to listen on; port 0 picks a free port.
    pub address: SocketAddr,
    /// Print each rebuild's stage timings, not just one short line.
    pub verbose: bool,
}

/// A problem as the browser overlay shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Problem {
    pub file: String,
    pub line: Option<usize>,
    pub message: String,
    pub hint: Option<String>,
}

impl From<&Diagnostic> for Problem {
    fn from(d: &Diagnostic) -> Self {
        Problem {
            file: d.file.to_string_lossy().replace('\\', "/"),
            line: d.line,
            message: d.message.clone(),
            hint: d.hint.clone(),
        }
    }
}

/// What open pages are told: which good build is on disk, and the current errors.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct State {
    /// Goes up whenever a build changed the output.
    pub generation: u64,
    /// The errors of the last build, if it failed.
    pub problems: Option<Vec<Problem>>,
}

/// A response body: an error breaks the connection off (a file cut short).
type Body = BoxBody<Bytes, std::io::Error>;

struct Shared {
    /// Canonical path of the output folder.
    output: PathBuf,
    state: watch::Receiver<State>,
}

/// Builds the site, then serves it and rebuilds on every edit until the process ends.
/// Prints `serving http://ADDR/` once listening. `Err` for I/O failures only.
pub fn serve(options: ServeOptions, on_listen: impl FnOnce(SocketAddr)) -> std::io::Result<()> {
    let mut engine = Engine::new(options.build.clone(), None);
    // Watch before the first build, so no edit made from here on is missed.
    let watcher =
        crate::watch::Watcher::new(&engine.options().root).map_err(std::io::Error::other)?;
    let (sender, receiver) = watch::channel(State::default());
    let mut printer = Printer::new(options.verbose);
    let first = engine.rebuild()?;
    printer.report(&first);
    publish(&sender, &first);
    let search = search_in_background(&engine);
    request_search(search.as_ref(), &engine, &first);
    let output = engine.options().output_dir();
    std::fs::create_dir_all(&output)?;
    let output = std::fs::canonicalize(&output)?;

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(WORKER_THREADS)
        .max_blocking_threads(FILE_THREADS)
        .enable_all()
        .build()?;
    let listener = runtime.block_on(tokio::net::TcpListener::bind(options.address))?;
    let address = listener.local_addr()?;
    on_listen(address);
    let shared = Arc::new(Shared {
        output,
        state: receiver,
    });
    runtime.spawn(accept_loop(listener, shared));

    let news = watcher.news();
    watcher
        .run(|paths| {
            engine.changed(&paths);
            match engine.rebuild_pages() {
                Ok(report) => {
                    printer.report(&report);
                    publish(&sender, &report);
                    // Open pages have been told to reload; the JSON exports
                    // and the search index follow.
                    if let Err(error) = engine.write_exports_unless(&news) {
                        crate::terminal::err(&format!(
                            "error: cannot write the JSON exports: {error}"
                        ));
                    }
                    request_search(search.as_ref(), &engine, &report);
                }
                Err(error) => crate::terminal::err(&format!("error: {error}")),
            }
            true
        })
        .map_err(std::io::Error::other)
}

/// The search indexer for `engine`'s output, on a thread of its own so that
/// indexing never delays a rebuild or a reload; `None` with `--no-search`.
pub fn search_in_background(engine: &Engine) -> Option<crate::search::Background> {
    let options = engine.options();
    (!options.no_search)
        .then(|| crate::search::Refresher::new(&options.output_dir()).in_background())
}

/// Asks for a new search index after a rebuild that changed the output.
pub fn request_search(
    search: Option<&crate::search::Background>,
    engine: &Engine,
    report: &Rebuild,
) {
    if let Some(search) = search {
        if report.written && !(report.changed.is_empty() && report.removed.is_empty()) {
            search.request(engine.language());
        }
    }
}

/// Tells open pages about a finished rebuild.
fn publish(sender: &watch::Sender<State>, report: &Rebuild) {
    sender.send_if_modified(|state| {
        let before = state.clone();
        if report.has_errors() {
            let problems = report
                .diagnostics
                .iter()
                .filter(|d| d.is_error())
                .map(Problem::from)
                .collect();
            state.problems = Some(problems);
        } else {
            state.problems = None;
            if !report.changed.is_empty() || !report.removed.is_empty() {
                state.generation += 1;
            }
        }
        *state != before
    });
}

/// A line for standard output or standard error.
#[derive(Debug, PartialEq, Eq)]
enum Line {
    Out(String),
    Err(String),
}

/// Prints each rebuild's outcome in one short line, and a given set of
/// problems only once: an error that persists across edits is not printed
/// again on every rebuild.
#[derive(Default)]
pub struct Printer {
    last: Vec<String>,
    /// Each rebuild's stage timings too (`--verbose`).
    verbose: bool,
}

impl Printer {
    pub fn new(verbose: bool) -> Self {
        Printer {
            last: Vec::new(),
            verbose,
        }
    }

    pub fn report(&mut self, report: &Rebuild) {
        // Through the terminal module: a closed pipe ends the program
        // quietly, and names from files cannot steer the terminal.
        for line in self.lines(report) {
            match line {
                Line::Out(text) => crate::terminal::out(&text),
                Line::Err(text) => crate::terminal::err(&text),
            }
        }
    }

    /// What [`Printer::report`] prints for `report`, given what it printed before.
    fn lines(&mut self, report: &Rebuild) -> Vec<Line> {
        let shown: Vec<String> = report.diagnostics.iter().map(|d| d.to_string()).collect();
        let mut lines = Vec::new();
        let new_problems = shown != self.last;
        if new_problems {
            lines.extend(shown.iter().cloned().map(Line::Err));
            self.last = shown;
        }
        if report.has_errors() {
            if new_problems {
                lines.push(Line::Err(
                    "build failed; still serving the last good build".into(),
                ));
            }
        } else if report.written {
            lines.push(Line::Out(self.summary(report)));
        }
        lines
    }

    /// "rebuilt in 42 ms: 3 files written", with the stages when verbose.
    fn summary(&self, report: &Rebuild) -> String {
        // `render:pages` and the like are parts of `render`, not extra time.
        let total: Duration = report
            .timings
            .iter()
            .filter(|(step, _)| !step.is_part())
            .map(|(_, d)| *d)
            .sum();
        let mut line = format!("rebuilt in {} ms", total.as_millis());
        if self.verbose {
            let stages: Vec<String> = report
                .timings
                .iter()
                .map(|(step, took)| format!("{} {}", step.name(), took.as_millis()))
                .collect();
            line.push_str(&format!(
                " ({}): {} rendered, {} written, {} removed, {} source(s) cleaned",
                stages.join(", "),
                report.rendered,
                report.changed.len(),
                report.removed.len(),
                report.cleaned
            ));
        } else {
            let files = |n: usize| {
                if n == 1 {
                    "1 file".to_string()
                } else {
                    format!("{n} files")
                }
            };
            line.push_str(&format!(": {} written", files(report.changed.len())));
            if !report.removed.is_empty() {
                line.push_str(&format!(", {} removed", files(report.removed.len())));
            }
        }
        line
    }
}

async fn accept_loop(listener: tokio::net::TcpListener, shared: Arc<Shared>) {
    let open = Arc::new(Semaphore::new(MAX_CONNECTIONS));
    loop {
        // Accept only with room for one more: the rest wait in the listen queue.
        let Ok(permit) = Arc::clone(&open).acquire_owned().await else {
            return;
        };
        let (stream, local) = match listener.accept().await {
            Ok((stream, _)) => match stream.local_addr() {
                Ok(local) => (stream, local),
                Err(_) => continue,
            },
            Err(_) => {
                // Out of file descriptors and the like: back off instead of spinning.
                tokio::time::sleep(Duration::from_millis(20)).await;
                continue;
            }
        };
        let shared = shared.clone();
        tokio::spawn(async move {
            let service = hyper::service::service_fn(move |request| {
                let shared = shared.clone();
                async move { Ok::<_, Infallible>(respond(&shared, local, request).await) }
            });
            let stream = stalled::WriteTimeout::new(stream, WRITE_TIMEOUT);
            let _ = hyper::server::conn::http1::Builder::new()
                .timer(TokioTimer::new())
                // A client that never finishes its headers is dropped.
                .header_read_timeout(HEADER_TIMEOUT)
                .serve_connection(TokioIo::new(stream), service)
                .await;
            drop(permit);
        });
    }
}

fn full(bytes: impl Into<Bytes>) -> Body {
    Full::new(bytes.into())
        .map_err(|never| match never {})
        .boxed()
}

fn plain(status: StatusCode, text: impl Into<Bytes>) -> Response<Body> {
    let mut response = Response::new(full(text));
    *response.status_mut() = status;
    response.headers_mut().insert(
        CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    response
}

/// Whether `request` names this server, reached at `local`, in its `Host`
/// header and in its URL if that is absolute (see [`host`]).
fn names_this_server(request: &Request<Incoming>, local: SocketAddr) -> bool {
    let header = request.headers().get(HOST).map(|value| value.to_str());
    let Some(Ok(header)) = header else {
        return false;
    };
    let url = request.uri().authority().map(|a| a.as_str());
    host::names_this_server(header, local)
        && url.is_none_or(|authority| host::names_this_server(authority, local))
}

async fn respond(shared: &Shared, local: SocketAddr, request: Request<Incoming>) -> Response<Body> {
    if !names_this_server(&request, local) {
        let text = format!("this preview answers only to its own address: open http://{local}/\n");
        return plain(StatusCode::FORBIDDEN, text);
    }
    let head = match *request.method() {
        Method::GET => false,
        Method::HEAD => true,
        _ => {
            let mut response = plain(StatusCode::METHOD_NOT_ALLOWED, "only GET and HEAD\n");
            response
                .headers_mut()
                .insert(ALLOW, HeaderValue::from_static("GET, HEAD"));
            return response;
        }
    };
    let path = request.uri().path().to_string();
    let mut response = if path == EVENTS_PATH {
        events(shared.state.clone())
    } else {
        let output = shared.output.clone();
        let lookup = path.clone();
        let target = tokio::task::spawn_blocking(move || files::resolve(&output, &lookup))
            .await
            .unwrap_or(Target::NotFound);
        match target {
            Target::File(file) => file_response(file, StatusCode::OK).await,
            Target::AddSlash(location) => {
                let mut response = plain(StatusCode::MOVED_PERMANENTLY, "moved\n");
                if let Ok(value) = HeaderValue::from_str(&location) {
                    response.headers_mut().insert(LOCATION, value);
                }
                response
            }
            Target::BadRequest => plain(StatusCode::BAD_REQUEST, "bad request\n"),
            Target::NotFound => {
                let page = shared.output.join("404.html");
                file_response(page, StatusCode::NOT_FOUND).await
            }
        }
    };
    let headers = response.headers_mut();
    headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(
        "x-content-type-options",
        HeaderValue::from_static("nosniff"),
    );
    if head {
        let (parts, body) = response.into_parts();
        let length = hyper::body::Body::size_hint(&body).exact();
        let mut response =
            Response::from_parts(parts, Empty::new().map_err(|never| match never {}).boxed());
        if let Some(length) = length {
            response
                .headers_mut()
                .insert(hyper::header::CONTENT_LENGTH, HeaderValue::from(length));
        }
        return response;
    }
    response
}

/// `file` streamed from disk, HTML with the reload script; a plain 404 when
/// it cannot be opened (it was removed since it was found, say).
async fn file_response(file: PathBuf, status: StatusCode) -> Response<Body> {
    let content_type = files::content_type(&file);
    let insert = content_type
        .starts_with("text/html")
        .then(|| Bytes::from(format!("<script>{RELOAD_SCRIPT}</script>\n")));
    let opened = tokio::task::spawn_blocking(move || FileBody::open(&file, insert)).await;
    let Ok(Ok(body)) = opened else {
        return plain(StatusCode::NOT_FOUND, "not found\n");
    };
    let mut response = Response::new(body.boxed());
    *response.status_mut() = status;
    response
        .headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
    response
}

/// A server-sent event stream of [`State`]s: the current one at once, then every change.
fn events(mut state: watch::Receiver<State>) -> Response<Body> {
    let (mut sender, body) = http_body_util::channel::Channel::<Bytes, std::io::Error>::new(4);
    tokio::spawn(async move {
        loop {
            let current = state.borrow_and_update().clone();
            let json = serde_json::to_string(&current).unwrap_or_default();
            let message = format!("event: state\ndata: {json}\n\n");
            if sender
                .send(Frame::data(Bytes::from(message)))
                .await
                .is_err()
            {
                return;
            }
            tokio::select! {
                changed = state.changed() => if changed.is_err() { return },
                // A comment now and then lets a closed tab be noticed and dropped.
                _ = tokio::time::sleep(Duration::from_secs(15)) => {
                    if sender.send(Frame::data(Bytes::from_static(b": ping\n\n"))).await.is_err() {
                        return;
                    }
                }
            }
        }
    });
    let mut response = Response::new(body.boxed());
    response
        .headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static("text/event-stream"));
    response
}

#[cfg(test)]
mod printer_tests {
    use super::*;
    use crate::measure::Step;

    fn rebuild(errors: &[&str], written: usize) -> Rebuild {
        Rebuild {
            diagnostics: errors
                .iter()
                .map(|message| Diagnostic::error("content/pages/a.md", Some(3), *message))
                .collect(),
            written: errors.is_empty(),
            rendered: written,
            changed: (0..written).map(|n| format!("p{n}/index.html")).collect(),
            timings: vec![
                (Step::Load, Duration::from_millis(4)),
                (Step::Render, Duration::from_millis(9)),
                (Step::RenderPages, Duration::from_millis(8)),
            ],
            ..Rebuild::default()
        }
    }

    #[test]
    fn a_rebuild_is_one_short_line_and_timings_only_when_verbose() {
        let mut quiet = Printer::new(false);
        assert_eq!(
            quiet.lines(&rebuild(&[], 3)),
            [Line::Out("rebuilt in 13 ms: 3 files written".into())]
        );
        let mut verbose = Printer::new(true);
        let Line::Out(line) = &verbose.lines(&rebuild(&[], 1))[0] else {
            panic!("a line on standard output")
        };
        assert!(
            line.starts_with("rebuilt in 13 ms (load 4, render 9, render:pages 8): 1 rendered"),
            "{line}"
        );
    }

    #[test]
    fn an_error_that_persists_is_printed_once() {
        let mut printer = Printer::new(false);
        let first = printer.lines(&rebuild(&["no page has the id `b`"], 0));
        assert_eq!(first.len(), 2, "{first:?}");
        assert!(matches!(&first[0], Line::Err(text) if text.contains("no page has the id `b`")));
        assert_eq!(printer.lines(&rebuild(&["no page has the id `b`"], 0)), []);
        let other = printer.lines(&rebuild(&["no page has the id `c`"], 0));
        assert_eq!(other.len(), 2, "a new error is printed: {other:?}");
        assert_eq!(
            printer.lines(&rebuild(&[], 2)),
            [Line::Out("rebuilt in 13 ms: 2 files written".into())]
        );
    }
}
