//! The JSON API: `/api/version`, `/api/check`, `/api/annotate`, `/api/summary` and
//! `/api/template`. Each handler reads its upload on the async side, then does the
//! work on the blocking pool under the semaphore of [`App::checks`].

use std::sync::Arc;

use axum::Json;
use axum::extract::multipart::MultipartRejection;
use axum::extract::{FromRequest, Multipart, Query, Request, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use rayon::prelude::*;
use serde::Deserialize;

use super::respond::{self, ApiError};
use super::upload::{self, Input, Upload, file_error};
use super::{API_VERSION, App};
use crate::check::{Checked, Engine, Options};
use crate::document::Document;
use crate::error::Error;
use crate::pack::Pack;
use crate::pack::units;
use crate::render::json::{Extras, FileError, render_with};
use crate::template::Unavailable;

const DOCX_TYPE: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/// `GET /api/version`.
pub(crate) async fn version() -> Response {
    Json(serde_json::json!({"version": env!("CARGO_PKG_VERSION"), "api": API_VERSION}))
        .into_response()
}

/// Anything else.
pub(crate) async fn not_found() -> ApiError {
    ApiError::not_found()
}

/// The multipart body, or a Chinese refusal.
async fn upload(
    app: &App,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Upload, ApiError> {
    let multipart = multipart.map_err(|_| {
        ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "请用 multipart/form-data 上传文件（字段名 file）。",
        )
    })?;
    upload::read(multipart, &app.limits).await
}

/// What a request asks besides its files: year, unit type, a derived pack.
struct Job {
    options: Options,
    unit_type: Option<String>,
    pack: Option<Pack>,
}

impl Job {
    fn of(upload: &Upload) -> Result<Job, ApiError> {
        let year = upload
            .field("year")
            .map(|y| {
                units::parse_year(y).map_err(|m| {
                    ApiError::new(StatusCode::BAD_REQUEST, format!("年度“{y}”不对：{m}。"))
                })
            })
            .transpose()?;
        let pack = upload
            .field("pack")
            .map(|src| Pack::from_yaml(src, "上传的规则包").map_err(|e| pack_refused(&e)))
            .transpose()?;
        Ok(Job {
            options: Options {
                year,
                unit_type: None,
            },
            unit_type: upload.field("unit-type").map(str::to_owned),
            pack,
        })
    }

    /// The engine to check with: the shared one, or one with the derived pack added;
    /// and the options with the unit type resolved against its packs.
    fn engine(self, app: &App) -> Result<(Arc<Engine>, Options), ApiError> {
        let engine = match self.pack {
            None => app.engine.clone(),
            Some(pack) => {
                let mut given = app.engine.given();
                given.push(pack.id.clone());
                let packs = Pack::combine(app.engine.packs().to_vec(), vec![pack])
                    .map_err(|e| pack_refused(&e))?;
                Arc::new(Engine::with_given(packs, &given))
            }
        };
        let mut options = self.options;
        if let Some(given) = &self.unit_type {
            let id = units::resolve_unit(engine.packs(), given).map_err(|e| {
                ApiError::new(
                    StatusCode::BAD_REQUEST,
                    format!(
                        "“{given}”{}。可用的类型：{}。",
                        e.problem(),
                        e.known_inline()
                    ),
                )
            })?;
            options.unit_type = Some(id);
        }
        Ok((engine, options))
    }
}

/// An uploaded pack that cannot be used: the message and its help, in Chinese.
fn pack_refused(e: &crate::error::PackError) -> ApiError {
    let help = e
        .help
        .as_deref()
        .map(|h| format!("。{h}"))
        .unwrap_or_default();
    ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, format!("{e}{help}"))
}

/// Run `work` on the blocking pool once a check slot is free.
async fn blocking<T: Send + 'static>(
    app: &Arc<App>,
    work: impl FnOnce(&App) -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    let _permit = app
        .checks
        .acquire()
        .await
        .map_err(|_| ApiError::internal())?;
    let app = app.clone();
    tokio::task::spawn_blocking(move || work(&app))
        .await
        .map_err(|_| ApiError::internal())?
}

/// Check the inputs in parallel, in order; unreadable ones become errors.
fn check_all(
    engine: &Engine,
    inputs: Vec<Input>,
    options: &Options,
) -> (Vec<Checked>, Vec<FileError>) {
    let results: Vec<Result<Checked, FileError>> = inputs
        .into_par_iter()
        .map(|input| {
            let doc =
                Document::from_bytes(&input.path, input.format, &input.bytes).map_err(|kind| {
                    let e = Error::Decode {
                        path: input.path.clone().into(),
                        kind,
                    };
                    file_error(&input.path, &e)
                })?;
            Ok(engine.check_with(doc, options))
        })
        .collect();
    let mut checked = Vec::new();
    let mut errors = Vec::new();
    for r in results {
        match r {
            Ok(c) => checked.push(c),
            Err(e) => errors.push(e),
        }
    }
    (checked, errors)
}

/// A request's files checked: the engine used, the results and every file's error.
struct Run {
    engine: Arc<Engine>,
    checked: Vec<Checked>,
    errors: Vec<FileError>,
}

/// Read an upload's files and check them.
fn run_checks(app: &App, job: Job, upload: Upload) -> Result<Run, ApiError> {
    let (engine, options) = job.engine(app)?;
    let mut errors = upload.errors;
    let (inputs, expand_errors) = upload::expand(upload.parts, &app.limits);
    errors.extend(expand_errors);
    let (checked, check_errors) = check_all(&engine, inputs, &options);
    errors.extend(check_errors);
    Ok(Run {
        engine,
        checked,
        errors,
    })
}

fn no_files() -> ApiError {
    ApiError::new(
        StatusCode::BAD_REQUEST,
        "没有收到文件：请选择报告（.docx、.html、.htm、.txt、.md）或装有报告的 .zip。",
    )
}

fn check_json(
    engine: &Engine,
    checked: &[Checked],
    errors: &[FileError],
    review: Option<&serde_json::Value>,
) -> Vec<u8> {
    let mut out = Vec::new();
    let extras = Extras {
        text: true,
        errors: Some(errors),
        review,
    };
    // Writing into memory cannot fail.
    let _ = render_with(&mut out, engine.packs(), checked, extras);
    out
}

/// `POST /api/check`: the `reportlint/v1` JSON with `text` and `errors[]`, and with
/// `review` (the reviewer's summary) when the field `review` is given.
pub(crate) async fn check(
    State(app): State<Arc<App>>,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Response, ApiError> {
    let upload = upload(&app, multipart).await?;
    if upload.parts.is_empty() && upload.errors.is_empty() {
        return Err(no_files());
    }
    let job = Job::of(&upload)?;
    let with_review = upload.field("review").is_some();
    let body = blocking(&app, move |app| {
        let Run {
            engine,
            checked,
            errors,
        } = run_checks(app, job, upload)?;
        let review = with_review.then(|| super::review::review(&engine, &checked));
        Ok(check_json(&engine, &checked, &errors, review.as_ref()))
    })
    .await?;
    Ok(respond::json(body))
}

/// `POST /api/annotate`: one Word document back with the findings as comments; with the
/// field `fix` = `safe` (or `all`), the safe (or all) fixes as tracked changes instead.
pub(crate) async fn annotate(
    State(app): State<Arc<App>>,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Response, ApiError> {
    let mut upload = upload(&app, multipart).await?;
    if let Some(e) = upload.errors.first() {
        return Err(ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            e.message.clone(),
        ));
    }
    if upload.parts.len() != 1 {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "请上传一个 Word 文档（.docx）来添加批注。",
        ));
    }
    let part = upload.parts.remove(0);
    let stem = match part.name.rsplit_once('.') {
        Some((stem, ext)) if matches!(ext.to_lowercase().as_str(), "docx" | "docm") => {
            stem.rsplit('/').next().unwrap_or(stem).to_owned()
        }
        _ => {
            return Err(ApiError::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "只能给 Word 文档（.docx）添加批注；其他格式的报告请用“检查”查看问题。旧版 .doc/.wps 文件请先在 Word 或 WPS 中另存为 .docx。",
            ));
        }
    };
    let job = Job::of(&upload)?;
    let revise = match upload.field("fix").map(str::trim) {
        None | Some("" | "none") => crate::annotate::Revise::Nothing,
        Some("safe") => crate::annotate::Revise::Safe,
        Some("all") => crate::annotate::Revise::All,
        Some(other) => {
            return Err(ApiError::new(
                StatusCode::BAD_REQUEST,
                format!(
                    "fix 的取值“{other}”不对：应为 safe（只写可确定的修正）或 all（也写需确认的修正）。"
                ),
            ));
        }
    };
    let suffix = if revise == crate::annotate::Revise::Nothing {
        "批注"
    } else {
        "修订"
    };
    let bytes = blocking(&app, move |app| {
        let (engine, options) = job.engine(app)?;
        crate::annotate::check_and_annotate(
            &engine,
            &part.name,
            &part.bytes,
            &options,
            revise,
            |_| {},
        )
        .map(|a| a.bytes)
        .map_err(|kind| {
            let e = Error::Decode {
                path: part.name.clone().into(),
                kind,
            };
            ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                file_error(&part.name, &e).message,
            )
        })
    })
    .await?;
    Ok(respond::download(
        bytes,
        DOCX_TYPE,
        &format!("{stem}-{suffix}.docx"),
    ))
}

/// `POST /api/summary`: the reviewer's summary of several reports as a file.
pub(crate) async fn summary(
    State(app): State<Arc<App>>,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Response, ApiError> {
    let upload = upload(&app, multipart).await?;
    let format = upload.field("format").unwrap_or("xlsx").to_lowercase();
    let (content_type, ext) = match format.as_str() {
        "xlsx" => (
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "xlsx",
        ),
        "csv" => ("text/csv; charset=utf-8", "csv"),
        "html" => ("text/html; charset=utf-8", "html"),
        "md" => ("text/markdown; charset=utf-8", "md"),
        "json" => ("application/json; charset=utf-8", "json"),
        _ => {
            return Err(ApiError::new(
                StatusCode::BAD_REQUEST,
                format!("汇总格式“{format}”不支持；可选 xlsx、csv、html、md 或 json。"),
            ));
        }
    };
    if upload.parts.is_empty() && upload.errors.is_empty() {
        return Err(no_files());
    }
    let job = Job::of(&upload)?;
    let bytes = blocking(&app, move |app| {
        let Run {
            engine,
            checked,
            errors,
        } = run_checks(app, job, upload)?;
        if checked.is_empty() {
            let why: Vec<String> = errors
                .iter()
                .map(|e| format!("{}：{}", e.path, e.message))
                .collect();
            return Err(ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                format!("没有可汇总的报告。{}", why.join("；")),
            ));
        }
        summary_bytes(&engine, &checked, &errors, ext)
    })
    .await?;
    Ok(respond::download(
        bytes,
        content_type,
        &format!("汇总.{ext}"),
    ))
}

/// The summary file in format `ext`.
fn summary_bytes(
    engine: &Engine,
    checked: &[Checked],
    errors: &[FileError],
    ext: &str,
) -> Result<Vec<u8>, ApiError> {
    use crate::render::summary as out;
    if ext == "json" {
        return Ok(check_json(engine, checked, errors, None));
    }
    let mut builder = crate::summary::Builder::new(engine.packs(), engine.segmenter());
    for c in checked {
        builder.add(c);
    }
    let summary = builder.finish();
    let mut buf = Vec::new();
    let written = match ext {
        "xlsx" => {
            return out::xlsx::render(&summary).map_err(|_| {
                ApiError::new(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "无法生成 Excel 工作簿；问题太多时可改用 csv 或 html。",
                )
            });
        }
        "csv" => out::csv(&mut buf, &summary),
        "md" => out::md(&mut buf, &summary),
        _ => out::html::render(&mut buf, &summary),
    };
    written.map_err(|_| ApiError::internal())?;
    Ok(buf)
}

/// What `/api/template` takes.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct TemplateParams {
    year: Option<String>,
    /// The unit's name (`海安街道`), for the title and 落款.
    #[serde(alias = "unit-type")]
    unit: Option<String>,
    format: Option<String>,
    /// The id of the pack whose template is written; else the first with one.
    pack: Option<String>,
}

/// `GET /api/template?year=…&unit=…&pack=…&format=docx|md|txt`.
pub(crate) async fn template_query(
    State(app): State<Arc<App>>,
    params: Result<Query<TemplateParams>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, ApiError> {
    let Query(params) = params.map_err(|_| bad_params())?;
    skeleton(&app, params)
}

fn bad_params() -> ApiError {
    ApiError::new(
        StatusCode::BAD_REQUEST,
        "参数格式不对：应有 year（年度）、可选 unit（单位名称）、pack（规则包编号）和 format（docx、md 或 txt）。",
    )
}

/// `POST /api/template` with a JSON, form or multipart body.
pub(crate) async fn template(
    State(app): State<Arc<App>>,
    req: Request,
) -> Result<Response, ApiError> {
    let kind = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_ascii_lowercase();
    let params = if kind.starts_with("application/json") {
        let Json(p) = Json::<TemplateParams>::from_request(req, &())
            .await
            .map_err(|_| bad_params())?;
        p
    } else if kind.starts_with("multipart/form-data") {
        let upload = upload(&app, Multipart::from_request(req, &()).await).await?;
        let get = |name: &str| upload.field(name).map(str::to_owned);
        TemplateParams {
            year: get("year"),
            unit: get("unit").or_else(|| get("unit-type")),
            format: get("format"),
            pack: get("pack"),
        }
    } else {
        let axum::Form(p) = axum::Form::<TemplateParams>::from_request(req, &())
            .await
            .map_err(|_| bad_params())?;
        p
    };
    skeleton(&app, params)
}

fn skeleton(app: &App, params: TemplateParams) -> Result<Response, ApiError> {
    let Some(year) = params.year.as_deref().filter(|y| !y.trim().is_empty()) else {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "请选择报告年度（year），如 2024。",
        ));
    };
    let year = units::parse_year(year)
        .map_err(|m| ApiError::new(StatusCode::BAD_REQUEST, format!("年度“{year}”不对：{m}。")))?;
    let unit = params
        .unit
        .as_deref()
        .map(str::trim)
        .filter(|u| !u.is_empty());
    let pack = params
        .pack
        .as_deref()
        .map(str::trim)
        .filter(|p| !p.is_empty());
    let chosen = crate::template::choose(app.engine.packs(), pack).map_err(|why| {
        let status = match why {
            Unavailable::Unknown { .. } => StatusCode::BAD_REQUEST,
            _ => StatusCode::UNPROCESSABLE_ENTITY,
        };
        ApiError::new(status, format!("{why}。"))
    })?;
    let Some(skeleton) = crate::template::skeleton(chosen, year, unit) else {
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            format!("{}。", Unavailable::NoTemplate),
        ));
    };
    // The file is named after the title, the unit's name left out when not given.
    let title = skeleton
        .title
        .replace(crate::template::UNIT_PLACEHOLDER, "");
    let name = format!("{title}（骨架）");
    match params.format.as_deref().unwrap_or("docx") {
        "docx" => Ok(respond::download(
            skeleton.to_docx(),
            DOCX_TYPE,
            &format!("{name}.docx"),
        )),
        "md" => Ok(respond::download(
            skeleton.to_markdown().into_bytes(),
            "text/markdown; charset=utf-8",
            &format!("{name}.md"),
        )),
        "txt" => Ok(respond::download(
            skeleton.to_text().into_bytes(),
            "text/plain; charset=utf-8",
            &format!("{name}.txt"),
        )),
        other => Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            format!("骨架格式“{other}”不支持；可选 docx、md 或 txt。"),
        )),
    }
}
