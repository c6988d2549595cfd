//! ACLED coding: from what a sentence says happened to ACLED's sub-event
//! type, following ACLED's precedence when tactics combine and its actor
//! rules (who may arrest, whom an attack hits).
//!
//! Every rule here is written out, with where it comes from, in
//! `docs/ACLED.md`; the rule's name there (R1…) is in the comment above
//! its code and in the name of its unit test.

use super::triggers::Tactic;
use super::victims::Target;
use crate::acled::{EventType, SubEventType};
use std::collections::BTreeSet;

/// ACLED codes for one incident, and whether state forces are the actor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Coding {
    /// ACLED sub-event type (which fixes the event type).
    pub sub_event_type: SubEventType,
    /// True when the acting side is a state force (arrests, seizures, strikes).
    pub state_acts: bool,
}

impl Coding {
    /// ACLED event type.
    pub fn event_type(self) -> EventType {
        self.sub_event_type.event_type()
    }
}

const fn code(sub_event_type: SubEventType, state_acts: bool) -> Coding {
    Coding { sub_event_type, state_acts }
}

/// Who acts in a sentence, as far as ACLED's actor rules care.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Agent {
    /// A government's forces.
    Government,
    /// A de-facto authority's forces (the SDF, the Asayish): they arrest,
    /// but do not "regain" territory for a government.
    DeFacto,
    /// An armed group outside any authority (ISIS, gunmen, smugglers).
    ArmedGroup,
}

/// What a sentence says around its triggers, as the coding rules need it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Circumstances {
    /// Aircraft, or what aircraft do, are named: "مسيرة" and "غارة" are a
    /// drone and an air strike.
    pub drone_context: bool,
    /// Aircraft are named: "قصف" and "ضربة" are an air strike.
    pub aircraft: bool,
    /// Artillery is named: "قصف" is shelling.
    pub artillery: bool,
    /// A force that bombards from the air is named ("قصف التحالف").
    pub air_power: bool,
    /// A cell was dismantled ("تفكيك خلية").
    pub cell_dismantled: bool,
    /// The victims or target, when named.
    pub target: Option<Target>,
    /// Who acts, when named before the trigger or as its subject.
    pub agent: Option<Agent>,
    /// A prison, camp or detainees are named (what an escape escapes).
    pub custody: bool,
}

/// Code a sentence's tactics in ACLED's terms, or `None` when they report
/// nothing ACLED codes.
///
/// ```
/// use hudud::incidents::{classify, Circumstances, Tactic};
/// let c = classify(&[Tactic::Raid, Tactic::Arrest].into_iter().collect(), &Circumstances::default()).unwrap();
/// assert_eq!(c.sub_event_type.label(), "Arrests");
/// assert_eq!(c.event_type().label(), "Strategic developments");
/// ```
pub fn classify(tactics: &BTreeSet<Tactic>, c: &Circumstances) -> Option<Coding> {
    use Tactic::*;
    let has = |t: Tactic| tactics.contains(&t);
    let bombed = has(Bombardment) && (c.aircraft || c.air_power);
    let struck = (has(Strike) || has(Targeting)) && c.aircraft;
    let bombardment_from_the_air = (bombed || struck) && !c.artillery;
    // A drone names an aircraft, not what it did: only a strike, a target
    // or casualties make it a drone strike.
    let drone_struck = has(Drone) && c.drone_context;
    let air = (has(AirStrike) && (c.drone_context || c.aircraft)) || drone_struck || bombardment_from_the_air;
    disrupted(tactics, c, air)
        .or_else(|| territory(tactics, c))
        // R3: two armed sides fighting is a battle, whatever else happened.
        .or_else(|| has(Clash).then_some(code(SubEventType::ArmedClash, false)))
        .or_else(|| demonstration(tactics))
        // R4: every air or drone strike, whoever the victims.
        .or_else(|| air.then_some(code(SubEventType::AirDroneStrike, true)))
        .or_else(|| remote_violence(tactics))
        .or_else(|| violence(tactics, c))
        .or_else(|| detention(tactics, c))
}

/// R1: a foiled plot, a seizure or an interception; the weapons named are
/// objects, not events. With arrests, or a cell dismantled, it is Arrests;
/// a foiled escape is Other.
fn disrupted(tactics: &BTreeSet<Tactic>, c: &Circumstances, air: bool) -> Option<Coding> {
    let has = |t: Tactic| tactics.contains(&t);
    if has(Tactic::Intercept) && (c.aircraft || has(Tactic::Shelling)) && !has(Tactic::Clash) {
        return Some(code(SubEventType::DisruptedWeaponsUse, true));
    }
    if !has(Tactic::Disrupted) || has(Tactic::Clash) || air {
        return None;
    }
    // "أحبطت هجوماً… والهجوم يسفر عن استشهاد 7 مواطنين": civilians were
    // killed, so the attack was not prevented (arrests still outrank it).
    let civilians_killed = has(Tactic::Killing) && c.target == Some(Target::Civilian);
    let arrests = has(Tactic::Arrest) || c.cell_dismantled;
    if civilians_killed && !arrests {
        return None;
    }
    Some(if arrests {
        code(SubEventType::Arrests, true)
    } else if has(Tactic::Escape) && c.custody {
        code(SubEventType::Other, true)
    } else {
        code(SubEventType::DisruptedWeaponsUse, true)
    })
}

/// R2: control of territory taken: by a government's forces, "Government
/// regains territory"; by anyone else, "Non-state actor overtakes
/// territory". Fighting for it outranks it (R3 comes after only because
/// a territory sentence names its fighting as the way it was taken).
fn territory(tactics: &BTreeSet<Tactic>, c: &Circumstances) -> Option<Coding> {
    let retaking = tactics.contains(&Tactic::Retaking);
    if !tactics.contains(&Tactic::Territory) && !retaking {
        return None;
    }
    // Taking back ("استعاد الجيش نقطة") is what governments report.
    Some(match c.agent {
        Some(Agent::Government) => code(SubEventType::GovernmentRegainsTerritory, true),
        None if retaking => code(SubEventType::GovernmentRegainsTerritory, true),
        _ => code(SubEventType::NonStateActorOvertakesTerritory, false),
    })
}

/// R15–R16: demonstrations, after battles in ACLED's precedence: violent
/// demonstrators riot; forces that kill or shoot at protesters use
/// excessive force; forces that arrest or disperse them intervene; else
/// the protest is peaceful.
fn demonstration(tactics: &BTreeSet<Tactic>) -> Option<Coding> {
    use Tactic::*;
    let has = |t: Tactic| tactics.contains(&t);
    if has(Riot) {
        return Some(code(SubEventType::ViolentDemonstration, false));
    }
    if !has(Protest) {
        return None;
    }
    // Deaths alone are often whom the protest mourns: only fire on the
    // protesters is excessive force.
    Some(if has(Shooting) {
        code(SubEventType::ExcessiveForceAgainstProtesters, true)
    } else if has(Arrest) {
        code(SubEventType::ProtestWithIntervention, true)
    } else {
        code(SubEventType::PeacefulProtest, false)
    })
}

/// R5–R8: explosions and remote violence without aircraft, in ACLED's
/// order: suicide bomb, shelling, remote explosive, grenade.
fn remote_violence(tactics: &BTreeSet<Tactic>) -> Option<Coding> {
    use Tactic::*;
    let has = |t: Tactic| tactics.contains(&t);
    let attack_told = has(Explosive) || has(Attack) || has(Killing) || has(Shooting);
    if has(SuicideBomb) || (has(SuicideAttacker) && attack_told) {
        return Some(code(SubEventType::SuicideBomb, false));
    }
    if has(Shelling) || has(Bombardment) {
        return Some(code(SubEventType::ShellingArtilleryMissileAttack, false));
    }
    if has(Explosive) {
        return Some(code(SubEventType::RemoteExplosiveLandmineIed, false));
    }
    has(Grenade).then_some(code(SubEventType::Grenade, false))
}

/// R9–R10, R12: attacks, killings, shootings, abductions and bodies found.
fn violence(tactics: &BTreeSet<Tactic>, c: &Circumstances) -> Option<Coding> {
    use Tactic::*;
    let has = |t: Tactic| tactics.contains(&t);
    let battle = code(SubEventType::ArmedClash, false);
    let on_civilians = code(SubEventType::Attack, false);
    // R12: a body found is a killing whose author is unknown: violence
    // against civilians, whatever else the finders did.
    if has(BodyFound) {
        return Some(on_civilians);
    }
    // R11b: authorities that ambush or raid someone and arrest him
    // ("نصبت كميناً للمتهم وألقت القبض عليه") make an arrest, not a battle.
    // With nobody named, an ambush that ends in an arrest ("نُفذت عملية
    // الاعتقال بكمين محكم") is one too: armed groups are named when they act.
    let authority = matches!(c.agent, Some(Agent::Government | Agent::DeFacto) | None);
    if authority && has(Arrest) && !has(Killing) && !has(Shooting) {
        return None;
    }
    if has(Attack) {
        // R9a: an attack is a battle unless it hits unarmed people.
        return Some(if c.target == Some(Target::Civilian) { on_civilians } else { battle });
    }
    if has(Killing) || has(Shooting) {
        // R9b: a killing in a security operation, or of armed people, is a
        // battle; of civilians or of someone unnamed, violence against
        // civilians.
        let armed = c.target == Some(Target::Armed) || has(Raid);
        return Some(if armed { code(SubEventType::ArmedClash, has(Raid)) } else { on_civilians });
    }
    has(Abduction).then_some(code(SubEventType::AbductionForcedDisappearance, false))
}

/// R11, R13–R14: arrests (or an armed group's seizure of people), escapes
/// and security operations.
fn detention(tactics: &BTreeSet<Tactic>, c: &Circumstances) -> Option<Coding> {
    use Tactic::*;
    let has = |t: Tactic| tactics.contains(&t);
    if has(Escape) && c.custody {
        // R13: an escape from a prison or camp ("فر موقوفون من مركز
        // احتجاز": the custody named is not an arrest).
        return Some(code(SubEventType::Other, false));
    }
    if has(Arrest) || (has(Raid) && c.cell_dismantled) {
        // R11: only authorities arrest; an armed group seizing people abducts.
        return Some(if c.agent == Some(Agent::ArmedGroup) {
            code(SubEventType::AbductionForcedDisappearance, false)
        } else {
            code(SubEventType::Arrests, true)
        });
    }
    // R14: a security operation against named targets.
    has(Raid).then_some(code(SubEventType::Arrests, true))
}

#[cfg(test)]
mod tests {
    use super::*;
    use Tactic::*;

    fn c(t: &[Tactic]) -> SubEventType {
        coded(t, Circumstances { aircraft: true, drone_context: true, ..Circumstances::default() })
    }

    fn coded(t: &[Tactic], circumstances: Circumstances) -> SubEventType {
        classify(&t.iter().copied().collect(), &circumstances).unwrap().sub_event_type
    }

    #[test]
    fn r1_seizure_with_explosives_is_disrupted() {
        assert_eq!(c(&[Disrupted, Explosive, SuicideBomb]), SubEventType::DisruptedWeaponsUse);
    }

    #[test]
    fn a_foiled_attack_that_killed_civilians_was_no_foiling() {
        let on_civilians = Circumstances { target: Some(Target::Civilian), ..Circumstances::default() };
        assert_eq!(coded(&[Disrupted, Attack, Killing], on_civilians), SubEventType::Attack);
        let on_attackers = Circumstances { target: Some(Target::Armed), ..Circumstances::default() };
        assert_eq!(coded(&[Disrupted, Attack, Killing], on_attackers), SubEventType::DisruptedWeaponsUse);
    }

    #[test]
    fn r1_arrests_with_seizure_are_arrests() {
        assert_eq!(c(&[Arrest, Disrupted]), SubEventType::Arrests);
    }

    #[test]
    fn r1_a_foiled_escape_needs_custody() {
        let custody = Circumstances { custody: true, ..Circumstances::default() };
        assert_eq!(coded(&[Disrupted, Escape], custody), SubEventType::Other);
        assert_eq!(coded(&[Disrupted, Escape], Circumstances::default()), SubEventType::DisruptedWeaponsUse);
    }

    #[test]
    fn r1_interception_is_disrupted() {
        let drone = Circumstances { aircraft: true, ..Circumstances::default() };
        assert_eq!(coded(&[Intercept, AirStrike], drone), SubEventType::DisruptedWeaponsUse);
        // "إسقاط النظام": nothing flies, nothing is intercepted.
        assert!(classify(&[Intercept].into_iter().collect(), &Circumstances::default()).is_none());
    }

    #[test]
    fn r2_territory_by_agent() {
        let gov = Circumstances { agent: Some(Agent::Government), ..Circumstances::default() };
        assert_eq!(coded(&[Territory], gov), SubEventType::GovernmentRegainsTerritory);
        let isis = Circumstances { agent: Some(Agent::ArmedGroup), ..Circumstances::default() };
        assert_eq!(coded(&[Territory], isis), SubEventType::NonStateActorOvertakesTerritory);
        assert_eq!(coded(&[Retaking, Attack], Circumstances::default()), SubEventType::GovernmentRegainsTerritory);
        assert_eq!(coded(&[Retaking], isis), SubEventType::NonStateActorOvertakesTerritory);
    }

    #[test]
    fn r3_clash_outranks_explosions() {
        assert_eq!(c(&[Attack, Explosive, Clash]), SubEventType::ArmedClash);
    }

    #[test]
    fn r15_protests_by_what_met_them() {
        assert_eq!(c(&[Protest]), SubEventType::PeacefulProtest);
        assert_eq!(c(&[Protest, Arrest]), SubEventType::ProtestWithIntervention);
        assert_eq!(c(&[Protest, Shooting]), SubEventType::ExcessiveForceAgainstProtesters);
        assert_eq!(c(&[Protest, Killing]), SubEventType::PeacefulProtest);
    }

    #[test]
    fn r16_stones_thrown_are_a_riot() {
        assert_eq!(c(&[Protest, Riot]), SubEventType::ViolentDemonstration);
        assert_eq!(c(&[Riot]), SubEventType::ViolentDemonstration);
    }

    #[test]
    fn r4_air_strike_whoever_the_victims() {
        let on_civilians = Circumstances {
            aircraft: true,
            drone_context: true,
            target: Some(Target::Civilian),
            ..Circumstances::default()
        };
        assert_eq!(coded(&[AirStrike, Killing], on_civilians), SubEventType::AirDroneStrike);
        assert_eq!(coded(&[Bombardment, Killing], on_civilians), SubEventType::AirDroneStrike);
    }

    #[test]
    fn r4_aircraft_targeting_is_an_air_strike() {
        let aircraft = Circumstances { aircraft: true, ..Circumstances::default() };
        assert_eq!(coded(&[Targeting, Killing], aircraft), SubEventType::AirDroneStrike);
        assert_eq!(coded(&[Targeting, Killing], Circumstances::default()), SubEventType::Attack);
    }

    #[test]
    fn r4_a_drone_strikes_only_when_a_strike_is_told() {
        let aircraft = Circumstances { aircraft: true, ..Circumstances::default() };
        // "القوة المداهمة، التي رافقتها طائرة مسيرة، اقتحمت منازل"
        assert_eq!(coded(&[Drone, Raid, Arrest], aircraft), SubEventType::Arrests);
        let struck = Circumstances { drone_context: true, ..aircraft };
        assert_eq!(coded(&[Drone, Killing], struck), SubEventType::AirDroneStrike);
    }

    #[test]
    fn r4_drone_needs_aircraft() {
        let t: BTreeSet<Tactic> = [AirStrike].into_iter().collect();
        assert!(classify(&t, &Circumstances::default()).is_none());
    }

    #[test]
    fn r5_suicide_bomb_outranks_the_explosive() {
        assert_eq!(c(&[SuicideBomb, Explosive]), SubEventType::SuicideBomb);
        assert_eq!(c(&[SuicideAttacker, Attack]), SubEventType::SuicideBomb);
    }

    #[test]
    fn r5_a_suicide_attacker_named_is_no_bombing() {
        assert_eq!(c(&[SuicideAttacker, Arrest]), SubEventType::Arrests);
    }

    #[test]
    fn r6_artillery_named_makes_shelling() {
        let both = Circumstances { aircraft: true, artillery: true, ..Circumstances::default() };
        assert_eq!(coded(&[Bombardment], both), SubEventType::ShellingArtilleryMissileAttack);
    }

    #[test]
    fn r6_bombardment_without_aircraft_is_shelling() {
        assert_eq!(
            coded(&[Bombardment, Killing], Circumstances::default()),
            SubEventType::ShellingArtilleryMissileAttack
        );
    }

    #[test]
    fn r7_car_bomb_attack_is_explosion() {
        assert_eq!(c(&[Attack, Explosive]), SubEventType::RemoteExplosiveLandmineIed);
    }

    #[test]
    fn r8_a_grenade_alone_is_a_grenade() {
        assert_eq!(c(&[Grenade]), SubEventType::Grenade);
        // An explosive named too outranks it (R7 before R8).
        assert_eq!(c(&[Grenade, Explosive]), SubEventType::RemoteExplosiveLandmineIed);
    }

    #[test]
    fn r14_a_raid_alone_is_arrests() {
        assert_eq!(c(&[Raid]), SubEventType::Arrests);
        // With a killing it is a fight (R9b).
        assert_eq!(c(&[Raid, Killing]), SubEventType::ArmedClash);
    }

    #[test]
    fn r9_attack_on_civilians_and_on_forces() {
        let civilians = Circumstances { target: Some(Target::Civilian), ..Circumstances::default() };
        assert_eq!(coded(&[Attack], civilians), SubEventType::Attack);
        assert_eq!(coded(&[Attack], Circumstances::default()), SubEventType::ArmedClash);
        let armed = Circumstances { target: Some(Target::Armed), ..Circumstances::default() };
        assert_eq!(coded(&[Shooting], armed), SubEventType::ArmedClash);
        assert_eq!(coded(&[Killing], Circumstances::default()), SubEventType::Attack);
        assert_eq!(coded(&[Killing, Raid], Circumstances::default()), SubEventType::ArmedClash);
    }

    #[test]
    fn r10_abduction() {
        assert_eq!(c(&[Abduction]), SubEventType::AbductionForcedDisappearance);
    }

    #[test]
    fn r11_an_armed_group_does_not_arrest() {
        let isis = Circumstances { agent: Some(Agent::ArmedGroup), ..Circumstances::default() };
        assert_eq!(coded(&[Arrest], isis), SubEventType::AbductionForcedDisappearance);
        let sdf = Circumstances { agent: Some(Agent::DeFacto), ..Circumstances::default() };
        assert_eq!(coded(&[Arrest], sdf), SubEventType::Arrests);
    }

    #[test]
    fn r11_a_dismantled_cell_is_arrests() {
        let cell = Circumstances { cell_dismantled: true, ..Circumstances::default() };
        assert_eq!(coded(&[Raid], cell), SubEventType::Arrests);
    }

    #[test]
    fn r12_body_found_is_an_attack() {
        assert_eq!(c(&[BodyFound]), SubEventType::Attack);
        let armed_finders = Circumstances { target: Some(Target::Armed), ..Circumstances::default() };
        assert_eq!(coded(&[BodyFound, Shooting], armed_finders), SubEventType::Attack);
    }

    #[test]
    fn r11b_an_ambush_to_arrest_is_an_arrest() {
        let police = Circumstances { agent: Some(Agent::Government), ..Circumstances::default() };
        assert_eq!(coded(&[Attack, Arrest], police), SubEventType::Arrests);
        assert_eq!(coded(&[Attack, Arrest], Circumstances::default()), SubEventType::Arrests);
        let gunmen = Circumstances { agent: Some(Agent::ArmedGroup), ..Circumstances::default() };
        assert_eq!(coded(&[Attack, Arrest], gunmen), SubEventType::ArmedClash);
    }

    #[test]
    fn r13_an_escape_from_detention_is_not_an_arrest() {
        let custody = Circumstances { custody: true, ..Circumstances::default() };
        assert_eq!(coded(&[Escape, Arrest], custody), SubEventType::Other);
    }

    #[test]
    fn r13_escape_needs_custody() {
        let t: BTreeSet<Tactic> = [Escape].into_iter().collect();
        assert!(classify(&t, &Circumstances::default()).is_none());
        let custody = Circumstances { custody: true, ..Circumstances::default() };
        assert_eq!(coded(&[Escape], custody), SubEventType::Other);
    }
}
