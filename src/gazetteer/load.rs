//! Reading gazetteer TSV files (built-in and user-supplied) into places.

use super::place::Place;
use thiserror::Error;

/// The columns every gazetteer file has, in order.
pub const COLUMNS: [&str; 14] = [
    "id",
    "name_ar",
    "name_en",
    "alt_ar",
    "alt_latin",
    "lat",
    "lon",
    "feature_type",
    "feature_code",
    "country",
    "admin1",
    "population",
    "geonameid",
    "source",
];

/// What can go wrong reading a gazetteer file.
#[derive(Debug, Error)]
pub enum GazetteerError {
    /// One id on two rows of one user file: which row is meant is unknowable.
    #[error("{path}: id `{id}` is on two rows; each id may appear once in a file")]
    DuplicateId {
        /// The file.
        path: String,
        /// The repeated id.
        id: String,
    },
    /// The file could not be read.
    #[error("{path}: cannot read gazetteer file: {source}")]
    Io {
        /// The file.
        path: String,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The header line is not the expected list of columns.
    #[error("{path}: header must be the tab-separated columns `{expected}`, found `{found}`")]
    Header {
        /// The file.
        path: String,
        /// What the header should be.
        expected: String,
        /// What it is.
        found: String,
    },
    /// A row has the wrong number of fields.
    #[error("{path}:{line}: expected {expected} tab-separated fields, found {found}")]
    FieldCount {
        /// The file.
        path: String,
        /// 1-based line number.
        line: usize,
        /// How many columns there should be.
        expected: usize,
        /// How many there are.
        found: usize,
    },
    /// A field holds a value that does not parse or is out of range.
    #[error("{path}:{line}: field `{field}`: {reason}: `{value}`")]
    Field {
        /// The file.
        path: String,
        /// 1-based line number.
        line: usize,
        /// Column name.
        field: &'static str,
        /// The bad value.
        value: String,
        /// Why it is bad.
        reason: &'static str,
    },
}

/// Parse a gazetteer TSV text; `path` only labels errors.
///
/// ```
/// let tsv = "id\tname_ar\tname_en\talt_ar\talt_latin\tlat\tlon\tfeature_type\tfeature_code\tcountry\tadmin1\tpopulation\tgeonameid\tsource\n\
///            cur:x\tقرية\tX\t\t\t35.1\t40.2\tvillage\tPPL\tSY\tSY-DY\t0\t\ttest\n";
/// let places = hudud::gazetteer::parse_tsv(tsv, "x.tsv").unwrap();
/// assert_eq!(places[0].lon, 40.2);
/// ```
pub fn parse_tsv(text: &str, path: &str) -> Result<Vec<Place>, GazetteerError> {
    // Reserving for every line spares copying tens of thousands of places
    // as the vector grows.
    let mut places = Vec::with_capacity(line_count(text));
    for_each_place(text, path, |p| places.push(p))?;
    Ok(places)
}

/// An upper bound on the rows of a gazetteer text.
pub(super) fn line_count(text: &str) -> usize {
    memchr::memchr_iter(b'\n', text.as_bytes()).count() + 1
}

/// [`parse_tsv`], handing each place to `each` as it is read: the built-in
/// files are merged row by row, without a vector of rows in between (tens
/// of megabytes of page faults and copies at start-up).
pub(super) fn for_each_place(text: &str, path: &str, mut each: impl FnMut(Place)) -> Result<(), GazetteerError> {
    // Comment lines (`#`) may precede the header.
    let mut lines = text.lines().enumerate().skip_while(|(_, l)| l.trim_start_matches('\u{feff}').starts_with('#'));
    let (header_index, header) = lines.next().map(|(i, l)| (i, l.trim_start_matches('\u{feff}'))).unwrap_or((0, ""));
    // Derived files may add the Who's On First id as a last column.
    let expected = COLUMNS.join("\t");
    let header = header.trim_end_matches('\r');
    let width = if header == expected {
        COLUMNS.len()
    } else if header.strip_prefix(expected.as_str()) == Some("\twof_id") {
        COLUMNS.len() + 1
    } else {
        return Err(GazetteerError::Header {
            path: format!("{path}:{}", header_index + 1),
            expected: COLUMNS.join(" "),
            found: header.replace('\t', " "),
        });
    };
    for (index, line) in lines {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        each(parse_row(line, path, index + 1, width)?);
    }
    Ok(())
}

/// Read and parse a gazetteer file from disk.
pub fn read_tsv(path: &std::path::Path) -> Result<Vec<Place>, GazetteerError> {
    let label = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|source| GazetteerError::Io { path: label.clone(), source })?;
    let text = String::from_utf8(bytes).map_err(|e| GazetteerError::Io {
        path: label.clone(),
        source: std::io::Error::new(std::io::ErrorKind::InvalidData, e),
    })?;
    parse_tsv(&text, &label)
}

fn parse_row(line: &str, path: &str, line_no: usize, width: usize) -> Result<Place, GazetteerError> {
    // The fields go into a fixed array: one row allocates only the
    // strings it keeps.
    let mut f = [""; COLUMNS.len() + 1];
    let mut found = 0;
    for field in tab_fields(line) {
        if let Some(slot) = f.get_mut(found) {
            *slot = field;
        }
        found += 1;
    }
    if found != width {
        return Err(GazetteerError::FieldCount { path: path.to_string(), line: line_no, expected: width, found });
    }
    let bad = |field: &'static str, value: &str, reason: &'static str| GazetteerError::Field {
        path: path.to_string(),
        line: line_no,
        field,
        value: value.to_string(),
        reason,
    };
    let id = f[0].trim();
    if id.is_empty() || !id.contains(':') {
        return Err(bad("id", id, "must be `gn:<geonameid>` or `cur:<slug>`"));
    }
    let lat: f64 = f[5].trim().parse().map_err(|_| bad("lat", f[5], "not a number"))?;
    let lon: f64 = f[6].trim().parse().map_err(|_| bad("lon", f[6], "not a number"))?;
    if !(-90.0..=90.0).contains(&lat) {
        return Err(bad("lat", f[5], "outside -90..90"));
    }
    if !(-180.0..=180.0).contains(&lon) {
        return Err(bad("lon", f[6], "outside -180..180"));
    }
    let population = match f[11].trim() {
        "" => 0,
        p => p.parse().map_err(|_| bad("population", p, "not a whole number"))?,
    };
    let geonameid = match f[12].trim() {
        "" => None,
        g => Some(g.parse().map_err(|_| bad("geonameid", g, "not a whole number"))?),
    };
    let feature_type = f[7].trim();
    if feature_type.is_empty() {
        return Err(bad("feature_type", feature_type, "must not be empty"));
    }
    if f[1].trim().is_empty() && f[2].trim().is_empty() {
        return Err(bad("name_ar", f[1], "a place needs an Arabic or a Latin name"));
    }
    Ok(Place {
        id: id.to_string(),
        name_ar: f[1].trim().to_string(),
        name_en: f[2].trim().to_string(),
        alt_ar: split_list(f[3]),
        alt_latin: split_list(f[4]),
        lat,
        lon,
        feature_type: feature_type.to_string(),
        feature_code: f[8].trim().to_string(),
        country: f[9].trim().to_string(),
        admin1: f[10].trim().to_string(),
        population,
        geonameid,
        source: f[13].trim().to_string(),
        admin: [None; 3],
    })
}

/// `line.split('\t')`, as a plain byte loop: gazetteer fields are short,
/// and setting up `split`'s searcher for each cost more than the scan.
pub(super) fn tab_fields(line: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(line);
    std::iter::from_fn(move || {
        let r = rest?;
        // A tab is one byte, so both slices end on character boundaries.
        match r.bytes().position(|b| b == b'\t') {
            Some(i) => {
                rest = r.get(i + 1..);
                r.get(..i)
            }
            None => {
                rest = None;
                Some(r)
            }
        }
    })
}

fn split_list(field: &str) -> Vec<String> {
    field.split('|').map(str::trim).filter(|s| !s.is_empty()).map(String::from).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_header(rows: &str) -> String {
        format!("{}\n{rows}", COLUMNS.join("\t"))
    }

    #[test]
    fn bad_latitude_names_line_and_field() {
        let tsv = with_header("cur:a\tا\tA\t\t\tnorth\t40\tvillage\t\tSY\t\t0\t\tx\n");
        let err = parse_tsv(&tsv, "extra.tsv").unwrap_err().to_string();
        assert_eq!(err, "extra.tsv:2: field `lat`: not a number: `north`");
    }

    #[test]
    fn wrong_field_count_is_reported() {
        let tsv = with_header("cur:a\tا\n");
        assert!(matches!(parse_tsv(&tsv, "f"), Err(GazetteerError::FieldCount { line: 2, found: 2, .. })));
    }

    #[test]
    fn wrong_header_is_reported() {
        assert!(matches!(parse_tsv("id\tname\n", "f"), Err(GazetteerError::Header { .. })));
    }

    #[test]
    fn a_wof_id_column_may_follow() {
        let tsv = format!("{}\twof_id\nwof:7\tا\tA\t\t\t1\t2\tvillage\t\tSY\t\t\t\twof\t7\n", COLUMNS.join("\t"));
        assert_eq!(parse_tsv(&tsv, "f").unwrap()[0].id, "wof:7");
        let short = format!("{}\twof_id\nwof:7\tا\tA\t\t\t1\t2\tvillage\t\tSY\t\t\t\twof\n", COLUMNS.join("\t"));
        assert!(matches!(parse_tsv(&short, "f"), Err(GazetteerError::FieldCount { expected: 15, .. })));
    }

    #[test]
    fn tab_fields_agree_with_split() {
        let lines = ["", "\t", "a", "a\t", "\ta", "a\tب\t\tc ", "\t\t", "دير\tالزور\r"];
        for line in lines {
            assert_eq!(tab_fields(line).collect::<Vec<_>>(), line.split('\t').collect::<Vec<_>>(), "{line:?}");
        }
        for text in [crate::gazetteer::BUILTIN_PLACES, crate::gazetteer::BUILTIN_CODES] {
            for line in text.lines() {
                assert!(tab_fields(line).eq(line.split('\t')));
            }
        }
    }

    #[test]
    fn variants_split_on_bar() {
        let tsv = with_header("cur:a\tا\tA\tب| ج\tB\t1\t2\tvillage\t\tSY\t\t\t\tx\n");
        let p = parse_tsv(&tsv, "f").unwrap();
        assert_eq!(p[0].alt_ar, vec!["ب", "ج"]);
        assert_eq!(p[0].population, 0);
    }
}
