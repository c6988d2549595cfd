//! ACLED's codes as types: event and sub-event types, disorder types,
//! actor types, and the geographic and time precision codes.
//!
//! Every stage that speaks ACLED uses these enums, never the labels: a
//! label is made only where a layer is written ([`SubEventType::label`]) and
//! read back only where a user or a gold file gives one
//! ([`SubEventType::from_label`]). The rules that choose a code live in
//! `incidents::classify`; what each code means, and where the rule comes
//! from, is written out in `docs/ACLED.md`.
//!
//! This module depends on nothing else in the crate, so every stage may
//! use it.

use std::fmt;

/// ACLED event types, declared in ACLED's precedence order: when one event
/// combines tactics, the type declared first wins (`Ord` follows it).
///
/// ```
/// use hudud::acled::EventType;
/// assert!(EventType::Battles < EventType::ExplosionsRemoteViolence);
/// assert_eq!(EventType::ExplosionsRemoteViolence.label(), "Explosions/Remote violence");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EventType {
    /// Violent interaction between two organised armed groups.
    Battles,
    /// Public demonstrations without violence by the demonstrators.
    Protests,
    /// Violent demonstrations and mob violence.
    Riots,
    /// One-sided violence at a distance: strikes, shelling, explosives.
    ExplosionsRemoteViolence,
    /// Violence by an organised armed group against unarmed civilians.
    ViolenceAgainstCivilians,
    /// Important non-violent activity: arrests, foiled attacks, agreements.
    StrategicDevelopments,
}

impl EventType {
    /// Every event type, in precedence order.
    pub const ALL: [EventType; 6] = [
        EventType::Battles,
        EventType::Protests,
        EventType::Riots,
        EventType::ExplosionsRemoteViolence,
        EventType::ViolenceAgainstCivilians,
        EventType::StrategicDevelopments,
    ];

    /// ACLED's exact label.
    pub fn label(self) -> &'static str {
        match self {
            EventType::Battles => "Battles",
            EventType::Protests => "Protests",
            EventType::Riots => "Riots",
            EventType::ExplosionsRemoteViolence => "Explosions/Remote violence",
            EventType::ViolenceAgainstCivilians => "Violence against civilians",
            EventType::StrategicDevelopments => "Strategic developments",
        }
    }

    /// The event type with ACLED label `label` (exact, as exports write it).
    pub fn from_label(label: &str) -> Option<EventType> {
        EventType::ALL.into_iter().find(|t| t.label() == label)
    }

    /// ACLED's disorder type of events of this type.
    ///
    /// ```
    /// use hudud::acled::{DisorderType, EventType};
    /// assert_eq!(EventType::Riots.disorder_type(), DisorderType::Demonstrations);
    /// ```
    pub fn disorder_type(self) -> DisorderType {
        match self {
            EventType::Battles | EventType::ExplosionsRemoteViolence | EventType::ViolenceAgainstCivilians => {
                DisorderType::PoliticalViolence
            }
            EventType::Protests | EventType::Riots => DisorderType::Demonstrations,
            EventType::StrategicDevelopments => DisorderType::StrategicDevelopments,
        }
    }

    /// True for the types ACLED counts as political violence.
    pub fn is_violent(self) -> bool {
        self.disorder_type() == DisorderType::PoliticalViolence
    }
}

impl fmt::Display for EventType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// ACLED sub-event types, grouped by event type and, within each, in
/// ACLED's precedence order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SubEventType {
    /// Battles: a state force retakes territory.
    GovernmentRegainsTerritory,
    /// Battles: a non-state group takes territory.
    NonStateActorOvertakesTerritory,
    /// Battles: fighting with no change of territory.
    ArmedClash,
    /// Protests: force likely to cause serious injury used on protesters.
    ExcessiveForceAgainstProtesters,
    /// Protests: a protest met by physical intervention.
    ProtestWithIntervention,
    /// Protests: a peaceful protest.
    PeacefulProtest,
    /// Riots: demonstrators engage in violence.
    ViolentDemonstration,
    /// Riots: violence by a mob not demonstrating.
    MobViolence,
    /// Explosions/Remote violence: chemical weapons.
    ChemicalWeapon,
    /// Explosions/Remote violence: any air or drone strike.
    AirDroneStrike,
    /// Explosions/Remote violence: a suicide bombing.
    SuicideBomb,
    /// Explosions/Remote violence: artillery, mortars, rockets, missiles.
    ShellingArtilleryMissileAttack,
    /// Explosions/Remote violence: IEDs, landmines, car bombs.
    RemoteExplosiveLandmineIed,
    /// Explosions/Remote violence: a hand grenade.
    Grenade,
    /// Violence against civilians: sexual violence.
    SexualViolence,
    /// Violence against civilians: an attack on unarmed people.
    Attack,
    /// Violence against civilians: abduction by a non-state group, or a
    /// disappearance.
    AbductionForcedDisappearance,
    /// Strategic developments: an agreement.
    Agreement,
    /// Strategic developments: arrests by state or de-facto authorities.
    Arrests,
    /// Strategic developments: a change to a group or its activity.
    ChangeToGroupActivity,
    /// Strategic developments: a foiled attack, defused or intercepted
    /// explosives, a significant weapons cache seized.
    DisruptedWeaponsUse,
    /// Strategic developments: a headquarters or base set up.
    HeadquartersOrBaseEstablished,
    /// Strategic developments: looting or destruction of property.
    LootingPropertyDestruction,
    /// Strategic developments: territory handed over without fighting.
    NonViolentTransferOfTerritory,
    /// Strategic developments: anything else (escapes, for one).
    Other,
}

impl SubEventType {
    /// Every sub-event type, by event type and precedence.
    pub const ALL: [SubEventType; 25] = [
        SubEventType::GovernmentRegainsTerritory,
        SubEventType::NonStateActorOvertakesTerritory,
        SubEventType::ArmedClash,
        SubEventType::ExcessiveForceAgainstProtesters,
        SubEventType::ProtestWithIntervention,
        SubEventType::PeacefulProtest,
        SubEventType::ViolentDemonstration,
        SubEventType::MobViolence,
        SubEventType::ChemicalWeapon,
        SubEventType::AirDroneStrike,
        SubEventType::SuicideBomb,
        SubEventType::ShellingArtilleryMissileAttack,
        SubEventType::RemoteExplosiveLandmineIed,
        SubEventType::Grenade,
        SubEventType::SexualViolence,
        SubEventType::Attack,
        SubEventType::AbductionForcedDisappearance,
        SubEventType::Agreement,
        SubEventType::Arrests,
        SubEventType::ChangeToGroupActivity,
        SubEventType::DisruptedWeaponsUse,
        SubEventType::HeadquartersOrBaseEstablished,
        SubEventType::LootingPropertyDestruction,
        SubEventType::NonViolentTransferOfTerritory,
        SubEventType::Other,
    ];

    /// The event type this sub-event type belongs to.
    ///
    /// ```
    /// use hudud::acled::{EventType, SubEventType};
    /// assert_eq!(SubEventType::Arrests.event_type(), EventType::StrategicDevelopments);
    /// ```
    pub fn event_type(self) -> EventType {
        use SubEventType::*;
        match self {
            GovernmentRegainsTerritory | NonStateActorOvertakesTerritory | ArmedClash => EventType::Battles,
            ExcessiveForceAgainstProtesters | ProtestWithIntervention | PeacefulProtest => EventType::Protests,
            ViolentDemonstration | MobViolence => EventType::Riots,
            ChemicalWeapon
            | AirDroneStrike
            | SuicideBomb
            | ShellingArtilleryMissileAttack
            | RemoteExplosiveLandmineIed
            | Grenade => EventType::ExplosionsRemoteViolence,
            SexualViolence | Attack | AbductionForcedDisappearance => EventType::ViolenceAgainstCivilians,
            Agreement
            | Arrests
            | ChangeToGroupActivity
            | DisruptedWeaponsUse
            | HeadquartersOrBaseEstablished
            | LootingPropertyDestruction
            | NonViolentTransferOfTerritory
            | Other => EventType::StrategicDevelopments,
        }
    }

    /// ACLED's exact label.
    ///
    /// ```
    /// use hudud::acled::SubEventType;
    /// assert_eq!(SubEventType::AirDroneStrike.label(), "Air/drone strike");
    /// assert_eq!(SubEventType::from_label("Air/drone strike"), Some(SubEventType::AirDroneStrike));
    /// ```
    pub fn label(self) -> &'static str {
        use SubEventType::*;
        match self {
            GovernmentRegainsTerritory => "Government regains territory",
            NonStateActorOvertakesTerritory => "Non-state actor overtakes territory",
            ArmedClash => "Armed clash",
            ExcessiveForceAgainstProtesters => "Excessive force against protesters",
            ProtestWithIntervention => "Protest with intervention",
            PeacefulProtest => "Peaceful protest",
            ViolentDemonstration => "Violent demonstration",
            MobViolence => "Mob violence",
            ChemicalWeapon => "Chemical weapon",
            AirDroneStrike => "Air/drone strike",
            SuicideBomb => "Suicide bomb",
            ShellingArtilleryMissileAttack => "Shelling/artillery/missile attack",
            RemoteExplosiveLandmineIed => "Remote explosive/landmine/IED",
            Grenade => "Grenade",
            SexualViolence => "Sexual violence",
            Attack => "Attack",
            AbductionForcedDisappearance => "Abduction/forced disappearance",
            Agreement => "Agreement",
            Arrests => "Arrests",
            ChangeToGroupActivity => "Change to group/activity",
            DisruptedWeaponsUse => "Disrupted weapons use",
            HeadquartersOrBaseEstablished => "Headquarters or base established",
            LootingPropertyDestruction => "Looting/property destruction",
            NonViolentTransferOfTerritory => "Non-violent transfer of territory",
            Other => "Other",
        }
    }

    /// The sub-event type with ACLED label `label` (exact).
    pub fn from_label(label: &str) -> Option<SubEventType> {
        SubEventType::ALL.into_iter().find(|t| t.label() == label)
    }
}

impl fmt::Display for SubEventType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// ACLED's disorder types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DisorderType {
    /// Battles, explosions/remote violence, violence against civilians.
    PoliticalViolence,
    /// Protests and riots.
    Demonstrations,
    /// Strategic developments.
    StrategicDevelopments,
}

impl DisorderType {
    /// ACLED's exact label.
    pub fn label(self) -> &'static str {
        match self {
            DisorderType::PoliticalViolence => "Political violence",
            DisorderType::Demonstrations => "Demonstrations",
            DisorderType::StrategicDevelopments => "Strategic developments",
        }
    }
}

/// ACLED's actor types (`inter1`/`inter2`), with their historical numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ActorType {
    /// Governments' military and police, and de-facto state authorities.
    StateForces = 1,
    /// Armed groups fighting a government (ISIS, for one).
    RebelGroups = 2,
    /// Armed groups with a political aim that do not seek to replace the
    /// government.
    PoliticalMilitias = 3,
    /// Armed groups organised around an identity (tribes, clans).
    IdentityMilitias = 4,
    /// Violent demonstrators.
    Rioters = 5,
    /// Peaceful demonstrators.
    Protesters = 6,
    /// Unarmed people.
    Civilians = 7,
    /// Foreign and other forces (a coalition, private security).
    ExternalOtherForces = 8,
}

impl ActorType {
    /// ACLED's number for the type, as older exports write it.
    pub fn code(self) -> u8 {
        self as u8
    }

    /// ACLED's label, as newer exports write it.
    pub fn label(self) -> &'static str {
        match self {
            ActorType::StateForces => "State forces",
            ActorType::RebelGroups => "Rebel groups",
            ActorType::PoliticalMilitias => "Political militias",
            ActorType::IdentityMilitias => "Identity militias",
            ActorType::Rioters => "Rioters",
            ActorType::Protesters => "Protesters",
            ActorType::Civilians => "Civilians",
            ActorType::ExternalOtherForces => "External/Other forces",
        }
    }
}

impl ActorType {
    /// ACLED's `interaction` of an event between actors of types `a` and
    /// `b`: the two numbers, lower first (`17`); one actor alone is its
    /// number and 0 (`20`), as older exports write it. `None` when no actor
    /// type is known.
    ///
    /// ```
    /// use hudud::acled::ActorType::{Civilians, RebelGroups, StateForces};
    /// use hudud::acled::ActorType;
    /// assert_eq!(ActorType::interaction(Some(Civilians), Some(StateForces)), Some(17));
    /// assert_eq!(ActorType::interaction(None, Some(RebelGroups)), Some(20));
    /// ```
    pub fn interaction(a: Option<ActorType>, b: Option<ActorType>) -> Option<u8> {
        match (a, b) {
            (Some(a), Some(b)) => Some(a.code().min(b.code()) * 10 + a.code().max(b.code())),
            (Some(one), None) | (None, Some(one)) => Some(one.code() * 10),
            (None, None) => None,
        }
    }
}

/// The countries of the region, with the codes and names ACLED writes.
///
/// ```
/// use hudud::acled::Country;
/// let sy = Country::from_iso2("SY").unwrap();
/// assert_eq!((sy.name(), sy.iso_numeric(), sy.iso3()), ("Syria", 760, "SYR"));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Country {
    /// Syria (SY, SYR, 760).
    Syria,
    /// Iraq (IQ, IRQ, 368).
    Iraq,
    /// Jordan (JO, JOR, 400).
    Jordan,
    /// Lebanon (LB, LBN, 422).
    Lebanon,
    /// Türkiye (TR, TUR, 792); ACLED's name is "Turkey".
    Turkey,
}

impl Country {
    /// Every country, in declaration order.
    pub const ALL: [Country; 5] = [Country::Syria, Country::Iraq, Country::Jordan, Country::Lebanon, Country::Turkey];

    /// The country with ISO 3166-1 alpha-2 code `code` (`SY`), if it is
    /// one of the region's.
    pub fn from_iso2(code: &str) -> Option<Country> {
        Country::ALL.into_iter().find(|c| c.iso2() == code)
    }

    /// ISO 3166-1 alpha-2 code, as the gazetteer writes it.
    pub fn iso2(self) -> &'static str {
        match self {
            Country::Syria => "SY",
            Country::Iraq => "IQ",
            Country::Jordan => "JO",
            Country::Lebanon => "LB",
            Country::Turkey => "TR",
        }
    }

    /// ISO 3166-1 alpha-3 code: the prefix of ACLED's `event_id_cnty`.
    pub fn iso3(self) -> &'static str {
        match self {
            Country::Syria => "SYR",
            Country::Iraq => "IRQ",
            Country::Jordan => "JOR",
            Country::Lebanon => "LBN",
            Country::Turkey => "TUR",
        }
    }

    /// ISO 3166-1 numeric code: ACLED's `iso`.
    pub fn iso_numeric(self) -> u16 {
        match self {
            Country::Syria => 760,
            Country::Iraq => 368,
            Country::Jordan => 400,
            Country::Lebanon => 422,
            Country::Turkey => 792,
        }
    }

    /// ACLED's country name.
    pub fn name(self) -> &'static str {
        match self {
            Country::Syria => "Syria",
            Country::Iraq => "Iraq",
            Country::Jordan => "Jordan",
            Country::Lebanon => "Lebanon",
            Country::Turkey => "Turkey",
        }
    }

    /// ACLED's region: all of these are in the Middle East.
    pub fn region(self) -> &'static str {
        "Middle East"
    }
}

/// ACLED's geographic precision: how closely the coordinates locate the
/// event.
///
/// ```
/// use hudud::acled::GeoPrecision;
/// assert_eq!(GeoPrecision::Town.code(), 1);
/// assert!(GeoPrecision::Town < GeoPrecision::Region);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum GeoPrecision {
    /// 1: the named town or site itself.
    Town = 1,
    /// 2: near a town, or a small part of a region, coded to a town.
    NearTown = 2,
    /// 3: only a larger region (governorate, desert, border area).
    Region = 3,
}

impl GeoPrecision {
    /// ACLED's number.
    pub fn code(self) -> u8 {
        self as u8
    }
}

/// ACLED's time precision: how closely the date is known.
///
/// ```
/// use hudud::acled::TimePrecision;
/// assert_eq!(TimePrecision::Week.code(), 2);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TimePrecision {
    /// 1: the day is known.
    Day = 1,
    /// 2: within a week (the midpoint is coded).
    Week = 2,
    /// 3: within a month (mid-month, or the first or last day).
    Month = 3,
}

impl TimePrecision {
    /// ACLED's number.
    pub fn code(self) -> u8 {
        self as u8
    }
}

/// UCDP GED's `where_prec`, a finer location level kept beside ACLED's
/// three: what kind of place the coordinates stand for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum LocationLevel {
    /// 1: the exact place.
    Exact = 1,
    /// 2: within about 25 km of a known point.
    Near = 2,
    /// 3: a second-level administrative unit (district).
    Admin2 = 3,
    /// 4: a first-level administrative unit (governorate).
    Admin1 = 4,
    /// 5: a larger region, or between places.
    Region = 5,
    /// 6: the country only.
    Country = 6,
}

impl LocationLevel {
    /// UCDP's number.
    pub fn code(self) -> u8 {
        self as u8
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_label_reads_back() {
        for t in SubEventType::ALL {
            assert_eq!(SubEventType::from_label(t.label()), Some(t));
        }
        for t in EventType::ALL {
            assert_eq!(EventType::from_label(t.label()), Some(t));
        }
        assert_eq!(SubEventType::from_label("arrests"), None);
    }

    #[test]
    fn sub_event_types_are_grouped_in_precedence_order() {
        let types: Vec<EventType> = SubEventType::ALL.iter().map(|s| s.event_type()).collect();
        assert!(types.windows(2).all(|w| w[0] <= w[1]), "{types:?}");
        assert_eq!(EventType::ALL.to_vec(), {
            let mut t = types.clone();
            t.dedup();
            t
        });
    }

    #[test]
    fn disorder_types() {
        assert_eq!(EventType::StrategicDevelopments.disorder_type().label(), "Strategic developments");
        assert!(EventType::ViolenceAgainstCivilians.is_violent());
        assert!(!EventType::Protests.is_violent());
    }

    #[test]
    fn interaction_is_both_codes_lower_first() {
        use ActorType::*;
        assert_eq!(ActorType::interaction(Some(StateForces), Some(RebelGroups)), Some(12));
        assert_eq!(ActorType::interaction(Some(RebelGroups), Some(StateForces)), Some(12));
        assert_eq!(ActorType::interaction(Some(ExternalOtherForces), Some(Civilians)), Some(78));
        assert_eq!(ActorType::interaction(Some(Protesters), None), Some(60));
        assert_eq!(ActorType::interaction(None, None), None);
    }

    #[test]
    fn countries_read_back_from_iso2() {
        for c in Country::ALL {
            assert_eq!(Country::from_iso2(c.iso2()), Some(c));
            assert_eq!(c.region(), "Middle East");
        }
        assert_eq!(Country::from_iso2("IQ").map(|c| (c.name(), c.iso_numeric(), c.iso3())), Some(("Iraq", 368, "IRQ")));
        assert_eq!(Country::from_iso2("TR").map(Country::iso_numeric), Some(792));
        assert_eq!(Country::from_iso2("US"), None);
    }

    #[test]
    fn actor_type_codes() {
        assert_eq!(ActorType::Civilians.code(), 7);
        assert_eq!(ActorType::ExternalOtherForces.label(), "External/Other forces");
    }
}
