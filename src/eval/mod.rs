//! Evaluation: score map layers against hand-made gold annotations, with
//! exactly the rules of the project's yardstick (`score.py` of the
//! evaluation kit), so users can measure hudud on articles of their own.
//!
//! [`min_cost_assignment`] pairs gold and system items one to one.

mod assign;

pub use assign::{min_cost_assignment, CostMatrix};
