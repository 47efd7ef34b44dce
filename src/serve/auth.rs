//! The guard every request passes: the Host header must name this service (against DNS
//! rebinding), an Origin header must be this service's own (against cross-site forms
//! and fetches), and the token must come with it — in `?token=` on the page's first
//! load (which sets an HttpOnly, SameSite=Strict cookie), then in that cookie or in
//! `Authorization: Bearer`. It also refuses a body larger than the cap before reading
//! it, bounds the time of a request, sets the security headers on every response and
//! turns the framework's own (English, plain-text) refusals into Chinese JSON.

use std::net::SocketAddr;
use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::App;
use super::respond::ApiError;

/// The cookie holding the token.
pub(crate) const COOKIE: &str = "reportlint-token";

/// The Content-Security-Policy: nothing from elsewhere, no inline script or style.
const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

/// The `host:port` values a request may name.
#[derive(Debug)]
pub(crate) struct Hosts {
    port: u16,
    /// Exact hosts (lowercase, with port).
    exact: Vec<String>,
    /// Bound to every interface: any IP literal with our port is ours too (a DNS name
    /// is not: that is what rebinding uses).
    any_ip: bool,
}

impl Hosts {
    pub(crate) fn for_addr(addr: SocketAddr) -> Hosts {
        let port = addr.port();
        let mut exact = vec![format!("localhost:{port}")];
        if addr.ip().is_loopback() || addr.ip().is_unspecified() {
            exact.push(format!("127.0.0.1:{port}"));
            exact.push(format!("[::1]:{port}"));
        }
        if !addr.ip().is_unspecified() {
            exact.push(addr.to_string());
        }
        Hosts {
            port,
            exact,
            any_ip: addr.ip().is_unspecified(),
        }
    }

    /// Whether `host` (a Host header value) names this service.
    pub(crate) fn allows(&self, host: &str) -> bool {
        let host = host.to_ascii_lowercase();
        if self.exact.contains(&host) {
            return true;
        }
        self.any_ip
            && host
                .parse::<SocketAddr>()
                .is_ok_and(|a| a.port() == self.port)
    }
}

/// A random token of 256 bits, as 64 hex digits (URL-safe).
pub(crate) fn random_token() -> std::io::Result<String> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| std::io::Error::other(e.to_string()))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// Equal, in time that does not depend on where they differ.
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// The tokens a request carries in the cookie or a bearer header.
fn carried(req: &Request) -> Vec<&str> {
    let mut found = Vec::new();
    for value in req.headers().get_all(header::COOKIE) {
        let Ok(value) = value.to_str() else { continue };
        found.extend(value.split(';').filter_map(|kv| {
            kv.trim()
                .strip_prefix(COOKIE)
                .and_then(|rest| rest.strip_prefix('='))
        }));
    }
    if let Some(auth) = req.headers().get(header::AUTHORIZATION)
        && let Ok(auth) = auth.to_str()
        && let Some(t) = auth.strip_prefix("Bearer ")
    {
        found.push(t.trim());
    }
    found
}

fn forbidden(message: &str, page: bool) -> Response {
    if page {
        let html = format!(
            "<!doctype html><meta charset=\"utf-8\"><title>无法打开</title><p>{message}</p>"
        );
        let mut r = (StatusCode::FORBIDDEN, html).into_response();
        r.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/html; charset=utf-8"),
        );
        return r;
    }
    ApiError::new(StatusCode::FORBIDDEN, message).into_response()
}

/// The guard (see the module doc).
pub(crate) async fn guard(State(app): State<Arc<App>>, req: Request, next: Next) -> Response {
    let mut response = check_and_run(&app, req, next).await;
    secure(response.headers_mut());
    response
}

async fn check_and_run(app: &App, req: Request, next: Next) -> Response {
    let page = req.method() == Method::GET && req.uri().path() == "/";
    let host = req
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("");
    if !app.hosts.allows(host) {
        return forbidden(
            "请求的地址不是本服务的地址，已拒绝（可防止其他网站冒用本服务）。请用 reportlint serve 显示的地址打开。",
            page,
        );
    }
    if let Some(origin) = req.headers().get(header::ORIGIN) {
        let ours = format!("http://{host}");
        if !origin.to_str().is_ok_and(|o| o.eq_ignore_ascii_case(&ours)) {
            return forbidden(
                "请求来自其他网站，已拒绝：本服务只接受它自己页面上的操作。",
                page,
            );
        }
    }
    let from_query = page
        && req
            .uri()
            .query()
            .unwrap_or("")
            .split('&')
            .filter_map(|kv| kv.strip_prefix("token="))
            .any(|t| same(t, &app.token));
    if !from_query && !carried(&req).iter().any(|t| same(t, &app.token)) {
        return forbidden(
            "缺少访问口令或口令不对，已拒绝。请用 reportlint serve 显示的完整地址（含 ?token=…）打开本页；若服务已重新启动，请使用新的地址。",
            page,
        );
    }
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > app.limits.body as u64) {
        return ApiError::too_large_body(&app.limits).into_response();
    }
    let response = match tokio::time::timeout(app.limits.timeout, next.run(req)).await {
        Ok(r) => r,
        Err(_) => ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            format!(
                "处理超时（超过 {} 秒），已停止。文件较多时请分批上传。",
                app.limits.timeout.as_secs()
            ),
        )
        .into_response(),
    };
    let mut response = chinese(response, &app.limits);
    if from_query {
        let cookie = format!("{COOKIE}={}; HttpOnly; SameSite=Strict; Path=/", app.token);
        if let Ok(v) = HeaderValue::from_str(&cookie) {
            response.headers_mut().insert(header::SET_COOKIE, v);
        }
    }
    response
}

/// A refusal of the framework's own (plain text, English) as Chinese JSON.
fn chinese(response: Response, limits: &super::Limits) -> Response {
    let status = response.status();
    let json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|t| t.as_bytes().starts_with(b"application/json"));
    if !(status.is_client_error() || status.is_server_error()) || json {
        return response;
    }
    let error = match status {
        StatusCode::PAYLOAD_TOO_LARGE => ApiError::too_large_body(limits),
        StatusCode::NOT_FOUND => ApiError::not_found(),
        StatusCode::METHOD_NOT_ALLOWED => ApiError::new(
            status,
            "此地址不支持这种请求方式（如应使用 POST 上传文件）。",
        ),
        StatusCode::UNSUPPORTED_MEDIA_TYPE => ApiError::new(
            status,
            "请求内容的类型不对：上传文件请用 multipart/form-data。",
        ),
        s if s.is_client_error() => ApiError::new(status, "请求格式不对，无法处理。"),
        _ => ApiError::new(
            status,
            "服务内部出错，请重试；若仍出错，请把操作步骤告诉维护人员。",
        ),
    };
    let mut out = error.into_response();
    *out.status_mut() = status;
    out
}

/// The headers every response carries.
fn secure(headers: &mut HeaderMap) {
    let set = |h: &mut HeaderMap, name, value: &'static str| {
        h.insert(name, HeaderValue::from_static(value));
    };
    set(headers, header::CONTENT_SECURITY_POLICY, CSP);
    set(headers, header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    set(headers, header::REFERRER_POLICY, "no-referrer");
    set(headers, header::X_FRAME_OPTIONS, "DENY");
    set(headers, header::CACHE_CONTROL, "no-store");
    headers.insert(
        "Cross-Origin-Resource-Policy",
        HeaderValue::from_static("same-origin"),
    );
}

#[cfg(test)]
mod tests {
    use super::{Hosts, same};

    #[test]
    fn loopback_allows_its_own_names_only() {
        let hosts = Hosts::for_addr("127.0.0.1:8080".parse().unwrap());
        for ok in [
            "127.0.0.1:8080",
            "localhost:8080",
            "LOCALHOST:8080",
            "[::1]:8080",
        ] {
            assert!(hosts.allows(ok), "{ok}");
        }
        for bad in [
            "127.0.0.1:8081",
            "evil.example:8080",
            "127.0.0.1",
            "",
            "192.168.1.2:8080",
        ] {
            assert!(!hosts.allows(bad), "{bad}");
        }
    }

    #[test]
    fn every_interface_allows_addresses_but_not_names() {
        let hosts = Hosts::for_addr("0.0.0.0:8080".parse().unwrap());
        assert!(hosts.allows("192.168.1.2:8080"));
        assert!(hosts.allows("localhost:8080"));
        assert!(!hosts.allows("192.168.1.2:9090"));
        assert!(!hosts.allows("rebind.example:8080"));
    }

    #[test]
    fn tokens_compare_whole() {
        assert!(same("abc", "abc"));
        assert!(!same("abc", "abd"));
        assert!(!same("abc", "ab"));
    }
}
