//! Administrative units with their OCHA P-codes: governorates, districts
//! (Iraqi qada, Syrian mantiqa) and sub-districts (nahiya), and which units
//! each place lies in.
//!
//! `gazetteer/admin_units.tsv` lists the units (OCHA COD-AB Iraq; Syria
//! from OpenSyria's P-code tables); districts and sub-districts are also
//! places, so "قضاء سنجار" resolves to the district. `gazetteer/admin_codes.tsv`
//! gives the units of every Syrian and Iraqi place (by point in polygon in
//! Iraq; approximately, by the nearest sub-district centre, in Syria).

use super::load::GazetteerError;
use super::place::Place;
use super::PlaceIdx;

/// The level of an administrative unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum AdminLevel {
    /// Governorate (محافظة), ACLED's admin1.
    Governorate = 1,
    /// District (قضاء in Iraq, منطقة in Syria), ACLED's admin2.
    District = 2,
    /// Sub-district (ناحية), ACLED's admin3.
    SubDistrict = 3,
}

impl AdminLevel {
    /// The level from its number (1–3).
    pub fn from_number(n: u8) -> Option<Self> {
        match n {
            1 => Some(AdminLevel::Governorate),
            2 => Some(AdminLevel::District),
            3 => Some(AdminLevel::SubDistrict),
            _ => None,
        }
    }

    /// hudud's feature type of a unit of this level.
    pub fn feature_type(self) -> &'static str {
        match self {
            AdminLevel::Governorate => "admin1",
            AdminLevel::District => "admin2",
            AdminLevel::SubDistrict => "admin3",
        }
    }
}

/// One administrative unit.
#[derive(Debug, Clone, PartialEq)]
pub struct AdminUnit {
    /// OCHA P-code (`IQG07Q02`, `SY0900`).
    pub pcode: String,
    /// Governorate, district or sub-district.
    pub level: AdminLevel,
    /// ISO 3166-1 alpha-2 country code.
    pub country: String,
    /// Arabic name, without "قضاء"/"ناحية".
    pub name_ar: String,
    /// English name.
    pub name_en: String,
    /// P-code of the unit one level up (empty for a governorate).
    pub parent: String,
    /// ISO 3166-2 code of the governorate the unit is in.
    pub iso_admin1: String,
}

/// Index into [`AdminUnits::units`].
pub type UnitIdx = u16;

/// Every administrative unit, by P-code.
#[derive(Debug, Clone, Default)]
pub struct AdminUnits {
    units: Vec<AdminUnit>,
    by_pcode: crate::FastMap<String, UnitIdx>,
}

/// The columns of `admin_units.tsv`, in order.
pub const UNIT_COLUMNS: [&str; 14] = [
    "id",
    "pcode",
    "level",
    "country",
    "name_ar",
    "name_en",
    "alt_ar",
    "alt_latin",
    "lat",
    "lon",
    "parent_pcode",
    "iso_admin1",
    "geonameid",
    "source",
];

/// The columns of `admin_codes.tsv`, in order.
pub const CODE_COLUMNS: [&str; 4] = ["id", "admin1_pcode", "admin2_pcode", "admin3_pcode"];

impl AdminUnits {
    /// Parse `admin_units.tsv`: the units, and the places that districts
    /// and sub-districts are (governorates are places already, by ISO code).
    ///
    /// ```
    /// let head = hudud::gazetteer::UNIT_COLUMNS.join("\t");
    /// let tsv = format!("{head}\npc:IQG07Q02\tIQG07Q02\t2\tIQ\tسنجار\tSinjar\t\t\t36.3\t41.8\tIQG07\tIQ-NI\t\tOCHA\n");
    /// let (units, places) = hudud::gazetteer::AdminUnits::parse(&tsv, "units.tsv").unwrap();
    /// assert_eq!(units.get("IQG07Q02").unwrap().name_en, "Sinjar");
    /// assert_eq!(places[0].feature_type, "admin2");
    /// ```
    pub fn parse(text: &str, path: &str) -> Result<(AdminUnits, Vec<Place>), GazetteerError> {
        let mut units = AdminUnits::default();
        let mut places = Vec::new();
        for_each_row(text, path, &UNIT_COLUMNS, |line_no, f| {
            let bad = |field: &'static str, value: &str, reason: &'static str| GazetteerError::Field {
                path: path.to_string(),
                line: line_no,
                field,
                value: value.to_string(),
                reason,
            };
            let level = f[2].parse().ok().and_then(AdminLevel::from_number);
            let level = level.ok_or_else(|| bad("level", f[2], "must be 1, 2 or 3"))?;
            let unit = AdminUnit {
                pcode: f[1].to_string(),
                level,
                country: f[3].to_string(),
                name_ar: f[4].to_string(),
                name_en: f[5].to_string(),
                parent: f[10].to_string(),
                iso_admin1: f[11].to_string(),
            };
            if unit.pcode.is_empty() || units.by_pcode.contains_key(&unit.pcode) {
                return Err(bad("pcode", f[1], "empty or repeated"));
            }
            if level != AdminLevel::Governorate {
                places.push(unit_place(&unit, f, path, line_no)?);
            }
            let idx = UnitIdx::try_from(units.units.len()).map_err(|_| bad("pcode", f[1], "too many units"))?;
            units.by_pcode.insert(unit.pcode.clone(), idx);
            units.units.push(unit);
            Ok(())
        })?;
        Ok((units, places))
    }

    /// The unit with a P-code.
    pub fn get(&self, pcode: &str) -> Option<&AdminUnit> {
        self.by_pcode.get(pcode).map(|&i| &self.units[i as usize])
    }

    /// The unit at an index.
    pub fn unit(&self, idx: UnitIdx) -> &AdminUnit {
        &self.units[idx as usize]
    }

    /// All units, in file order.
    pub fn units(&self) -> &[AdminUnit] {
        &self.units
    }

    /// Give each place listed in `admin_codes.tsv` its units; a P-code the
    /// unit table lacks is an error (the two files are built together).
    pub fn assign(&self, places: &mut [Place], text: &str, path: &str) -> Result<(), GazetteerError> {
        let mut by_id: crate::FastMap<String, PlaceIdx> = crate::FastMap::default();
        for (i, p) in places.iter().enumerate() {
            by_id.insert(p.id.clone(), i as PlaceIdx);
        }
        self.assign_by_index(places, &by_id, text, path)
    }

    /// [`AdminUnits::assign`] with the id → position index of `places`
    /// already built (the gazetteer loader keeps one).
    pub(super) fn assign_by_index(
        &self,
        places: &mut [Place],
        by_id: &crate::FastMap<String, PlaceIdx>,
        text: &str,
        path: &str,
    ) -> Result<(), GazetteerError> {
        // Every row is checked before any place changes, so an error leaves
        // the places as they were.
        let codes = self.codes_by_index(by_id, text, path)?;
        apply_codes(places, codes);
        Ok(())
    }

    /// The units of each place `admin_codes.tsv` lists, read without
    /// touching the places (so the loader can index their names meanwhile).
    pub(super) fn codes_by_index(
        &self,
        by_id: &crate::FastMap<String, PlaceIdx>,
        text: &str,
        path: &str,
    ) -> Result<Vec<PlaceCodes>, GazetteerError> {
        let mut codes = Vec::new();
        for_each_row(text, path, &CODE_COLUMNS, |line_no, f| {
            let Some(&i) = by_id.get(f[0]) else { return Ok(()) };
            let mut admin = [None; 3];
            for (level, pcode) in f[1..4].iter().enumerate() {
                if pcode.is_empty() {
                    continue;
                }
                let idx = self.by_pcode.get(*pcode).copied().ok_or_else(|| GazetteerError::Field {
                    path: path.to_string(),
                    line: line_no,
                    field: CODE_COLUMNS[level + 1],
                    value: pcode.to_string(),
                    reason: "no such unit in admin_units.tsv",
                })?;
                admin[level] = Some(idx);
            }
            codes.push((i, admin));
            Ok(())
        })?;
        Ok(codes)
    }
}

/// A place and its governorate, district and sub-district.
pub(super) type PlaceCodes = (PlaceIdx, [Option<UnitIdx>; 3]);

/// Give places the units [`AdminUnits::codes_by_index`] read.
pub(super) fn apply_codes(places: &mut [Place], codes: Vec<PlaceCodes>) {
    for (i, admin) in codes {
        if let Some(p) = places.get_mut(i as usize) {
            p.admin = admin;
        }
    }
}

/// The place a district or sub-district is.
fn unit_place(unit: &AdminUnit, f: &[&str], path: &str, line_no: usize) -> Result<Place, GazetteerError> {
    let bad = |field: &'static str, value: &str| GazetteerError::Field {
        path: path.to_string(),
        line: line_no,
        field,
        value: value.to_string(),
        reason: "not a number",
    };
    let lat: f64 = f[8].parse().map_err(|_| bad("lat", f[8]))?;
    let lon: f64 = f[9].parse().map_err(|_| bad("lon", f[9]))?;
    let geonameid = match f[12] {
        "" => None,
        g => Some(g.parse().map_err(|_| bad("geonameid", g))?),
    };
    let list = |s: &str| s.split('|').map(str::trim).filter(|v| !v.is_empty()).map(String::from).collect();
    Ok(Place {
        id: f[0].to_string(),
        name_ar: unit.name_ar.clone(),
        name_en: unit.name_en.clone(),
        alt_ar: list(f[6]),
        alt_latin: list(f[7]),
        lat,
        lon,
        feature_type: unit.level.feature_type().to_string(),
        feature_code: format!("ADM{}", unit.level as u8),
        country: unit.country.clone(),
        admin1: unit.iso_admin1.clone(),
        population: 0,
        geonameid,
        source: f[13].to_string(),
        admin: [None; 3],
    })
}

/// Call `row` with the trimmed fields and 1-based line number of each data
/// row of a TSV file with a fixed header. The fields are lent from one
/// buffer, so tens of thousands of rows cost no allocation each.
fn for_each_row<'a>(
    text: &'a str,
    path: &str,
    columns: &[&str],
    mut row: impl FnMut(usize, &[&'a str]) -> Result<(), GazetteerError>,
) -> Result<(), GazetteerError> {
    let mut lines = text.lines().enumerate().skip_while(|(_, l)| l.starts_with('#'));
    let (header_at, header) = lines.next().unwrap_or((0, ""));
    if header.trim_start_matches('\u{feff}').trim_end_matches('\r') != columns.join("\t") {
        return Err(GazetteerError::Header {
            path: format!("{path}:{}", header_at + 1),
            expected: columns.join(" "),
            found: header.replace('\t', " "),
        });
    }
    let mut f: Vec<&'a str> = Vec::with_capacity(columns.len());
    for (i, line) in lines {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            continue;
        }
        f.clear();
        f.extend(super::load::tab_fields(line).map(str::trim));
        if f.len() != columns.len() {
            return Err(GazetteerError::FieldCount {
                path: path.to_string(),
                line: i + 1,
                expected: columns.len(),
                found: f.len(),
            });
        }
        row(i + 1, &f)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn units_tsv(rows: &str) -> String {
        format!("{}\n{rows}", UNIT_COLUMNS.join("\t"))
    }

    const NINEVEH: &str = "pc:IQG15\tIQG15\t1\tIQ\tنينوى\tNinewa\t\t\t36.2\t42.6\t\tIQ-NI\t\tOCHA\n";
    const SINJAR: &str = "pc:IQG15Q05\tIQG15Q05\t2\tIQ\tسنجار\tSinjar\t\t\t36.3\t41.8\tIQG15\tIQ-NI\t\tOCHA\n";

    #[test]
    fn governorates_are_units_but_not_new_places() {
        let (units, places) = AdminUnits::parse(&units_tsv(&format!("{NINEVEH}{SINJAR}")), "u").unwrap();
        assert_eq!(units.units().len(), 2);
        assert_eq!(places.len(), 1);
        assert_eq!(places[0].id, "pc:IQG15Q05");
        assert_eq!(units.get("IQG15Q05").map(|u| u.level), Some(AdminLevel::District));
    }

    #[test]
    fn bad_level_names_line_and_value() {
        let err = AdminUnits::parse(&units_tsv(&NINEVEH.replace("\t1\t", "\t4\t")), "u.tsv").unwrap_err();
        assert_eq!(err.to_string(), "u.tsv:2: field `level`: must be 1, 2 or 3: `4`");
    }

    #[test]
    fn repeated_pcode_is_an_error() {
        assert!(AdminUnits::parse(&units_tsv(&format!("{SINJAR}{SINJAR}")), "u").is_err());
    }

    #[test]
    fn codes_are_assigned_by_id() {
        let (units, mut places) = AdminUnits::parse(&units_tsv(&format!("{NINEVEH}{SINJAR}")), "u").unwrap();
        let codes = format!("{}\npc:IQG15Q05\tIQG15\tIQG15Q05\t\ngn:1\tIQG15\t\t\n", CODE_COLUMNS.join("\t"));
        units.assign(&mut places, &codes, "c").unwrap();
        assert_eq!(places[0].admin[0].map(|i| units.unit(i).name_en.as_str()), Some("Ninewa"));
        assert_eq!(places[0].admin[1].map(|i| units.unit(i).pcode.as_str()), Some("IQG15Q05"));
        assert_eq!(places[0].admin[2], None);
    }

    #[test]
    fn unknown_pcode_in_codes_is_an_error() {
        let (units, mut places) = AdminUnits::parse(&units_tsv(SINJAR), "u").unwrap();
        let codes = format!("{}\npc:IQG15Q05\tIQG99\t\t\n", CODE_COLUMNS.join("\t"));
        let err = units.assign(&mut places, &codes, "c.tsv").unwrap_err().to_string();
        assert_eq!(err, "c.tsv:2: field `admin1_pcode`: no such unit in admin_units.tsv: `IQG99`");
    }
}
