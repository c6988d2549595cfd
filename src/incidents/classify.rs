//! From the triggers of a sentence to ACLED's event and sub-event types,
//! following ACLED's precedence when tactics combine.

use super::triggers::Tactic;
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

/// Code a sentence's tactics. `drone_context` says the sentence speaks of
/// aircraft or a strike (so "مسيرة" is a drone, not a march); `cell` says a
/// cell was dismantled (تفكيك خلية: arrests, not a defused bomb);
/// `civilian_target` that the victims are civilians.
///
/// ```
/// use hudud::incidents::{classify, Tactic};
/// let c = classify(&[Tactic::Raid, Tactic::Arrest].into_iter().collect(), false, false, false).unwrap();
/// assert_eq!(c.sub_event_type.label(), "Arrests");
/// assert_eq!(c.event_type().label(), "Strategic developments");
/// ```
pub fn classify(tactics: &BTreeSet<Tactic>, drone_context: bool, cell: bool, civilian_target: bool) -> Option<Coding> {
    use Tactic::*;
    let has = |t: Tactic| tactics.contains(&t);
    let air = has(AirStrike) && drone_context;
    // A foiled plot or a seizure: the weapons named are objects, not events.
    if has(Disrupted) && !has(Clash) && !air {
        if has(Arrest) || cell {
            return Some(code(SubEventType::Arrests, true));
        }
        if has(Escape) {
            return Some(code(SubEventType::Other, true));
        }
        return Some(code(SubEventType::DisruptedWeaponsUse, true));
    }
    if has(Clash) {
        return Some(code(SubEventType::ArmedClash, false));
    }
    if air {
        return Some(code(SubEventType::AirDroneStrike, true));
    }
    if has(SuicideBomb) {
        return Some(code(SubEventType::SuicideBomb, false));
    }
    if has(Shelling) {
        return Some(code(SubEventType::ShellingArtilleryMissileAttack, false));
    }
    if has(Explosive) {
        return Some(code(SubEventType::RemoteExplosiveLandmineIed, false));
    }
    if has(Grenade) {
        return Some(code(SubEventType::Grenade, false));
    }
    if has(Attack) {
        return Some(if civilian_target {
            code(SubEventType::Attack, false)
        } else {
            code(SubEventType::ArmedClash, false)
        });
    }
    if has(Abduction) {
        return Some(code(SubEventType::AbductionForcedDisappearance, false));
    }
    if has(Killing) {
        return Some(if has(Raid) { code(SubEventType::ArmedClash, true) } else { code(SubEventType::Attack, false) });
    }
    if has(Arrest) || (has(Raid) && cell) {
        return Some(code(SubEventType::Arrests, true));
    }
    if has(Escape) {
        return Some(code(SubEventType::Other, false));
    }
    if has(Raid) {
        return Some(code(SubEventType::Arrests, true));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use Tactic::*;

    fn c(t: &[Tactic]) -> SubEventType {
        classify(&t.iter().copied().collect(), true, false, false).unwrap().sub_event_type
    }

    #[test]
    fn seizure_with_explosives_is_disrupted() {
        assert_eq!(c(&[Disrupted, Explosive, SuicideBomb]), SubEventType::DisruptedWeaponsUse);
    }

    #[test]
    fn arrests_with_seizure_are_arrests() {
        assert_eq!(c(&[Arrest, Disrupted]), SubEventType::Arrests);
    }

    #[test]
    fn clash_outranks_explosions() {
        assert_eq!(c(&[Attack, Explosive, Clash]), SubEventType::ArmedClash);
    }

    #[test]
    fn car_bomb_attack_is_explosion() {
        assert_eq!(c(&[Attack, Explosive]), SubEventType::RemoteExplosiveLandmineIed);
    }

    #[test]
    fn drone_needs_context() {
        let t: BTreeSet<Tactic> = [AirStrike].into_iter().collect();
        assert!(classify(&t, false, false, false).is_none());
    }

    #[test]
    fn abduction() {
        assert_eq!(c(&[Abduction]), SubEventType::AbductionForcedDisappearance);
    }
}
