//! The whole article pipeline (`Pipeline::process`): geoparse, date,
//! extract incidents.
#![no_main]

use hudud::gazetteer::Gazetteer;
use hudud::incidents::Date;
use hudud::input::Document;
use hudud::pipeline::Pipeline;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

/// The built-in gazetteer and the pipeline, built once.
fn pipeline() -> &'static Pipeline<'static> {
    static PIPELINE: OnceLock<Pipeline<'static>> = OnceLock::new();
    PIPELINE.get_or_init(|| {
        let g: &'static Gazetteer = Box::leak(Box::new(Gazetteer::builtin().expect("built-in gazetteer")));
        Pipeline::new(g, None).expect("pipeline")
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let doc = Document {
        name: "fuzz.txt".into(),
        origin: "fuzz".into(),
        text: text.into(),
        lossy: false,
        published: None,
        title: None,
        char_base: 0,
    };
    let r = pipeline().process(&doc);
    let chars = text.chars().count();

    for m in &r.mentions {
        let (s, e) = (m.mention.start, m.mention.end);
        assert!(s <= e && e <= text.len(), "mention {s}..{e} of {} bytes", text.len());
        assert!(text.is_char_boundary(s) && text.is_char_boundary(e), "mention {s}..{e} off char boundaries");
    }
    assert_eq!(r.char_offsets.len(), r.mentions.len());
    for &(s, e) in &r.char_offsets {
        assert!(s <= e && e <= chars, "mention chars {s}..{e} of {chars}");
    }
    for i in &r.incidents {
        let (s, e) = (i.evidence_start, i.evidence_end);
        assert!(s <= e && e <= chars, "evidence chars {s}..{e} of {chars}: {:?}", i.evidence);
        if let Some(d) = &i.date {
            assert_eq!(Date::from_days(d.date.to_days()), d.date, "incident date {d:?}");
        }
        if let Some(p) = i.place {
            assert!((p as usize) < pipeline().gazetteer().places().len(), "place index {p}");
        }
    }
});
