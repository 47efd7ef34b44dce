//! What a run needs before checking: for each file its `reportlint.toml` (the one
//! given, or the nearest one above it), and for each config its packs and engine. Most
//! runs have one config, so one engine; files keep their command-line order.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use reportlint::check::subject::recognise;
use reportlint::check::{Engine, Options};
use reportlint::config::{Config, Effective};
use reportlint::pack::units;
use reportlint::{Error, Pack};
use unicode_width::UnicodeWidthStr;

use super::check::Input;
use super::load_packs;

/// Files with the config and engine that check them.
pub(super) struct Setup {
    /// One per distinct config (or none).
    pub(super) groups: Vec<Group>,
    /// Each file with its group index, in order.
    pub(super) files: Vec<(usize, PathBuf)>,
    /// Folder entries that could not be walked (already reported).
    pub(super) broken: usize,
}

/// A config and the engine built from its packs.
pub(super) struct Group {
    pub(super) config: Option<Config>,
    pub(super) engine: Engine,
    /// The unit type `--unit-type` names, as an id of these packs.
    pub(super) unit_type: Option<String>,
}

impl Group {
    /// How to check `path`: the options from the command line and the config, the
    /// config's settings for the file, and a unit type the path gave that no pack defines.
    pub(super) fn options(
        &self,
        path: &Path,
        input: &Input<'_>,
    ) -> (Options, Effective, Option<String>) {
        let mut settings = self
            .config
            .as_ref()
            .map(|c| c.for_file(path))
            .unwrap_or_default();
        // `--year` wins over the path, and the report says so.
        if input.year.is_some() {
            settings.year_from_path = false;
        }
        let (from_config, unknown) = match settings.unit_type.clone() {
            Some(u) => match units::resolve_unit(self.engine.packs(), &u) {
                Ok(id) => (Some(id), None),
                Err(_) => (None, Some(u)),
            },
            None => (None, None),
        };
        let options = Options {
            year: input.year.or(settings.year),
            unit_type: self
                .unit_type
                .clone()
                .or(from_config)
                .or_else(|| self.unit_named(settings.unit.as_deref()?)),
        };
        (options, settings, unknown)
    }

    /// The unit type whose name pattern matches a unit name taken from the path.
    pub(super) fn unit_named(&self, name: &str) -> Option<String> {
        self.engine
            .packs()
            .iter()
            .find_map(|p| recognise(&p.units, name).map(|i| p.units[i].id.clone()))
    }
}

/// A `--unit-type` that names no unit type, or several.
pub(super) struct UnitError(units::UnitError);

impl UnitError {
    /// The message: what is wrong and, one a line, each type's name and id.
    pub(super) fn message(&self, given: &str) -> String {
        let what = self.0.problem();
        let width = self
            .0
            .known
            .iter()
            .map(|(name, _)| name.width())
            .max()
            .unwrap_or(0);
        let mut out =
            format!("错误：--unit-type 的取值“{given}”{what}\n可用的类型（写名称或编号均可）：");
        for (name, id) in &self.0.known {
            let pad = " ".repeat(width - name.width());
            out.push_str(&format!("\n  {name}{pad}  {id}"));
        }
        out
    }
}

impl Setup {
    /// Resolve `--unit-type` for every group's packs.
    pub(super) fn set_unit_type(&mut self, given: &str) -> Result<(), UnitError> {
        for group in &mut self.groups {
            group.unit_type =
                Some(units::resolve_unit(group.engine.packs(), given).map_err(UnitError)?);
        }
        Ok(())
    }

    pub(super) fn new(
        files: &[PathBuf],
        explicit: Option<&Path>,
        cli_packs: &[PathBuf],
    ) -> Result<Setup, Error> {
        if let Some(path) = explicit {
            // Read once up front: a missing file, a folder, a pipe or a device is the
            // error here, before any report is walked.
            reportlint::file::read(path, reportlint::file::Kind::Config)?;
        }
        let mut index: BTreeMap<Option<PathBuf>, usize> = BTreeMap::new();
        let mut groups = Vec::new();
        let mut out = Vec::with_capacity(files.len());
        for file in files {
            let found = explicit
                .map(Path::to_path_buf)
                .or_else(|| Config::find(file));
            let g = match index.get(&found) {
                Some(&g) => g,
                None => {
                    let group = Group::new(found.as_deref(), cli_packs)?;
                    groups.push(group);
                    index.insert(found, groups.len() - 1);
                    groups.len() - 1
                }
            };
            out.push((g, file.clone()));
        }
        if groups.is_empty() {
            groups.push(Group::new(explicit, cli_packs)?);
        }
        Ok(Setup {
            groups,
            files: out,
            broken: 0,
        })
    }

    /// Every pack in use, each once, for the renderers.
    pub(super) fn packs(&self) -> Vec<Pack> {
        let mut packs: Vec<Pack> = Vec::new();
        for p in self.groups.iter().flat_map(|g| g.engine.packs()) {
            if !packs.iter().any(|q| q.id == p.id) {
                packs.push(p.clone());
            }
        }
        packs
    }
}

impl Group {
    fn new(config: Option<&Path>, cli_packs: &[PathBuf]) -> Result<Group, Error> {
        let config = config.map(Config::load).transpose()?;
        let mut pack_files: Vec<PathBuf> = config.iter().flat_map(|c| c.packs.clone()).collect();
        pack_files.extend(cli_packs.iter().cloned());
        let (mut packs, given) = load_packs(&pack_files)?;
        if let Some(c) = &config {
            c.apply_to_packs(&mut packs)?;
            c.validate(&packs)?;
        }
        Ok(Group {
            config,
            engine: Engine::with_given(packs, &given),
            unit_type: None,
        })
    }
}
