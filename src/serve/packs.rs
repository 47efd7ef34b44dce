//! `GET /api/packs`: what the page needs to show results in words — each element's and
//! component's Chinese name, each rule's title, severity and basis (依据), and the unit
//! types a request may name. The JSON results carry ids only.

use std::sync::Arc;

use axum::Json;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use super::App;
use crate::pack::{Check, Pack};
use crate::report::Severity;

#[derive(Serialize)]
struct PackOut<'a> {
    id: &'a str,
    title: &'a str,
    version: &'a str,
    /// Checks every report beside the content pack (a 版式 or text pack); not a kind of
    /// report, so the page does not group reports by it.
    companion: bool,
    units: Vec<Named<'a>>,
    rules: Vec<RuleOut<'a>>,
}

#[derive(Serialize)]
struct Named<'a> {
    id: &'a str,
    name: &'a str,
}

#[derive(Serialize)]
struct RuleOut<'a> {
    /// `pack/rule`, as findings name it.
    rule: &'a str,
    /// The short id (an element's id).
    id: &'a str,
    title: &'a str,
    short: Option<&'a str>,
    severity: Severity,
    element: bool,
    basis: Option<&'a str>,
    why: Option<&'a str>,
    help: Option<&'a str>,
    components: Vec<Named<'a>>,
}

fn pack_out(p: &Pack) -> PackOut<'_> {
    PackOut {
        id: &p.id,
        title: &p.title,
        version: &p.version,
        companion: p.companion,
        units: p
            .units
            .iter()
            .map(|u| Named {
                id: &u.id,
                name: &u.name,
            })
            .collect(),
        rules: p
            .enabled()
            .map(|r| RuleOut {
                rule: &r.full_id,
                id: &r.id,
                title: &r.title,
                short: r.short.as_deref(),
                severity: r.severity,
                element: r.check.is_element(),
                basis: r.basis.as_deref(),
                why: r.why.as_deref(),
                help: r.help.as_deref(),
                components: match &r.check {
                    Check::Components(c) => c
                        .parts
                        .iter()
                        .map(|part| Named {
                            id: &part.id,
                            name: &part.title,
                        })
                        .collect(),
                    _ => Vec::new(),
                },
            })
            .collect(),
    }
}

/// `GET /api/packs`.
pub(crate) async fn packs(State(app): State<Arc<App>>) -> Response {
    let packs: Vec<PackOut<'_>> = app.engine.packs().iter().map(pack_out).collect();
    Json(serde_json::json!({ "packs": packs })).into_response()
}
