//! A plain calendar date (proleptic Gregorian) with day arithmetic.
//!
//! hudud only needs days, weekdays and ISO printing; a dozen lines of
//! civil-calendar arithmetic avoid a date-time dependency.

use std::fmt;

/// A calendar day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Year.
    pub year: i32,
    /// Month, 1–12.
    pub month: u32,
    /// Day of the month, 1–31.
    pub day: u32,
}

impl Date {
    /// A valid date, or `None` (e.g. 31 February, month 13).
    ///
    /// ```
    /// use hudud::incidents::Date;
    /// assert!(Date::new(2024, 2, 29).is_some());
    /// assert!(Date::new(2025, 2, 29).is_none());
    /// ```
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        let ok =
            (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month) && (1900..=2100).contains(&year);
        ok.then_some(Date { year, month, day })
    }

    /// Days since 1970-01-01.
    pub fn to_days(self) -> i64 {
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let mp = (i64::from(self.month) + 9) % 12;
        let doy = (153 * mp + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` after 1970-01-01.
    pub fn from_days(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    /// This date moved by `n` days.
    ///
    /// ```
    /// use hudud::incidents::Date;
    /// let d = Date::new(2025, 3, 1).unwrap();
    /// assert_eq!(d.add_days(-1).to_string(), "2025-02-28");
    /// ```
    pub fn add_days(self, n: i64) -> Date {
        Date::from_days(self.to_days() + n)
    }

    /// Day of the week, 0 = Sunday … 6 = Saturday.
    pub fn weekday(self) -> u32 {
        (self.to_days() + 4).rem_euclid(7) as u32
    }

    /// The first day of the previous month.
    pub fn previous_month(self) -> Date {
        if self.month == 1 {
            Date { year: self.year - 1, month: 12, day: 1 }
        } else {
            Date { year: self.year, month: self.month - 1, day: 1 }
        }
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// Number of days in a month.
pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_round_trip() {
        for d in [-1000, 0, 1, 59, 365, 10_000, 20_000, 30_000] {
            assert_eq!(Date::from_days(d).to_days(), d);
        }
    }

    #[test]
    fn known_weekday() {
        // 20 January 2022 was a Thursday.
        assert_eq!(Date::new(2022, 1, 20).unwrap().weekday(), 4);
    }

    #[test]
    fn previous_month_wraps_the_year() {
        assert_eq!(Date::new(2025, 1, 15).unwrap().previous_month().to_string(), "2024-12-01");
    }
}
