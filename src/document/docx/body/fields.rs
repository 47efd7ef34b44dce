//! Fields within a paragraph (`w:fldChar` begin, separate, end): what a legacy drop-down
//! form field (`FORMDROPDOWN`) shows.
//!
//! Word keeps a drop-down's state in the field's `w:ffData/w:ddList` — the entries
//! (`w:listEntry`), the chosen one (`w:result`, an index; else `w:default`; else the
//! first) — and writes no result text for it: its files hold the begin, the instruction
//! and the end (sometimes an empty separate). So the chosen entry is the field's text,
//! placed at its end. Should a writer add result text between separate and end, that text
//! is passed over, since Word draws the drop-down from its entries; only when the chosen
//! entry does not exist does the written result stand. Text fields (`FORMTEXT`) and other
//! fields, `w:fldSimple` included, show their result runs, which are read as any run.
//!
//! Fields are followed within one paragraph: a drop-down never spans paragraphs, and a
//! field left open by a broken file then cannot hide the rest of the document.

/// The fields open in a paragraph.
#[derive(Debug, Default)]
pub(super) struct Fields {
    open: Vec<Field>,
    /// Inside a `w:ddList`.
    in_list: bool,
}

#[derive(Debug, Default)]
struct Field {
    /// Past the separate: the result is being read.
    result: bool,
    dropdown: Option<Dropdown>,
}

#[derive(Debug, Default)]
struct Dropdown {
    entries: Vec<String>,
    result: Option<usize>,
    default: Option<usize>,
}

impl Dropdown {
    fn chosen(&self) -> Option<&str> {
        let i = self.result.or(self.default).unwrap_or(0);
        self.entries.get(i).map(String::as_str)
    }
}

/// The most fields open at once that are followed (nesting in real files is shallow).
const MAX_OPEN: usize = 64;

impl Fields {
    /// A `w:fldChar` of `kind` (`begin`, `separate`, `end`). At an end, the text the
    /// field shows there, if any.
    pub(super) fn char(&mut self, kind: &str) -> Option<String> {
        match kind {
            "begin" => {
                if self.open.len() < MAX_OPEN {
                    self.open.push(Field::default());
                }
                None
            }
            "separate" => {
                if let Some(f) = self.open.last_mut() {
                    f.result = true;
                }
                None
            }
            "end" => {
                self.in_list = false;
                let field = self.open.pop()?;
                field.dropdown?.chosen().map(str::to_owned)
            }
            _ => None,
        }
    }

    /// A `w:ddList` opens (or closes) in the field's data.
    pub(super) fn list(&mut self, open: bool) {
        self.in_list = open;
        if open
            && let Some(f) = self.open.last_mut()
            && !f.result
        {
            f.dropdown.get_or_insert_default();
        }
    }

    /// An element of a `w:ddList` (`listEntry`, `result`, `default`) with its value.
    pub(super) fn list_item(&mut self, local: &str, val: Option<String>) {
        if !self.in_list {
            return;
        }
        let Some(d) = self.open.last_mut().and_then(|f| f.dropdown.as_mut()) else {
            return;
        };
        let index = || val.as_deref().and_then(|v| v.trim().parse::<usize>().ok());
        match local {
            "listEntry" => d.entries.push(val.clone().unwrap_or_default()),
            "result" => d.result = index(),
            "default" => d.default = index(),
            _ => {}
        }
    }

    /// Whether text read now is the written result of a drop-down whose chosen entry
    /// shows instead.
    pub(super) fn suppressed(&self) -> bool {
        self.open
            .last()
            .is_some_and(|f| f.result && f.dropdown.as_ref().is_some_and(|d| d.chosen().is_some()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dropdown(f: &mut Fields, result: Option<&str>, entries: &[&str]) {
        f.char("begin");
        f.list(true);
        if let Some(r) = result {
            f.list_item("result", Some(r.to_owned()));
        }
        for e in entries {
            f.list_item("listEntry", Some((*e).to_owned()));
        }
        f.list(false);
    }

    #[test]
    fn the_chosen_entry_is_the_text() {
        let mut f = Fields::default();
        dropdown(&mut f, Some("1"), &["已完成", "未完成"]);
        assert!(!f.suppressed());
        assert_eq!(f.char("end").as_deref(), Some("未完成"));
        dropdown(&mut f, None, &["是", "否"]);
        f.char("separate");
        assert!(f.suppressed(), "written result text gives way");
        assert_eq!(f.char("end").as_deref(), Some("是"));
        // An index past the entries: the written result stands.
        dropdown(&mut f, Some("7"), &["是"]);
        f.char("separate");
        assert!(!f.suppressed());
        assert_eq!(f.char("end"), None);
        // Other fields show their results; ends without a begin are ignored.
        f.char("begin");
        f.char("separate");
        assert!(!f.suppressed());
        assert_eq!(f.char("end"), None);
        assert_eq!(f.char("end"), None);
    }
}
