//! The result printed as score.py prints it: its `--json` output byte for
//! byte, or one line per document and the summary line.

use super::score::Report;
use serde::Serialize;
use std::io::Write;

/// The whole result as JSON, laid out as Python's `json.dumps(indent=1,
/// ensure_ascii=False)` lays it out, with a final newline.
pub fn write_json(report: &Report, w: &mut dyn Write) -> std::io::Result<()> {
    let formatter = serde_json::ser::PrettyFormatter::with_indent(b" ");
    let mut ser = serde_json::Serializer::with_formatter(&mut *w, formatter);
    report.serialize(&mut ser)?;
    w.write_all(b"\n")
}

/// One line per document (`doc: places tp/fp/fn=[…] incidents tp/fp/fn=[…]`),
/// with what it missed or added under it when `verbose`, then the summary
/// line.
pub fn write_text(report: &Report, verbose: bool, w: &mut dyn Write) -> std::io::Result<()> {
    for d in &report.docs {
        let [pt, pf, pn] = d.places;
        let [it, ifp, inn] = d.incidents;
        writeln!(w, "{}: places tp/fp/fn=[{pt}, {pf}, {pn}] incidents tp/fp/fn=[{it}, {ifp}, {inn}]", d.doc)?;
        if !verbose {
            continue;
        }
        let lists = [
            ("missed_places", &d.missed_places),
            ("extra_places", &d.extra_places),
            ("missed_incidents", &d.missed_incidents),
            ("extra_incidents", &d.extra_incidents),
        ];
        for (label, items) in lists.iter().filter(|(_, items)| !items.is_empty()) {
            writeln!(w, "   {label}: {}", items.join(" | "))?;
        }
    }
    writeln!(w, "{}", summary_line(report))
}

/// `places P=… R=… F1=… | incidents P=… R=… F1=… | dates a/b | sub-events
/// c/d | strict incidents F1=…`, the figures to two places (of the values
/// already rounded to three, as score.py prints them).
///
/// ```
/// # use hudud::eval::{parse_gold, score, summary_line, SystemLayers};
/// let gold = parse_gold(r#"[{"doc": "a.txt", "places": [], "incidents": []}]"#, "g.json".as_ref()).unwrap();
/// let line = summary_line(&score(&gold, &SystemLayers::default()));
/// assert_eq!(line, "places P=0.00 R=0.00 F1=0.00 | incidents P=0.00 R=0.00 F1=0.00 | \
///                   dates 0/0 | sub-events 0/0 | strict incidents F1=0.00");
/// ```
pub fn summary_line(report: &Report) -> String {
    let (p, i) = (&report.places, &report.incidents);
    format!(
        "places P={:.2} R={:.2} F1={:.2} | incidents P={:.2} R={:.2} F1={:.2} | dates {}/{} | sub-events {}/{} | \
         strict incidents F1={:.2}",
        p.precision,
        p.recall,
        p.f1,
        i.precision,
        i.recall,
        i.f1,
        report.dates.correct,
        report.dates.of,
        report.sub_event_types.correct,
        report.sub_event_types.of,
        report.incidents_strict.f1
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::{DocScore, Figures, Tally};

    fn figures(p: f64, tp: usize) -> Figures {
        Figures { precision: p, recall: p, f1: p, tp, fp: 1, fn_: 2 }
    }

    fn report() -> Report {
        Report {
            places: figures(0.125, 1),
            incidents: figures(0.375, 3),
            incidents_strict: figures(1.0, 4),
            dates: Tally { correct: 1, of: 2 },
            sub_event_types: Tally { correct: 0, of: 0 },
            docs: vec![DocScore {
                doc: "a.txt".into(),
                places: [1, 0, 2],
                incidents: [0, 1, 0],
                missed_places: vec!["الرقة".into(), "منبج".into()],
                extra_places: vec![],
                missed_incidents: vec![],
                extra_incidents: vec!["Battles @ ?".into()],
            }],
        }
    }

    #[test]
    fn text_as_score_py_prints_it() {
        let mut out = Vec::new();
        write_text(&report(), true, &mut out).unwrap();
        let expected = "a.txt: places tp/fp/fn=[1, 0, 2] incidents tp/fp/fn=[0, 1, 0]\n   \
            missed_places: الرقة | منبج\n   extra_incidents: Battles @ ?\n\
            places P=0.12 R=0.12 F1=0.12 | incidents P=0.38 R=0.38 F1=0.38 | dates 1/2 | sub-events 0/0 | \
            strict incidents F1=1.00\n";
        assert_eq!(String::from_utf8(out).unwrap(), expected);
    }

    #[test]
    fn json_as_python_lays_it_out() {
        let mut out = Vec::new();
        write_json(&report(), &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.starts_with("{\n \"places\": {\n  \"precision\": 0.125,\n"), "{text}");
        assert!(text.contains("\"fn\": 2"), "{text}");
        assert!(text.contains("   \"places\": [\n    1,\n    0,\n    2\n   ],"), "{text}");
        assert!(text.contains("\"extra_places\": [],"), "{text}");
        assert!(text.contains("\"الرقة\""), "{text}");
        assert!(text.ends_with("]\n}\n"), "{text}");
    }
}
