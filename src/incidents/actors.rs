//! Actors: the forces and groups news names, normalised to English labels.

use super::lexicon::Lexicon;
use crate::acled::ActorType;
use std::sync::OnceLock;

/// The side an actor is on, for deciding who acted and who was targeted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// Governments, their forces and allied forces (including the SDF).
    State,
    /// Armed groups such as ISIS.
    Militant,
    /// Civilians and unarmed people.
    Civilian,
}

/// An actor found in a sentence: English label plus the Arabic as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    /// Normalised English name (ACLED-style).
    pub name: &'static str,
    /// The Arabic as written in the source.
    pub arabic: String,
    /// Which side it is on.
    pub side: Side,
    /// Byte offset (normalised sentence) where it was found.
    pub at: usize,
}

/// Normalised Arabic patterns → (English name, side). Longer patterns first
/// where one contains another.
const ACTORS: &[(&str, &str, Side)] = &[
    ("قوات سوريا الديمقراطيه", "SDF", Side::State),
    ("قوات سوريه الديمقراطيه", "SDF", Side::State),
    ("قسد", "SDF", Side::State),
    ("تنظيم الدوله الاسلاميه", "ISIS", Side::Militant),
    ("الدوله الاسلاميه", "ISIS", Side::Militant),
    ("تنظيم الدوله", "ISIS", Side::Militant),
    ("داعش", "ISIS", Side::Militant),
    ("جهاز الامن الوطني", "Iraqi National Security Service", Side::State),
    ("جهاز مكافحه الارهاب", "Iraqi Counter-Terrorism Service", Side::State),
    ("خليه الصقور", "Iraqi Falcons Intelligence Cell", Side::State),
    ("الحشد الشعبي", "PMF", Side::State),
    ("العمليات المشتركه", "Iraqi Joint Operations Command", Side::State),
    ("الجيش العراقي", "Iraqi army", Side::State),
    ("القوات العراقيه", "Iraqi security forces", Side::State),
    ("القوات الامنيه العراقيه", "Iraqi security forces", Side::State),
    ("حرس الحدود العراقي", "Iraqi border guards", Side::State),
    ("البيشمركه", "Peshmerga", Side::State),
    ("وزاره الداخليه السوريه", "Syrian Ministry of Interior", Side::State),
    ("الداخليه السوريه", "Syrian Ministry of Interior", Side::State),
    ("الامن العام", "Syrian General Security", Side::State),
    ("قوات الامن الصحراوي", "Syrian Desert Security Forces", Side::State),
    ("الجيش السوري", "Syrian army", Side::State),
    ("الجيش العربي السوري", "Syrian army", Side::State),
    ("قوات النظام", "Syrian government forces", Side::State),
    ("الاسايش", "Asayish", Side::State),
    ("قوي الامن الداخلي", "Asayish", Side::State),
    ("الامن الداخلي", "Internal security forces", Side::State),
    ("قوات الامن الكرديه", "Asayish", Side::State),
    ("التحالف الدولي", "International coalition", Side::State),
    ("قوات التحالف", "International coalition", Side::State),
    ("القوات الامريكيه", "US forces", Side::State),
    ("القوات الاميركيه", "US forces", Side::State),
    ("الجيش الامريكي", "US forces", Side::State),
    ("سنتكوم", "US Central Command", Side::State),
    ("القياده المركزيه الامريكيه", "US Central Command", Side::State),
    ("الجيش التركي", "Turkish army", Side::State),
    ("القوات التركيه", "Turkish army", Side::State),
    ("مسيره تركيه", "Turkish army", Side::State),
    ("الجيش الاردني", "Jordanian army", Side::State),
    ("القوات المسلحه الاردنيه", "Jordanian army", Side::State),
    ("حزب العمال الكردستاني", "PKK", Side::Militant),
    ("العمال الكردستاني", "PKK", Side::Militant),
    ("مسلحين مجهولين", "Unidentified armed group", Side::Militant),
    ("مسلحون مجهولون", "Unidentified armed group", Side::Militant),
    ("مجهولين", "Unidentified armed group", Side::Militant),
    ("مجموعه مسلحه", "Unidentified armed group", Side::Militant),
    ("مجموعات مسلحه", "Unidentified armed group", Side::Militant),
    ("عصابه مسلحه", "Unidentified armed group", Side::Militant),
    ("مهربين", "Smugglers", Side::Militant),
    ("المهربين", "Smugglers", Side::Militant),
    ("مدنيين", "Civilians", Side::Civilian),
    ("مدني", "Civilians", Side::Civilian),
    ("رعاه", "Civilians", Side::Civilian),
    ("مزارع", "Civilians", Side::Civilian),
];

/// True for a de-facto authority's forces: they arrest and hold ground,
/// but are not a government's (ACLED's "Government regains territory"
/// is for governments).
pub fn is_de_facto(name: &str) -> bool {
    matches!(name, "SDF" | "Asayish")
}

/// ACLED's actor type (`inter1`/`inter2`) of an actor hudud names `name`
/// (one of the English labels [`find_actors`] gives), as ACLED codes such
/// groups: governments' forces (also foreign ones, the PMF and the
/// Peshmerga) are state forces; the SDF and its Asayish, ISIS and the PKK
/// rebel groups; unidentified gunmen political militias; the coalition
/// external forces. `None` where ACLED's type is not clear (smugglers:
/// criminal groups are coded case by case).
pub fn actor_type(name: &str) -> Option<ActorType> {
    match name {
        "SDF" | "Asayish" | "ISIS" | "PKK" => Some(ActorType::RebelGroups),
        "Unidentified armed group" => Some(ActorType::PoliticalMilitias),
        "International coalition" => Some(ActorType::ExternalOtherForces),
        "Civilians" => Some(ActorType::Civilians),
        "Smugglers" => None,
        _ if is_state_force(name) => Some(ActorType::StateForces),
        _ => None,
    }
}

/// True for the government forces among the actor labels.
fn is_state_force(name: &str) -> bool {
    const PREFIXES: [&str; 5] = ["Iraqi ", "Syrian ", "US ", "Turkish ", "Jordanian "];
    matches!(name, "PMF" | "Peshmerga" | "Internal security forces") || PREFIXES.iter().any(|p| name.starts_with(p))
}

/// All actor patterns (for checks).
#[cfg(test)]
pub(crate) fn patterns() -> Vec<&'static str> {
    ACTORS.iter().map(|a| a.0).chain([GENERIC_INTERIOR]).collect()
}

/// Ministry of interior named without a country: the article's country decides.
const GENERIC_INTERIOR: &str = "وزاره الداخليه";

/// Every actor pattern, then the unqualified ministry: an occurrence of
/// entry `i` is what [`find_actors_in`] takes.
pub(crate) fn actor_entries() -> Vec<&'static str> {
    ACTORS.iter().map(|a| a.0).chain([GENERIC_INTERIOR]).collect()
}

fn lexicon() -> &'static Lexicon<()> {
    static LEXICON: OnceLock<Lexicon<()>> = OnceLock::new();
    LEXICON.get_or_init(|| Lexicon::new(&actor_entries().into_iter().map(|e| (e, ())).collect::<Vec<_>>()))
}

/// Actors named in a normalised sentence, in order of appearance, each
/// English name once. `source_of` maps a normalised byte range back to the
/// source text (for the Arabic as written). `country` ("SY"/"IQ") names an
/// unqualified ministry of interior.
pub fn find_actors(sentence: &str, country: Option<&str>, source_of: &dyn Fn(usize, usize) -> String) -> Vec<Actor> {
    let hits: Vec<(usize, usize, usize)> =
        lexicon().find_all(sentence).iter().map(|h| (h.entry, h.start, h.end)).collect();
    find_actors_in(sentence, hits, country, source_of)
}

/// [`find_actors`] given the occurrences `(entry, start, end)` of
/// [`actor_entries`] in the sentence, when a scan of the article found them.
pub(crate) fn find_actors_in(
    sentence: &str,
    mut hits: Vec<(usize, usize, usize)>,
    country: Option<&str>,
    source_of: &dyn Fn(usize, usize) -> String,
) -> Vec<Actor> {
    let mut found: Vec<Actor> = Vec::new();
    let mut taken: Vec<(usize, usize)> = Vec::new();
    // Patterns in list order (longer forms first), each in text order.
    hits.sort_unstable();
    let mut interior = None;
    for (entry, at, end) in hits {
        let Some((_, name, side)) = ACTORS.get(entry) else {
            interior = interior.or(Some(at));
            continue;
        };
        if taken.iter().any(|&(s, e)| at < e && s < end) || !is_boundary(sentence, at, end) {
            continue;
        }
        taken.push((at, end));
        found.push(Actor { name, arabic: source_of(at, end), side: *side, at });
    }
    if let Some(at) = interior {
        let name = match country {
            Some("IQ") => "Iraqi Ministry of Interior",
            _ => "Syrian Ministry of Interior",
        };
        if !taken.iter().any(|&(s, e)| at < e && s < at + GENERIC_INTERIOR.len()) {
            found.push(Actor { name, arabic: source_of(at, at + GENERIC_INTERIOR.len()), side: Side::State, at });
        }
    }
    found.sort_by_key(|a| a.at);
    let mut seen = Vec::new();
    found.retain(|a| {
        let new = !seen.contains(&a.name);
        seen.push(a.name);
        new
    });
    found
}

/// Whole words, allowing proclitics before the pattern (وقسد، لداعش، بالتحالف).
fn is_boundary(text: &str, start: usize, end: usize) -> bool {
    let after_ok = !text[end..].chars().next().is_some_and(crate::arabic::is_word_char);
    let prefix = &text[crate::arabic::word_start(text, start)..start];
    after_ok && (prefix.is_empty() || crate::arabic::is_proclitic(prefix) || prefix == "ل")
}

/// Pick (actor1, actor2): for arrests, raids, seizures and strikes the
/// state force acts on the militants; for bombings, killings and kidnappings
/// the militants act on their target; otherwise order of mention.
pub fn assign_roles(actors: &[Actor], state_acts: bool) -> (Option<&Actor>, Option<&Actor>) {
    let state = actors.iter().find(|a| a.side == Side::State);
    let militant = actors.iter().find(|a| a.side == Side::Militant);
    let civilian = actors.iter().find(|a| a.side == Side::Civilian);
    if state_acts {
        (state.or(militant), if state.is_some() { militant.or(civilian) } else { civilian })
    } else {
        match militant {
            Some(m) => (Some(m), state.or(civilian)),
            None => (actors.first(), actors.get(1)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_actor_label_has_its_acled_type() {
        assert_eq!(actor_type("SDF"), Some(ActorType::RebelGroups));
        assert_eq!(actor_type("ISIS"), Some(ActorType::RebelGroups));
        assert_eq!(actor_type("Iraqi Counter-Terrorism Service"), Some(ActorType::StateForces));
        assert_eq!(actor_type("Syrian Ministry of Interior"), Some(ActorType::StateForces));
        assert_eq!(actor_type("PMF"), Some(ActorType::StateForces));
        assert_eq!(actor_type("Unidentified armed group"), Some(ActorType::PoliticalMilitias));
        assert_eq!(actor_type("International coalition"), Some(ActorType::ExternalOtherForces));
        assert_eq!(actor_type("Civilians"), Some(ActorType::Civilians));
        assert_eq!(actor_type("Smugglers"), None);
        // Every label the lexicon gives but the smugglers has a type.
        for (_, name, _) in ACTORS.iter().filter(|a| a.1 != "Smugglers") {
            assert!(actor_type(name).is_some(), "{name}");
        }
        assert_eq!(actor_type("Iraqi Ministry of Interior"), Some(ActorType::StateForces));
    }
    use crate::arabic::normalize_name;

    fn names(text: &str) -> Vec<&'static str> {
        let n = normalize_name(text);
        find_actors(&n, Some("SY"), &|s, e| n[s..e].to_string()).into_iter().map(|a| a.name).collect()
    }

    #[test]
    fn sdf_and_isis_with_clitics() {
        assert_eq!(names("اعتقلت قسد عنصرين لداعش"), vec!["SDF", "ISIS"]);
    }

    #[test]
    fn long_form_is_one_actor() {
        assert_eq!(names("قوات سوريا الديمقراطية وتنظيم الدولة"), vec!["SDF", "ISIS"]);
    }

    #[test]
    fn generic_interior_follows_country() {
        assert_eq!(names("أعلنت وزارة الداخلية"), vec!["Syrian Ministry of Interior"]);
    }

    #[test]
    fn roles() {
        let n = normalize_name("اعتقلت قسد عنصرا من داعش");
        let a = find_actors(&n, None, &|s, e| n[s..e].to_string());
        let (a1, a2) = assign_roles(&a, true);
        assert_eq!((a1.map(|a| a.name), a2.map(|a| a.name)), (Some("SDF"), Some("ISIS")));
        let (a1, _) = assign_roles(&a, false);
        assert_eq!(a1.map(|a| a.name), Some("ISIS"));
    }
}
