//! From the triggers of a sentence to ACLED's event and sub-event types,
//! following ACLED's precedence when tactics combine.

use super::triggers::Tactic;
use std::collections::BTreeSet;

/// ACLED labels for one incident, and whether state forces are the actor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Coding {
    /// ACLED event type.
    pub event_type: &'static str,
    /// ACLED sub-event type.
    pub sub_event_type: &'static str,
    /// True when the acting side is a state force (arrests, seizures, strikes).
    pub state_acts: bool,
}

const fn code(event_type: &'static str, sub_event_type: &'static str, state_acts: bool) -> Coding {
    Coding { event_type, sub_event_type, state_acts }
}

/// ACLED event types.
pub const BATTLES: &str = "Battles";
/// ACLED event types.
pub const EXPLOSIONS: &str = "Explosions/Remote violence";
/// ACLED event types.
pub const VIOLENCE_CIVILIANS: &str = "Violence against civilians";
/// ACLED event types.
pub const STRATEGIC: &str = "Strategic developments";

/// Code a sentence's tactics. `drone_context` says the sentence speaks of
/// aircraft or a strike (so "مسيرة" is a drone, not a march); `cell` says a
/// cell was dismantled (تفكيك خلية: arrests, not a defused bomb);
/// `civilian_target` that the victims are civilians.
///
/// ```
/// use hudud::incidents::{classify, Tactic};
/// let c = classify(&[Tactic::Raid, Tactic::Arrest].into_iter().collect(), false, false, false).unwrap();
/// assert_eq!((c.event_type, c.sub_event_type), ("Strategic developments", "Arrests"));
/// ```
pub fn classify(tactics: &BTreeSet<Tactic>, drone_context: bool, cell: bool, civilian_target: bool) -> Option<Coding> {
    use Tactic::*;
    let has = |t: Tactic| tactics.contains(&t);
    let air = has(AirStrike) && drone_context;
    // A foiled plot or a seizure: the weapons named are objects, not events.
    if has(Disrupted) && !has(Clash) && !air {
        if has(Arrest) || cell {
            return Some(code(STRATEGIC, "Arrests", true));
        }
        if has(Escape) {
            return Some(code(STRATEGIC, "Other", true));
        }
        return Some(code(STRATEGIC, "Disrupted weapons use", true));
    }
    if has(Clash) {
        return Some(code(BATTLES, "Armed clash", false));
    }
    if air {
        return Some(code(EXPLOSIONS, "Air/drone strike", true));
    }
    if has(SuicideBomb) {
        return Some(code(EXPLOSIONS, "Suicide bomb", false));
    }
    if has(Shelling) {
        return Some(code(EXPLOSIONS, "Shelling/artillery/missile attack", false));
    }
    if has(Explosive) {
        return Some(code(EXPLOSIONS, "Remote explosive/landmine/IED", false));
    }
    if has(Grenade) {
        return Some(code(EXPLOSIONS, "Grenade", false));
    }
    if has(Attack) {
        return Some(if civilian_target {
            code(VIOLENCE_CIVILIANS, "Attack", false)
        } else {
            code(BATTLES, "Armed clash", false)
        });
    }
    if has(Abduction) {
        return Some(code(VIOLENCE_CIVILIANS, "Abduction/forced disappearance", false));
    }
    if has(Killing) {
        return Some(if has(Raid) {
            code(BATTLES, "Armed clash", true)
        } else {
            code(VIOLENCE_CIVILIANS, "Attack", false)
        });
    }
    if has(Arrest) || (has(Raid) && cell) {
        return Some(code(STRATEGIC, "Arrests", true));
    }
    if has(Escape) {
        return Some(code(STRATEGIC, "Other", false));
    }
    if has(Raid) {
        return Some(code(STRATEGIC, "Arrests", true));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use Tactic::*;

    fn c(t: &[Tactic]) -> (&'static str, &'static str) {
        let x = classify(&t.iter().copied().collect(), true, false, false).unwrap();
        (x.event_type, x.sub_event_type)
    }

    #[test]
    fn seizure_with_explosives_is_disrupted() {
        assert_eq!(c(&[Disrupted, Explosive, SuicideBomb]), (STRATEGIC, "Disrupted weapons use"));
    }

    #[test]
    fn arrests_with_seizure_are_arrests() {
        assert_eq!(c(&[Arrest, Disrupted]), (STRATEGIC, "Arrests"));
    }

    #[test]
    fn clash_outranks_explosions() {
        assert_eq!(c(&[Attack, Explosive, Clash]), (BATTLES, "Armed clash"));
    }

    #[test]
    fn car_bomb_attack_is_explosion() {
        assert_eq!(c(&[Attack, Explosive]), (EXPLOSIONS, "Remote explosive/landmine/IED"));
    }

    #[test]
    fn drone_needs_context() {
        let t: BTreeSet<Tactic> = [AirStrike].into_iter().collect();
        assert!(classify(&t, false, false, false).is_none());
    }

    #[test]
    fn abduction() {
        assert_eq!(c(&[Abduction]), (VIOLENCE_CIVILIANS, "Abduction/forced disappearance"));
    }
}
