//! Marching squares against hand-worked contours: planes (exact lines), a circle (within the
//! interpolation bound), saddle cells both ways, and grids that are empty, non-finite or the
//! wrong shape.

use super::*;
use crate::math::random::Random;

/// The grid of f(x, y) over [x₀, x₁] × [y₀, y₁], corner samples on the corners, row 0 at
/// the top.
fn grid(
    rows: usize,
    cols: usize,
    x: [f64; 2],
    y: [f64; 2],
    f: impl Fn(f64, f64) -> f64,
) -> Vec<f64> {
    let mut v = Vec::with_capacity(rows * cols);
    for r in 0..rows {
        for c in 0..cols {
            let [px, py] = to_data([c as f64, r as f64], x, y, rows, cols);
            v.push(f(px, py));
        }
    }
    v
}

/// `Grid::to_data` on a grid of that shape.
fn to_data(p: Point, x: [f64; 2], y: [f64; 2], rows: usize, cols: usize) -> Point {
    let values = vec![0.0; rows * cols];
    Grid::new(&values, rows, cols).unwrap().to_data(p, x, y)
}

/// A grid of one row.
fn row(values: &[f64]) -> Grid<'_> {
    Grid::new(values, 1, values.len()).unwrap()
}

/// The segments of one level.
fn one(values: &[f64], rows: usize, cols: usize, level: f64) -> Vec<Segment> {
    let mut c = Grid::new(values, rows, cols).unwrap().contours(&[level]);
    assert_eq!(c.len(), 1);
    assert_eq!(c[0].level.to_bits(), level.to_bits());
    c.pop().unwrap().segments
}

/// The segments with each one's ends in increasing order and the list sorted: a set.
fn canonical(mut segments: Vec<Segment>) -> Vec<Segment> {
    for s in &mut segments {
        if (s[1][0], s[1][1]) < (s[0][0], s[0][1]) {
            s.swap(0, 1);
        }
    }
    segments.sort_by(|a, b| a.partial_cmp(b).unwrap());
    segments
}

fn close(a: &[Segment], b: &[Segment], tol: f64) -> bool {
    a.len() == b.len()
        && a.iter()
            .zip(b)
            .all(|(s, t)| (0..2).all(|e| (0..2).all(|d| (s[e][d] - t[e][d]).abs() <= tol)))
}

#[test]
fn on_a_plane_in_x_the_level_is_a_vertical_line_exactly_where_f_equals_it() {
    // f = column index: 0, 1, 2, 3 across, 3 rows; level 1.5 halfway between columns 1 and 2
    let v: Vec<f64> = (0..3).flat_map(|_| (0..4).map(f64::from)).collect();
    let got = canonical(one(&v, 3, 4, 1.5));
    assert_eq!(
        got,
        vec![[[1.5, 0.0], [1.5, 1.0]], [[1.5, 1.0], [1.5, 2.0]]]
    );
    // on [0, 1] that column is x = 1.5/3 = 0.5, exactly
    for s in &got {
        for p in s {
            assert_eq!(to_data(*p, [0.0, 1.0], [0.0, 1.0], 3, 4)[0], 0.5);
        }
    }
    // a level on a column of samples: that column once, not twice
    let at_2 = canonical(one(&v, 3, 4, 2.0));
    assert_eq!(
        at_2,
        vec![[[2.0, 0.0], [2.0, 1.0]], [[2.0, 1.0], [2.0, 2.0]]]
    );
}

#[test]
fn on_a_plane_in_y_row_0_is_the_top() {
    // f = y over [0, 3] × [0, 4], 5 rows: y = 4, 3, 2, 1, 0 down the rows; the level 0.25
    // lies between rows 3 (y = 1) and 4 (y = 0), a quarter up: row 3.75
    let v = grid(5, 3, [0.0, 3.0], [0.0, 4.0], |_, y| y);
    let got = canonical(one(&v, 5, 3, 0.25));
    assert_eq!(
        got,
        vec![[[0.0, 3.75], [1.0, 3.75]], [[1.0, 3.75], [2.0, 3.75]]]
    );
    assert_eq!(
        to_data(got[0][0], [0.0, 3.0], [0.0, 4.0], 5, 3),
        [0.0, 0.25]
    );
}

#[test]
fn on_a_circle_every_end_is_within_the_interpolation_bound_of_the_radius() {
    // f = x² + y² on [−2, 2]², spacing h = 0.1. Along a cell edge (y fixed, or x fixed) f is
    // t² + const, and the chord p through the edge's ends differs from it by exactly
    // (t − t₀)(t − t₁), at most h²/4 in size and ≤ 0 (f is convex). So at the chord's
    // crossing f = L + e, −h²/4 ≤ e ≤ 0: the end's radius r = √(L + e) lies in
    // [√(L − h²/4), √L], within h²/(4√L) of √L.
    let (n, h) = (41, 0.1);
    let v = grid(n, n, [-2.0, 2.0], [-2.0, 2.0], |x, y| x * x + y * y);
    for level in [0.3, 1.0, 2.0, 3.7] {
        let segments = one(&v, n, n, level);
        let (mut length, root) = (0.0, f64::sqrt(level));
        for s in &segments {
            let [a, b] = s.map(|p| to_data(p, [-2.0, 2.0], [-2.0, 2.0], n, n));
            for p in [a, b] {
                let r = p[0].hypot(p[1]);
                assert!(r <= root + 1e-12, "{p:?} outside radius {root}");
                assert!(r >= f64::sqrt(level - h * h / 4.0) - 1e-12, "{p:?} inside");
            }
            length += (b[0] - a[0]).hypot(b[1] - a[1]);
            assert!(length > 0.0);
        }
        // a closed curve: every end is shared by exactly two segments (the cells on either
        // side of an edge find the same crossing, bit for bit)
        let ends: Vec<Point> = segments.iter().flatten().copied().collect();
        for p in &ends {
            assert_eq!(
                ends.iter().filter(|q| *q == p).count(),
                2,
                "{p:?} at {level}"
            );
        }
        // its length: the circumference, less the chords' shortfall
        let circle = std::f64::consts::TAU * root;
        assert!(
            length <= circle && length > 0.99 * circle,
            "{length} vs {circle}"
        );
    }
}

#[test]
fn a_saddle_cell_is_split_by_its_centre_average() {
    // a = 1 (top left), b = 0, c = 1 (bottom right), d = 0: the centre m = 0.5
    let v = [1.0, 0.0, 0.0, 1.0];
    // L = 0.5: m ≥ L is a's side, so a and c join and the segments cut off b and d
    let got = canonical(one(&v, 2, 2, 0.5));
    let want = canonical(vec![[[0.5, 0.0], [1.0, 0.5]], [[0.5, 1.0], [0.0, 0.5]]]);
    assert_eq!(got, want);
    // L = 0.6: m < L, b and d join; cut off a at 0.4 along its edges and c at 0.6 along
    // the right and bottom edges (t = (0.6 − 0)/(1 − 0) from the 0 end)
    let got = canonical(one(&v, 2, 2, 0.6));
    let want = canonical(vec![[[0.4, 0.0], [0.0, 0.4]], [[1.0, 0.6], [0.6, 1.0]]]);
    assert!(close(&got, &want, 1e-15), "{got:?}");
    // the mirror, a = 0: at L = 0.5 the centre is not on a's side, so a and c are cut off
    let got = canonical(one(&[0.0, 1.0, 1.0, 0.0], 2, 2, 0.5));
    let want = canonical(vec![[[0.0, 0.5], [0.5, 0.0]], [[1.0, 0.5], [0.5, 1.0]]]);
    assert_eq!(got, want);
}

#[test]
fn cells_with_a_nan_or_an_infinity_are_skipped() {
    let n = 21;
    let mut v = grid(n, n, [-2.0, 2.0], [-2.0, 2.0], |x, y| x * x + y * y);
    let whole = one(&v, n, n, 1.0);
    // the sample at (x, y) = (1, 0) is row 10, column 15: on the circle's crossing cells
    v[10 * n + 15] = f64::NAN;
    v[5 * n + 10] = f64::INFINITY; // (0, 1)
    v[15 * n + 10] = f64::NEG_INFINITY; // (0, −1)
    let holed = one(&v, n, n, 1.0);
    assert!(holed.len() < whole.len() && !holed.is_empty());
    for s in &holed {
        for p in s {
            for (r, c) in [(10.0, 15.0), (5.0, 10.0), (15.0, 10.0)] {
                let inside = (p[1] - r).abs() < 1.0 && (p[0] - c).abs() < 1.0;
                assert!(!inside, "{p:?} in a cell of the sample ({r}, {c})");
            }
            assert!(p.iter().all(|x| x.is_finite()));
        }
    }
    assert!(one(&[f64::NAN; 16], 4, 4, 0.0).is_empty());
    assert!(one(&[f64::INFINITY; 16], 4, 4, 0.0).is_empty());
}

#[test]
fn empty_grids_levels_out_of_range_and_bad_shapes() {
    assert_eq!(
        Grid::new(&[], 0, 0).unwrap().contours(&[1.0])[0].segments,
        Vec::<Segment>::new()
    );
    assert_eq!(
        Grid::new(&[], 0, 7).unwrap().contours(&[1.0])[0].segments,
        Vec::<Segment>::new()
    );
    assert_eq!(
        Grid::new(&[1.0, 2.0, 3.0], 1, 3).unwrap().contours(&[1.5])[0].segments,
        Vec::<Segment>::new()
    );
    assert_eq!(
        Grid::new(&[1.0, 2.0, 3.0, 4.0], 2, 2)
            .unwrap()
            .contours(&[]),
        Vec::<Contour>::new()
    );
    let v = grid(5, 5, [-1.0, 1.0], [-1.0, 1.0], |x, y| x + y); // −2 … 2
    for level in [-3.0, -2.0, 2.5, f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
        assert!(one(&v, 5, 5, level).is_empty(), "level {level}");
    }
    assert!(!one(&v, 5, 5, 0.0).is_empty());
    for (len, rows, cols) in [(3, 2, 2), (4, 1, 5), (0, 1, 1), (2, usize::MAX, 2)] {
        let e = Grid::new(&vec![0.0; len], rows, cols).unwrap_err();
        assert_eq!(e, ContourError::Shape { len, rows, cols });
        assert!(e.to_string().contains(&format!("not {len}")), "{e}");
    }
}

#[test]
fn random_grids_with_holes_never_panic_and_stay_inside_their_cells() {
    let mut rng = Random::new(12);
    let specials = [
        f64::NAN,
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::MAX,
        -f64::MAX,
        0.0,
    ];
    for _ in 0..300 {
        let rows = (rng.uniform_in(0.0, 9.0)) as usize;
        let cols = (rng.uniform_in(0.0, 9.0)) as usize;
        let v: Vec<f64> = (0..rows * cols)
            .map(|_| {
                let u = rng.uniform_in(0.0, 1.0);
                if u < 0.15 {
                    specials[(u * 40.0) as usize % specials.len()]
                } else {
                    rng.uniform_in(-3.0, 3.0)
                }
            })
            .collect();
        let levels = [rng.uniform_in(-3.0, 3.0), 0.0, f64::MAX, f64::NAN];
        let g = Grid::new(&v, rows, cols).unwrap();
        for c in g.contours(&levels) {
            for p in c.segments.iter().flatten() {
                assert!(p[0] >= 0.0 && p[0] <= (cols - 1) as f64, "{p:?}");
                assert!(p[1] >= 0.0 && p[1] <= (rows - 1) as f64, "{p:?}");
            }
        }
        let _ = (
            g.shares(true),
            g.shares(false),
            g.levels(7, true),
            g.levels(7, false),
        );
    }
}

#[test]
fn heatmap_shares_linear_and_log() {
    let s = row(&[0.0, 5.0, 10.0, f64::NAN, f64::INFINITY]).shares(false);
    assert_eq!(s, vec![Some(0.0), Some(0.5), Some(1.0), None, None]);
    let s = row(&[1.0, 10.0, 100.0, 0.0, -1.0]).shares(true);
    assert_eq!(s[0], Some(0.0));
    assert!((s[1].unwrap() - 0.5).abs() < 1e-15);
    assert_eq!(s[2], Some(1.0));
    assert_eq!(&s[3..], &[None, None]);
    assert_eq!(row(&[2.0, 2.0]).shares(false), vec![Some(0.0), Some(0.0)]);
    assert!(row(&[]).shares(true).is_empty());
    assert_eq!(row(&[f64::NAN]).shares(false), vec![None]);
}

#[test]
fn levels_by_the_surfaces_rule() {
    // linear: 0 … 10, four levels strictly between at 2, 4, 6, 8
    let v: Vec<f64> = (0..=10).map(f64::from).chain([f64::NAN]).collect();
    let l = row(&v).levels(4, false);
    assert_eq!(l.len(), 4);
    for (a, b) in l.iter().zip([2.0, 4.0, 6.0, 8.0]) {
        assert!((a - b).abs() < 1e-12, "{l:?}");
    }
    // log: 10⁰ … 10¹⁰; hi = the 90% quantile, the sorted value at index 10·9/10 = 9: 10⁹;
    // lo = max(1, 10⁹·10⁻⁶) = 10³; three levels 10³, 10⁶, 10⁹
    let v: Vec<f64> = (0..=10).map(|k| libm::pow(10.0, k as f64)).collect();
    let l = row(&v).levels(3, true);
    for (a, b) in l.iter().zip([1e3, 1e6, 1e9]) {
        assert!((a / b - 1.0).abs() < 1e-12, "{l:?}");
    }
    assert!((row(&v).levels(1, true)[0] / 1e6 - 1.0).abs() < 1e-12);
    assert!(row(&v).levels(0, true).is_empty());
    assert_eq!(row(&v).levels(1000, false).len(), MAX_LEVELS);
    assert!(row(&[f64::NAN, f64::INFINITY]).levels(5, false).is_empty());
    assert!(row(&[-1.0, 0.0]).levels(5, true).is_empty());
}

#[test]
fn the_kth_smallest_is_the_sorted_values_kth() {
    // the reference: a sort by total_cmp, then index k
    let v = [
        3.5,
        -0.0,
        0.0,
        -2.0,
        1e300,
        -1e-300,
        7.0,
        3.5,
        f64::MIN_POSITIVE,
        -7.25,
    ];
    let mut sorted = v.to_vec();
    sorted.sort_by(f64::total_cmp);
    for (k, want) in sorted.iter().enumerate() {
        let got = kth_smallest(&v, k);
        assert_eq!(got.to_bits(), want.to_bits(), "k = {k}: {got} for {want}");
    }
    assert_eq!(kth_smallest(&[42.0], 0), 42.0);
}
