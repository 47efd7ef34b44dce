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
    let notes: Vec<(PartKind, &str)> = o
        .parts
        .iter()
        .map(|p| (p.kind, p.span.slice(REPORT)))
        .collect();
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

fn part_lines(text: &str, o: &Outline) -> Vec<(PartKind, String)> {
    o.parts
        .iter()
        .map(|p| {
            (
                p.kind,
                p.span.slice(text).lines().next().unwrap_or("").to_owned(),
            )
        })
        .collect()
}

#[test]
fn titles_over_two_and_three_lines_after_masthead_lines() {
    let cases = [
        (
            "青山街道\n2024年法治政府建设情况报告\n区委：\n2024年，我街道依法行政。\n",
            "青山街道\n2024年法治政府建设情况报告",
        ),
        (
            "中共青山街道工作委员会　青山街道办事处\n关于2024年度法治政府建设工作情况的报告\n区委：\n正文。\n",
            "中共青山街道工作委员会　青山街道办事处\n关于2024年度法治政府建设工作情况的报告",
        ),
        (
            "中共青山街道工作委员会\n青山街道办事处\n关于2024年度法治政府建设情况的报告\n正文。\n",
            "中共青山街道工作委员会\n青山街道办事处\n关于2024年度法治政府建设情况的报告",
        ),
        (
            "附件1\n青街发〔2025〕3号\n签发：张三\n青山街道2024年法治政府建设情况报告\n区委：\n正文。\n",
            "青山街道2024年法治政府建设情况报告",
        ),
    ];
    for (text, title) in cases {
        let o = Outline::parse(text, false);
        let t = o
            .title
            .as_ref()
            .unwrap_or_else(|| panic!("no title in {text}"));
        assert_eq!(t.span.slice(text), title);
        assert_eq!(t.year, Some(2024));
        assert!(o.chrome.is_empty() && o.stray.is_empty(), "{text}");
    }
    let text = cases[3].0;
    let o = Outline::parse(text, false);
    let masthead: Vec<String> = part_lines(text, &o).into_iter().map(|(_, l)| l).collect();
    assert_eq!(masthead, ["附件1", "青街发〔2025〕3号", "签发：张三"]);
    assert_eq!(o.addressee.unwrap().slice(text), "区委：");
    // A body line is not swallowed into a title.
    let text = "2024年，我街道坚持依法行政。\n一、主要举措和成效\n";
    assert!(Outline::parse(text, false).title.is_none());
}

#[test]
fn notes_attachments_and_imprint_follow_the_closing() {
    let text = "\
青山街道2024年法治政府建设情况报告
区委：
2024年，我街道依法行政。
一、主要举措和成效
制定制度3项。
附件：2024年行政执法数据统计表
青山街道办事处
2025.1.20
（联系人：张三，电话：12345678）
附件
2024年行政执法数据统计表
一、行政处罚
1.简易程序
————————————
抄送：区委依法治区办，区司法局。
青山街道党政办公室　　2025年1月20日印发
————————————
";
    let o = Outline::parse(text, false);
    let c = o.closing.as_ref().expect("落款");
    assert_eq!(c.issuer.unwrap().slice(text), "青山街道办事处");
    assert_eq!(c.date.unwrap().slice(text), "2025.1.20");
    assert_eq!(c.written.unwrap().1, DateForm::Numeric);
    assert_eq!(
        part_lines(text, &o),
        [
            (
                PartKind::AttachmentList,
                "附件：2024年行政执法数据统计表".to_owned()
            ),
            (
                PartKind::Note,
                "（联系人：张三，电话：12345678）".to_owned()
            ),
            (PartKind::Attachment, "附件".to_owned()),
            (PartKind::Imprint, "————————————".to_owned()),
        ]
    );
    // The attachment's numbered lines and the rules are no heading and no stray line.
    assert_eq!(titles(text, &o), [(1, "主要举措和成效".to_owned())]);
    assert!(o.stray.is_empty());
    assert!(o.body.slice(text).ends_with("制定制度3项。"));
}

#[test]
fn chrome_only_at_the_edges_and_never_a_heading() {
    let text = "\
扫一扫在手机打开当前页
青山街道2024年法治政府建设情况报告
发布时间：2025-01-22 来源：青山街道 字体：[大 中 小]
2024年，我街道依法行政。
（一）推行“扫码入企”，规范涉企行政检查
全年扫码入企检查120次。
（二）加强无障碍环境建设
无障碍设施改造15处。
青山街道办事处
2025年1月20日
无障碍浏览
";
    let o = Outline::parse(text, false);
    assert_eq!(
        titles(text, &o),
        [
            (2, "推行“扫码入企”，规范涉企行政检查".to_owned()),
            (2, "加强无障碍环境建设".to_owned()),
        ]
    );
    let chrome: Vec<&str> = o.chrome.iter().map(|s| s.slice(text)).collect();
    assert_eq!(chrome.len(), 3, "{chrome:?}");
    // A Word document carries no page chrome.
    let o = Outline::parse_with(
        text,
        &Layout {
            no_chrome: true,
            ..Layout::default()
        },
    );
    assert!(o.chrome.is_empty());
}

#[test]
fn table_cells_and_list_entries_are_not_headings() {
    let text = "\
一、主要举措和成效
（一）严格执法
1.行政执法公示
序号
1.行政处罚
×
（二）化解纠纷
存在以下不足：
1）执法队伍专业化水平有待提高；
2）普法针对性不强。
（三）强化监督
";
    let cells_start = text.find("序号").unwrap();
    let cells_end = text.find("×").unwrap() + "×".len();
    let tables = [Span::new(cells_start, cells_end)];
    let o = Outline::parse_with(
        text,
        &Layout {
            tables: &tables,
            ..Layout::default()
        },
    );
    assert_eq!(
        titles(text, &o),
        [
            (1, "主要举措和成效".to_owned()),
            (2, "严格执法".to_owned()),
            (3, "行政执法公示".to_owned()),
            (2, "化解纠纷".to_owned()),
            (2, "强化监督".to_owned()),
        ]
    );
    assert!(o.stray.is_empty());
    let items: Vec<u32> = o.items.iter().map(|i| i.number).collect();
    assert_eq!(items, [1, 2]);
    // A styled document: automatic list numbers in body text are items.
    let text = "一、主要举措\n1.制定制度\n";
    let hints = [
        (0, Hint::Heading(1)),
        (text.find("1.").unwrap(), Hint::List),
    ];
    let o = Outline::parse_with(
        text,
        &Layout {
            hints: &hints,
            ..Layout::default()
        },
    );
    assert_eq!(titles(text, &o), [(1, "主要举措".to_owned())]);
}

#[test]
fn run_on_edges_are_cut_only_where_they_read_as_title_and_closing() {
    // Lost breaks: title, addressee, body, organ and date on one line.
    let text = "某区2023年法治政府建设情况报告 区委依法治区办： 2023年，我区扎实推进法治政府建设。一是完善制度；二是规范执法。 某区人民政府 2024年1月10日\n";
    let o = Outline::parse(text, false);
    assert_eq!(
        o.title.map(|t| t.span.slice(text)),
        Some("某区2023年法治政府建设情况报告")
    );
    assert_eq!(o.addressee.map(|a| a.slice(text)), Some("区委依法治区办："));
    let closing = o.closing.expect("closing");
    assert_eq!(closing.issuer.map(|s| s.slice(text)), Some("某区人民政府"));
    assert_eq!(closing.date.map(|s| s.slice(text)), Some("2024年1月10日"));

    // A body line that merely mentions a report, or ends with a date in a clause, stays whole.
    let text = "2023年，区政府按时报送了年度法治政府建设情况报告 并在门户网站公开，接受社会监督，全年共公开各类信息二百余条。\n下一步，继续做好公开工作。 截至 2024年1月10日\n";
    let o = Outline::parse(text, false);
    assert!(o.title.is_none());
    assert!(o.closing.is_none());
    assert_eq!(o.paragraphs.len(), 2);
}
