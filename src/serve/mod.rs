//! `reportlint serve`: a local web page and a small JSON API (version [`API_VERSION`])
//! over the same engine as the command line, for people who have a browser and Word
//! but no terminal.
//!
//! ```text
//! request ─ auth::guard (Host, Origin, token, size, timeout, headers) ─┬─ page (embedded HTML/CSS/JS)
//!                                                                      └─ api ─ upload (multipart, .zip, caps)
//!                                                                              └─ spawn_blocking: check / summary / annotate / template
//! ```
//!
//! Why axum on tokio: both are maintained by the tokio project and used widely; axum is
//! a thin layer over hyper whose multipart extractor streams a body part by part (so
//! caps apply while reading, not after) and whose middleware is plain async functions.
//! The checks themselves are synchronous CPU work: they run on the blocking pool (and
//! rayon within it), never on the async threads, at most [`Limits::checks`] at a time.
//!
//! The engine (packs and segmenter) is built once and shared. Uploads are held in
//! memory for the request and dropped; nothing a client sends reaches the file system,
//! and names (also of .zip entries) are only labels. The library never prints: the
//! command line says where the service is and opens the browser.

mod api;
mod auth;
mod packs;
mod page;
mod respond;
mod review;
mod upload;

use std::future::Future;
use std::net::{SocketAddr, TcpListener};
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use tokio::sync::Semaphore;

use crate::check::Engine;
use crate::pack::Pack;

/// The version of the JSON API (`/api/*`); it grows compatibly, like `reportlint/v1`.
pub const API_VERSION: u32 = 1;

/// What one request may ask for.
#[derive(Clone, Debug)]
pub struct Limits {
    /// Bytes of one file (also of one .zip entry once inflated).
    pub file: u64,
    /// Bytes of a whole request body.
    pub body: usize,
    /// Files (parts) in one request.
    pub files: usize,
    /// Entries in one .zip.
    pub zip_entries: usize,
    /// Bytes of one .zip once inflated, counted while inflating.
    pub zip_total: u64,
    /// Checks running at once (each request's files are checked in parallel within one).
    pub checks: usize,
    /// Time for one request, waiting included.
    pub timeout: Duration,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            file: crate::document::MAX_FILE,
            body: 256 * 1024 * 1024,
            files: 200,
            zip_entries: 1000,
            zip_total: 512 * 1024 * 1024,
            checks: std::thread::available_parallelism().map_or(2, usize::from),
            timeout: Duration::from_secs(300),
        }
    }
}

/// How to start the service.
#[derive(Debug)]
pub struct Settings {
    /// The candidate packs of every check (a request may add a derived pack).
    pub packs: Vec<Pack>,
    /// Ids of the packs given by `--pack` (see [`Engine::with_given`]).
    pub given: Vec<String>,
    /// The caps.
    pub limits: Limits,
    /// The access token; `None` draws a random one.
    pub token: Option<String>,
}

/// Shared by every request.
pub(crate) struct App {
    pub(crate) engine: Arc<Engine>,
    pub(crate) token: String,
    pub(crate) hosts: auth::Hosts,
    pub(crate) limits: Limits,
    pub(crate) checks: Semaphore,
}

/// A bound, not yet running service.
pub struct Server {
    listener: TcpListener,
    app: Arc<App>,
}

impl Server {
    /// Bind `addr` (port 0: a free port) and build the engine. Fails only when the
    /// address cannot be bound or no random token can be drawn.
    pub fn bind(addr: SocketAddr, settings: Settings) -> std::io::Result<Server> {
        let listener = TcpListener::bind(addr)?;
        listener.set_nonblocking(true)?;
        let local = listener.local_addr()?;
        let token = match settings.token {
            Some(t) => t,
            None => auth::random_token()?,
        };
        let checks = Semaphore::new(settings.limits.checks.max(1));
        let app = App {
            engine: Arc::new(Engine::with_given(settings.packs, &settings.given)),
            token,
            hosts: auth::Hosts::for_addr(local),
            limits: settings.limits,
            checks,
        };
        Ok(Server {
            listener,
            app: Arc::new(app),
        })
    }

    /// The address bound.
    pub fn local_addr(&self) -> std::io::Result<SocketAddr> {
        self.listener.local_addr()
    }

    /// The page's address with the token: what the user opens.
    pub fn url(&self) -> std::io::Result<String> {
        let addr = self.local_addr()?;
        let host = if addr.ip().is_unspecified() {
            SocketAddr::new(std::net::Ipv4Addr::LOCALHOST.into(), addr.port()).to_string()
        } else {
            addr.to_string()
        };
        Ok(format!("http://{host}/?token={}", self.app.token))
    }

    /// Serve until `shutdown` completes, then finish the requests under way. Must run
    /// within a tokio runtime.
    pub async fn run(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        let listener = tokio::net::TcpListener::from_std(self.listener)?;
        axum::serve(listener, router(self.app))
            .with_graceful_shutdown(shutdown)
            .await
    }
}

/// Every route behind the guard. The body cap is also checked against
/// `Content-Length` before anything is read ([`auth::guard`]).
fn router(app: Arc<App>) -> Router {
    Router::new()
        .route("/", get(page::index))
        .route("/app.css", get(page::css))
        .route("/app.js", get(page::js))
        .route("/api/version", get(api::version))
        .route("/api/packs", get(packs::packs))
        .route("/api/check", post(api::check))
        .route("/api/annotate", post(api::annotate))
        .route("/api/summary", post(api::summary))
        .route(
            "/api/template",
            post(api::template).get(api::template_query),
        )
        .fallback(api::not_found)
        .layer(DefaultBodyLimit::max(app.limits.body))
        .layer(axum::middleware::from_fn_with_state(
            app.clone(),
            auth::guard,
        ))
        .with_state(app)
}
