use super::*;

fn titles(text: &str, o: &Outline) -> Vec<(u8, String)> {
    o.sections
        .iter()
        .map(|s| (s.level, s.title.slice(text).to_owned()))
        .collect()
}

const REPORT: &str = "\
海安市海安街道2023年法治政府建设情况报告
来源: 海安高新区 发布时间:2024-03-27 10:15 累计次数: 字体:[ ]

市委、市政府：
2023年，海安街道认真贯彻落实党的二十大精神。现将有关情况报告如下：
一、本年度推进法治政府建设的主要举措和成效
（一）加强组织领导。一是成立领导小组；二是制定工作要点。
1、健全行政决策机制。明确重大行政决策事项范围。
(二)推进依法科学民主决策
二、存在不足和原因
1.学习不够深入。
三、2024年推进法治政府建设的主要安排
海安街道办事处
2024年3月8日
（此件公开发布）
";

#[test]
fn parses_a_complete_report() {
    let o = Outline::parse(REPORT, false);
    let title = o.title.as_ref().expect("title");
    assert_eq!(
        title.span.slice(REPORT),
        "海安市海安街道2023年法治政府建设情况报告"
    );
    assert_eq!(title.year, Some(2023));
    assert_eq!(o.chrome.len(), 1);
    assert_eq!(o.meta_dates[0].label, "发布时间");
    assert_eq!(o.addressee.unwrap().slice(REPORT), "市委、市政府：");
    assert!(
        o.preamble
            .unwrap()
            .slice(REPORT)
            .starts_with("2023年，海安街道")
    );
    assert_eq!(
        titles(REPORT, &o),
        vec![
            (1, "本年度推进法治政府建设的主要举措和成效".into()),
            (2, "加强组织领导".into()),
            (3, "健全行政决策机制".into()),
            (2, "推进依法科学民主决策".into()),
            (1, "存在不足和原因".into()),
            (3, "学习不够深入".into()),
            (1, "2024年推进法治政府建设的主要安排".into()),
        ]
    );
    let s = &o.sections;
    assert_eq!(s[1].parent, Some(0));
    assert_eq!(s[2].parent, Some(1));
    assert_eq!(s[3].parent, Some(0));
    assert!(s[1].run_in && !s[3].run_in);
    assert!(
        s[0].body
            .slice(REPORT)
            .ends_with("(二)推进依法科学民主决策")
    );
    assert_eq!(s[6].body.slice(REPORT), "");
    let items: Vec<&str> = o.items.iter().map(|i| i.span.slice(REPORT)).collect();
    assert_eq!(items, ["一是成立领导小组", "二是制定工作要点。"]);
    let closing = o.closing.as_ref().expect("落款");
    assert_eq!(closing.issuer.unwrap().slice(REPORT), "海安街道办事处");
    assert_eq!(closing.date.unwrap().slice(REPORT), "2024年3月8日");
    assert!(closing.span.slice(REPORT).ends_with("2024年3月8日"));
    // The bracketed line after the date is a 附注 of its own.
    let notes: Vec<(PartKind, &str)> = o.parts.iter().map(|p| (p.kind, p.span.slice(REPORT))).collect();
    assert_eq!(notes, [(PartKind::Note, "（此件公开发布）")]);
    assert_eq!(
        o.year,
        Some(ReportYear {
            value: 2023,
            source: YearSource::Title
        })
    );
}

#[test]
fn run_in_headings_end_at_first_stop() {
    let cases = [
        (
            "一、依法全面履行政府职能。一是…",
            "依法全面履行政府职能",
            true,
        ),
        (
            "（一）依法履行政府职能，科学开展民主决策：我镇…",
            "依法履行政府职能，科学开展民主决策",
            true,
        ),
        (
            "一、2022年度法治政府建设成效显著：",
            "2022年度法治政府建设成效显著",
            false,
        ),
        (
            "(一)依法全面履行政府职能方面。一是…",
            "依法全面履行政府职能方面",
            true,
        ),
        ("一） 完善制度", "完善制度", false),
        (
            "4. 务实高效，创新融合增添“新活力”。一是…",
            "务实高效，创新融合增添“新活力”",
            true,
        ),
    ];
    for (line, title, run_in) in cases {
        let o = Outline::parse(line, false);
        assert_eq!(o.sections.len(), 1, "{line}");
        assert_eq!(o.sections[0].title.slice(line), title, "{line}");
        assert_eq!(o.sections[0].run_in, run_in, "{line}");
    }
}

#[test]
fn merged_marker_is_split_only_when_expected() {
    let text = "二、严格规范行政行为\n1.健全行政执法制度。内容。\n2.加强政府制度建设。提高了执政为民的水平。 3.强化规范性文件管理。一是…\n";
    let o = Outline::parse(text, false);
    let t = titles(text, &o);
    assert_eq!(t.last().unwrap(), &(3, "强化规范性文件管理".to_string()));
    assert!(o.sections.last().unwrap().merged);
    // "5." is not the number expected after "1.", so it stays text.
    let text = "一、总体情况\n1.完善制度。完成率达到95%。 5.其他内容。\n";
    let o = Outline::parse(text, false);
    assert_eq!(o.sections.len(), 2);
}

#[test]
fn year_sources() {
    let cases: &[(&str, i32, YearSource)] = &[
        (
            "关于2021年度法治政府建设情况的报告\n一、主要举措\n",
            2021,
            YearSource::Title,
        ),
        (
            "根据《法治政府建设实施纲要(2015—2020年)》等文件精神,2020年,我街道紧紧围绕中心工作。\n一、基本情况\n",
            2020,
            YearSource::Opening,
        ),
        (
            "|\n2019年以来,我镇法治政府建设工作稳步推进。\n",
            2019,
            YearSource::Opening,
        ),
        (
            "一、2022年工作情况\n内容。\n二、2023年工作安排\n内容。\n",
            2022,
            YearSource::Headings,
        ),
        (
            "一、主要工作\n内容。\n某某局\n2021年2月3日\n",
            2020,
            YearSource::Closing,
        ),
    ];
    for &(text, value, source) in cases {
        assert_eq!(
            Outline::parse(text, false).year,
            Some(ReportYear { value, source }),
            "{text}"
        );
    }
    assert_eq!(Outline::parse("一、主要工作\n内容。\n", false).year, None);
}

#[test]
fn stray_and_no_title() {
    let text = "|\n2019年以来,我镇法治政府建设工作稳步推进。\n一、深化科学决策机制\n";
    let o = Outline::parse(text, false);
    assert_eq!(o.stray.len(), 1);
    assert_eq!(o.stray[0].slice(text), "|");
    assert!(o.title.is_none());
    assert!(o.closing.is_none());
    assert_eq!(o.sections.len(), 1);
}

#[test]
fn closing_on_one_line_and_joint_issuers() {
    let text = "一、主要工作\n内容。\n浙江省卫生健康委 2024年3月8日\n";
    let c = Outline::parse(text, false).closing.expect("落款");
    assert_eq!(c.issuer.unwrap().slice(text), "浙江省卫生健康委");
    assert_eq!(c.date.unwrap().slice(text), "2024年3月8日");
    let text = "一、主要工作\n内容。\n中共烈山区委\n烈山区人民政府\n2025年2月24日\n";
    let c = Outline::parse(text, false).closing.expect("落款");
    assert_eq!(
        c.issuer.unwrap().slice(text),
        "中共烈山区委\n烈山区人民政府"
    );
}

#[test]
fn markdown_prefixes_are_skipped() {
    let text = "# 某局2022年法治政府建设情况报告\n\n## 一、主要举措和成效\n\n**（一）加强组织领导。**内容。\n";
    let o = Outline::parse(text, true);
    assert_eq!(
        o.title.as_ref().unwrap().span.slice(text),
        "某局2022年法治政府建设情况报告"
    );
    assert_eq!(
        titles(text, &o),
        vec![(1, "主要举措和成效".into()), (2, "加强组织领导".into())]
    );
}

#[test]
fn paragraph_lookup() {
    let o = Outline::parse(REPORT, false);
    let at = REPORT.find("明确重大").unwrap();
    let p = o.paragraph_at(at).unwrap();
    assert_eq!(
        o.paragraphs[p].span.slice(REPORT),
        "明确重大行政决策事项范围。"
    );
    assert_eq!(o.paragraphs[p].section, Some(2));
}
