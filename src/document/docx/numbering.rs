//! Word's automatic numbering (`word/numbering.xml`), rendered into text.
//!
//! A numbered paragraph names a numbering instance (`w:num`) and a level (`ilvl`); the
//! instance points at an abstract definition whose levels give a start value, a number
//! format (`chineseCounting`, `decimal`, `decimalEnclosedCircle` …) and a label pattern
//! (`lvlText`, e.g. `（%2）`, where `%n` is level n's counter). Counters live with the
//! abstract definition, as in Word: instances that share it continue one another unless
//! an instance overrides a start value, which gives it counters of its own. Using a level
//! resets the deeper ones (or only those whose `lvlRestart` names it).

use std::collections::HashMap;

use super::numformat::NumFormat;
use super::xml::{Names, Reader, attr};

const LEVELS: usize = 9;

/// How one level is numbered.
#[derive(Clone, Debug, Default)]
struct Level {
    start: u32,
    format: NumFormat,
    /// `%1、`; `None` when the level has no `lvlText`.
    text: Option<String>,
    /// 1-based level whose use restarts this one; `Some(0)` never restarts.
    restart: Option<u32>,
    /// Render every `%n` in decimal (`isLgl`).
    legal: bool,
    /// What follows the label: a tab (the default), a space or nothing.
    suffix: Suffix,
    /// The paragraph style linked to this level.
    style: Option<String>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum Suffix {
    #[default]
    Tab,
    Space,
    Nothing,
}

/// A numbering instance: its abstract definition and, by level, start values or whole
/// levels it overrides.
#[derive(Clone, Debug, Default)]
struct Instance {
    abstract_id: String,
    starts: [Option<u32>; LEVELS],
    levels: [Option<Level>; LEVELS],
}

impl Instance {
    fn overrides(&self) -> bool {
        self.starts.iter().any(Option::is_some) || self.levels.iter().any(Option::is_some)
    }
}

/// An abstract definition: its levels, or the numbering style it takes them from.
#[derive(Clone, Debug, Default)]
struct Abstract {
    levels: [Level; LEVELS],
    /// `w:numStyleLink`: the levels are those of the numbering this style applies.
    style_link: Option<String>,
}

/// Who owns a set of counters.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Owner {
    Abstract(String),
    Instance(String),
}

/// Where the level being read goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Target {
    Abstract(usize),
    Override(usize),
}

/// Word's largest start value; counters stay below it too.
const MAX_COUNTER: u32 = 32_767;
/// The longest label rendered, in characters (Word's own labels are a few characters).
const MAX_LABEL_CHARS: usize = 32;

/// The numbering definitions of a document and the counters while it is read.
#[derive(Debug, Default)]
pub(super) struct Numbering {
    abstracts: HashMap<String, Abstract>,
    instances: HashMap<String, Instance>,
    counters: HashMap<Owner, [Option<u32>; LEVELS]>,
}

fn level_index(v: Option<String>) -> Option<usize> {
    v.and_then(|v| v.parse::<usize>().ok())
        .filter(|&i| i < LEVELS)
}

impl Numbering {
    /// Parse `numbering.xml`. Unknown elements are ignored; a malformed part is an error.
    pub(super) fn parse(xml: &str) -> Result<Numbering, super::xml::XmlError> {
        let mut numbering = Numbering::default();
        let mut reader = Reader::new(xml);
        let mut current: Option<(String, Abstract)> = None;
        let mut instance: Option<(String, Instance)> = None;
        let mut override_level: Option<usize> = None;
        let mut target: Option<Target> = None;
        let mut level = Level::default();
        // Inside `mc:AlternateContent`: whether a `Choice` already set the format.
        let mut format_chosen = false;
        let mut in_alternate = false;
        let mut names = Names::default();
        while let Some(ev) = reader.next()? {
            let (name, start, end) = (ev.name, ev.is_start(), ev.is_end());
            if ev.is_root() {
                names = Names::from_root(&ev);
            }
            if names.is_mc(name, "AlternateContent") {
                format_chosen = false;
                in_alternate = start && !end;
            }
            let Some(local) = names.w(name) else { continue };
            let val = || attr(&ev, &names, "val");
            match (local, start, end) {
                ("abstractNum", true, _) => {
                    current = attr(&ev, &names, "abstractNumId").map(|id| {
                        let mut a = Abstract::default();
                        for l in &mut a.levels {
                            l.start = 1;
                        }
                        (id, a)
                    });
                }
                ("abstractNum", _, true) => {
                    if let Some((id, a)) = current.take() {
                        numbering.abstracts.insert(id, a);
                    }
                }
                ("numStyleLink", true, _) => {
                    if let Some((_, a)) = current.as_mut() {
                        a.style_link = val();
                    }
                }
                ("lvl", true, _) => {
                    let i = level_index(attr(&ev, &names, "ilvl"));
                    target = match (&current, &instance, override_level) {
                        (Some(_), _, _) => i.map(Target::Abstract),
                        (None, Some(_), Some(o)) => Some(Target::Override(i.unwrap_or(o))),
                        _ => None,
                    };
                    level = Level {
                        start: 1,
                        ..Level::default()
                    };
                }
                ("num", true, _) => {
                    instance = attr(&ev, &names, "numId").map(|id| (id, Instance::default()));
                }
                ("num", _, true) => {
                    if let Some((id, inst)) = instance.take() {
                        numbering.instances.insert(id, inst);
                    }
                }
                ("abstractNumId", true, _) => {
                    if let (Some((_, inst)), Some(v)) = (instance.as_mut(), val()) {
                        inst.abstract_id = v;
                    }
                }
                ("lvlOverride", true, _) => {
                    override_level = level_index(attr(&ev, &names, "ilvl"));
                }
                ("lvlOverride", _, true) => override_level = None,
                ("startOverride", true, _) if target.is_none() => {
                    if let (Some((_, inst)), Some(i)) = (instance.as_mut(), override_level) {
                        inst.starts[i] = val()
                            .and_then(|v| v.parse::<u32>().ok())
                            .map(|n| n.min(MAX_COUNTER));
                    }
                }
                (_, true, _) if target.is_some() => {
                    let l = &mut level;
                    match local {
                        "start" => {
                            l.start = val()
                                .and_then(|v| v.parse::<u32>().ok())
                                .unwrap_or(1)
                                .min(MAX_COUNTER);
                        }
                        "numFmt" => {
                            let format = match val().as_deref() {
                                Some("custom") => attr(&ev, &names, "format")
                                    .and_then(|f| NumFormat::from_custom(&f)),
                                Some(v) => Some(NumFormat::from_word(v)),
                                None => None,
                            };
                            if let Some(f) = format
                                && !(in_alternate && format_chosen)
                            {
                                l.format = f;
                                format_chosen = in_alternate;
                            }
                        }
                        "lvlText" => l.text = val(),
                        "lvlRestart" => l.restart = val().and_then(|v| v.parse().ok()),
                        "isLgl" => l.legal = val().as_deref().is_none_or(is_on),
                        "suff" => {
                            l.suffix = match val().as_deref() {
                                Some("space") => Suffix::Space,
                                Some("nothing") => Suffix::Nothing,
                                _ => Suffix::Tab,
                            }
                        }
                        "pStyle" => l.style = val(),
                        _ => {}
                    }
                }
                _ => {}
            }
            if local == "lvl" && end {
                match target.take() {
                    Some(Target::Abstract(i)) => {
                        if let Some((_, a)) = current.as_mut() {
                            a.levels[i] = std::mem::take(&mut level);
                        }
                    }
                    Some(Target::Override(i)) => {
                        if let Some((_, inst)) = instance.as_mut() {
                            inst.levels[i] = Some(std::mem::take(&mut level));
                        }
                    }
                    None => {}
                }
            }
        }
        Ok(numbering)
    }

    /// Follow `w:numStyleLink`s: an abstract definition that names a numbering style
    /// stands for the definition that style's numbering uses (`numbering_of` gives a
    /// style's numbering instance), counters included.
    pub(super) fn resolve_links(&mut self, numbering_of: impl Fn(&str) -> Option<String>) {
        let mut redirect: HashMap<String, String> = HashMap::new();
        for (id, a) in &self.abstracts {
            let Some(style) = &a.style_link else { continue };
            let source = numbering_of(style)
                .and_then(|num| self.instances.get(&num))
                .map(|inst| inst.abstract_id.clone())
                .filter(|source| source != id)
                .filter(|source| {
                    self.abstracts
                        .get(source)
                        .is_some_and(|s| s.style_link.is_none())
                });
            if let Some(source) = source {
                redirect.insert(id.clone(), source);
            }
        }
        for inst in self.instances.values_mut() {
            if let Some(source) = redirect.get(&inst.abstract_id) {
                inst.abstract_id = source.clone();
            }
        }
    }

    /// The level of abstract definition behind `num_id` that is linked to `style`.
    pub(super) fn level_for_style(&self, num_id: &str, style: &str) -> Option<u8> {
        let inst = self.instances.get(num_id)?;
        let a = self.abstracts.get(&inst.abstract_id)?;
        a.levels
            .iter()
            .position(|l| l.style.as_deref() == Some(style))
            .map(|i| i as u8)
    }

    /// Count a paragraph numbered `num_id` at `ilvl` and return its label as Word shows it
    /// (`一、`, `（二）`, `3.`), with a space where Word would put a tab or space between a
    /// label that does not end in punctuation and the text. `None` for `numId` 0, unknown
    /// instances and bullets. Labels are capped at [`MAX_LABEL_CHARS`] characters.
    pub(super) fn label(&mut self, num_id: &str, ilvl: u8) -> Option<String> {
        let ilvl = usize::from(ilvl).min(LEVELS - 1);
        let inst = self.instances.get(num_id)?;
        let a = self.abstracts.get(&inst.abstract_id)?;
        let levels: [&Level; LEVELS] =
            std::array::from_fn(|i| inst.levels[i].as_ref().unwrap_or(&a.levels[i]));
        let owner = if inst.overrides() {
            Owner::Instance(num_id.to_owned())
        } else {
            Owner::Abstract(inst.abstract_id.clone())
        };
        let start = |i: usize| inst.starts[i].unwrap_or(levels[i].start);
        let counters = self.counters.entry(owner).or_default();
        counters[ilvl] = Some(counters[ilvl].map_or(start(ilvl), |c| (c + 1).min(MAX_COUNTER)));
        for (deeper, level) in levels.iter().enumerate().skip(ilvl + 1) {
            let resets = match level.restart {
                None => true,
                Some(k) => k > 0 && ilvl < k as usize,
            };
            if resets {
                counters[deeper] = None;
            }
        }
        let level = levels[ilvl];
        if level.format == NumFormat::Bullet {
            return None;
        }
        let pattern = level.text.as_deref()?;
        let mut label = String::new();
        let mut chars = pattern.chars().peekable();
        while let Some(c) = chars.next() {
            if label.chars().count() >= MAX_LABEL_CHARS {
                break;
            }
            let which = chars.peek().and_then(|d| d.to_digit(10));
            match which {
                Some(d @ 1..=9) if c == '%' => {
                    chars.next();
                    let i = d as usize - 1;
                    let n = counters[i].unwrap_or(start(i));
                    let format = if level.legal {
                        NumFormat::Decimal
                    } else {
                        levels[i].format
                    };
                    label.push_str(&format.render(n));
                }
                _ => label.push(c),
            }
        }
        let label: String = label.chars().take(MAX_LABEL_CHARS).collect();
        let ends_in_punctuation = label
            .chars()
            .last()
            .is_none_or(|c| "、.．)）:：,，]】".contains(c));
        let mut label = label;
        if level.suffix != Suffix::Nothing && !ends_in_punctuation {
            label.push(' ');
        }
        Some(label)
    }
}

/// Word's on/off attribute values.
pub(super) fn is_on(v: &str) -> bool {
    !matches!(v, "0" | "false" | "off")
}

#[cfg(test)]
mod tests {
    use super::*;

    const XML: &str = r#"<?xml version="1.0"?>
<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"
  xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">
 <w:abstractNum w:abstractNumId="0">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/>
   <mc:AlternateContent><mc:Choice Requires="w14"><w:numFmt w:val="custom" w:format="一, 二, 三, ..."/></mc:Choice>
   <mc:Fallback><w:numFmt w:val="decimal"/></mc:Fallback></mc:AlternateContent>
   <w:lvlText w:val="（%2）"/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>
  <w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2.%4"/><w:suff w:val="space"/></w:lvl>
  <w:lvl w:ilvl="4"><w:start w:val="1"/><w:numFmt w:val="decimalEnclosedCircle"/><w:lvlText w:val="%5"/><w:suff w:val="nothing"/></w:lvl>
 </w:abstractNum>
 <w:abstractNum w:abstractNumId="1">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="●"/></w:lvl>
 </w:abstractNum>
 <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
 <w:num w:numId="2"><w:abstractNumId w:val="0"/></w:num>
 <w:num w:numId="3"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>
 <w:num w:numId="4"><w:abstractNumId w:val="1"/></w:num>
</w:numbering>"#;

    #[test]
    fn labels_count_reset_and_continue() {
        let mut n = Numbering::parse(XML).unwrap();
        assert_eq!(n.label("1", 0).as_deref(), Some("一、"));
        assert_eq!(n.label("1", 1).as_deref(), Some("（一）"));
        assert_eq!(n.label("1", 2).as_deref(), Some("1."));
        assert_eq!(n.label("1", 2).as_deref(), Some("2."));
        assert_eq!(n.label("1", 1).as_deref(), Some("（二）"));
        assert_eq!(
            n.label("1", 2).as_deref(),
            Some("1."),
            "reset under a new parent"
        );
        assert_eq!(
            n.label("1", 3).as_deref(),
            Some("二.1 "),
            "%2 keeps its own format"
        );
        assert_eq!(n.label("1", 4).as_deref(), Some("①"));
        // Another instance of the same definition continues the count.
        assert_eq!(n.label("2", 0).as_deref(), Some("二、"));
        // A start override gives an instance counters of its own.
        assert_eq!(n.label("3", 0).as_deref(), Some("五、"));
        assert_eq!(n.label("1", 0).as_deref(), Some("三、"));
        assert_eq!(n.label("4", 0), None, "bullets are not text");
        assert_eq!(n.label("0", 0), None);
        assert_eq!(n.label("9", 0), None);
    }

    #[test]
    fn level_overrides_style_links_and_caps() {
        let xml = r#"<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
 <w:abstractNum w:abstractNumId="0">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
 </w:abstractNum>
 <w:abstractNum w:abstractNumId="1"><w:numStyleLink w:val="ListStyle"/></w:abstractNum>
 <w:abstractNum w:abstractNumId="2">
  <w:lvl w:ilvl="0"><w:start w:val="4294967295"/><w:numFmt w:val="upperLetter"/><w:lvlText w:val="%1%1%1%1%1%1%1%1%1%1%1%1%1%1%1%1%1%1%1%1"/></w:lvl>
 </w:abstractNum>
 <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
 <w:num w:numId="2"><w:abstractNumId w:val="0"/>
  <w:lvlOverride w:ilvl="0"><w:lvl w:ilvl="0"><w:start w:val="3"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="第%1部分"/></w:lvl></w:lvlOverride></w:num>
 <w:num w:numId="3"><w:abstractNumId w:val="1"/></w:num>
 <w:num w:numId="4"><w:abstractNumId w:val="2"/></w:num>
</w:numbering>"#;
        let mut n = Numbering::parse(xml).unwrap();
        n.resolve_links(|style| (style == "ListStyle").then(|| "1".to_owned()));
        assert_eq!(n.label("2", 0).as_deref(), Some("第III部分 "));
        assert_eq!(n.label("1", 0).as_deref(), Some("一、"));
        assert_eq!(
            n.label("3", 0).as_deref(),
            Some("二、"),
            "linked levels, shared count"
        );
        let huge = n.label("4", 0).unwrap();
        assert!(huge.chars().count() <= MAX_LABEL_CHARS + 1, "{huge}");
        assert!(huge.starts_with("32767"), "{huge}");
        for _ in 0..3 {
            assert!(n.label("4", 0).unwrap().starts_with("32767"));
        }
    }
}
