//! Minimum-cost assignment (Kuhn–Munkres, the O(n²m) form with row and
//! column potentials), step for step as score.py runs it: where several
//! assignments cost the same, the same one is chosen, so which system item
//! pairs with which gold item (and so the dates and sub-events compared)
//! agrees with the yardstick.

/// A dense matrix of costs, row-major.
#[derive(Debug, Clone, PartialEq)]
pub struct CostMatrix {
    rows: usize,
    cols: usize,
    cells: Vec<f64>,
}

impl CostMatrix {
    /// A `rows` × `cols` matrix of zero costs.
    pub fn zeros(rows: usize, cols: usize) -> Self {
        CostMatrix { rows, cols, cells: vec![0.0; rows * cols] }
    }

    /// Number of rows.
    pub fn rows(&self) -> usize {
        self.rows
    }

    /// Number of columns.
    pub fn cols(&self) -> usize {
        self.cols
    }

    /// Set the cost of pairing row `r` with column `c` (both in range).
    pub fn set(&mut self, r: usize, c: usize, cost: f64) {
        self.cells[r * self.cols + c] = cost;
    }

    /// The cost of pairing row `r` with column `c`; a cost that is not
    /// finite reads as 0, so the search always ends.
    pub fn get(&self, r: usize, c: usize) -> f64 {
        let cost = self.cells[r * self.cols + c];
        if cost.is_finite() {
            cost
        } else {
            0.0
        }
    }

    /// The matrix with rows and columns swapped.
    pub fn transposed(&self) -> Self {
        let mut t = CostMatrix::zeros(self.cols, self.rows);
        for r in 0..self.rows {
            for c in 0..self.cols {
                t.set(c, r, self.cells[r * self.cols + c]);
            }
        }
        t
    }
}

/// For each row, its column in an assignment of least total cost. Every
/// row gets a column when there are at least as many columns; otherwise
/// the problem is solved on the transpose (as score.py does) and the rows
/// left over get None.
///
/// ```
/// use hudud::eval::{min_cost_assignment, CostMatrix};
/// let mut cost = CostMatrix::zeros(2, 2);
/// cost.set(0, 0, -5.0); // row 0 prefers column 0 a little…
/// cost.set(0, 1, -4.0);
/// cost.set(1, 0, -9.0); // …but row 1 needs it more
/// assert_eq!(min_cost_assignment(&cost), [Some(1), Some(0)]);
/// ```
pub fn min_cost_assignment(cost: &CostMatrix) -> Vec<Option<usize>> {
    if cost.rows <= cost.cols {
        return Solver::new(cost).solve();
    }
    let mut row_of_col = vec![None; cost.rows];
    for (c, r) in Solver::new(&cost.transposed()).solve().into_iter().enumerate() {
        if let Some(r) = r {
            row_of_col[r] = Some(c);
        }
    }
    row_of_col
}

/// The state of the search; indices are 1-based, 0 standing for the
/// virtual column through which each new row enters.
struct Solver<'a> {
    cost: &'a CostMatrix,
    /// Row potentials.
    u: Vec<f64>,
    /// Column potentials.
    v: Vec<f64>,
    /// The row assigned to each column (0: none).
    row_of: Vec<usize>,
    /// The column before each one on the shortest augmenting path.
    way: Vec<usize>,
}

impl<'a> Solver<'a> {
    fn new(cost: &'a CostMatrix) -> Self {
        let (n, m) = (cost.rows, cost.cols);
        Solver { cost, u: vec![0.0; n + 1], v: vec![0.0; m + 1], row_of: vec![0; m + 1], way: vec![0; m + 1] }
    }

    /// Add the rows one by one; needs rows <= columns.
    fn solve(mut self) -> Vec<Option<usize>> {
        for i in 1..=self.cost.rows {
            let free = self.shortest_path(i);
            self.augment(free);
        }
        let mut col_of_row = vec![None; self.cost.rows];
        for (j, &i) in self.row_of.iter().enumerate().skip(1) {
            if i > 0 {
                col_of_row[i - 1] = Some(j - 1);
            }
        }
        col_of_row
    }

    /// Grow shortest paths (reduced costs) from row `i` until they reach a
    /// free column, adjusting the potentials; returns that column.
    fn shortest_path(&mut self, i: usize) -> usize {
        let m = self.cost.cols;
        self.row_of[0] = i;
        let (mut j0, mut min_v, mut used) = (0, vec![f64::INFINITY; m + 1], vec![false; m + 1]);
        loop {
            used[j0] = true;
            let (i0, mut delta, mut j1) = (self.row_of[j0], f64::INFINITY, 0);
            for j in (1..=m).filter(|&j| !used[j]) {
                // The same operations in the same order as score.py: ties break alike.
                let cur = self.cost.get(i0 - 1, j - 1) - self.u[i0] - self.v[j];
                if cur < min_v[j] {
                    (min_v[j], self.way[j]) = (cur, j0);
                }
                if min_v[j] < delta {
                    (delta, j1) = (min_v[j], j);
                }
            }
            for j in 0..=m {
                if used[j] {
                    self.u[self.row_of[j]] += delta;
                    self.v[j] -= delta;
                } else {
                    min_v[j] -= delta;
                }
            }
            j0 = j1;
            if self.row_of[j0] == 0 {
                return j0;
            }
        }
    }

    /// Flip the path ending at free column `j0`: every row on it moves one
    /// column along, and the new row gets the first.
    fn augment(&mut self, mut j0: usize) {
        loop {
            let j1 = self.way[j0];
            self.row_of[j0] = self.row_of[j1];
            j0 = j1;
            if j0 == 0 {
                break;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Rng;

    fn matrix(rows: &[&[f64]]) -> CostMatrix {
        let mut m = CostMatrix::zeros(rows.len(), rows.first().map_or(0, |r| r.len()));
        for (r, row) in rows.iter().enumerate() {
            for (c, &x) in row.iter().enumerate() {
                m.set(r, c, x);
            }
        }
        m
    }

    fn total(cost: &CostMatrix, assignment: &[Option<usize>]) -> f64 {
        assignment.iter().enumerate().filter_map(|(r, c)| c.map(|c| cost.get(r, c))).sum()
    }

    /// The least total over every way to give each row of the smaller side
    /// a distinct partner.
    fn brute_force(cost: &CostMatrix) -> f64 {
        fn go(cost: &CostMatrix, r: usize, used: &mut Vec<bool>) -> f64 {
            if r == cost.rows() {
                return 0.0;
            }
            let mut best = f64::INFINITY;
            for c in 0..cost.cols() {
                if !used[c] {
                    used[c] = true;
                    best = best.min(cost.get(r, c) + go(cost, r + 1, used));
                    used[c] = false;
                }
            }
            best
        }
        let cost = if cost.rows() <= cost.cols() { cost.clone() } else { cost.transposed() };
        go(&cost, 0, &mut vec![false; cost.cols()])
    }

    #[test]
    fn square_case_takes_the_cheaper_total() {
        let cost = matrix(&[&[-5.0, -4.0], &[-9.0, 0.0]]);
        assert_eq!(min_cost_assignment(&cost), [Some(1), Some(0)]);
    }

    #[test]
    fn more_rows_than_columns_leaves_rows_out() {
        let cost = matrix(&[&[-1.0], &[-3.0], &[-2.0]]);
        assert_eq!(min_cost_assignment(&cost), [None, Some(0), None]);
    }

    #[test]
    fn empty_sides() {
        assert!(min_cost_assignment(&CostMatrix::zeros(0, 3)).is_empty());
        assert_eq!(min_cost_assignment(&CostMatrix::zeros(2, 0)), [None, None]);
    }

    #[test]
    fn ties_break_as_score_py() {
        // Two equally cheap columns: the search keeps the first it met
        // (strict <), as score.py's does.
        let cost = matrix(&[&[-1.0, -1.0]]);
        assert_eq!(min_cost_assignment(&cost), [Some(0)]);
    }

    #[test]
    fn not_finite_costs_read_as_zero() {
        let cost = matrix(&[&[f64::NAN, -1.0], &[f64::INFINITY, f64::NEG_INFINITY]]);
        assert_eq!(total(&cost, &min_cost_assignment(&cost)), -1.0);
    }

    #[test]
    fn optimal_on_seeded_random_matrices() {
        let mut rng = Rng::new(20_251_007);
        for case in 0..3000 {
            let (rows, cols) = (rng.below(6), rng.below(6));
            let mut cost = CostMatrix::zeros(rows, cols);
            for r in 0..rows {
                for c in 0..cols {
                    // Sparse, with repeated values (ties) and score.py-like weights.
                    let x = match rng.below(4) {
                        0 => 0.0,
                        1 => -(rng.below(3) as f64),
                        2 => -(1e6 - (rng.unit() * 30.0).floor()),
                        _ => -(1000.0 - rng.unit() * 999.0),
                    };
                    cost.set(r, c, x);
                }
            }
            let got = min_cost_assignment(&cost);
            assert_eq!(got.len(), rows);
            let mut cols_used: Vec<usize> = got.iter().flatten().copied().collect();
            assert_eq!(cols_used.len(), rows.min(cols), "case {case}: every row of the smaller side paired");
            cols_used.sort_unstable();
            cols_used.dedup();
            assert_eq!(cols_used.len(), rows.min(cols), "case {case}: a column used twice");
            let (a, b) = (total(&cost, &got), brute_force(&cost));
            assert!((a - b).abs() <= 1e-6 * b.abs().max(1.0), "case {case}: {a} vs brute force {b}");
        }
    }
}
