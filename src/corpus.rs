//! A reproducible synthetic corpus for benchmarks: realistic Arabic
//! security reports written from the project's own sentence templates,
//! every gazetteer name (with proclitics), dates in every supported form,
//! and noise paragraphs. Same seed and size, same bytes.

use crate::gazetteer::Gazetteer;
use std::io::Write;

/// A small deterministic generator (xorshift64*).
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// Seeded generator (a zero seed is replaced).
    pub fn new(seed: u64) -> Self {
        Rng(seed.max(1))
    }

    /// Next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// Uniform in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Uniform index below `n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    /// A random element.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Incident sentences; `{P}` a place, `{Q}` a second place, `{N}` a count,
/// `{A}` an actor, `{D}` a relative or explicit date.
const INCIDENTS: &[&str] = &[
    "اعتقلت {A} {D} {N} أشخاص يشتبه بانتمائهم لخلايا التنظيم خلال مداهمة في {P}.",
    "قتل {N} عناصر من {A} بانفجار عبوة ناسفة استهدفت دوريتهم على الطريق بين {P} و{Q} {D}.",
    "شنت طائرة مسيّرة {D} غارة على سيارة قرب {P}، ما أدى إلى مقتل شخصين.",
    "أحبطت {A} محاولة تفجير سيارة مفخخة عند مدخل {P}، وضبطت كميات من الأسلحة والذخائر.",
    "اندلعت اشتباكات عنيفة {D} بين {A} ومسلحين مجهولين في محيط {P}.",
    "أقدم مسلحون مجهولون على خطف تاجر من أبناء {P} أثناء توجهه إلى {Q}.",
    "تعرضت قرى في ريف {P} لقصف مدفعي {D} مصدره مواقع تابعة لـ{A}.",
    "فجّر انتحاري حزاماً ناسفاً قرب حاجز أمني في {P}، ما أسفر عن سقوط {N} قتلى.",
    "عثرت قوة من {A} على مخبأ للأسلحة يضم عبوات ناسفة وصواريخ في منطقة {P}.",
    "اغتال مسلحون {D} أحد وجهاء {P} بإطلاق نار مباشر أمام منزله.",
];

/// Context and noise sentences, no incident in them.
const NOISE: &[&str] = &[
    "وتشهد المنطقة منذ أشهر توتراً أمنياً متصاعداً في ظل غياب حلول سياسية واضحة.",
    "ويقول سكان محليون إن الأوضاع المعيشية تزداد صعوبة مع ارتفاع أسعار المحروقات والمواد الغذائية.",
    "وأكد مسؤول محلي أن الجهات المعنية تعمل على إعادة تأهيل المدارس والمراكز الصحية المتضررة.",
    "ولم يصدر حتى لحظة إعداد هذا التقرير أي تعليق رسمي على ما جرى.",
    "ويرى محللون أن التنسيق بين الأطراف المختلفة بات ضرورة لمواجهة التحديات المشتركة.",
    "وتأتي هذه التطورات في وقت تتواصل فيه الاجتماعات بين الوفود المعنية لبحث ملفات عالقة.",
    "تابعونا على فيسبوك وتلغرام وواتساب للاطلاع على آخر الأخبار.",
    "وأشار التقرير إلى أن عدد النازحين العائدين إلى قراهم ارتفع خلال الفترة الأخيرة.",
];

const ACTORS: &[&str] = &[
    "قوات سوريا الديمقراطية",
    "قسد",
    "القوات العراقية",
    "جهاز الأمن الوطني",
    "وزارة الداخلية السورية",
    "التحالف الدولي",
    "الأسايش",
    "الحشد الشعبي",
    "الجيش العراقي",
    "خلية الصقور",
];

const RELATIVE: &[&str] =
    &["أمس", "اليوم", "الثلاثاء الماضي", "قبل يومين", "الأسبوع الماضي", "فجر اليوم", "مساء أمس الأحد", "مطلع الشهر"];

const MONTHS: &[&str] = &[
    "يناير",
    "فبراير",
    "مارس",
    "أبريل",
    "مايو",
    "يونيو",
    "يوليو",
    "أغسطس",
    "سبتمبر",
    "أكتوبر",
    "نوفمبر",
    "ديسمبر",
    "كانون الثاني",
    "شباط",
    "آذار",
    "نيسان",
    "أيار",
    "حزيران",
    "تموز",
    "آب",
    "أيلول",
    "تشرين الأول",
    "تشرين الثاني",
    "كانون الأول",
];

/// Writes articles as JSON Lines until a byte budget is spent.
pub struct CorpusWriter {
    rng: Rng,
    names: Vec<String>,
}

impl CorpusWriter {
    /// A writer drawing place names from the whole gazetteer.
    pub fn new(g: &Gazetteer, seed: u64) -> Self {
        let mut names: Vec<String> = g
            .places()
            .iter()
            .filter(|p| !p.is_country())
            .map(|p| p.name_ar.clone())
            .filter(|n| !n.is_empty())
            .collect();
        names.sort();
        names.dedup();
        CorpusWriter { rng: Rng::new(seed), names }
    }

    /// Write articles (one JSON object per line) until `bytes` are written;
    /// returns (articles, bytes of article text).
    pub fn write(&mut self, out: &mut dyn Write, bytes: u64) -> std::io::Result<(u64, u64)> {
        let (mut written, mut articles, mut text_bytes) = (0u64, 0u64, 0u64);
        while written < bytes {
            let (published, text) = self.article();
            let line = serde_json::json!({"id": format!("gen-{articles:08}"), "published": published, "text": text});
            let line = format!("{line}\n");
            out.write_all(line.as_bytes())?;
            written += line.len() as u64;
            text_bytes += text.len() as u64;
            articles += 1;
        }
        Ok((articles, text_bytes))
    }

    fn article(&mut self) -> (String, String) {
        let (y, m, d) = (2020 + self.rng.below(6), 1 + self.rng.below(12), 1 + self.rng.below(28));
        let title_template = INCIDENTS[self.rng.below(INCIDENTS.len())];
        let title = self.fill(title_template);
        let dateline = self.date_line(y, m, d);
        let mut text = format!("{title}\n{dateline}\n\n");
        for _ in 0..3 + self.rng.below(6) {
            let mut para = String::new();
            for _ in 0..2 + self.rng.below(3) {
                // Real reports are mostly context: about one sentence in six tells an event.
                let s = if self.rng.unit() < 0.15 { *self.rng.pick(INCIDENTS) } else { *self.rng.pick(NOISE) };
                para.push_str(&self.fill(s));
                para.push(' ');
            }
            text.push_str(para.trim_end());
            text.push_str("\n\n");
        }
        (format!("{y:04}-{m:02}-{d:02}"), text)
    }

    fn date_line(&mut self, y: usize, m: usize, d: usize) -> String {
        let month = MONTHS[(m - 1) + 12 * self.rng.below(2)];
        let eastern = |n: usize| {
            n.to_string()
                .chars()
                .map(|c| char::from_u32(c as u32 - '0' as u32 + 0x0660).unwrap_or(c))
                .collect::<String>()
        };
        match self.rng.below(5) {
            0 => format!("{y:04}-{m:02}-{d:02} {:02}:{:02}:00", self.rng.below(24), self.rng.below(60)),
            1 => format!("الثلاثاء {d}/{month}/{y} - 06:54 م"),
            2 => format!("{} {month} {}", eastern(d), eastern(y)),
            3 => format!("الخميس {} / {month} / {}", eastern(d), eastern(y)),
            _ => format!("{d} {month} {y}"),
        }
    }

    fn fill(&mut self, template: &str) -> String {
        let mut s = template.to_string();
        while let Some(i) = s.find("{P}").or_else(|| s.find("{Q}")) {
            let name = self.place();
            s.replace_range(i..i + 3, &name);
        }
        let n = (2 + self.rng.below(9)).to_string();
        let a = *self.rng.pick(ACTORS);
        let d = *self.rng.pick(RELATIVE);
        s.replace("{N}", &n).replace("{A}", a).replace("{D}", d)
    }

    fn place(&mut self) -> String {
        let name = self.rng.pick(&self.names).clone();
        const CLITICS: &[&str] = &["", "", "", "ب", "و", "وب", "ل"];
        let c = *self.rng.pick(CLITICS);
        match (c, name.strip_prefix("ال")) {
            ("ل", Some(rest)) => format!("لل{rest}"),
            _ => format!("{c}{name}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_bytes() {
        let g = Gazetteer::builtin().expect("gazetteer");
        let mut a = Vec::new();
        let mut b = Vec::new();
        CorpusWriter::new(&g, 7).write(&mut a, 20_000).expect("write");
        CorpusWriter::new(&g, 7).write(&mut b, 20_000).expect("write");
        assert_eq!(a, b);
        assert!(a.len() >= 20_000);
        for line in String::from_utf8(a).expect("utf8").lines() {
            let v: serde_json::Value = serde_json::from_str(line).expect("json line");
            assert!(v["text"].as_str().is_some_and(|t| !t.is_empty()));
        }
    }
}
