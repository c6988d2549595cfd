//! Arabic text handling: normalisation with offsets, proclitics, cue words.

mod clitics;
mod cues;
mod normalize;

pub use clitics::{for_each_reading, is_proclitic, strip_proclitics, LAM_PROCLITICS, PROCLITICS};
pub use cues::{cue_for_word, cue_words, direction_for_word, is_list_cue, Cue, CueKind, Direction};
pub use normalize::{
    fold_char, is_word_char, normalize, normalize_name, word_end, word_spans, word_start, words, Normalized,
};
