//! What a kind's validation sees ([`Compiling`]): the YAML, to point its errors into,
//! and the pack's rules and unit types, to resolve references to them.

use std::ops::Deref;

use miette::SourceSpan;
use regex::Regex;
use serde_saphyr::Spanned;

use super::{Compiler, PackResult};
use crate::error::PackError;
use crate::pack::Unit;

/// The pack's rules by name, inherited ones first, and which of them are `element`
/// rules (the ones `not-within`, `heading-year`, `order`, `similarity` and `template`
/// may name).
pub(super) struct RuleNames {
    pub names: Vec<String>,
    pub element: Vec<bool>,
}

impl RuleNames {
    pub(super) fn index_of(&self, name: &str) -> Option<usize> {
        self.names.iter().position(|n| n == name)
    }
}

/// One rule's check being validated: the compiler of its pack (whose `error`, `regex`
/// and `id` a kind uses as the pack does), where the check stands in the YAML, the
/// rule's id, and the pack's rules and unit types.
pub(crate) struct Compiling<'a> {
    pub(super) compiler: &'a Compiler<'a>,
    pub(super) at: Option<SourceSpan>,
    pub(super) rule: &'a str,
    pub(super) rules: &'a RuleNames,
    pub(super) units: &'a [Unit],
    pub(super) tables: &'a [crate::check::table::format::TableDef],
}

impl<'a> Deref for Compiling<'a> {
    type Target = Compiler<'a>;

    fn deref(&self) -> &Compiler<'a> {
        self.compiler
    }
}

impl Compiling<'_> {
    /// An error at the whole check.
    pub(crate) fn error_here(
        &self,
        message: String,
        label: &str,
        help: Option<String>,
    ) -> Box<PackError> {
        self.compiler.error_at(self.at, message, label, help)
    }

    /// [`Compiler::regex`] of an optional pattern.
    pub(crate) fn opt_regex(&self, pattern: Option<&Spanned<String>>) -> PackResult<Option<Regex>> {
        pattern.map(|p| self.regex(p)).transpose()
    }

    /// An error at the check when `list` (its key `key`) is empty.
    pub(crate) fn nonempty<T>(&self, list: &[T], key: &str) -> PackResult<()> {
        if list.is_empty() {
            return Err(self.error_here(format!("`{key}` 不能为空"), "此处", None));
        }
        Ok(())
    }

    /// The id of the rule being compiled.
    pub(crate) fn rule_id(&self) -> &str {
        self.rule
    }

    /// The index of the rule named `name`, if the pack has one.
    pub(crate) fn rule_index(&self, name: &str) -> Option<usize> {
        self.rules.index_of(name)
    }

    /// Whether rule `i` is an `element` rule.
    pub(crate) fn is_element_rule(&self, i: usize) -> bool {
        self.rules.element[i]
    }

    /// The index of the `element` rule `id` names.
    pub(crate) fn element_ref(&self, id: &Spanned<String>) -> PackResult<usize> {
        self.compiler.element_ref(id, self.rules)
    }

    /// The pack's tables.
    pub(crate) fn tables(&self) -> &[crate::check::table::format::TableDef] {
        self.tables
    }

    /// The pack's unit types.
    pub(crate) fn units(&self) -> &[Unit] {
        self.units
    }

    /// The index of the unit type `id` names.
    pub(crate) fn unit_ref(&self, id: &Spanned<String>) -> PackResult<usize> {
        self.compiler.unit_ref(self.units, id)
    }
}
