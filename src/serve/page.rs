//! The page: plain HTML, CSS and script, embedded in the binary (no build step, nothing
//! fetched from elsewhere).

use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};

const INDEX: &str = include_str!("page/index.html");
const CSS: &str = include_str!("page/app.css");
const JS: &str = include_str!("page/app.js");

fn text(body: &'static str, content_type: &'static str) -> Response {
    (
        [(header::CONTENT_TYPE, HeaderValue::from_static(content_type))],
        body,
    )
        .into_response()
}

/// `GET /`.
pub(crate) async fn index() -> Response {
    text(INDEX, "text/html; charset=utf-8")
}

/// `GET /app.css`.
pub(crate) async fn css() -> Response {
    text(CSS, "text/css; charset=utf-8")
}

/// `GET /app.js`.
pub(crate) async fn js() -> Response {
    text(JS, "text/javascript; charset=utf-8")
}
