//! The PCA plane's directions: the top two principal directions of the racers' pooled
//! snapshots, taken about θ₀ (uncentred).
//!
//! With the s snapshots' differences dᵢ = θᵢ − θ₀ as the rows of D (s × P), the directions are
//! the top two eigenvectors of C = DᵀD (P × P), the share of each its eigenvalue over
//! trace C = Σ ‖dᵢ‖². Uncentred, because the plot's plane passes through θ₀: these are the
//! two directions that leave the snapshots the least squared distance from the plane through
//! θ₀ (centring would fit a plane through the snapshots' mean instead). A path that lies in a
//! plane through θ₀ has rank-2 differences, recovered exactly, with shares summing to 1.
//!
//! C is never formed: Lanczos with full re-orthogonalisation builds a Krylov basis v₁ … v_k
//! (k ≤ `MAX_LANCZOS`) from v₁ = Σ dᵢ / ‖Σ dᵢ‖, one product C·v = Dᵀ(D·v) a step (2·s·P
//! multiply-adds: a part of a `LandscapeJob`), stopping early when the basis spans an
//! invariant subspace (β below 10⁻¹² · trace C); then the k × k tridiagonal T = VᵀCV is
//! diagonalised by cyclic Jacobi rotations, and the top two Ritz vectors V·y are the
//! directions. Only +, −, ×, ÷ and √: the same bits natively and in wasm.

/// The most Lanczos steps (products with C).
pub const MAX_LANCZOS: usize = 40;

/// The PCA under way: the Krylov basis so far (the rows dᵢ = θᵢ − θ₀ are the caller's, the
/// same at every step).
#[derive(Clone, Debug)]
pub struct Lanczos {
    /// v₁ … v_j, orthonormal
    basis: Vec<Vec<f64>>,
    alpha: Vec<f64>,
    beta: Vec<f64>,
    /// trace C = Σ ‖dᵢ‖²
    trace: f64,
    done: bool,
}

/// Two unit directions and the share of trace C each explains.
#[derive(Clone, Debug, PartialEq)]
pub struct Principal {
    pub directions: [Vec<f64>; 2],
    pub explained: [f64; 2],
}

fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).fold(0.0, |s, (x, y)| s + x * y)
}

/// v / ‖v‖, or `None` when ‖v‖ is 0.
fn unit(v: Vec<f64>) -> Option<Vec<f64>> {
    let n = dot(&v, &v).sqrt();
    (n > 0.0 && n.is_finite()).then(|| v.into_iter().map(|x| x / n).collect())
}

impl Lanczos {
    /// From the differences dᵢ (all of one length P); `None` when they are all 0 (no path
    /// has left θ₀, or there is none).
    pub fn new(rows: &[Vec<f64>]) -> Option<Lanczos> {
        let p = rows.first()?.len();
        let trace = rows.iter().fold(0.0, |s, d| s + dot(d, d));
        let mut sum = vec![0.0; p];
        for d in rows {
            sum.iter_mut().zip(d).for_each(|(s, x)| *s += x);
        }
        let v1 = unit(sum).or_else(|| rows.iter().find_map(|d| unit(d.clone())))?;
        Some(Lanczos {
            basis: vec![v1],
            alpha: Vec::new(),
            beta: Vec::new(),
            trace,
            done: false,
        })
    }

    /// Multiply-adds of one step on s rows: D·v and Dᵀ·u (2·s·P), the re-orthogonalisation
    /// (4·k·P).
    pub fn step_work(&self, s: usize) -> f64 {
        let p = self.basis[0].len() as f64;
        2.0 * s as f64 * p + 4.0 * self.basis.len() as f64 * p
    }

    pub fn done(&self) -> bool {
        self.done
    }

    /// One Lanczos step: w = C·v_j − β_{j−1}·v_{j−1}, α_j = w·v_j, w −= α_j·v_j, w made
    /// orthogonal to v₁ … v_j (twice), β_j = ‖w‖, v_{j+1} = w / β_j.
    /// `rows` are the rows `new` was given.
    pub fn step(&mut self, rows: &[Vec<f64>]) {
        if self.done {
            return;
        }
        let v = self.basis.last().expect("v₁ at least");
        let p = v.len();
        let mut w = vec![0.0; p];
        for d in rows {
            let u = dot(d, v);
            w.iter_mut().zip(d).for_each(|(w, x)| *w += u * x);
        }
        let a = dot(&w, v);
        for _ in 0..2 {
            for q in &self.basis {
                let c = dot(&w, q);
                w.iter_mut().zip(q).for_each(|(w, x)| *w -= c * x);
            }
        }
        self.alpha.push(a);
        let b = dot(&w, &w).sqrt();
        let k = self.basis.len();
        let rank_bound = rows.len().min(p);
        let invariant = b.is_nan() || b <= 1e-12 * self.trace;
        if invariant || k >= MAX_LANCZOS.min(rank_bound) {
            self.done = true;
            return;
        }
        self.beta.push(b);
        self.basis.push(w.into_iter().map(|x| x / b).collect());
    }

    /// The top two Ritz pairs once done (after one step, the second direction is any unit
    /// vector orthogonal to the first, explaining 0).
    pub fn principal(&self) -> Principal {
        let k = self.alpha.len();
        let mut t = vec![vec![0.0; k]; k];
        for i in 0..k {
            t[i][i] = self.alpha[i];
            if i + 1 < k {
                t[i][i + 1] = self.beta[i];
                t[i + 1][i] = self.beta[i];
            }
        }
        let (values, vectors) = jacobi(t);
        // largest first, ties in index order: an insertion sort of k ≤ a few dozen (a library
        // sort would add its code to the page's wasm)
        let mut order: Vec<usize> = Vec::with_capacity(k);
        for i in 0..k {
            let at = order
                .iter()
                .position(|&j| values[i].total_cmp(&values[j]).is_gt())
                .unwrap_or(order.len());
            order.insert(at, i);
        }
        let ritz = |col: usize| {
            let mut d = vec![0.0; self.basis[0].len()];
            for (j, v) in self.basis.iter().enumerate().take(k) {
                let y = vectors[j][col];
                d.iter_mut().zip(v).for_each(|(d, x)| *d += y * x);
            }
            unit(d).unwrap_or_else(|| self.basis[0].clone())
        };
        let d1 = ritz(order[0]);
        let (d2, l2) = match order.get(1) {
            Some(&c) => (ritz(c), values[c]),
            None => (orthogonal_to(&d1), 0.0),
        };
        let share = |l: f64| (l / self.trace).max(0.0);
        Principal {
            explained: [share(values[order[0]]), share(l2)],
            directions: [d1, d2],
        }
    }
}

/// A unit vector orthogonal to the unit vector `d`: e_j − d_j·d for the j where |d_j| is
/// least, normalised.
fn orthogonal_to(d: &[f64]) -> Vec<f64> {
    let j = (0..d.len())
        .min_by(|&a, &b| d[a].abs().total_cmp(&d[b].abs()))
        .unwrap_or(0);
    let mut e: Vec<f64> = d.iter().map(|x| -d[j] * x).collect();
    e[j] += 1.0;
    unit(e).unwrap_or_else(|| vec![0.0; d.len()])
}

/// Eigenvalues and eigenvectors of a symmetric k × k matrix A by cyclic Jacobi rotations
/// (Numerical Recipes' form): each zeroes a_pq with t = sgn(θ)/(|θ| + √(θ² + 1)),
/// θ = (a_qq − a_pp)/(2a_pq), c = 1/√(t² + 1), s = t·c. Returns λ and the eigenvectors as the
/// columns of V (A = V·diag(λ)·Vᵀ).
pub fn jacobi(mut a: Vec<Vec<f64>>) -> (Vec<f64>, Vec<Vec<f64>>) {
    let k = a.len();
    let mut v: Vec<Vec<f64>> = (0..k)
        .map(|i| (0..k).map(|j| f64::from(u8::from(i == j))).collect())
        .collect();
    for _sweep in 0..100 {
        let off: f64 = (0..k)
            .flat_map(|p| (p + 1..k).map(move |q| (p, q)))
            .fold(0.0, |s, (p, q)| s + a[p][q] * a[p][q]);
        let diagonal: f64 = (0..k).fold(0.0, |s, i| s + a[i][i] * a[i][i]);
        if off <= 1e-34 * diagonal {
            break;
        }
        for p in 0..k {
            for q in p + 1..k {
                rotate(&mut a, &mut v, p, q);
            }
        }
    }
    ((0..k).map(|i| a[i][i]).collect(), v)
}

/// One Jacobi rotation zeroing a_pq (and a_qp), applied to V's columns p and q.
fn rotate(a: &mut [Vec<f64>], v: &mut [Vec<f64>], p: usize, q: usize) {
    let apq = a[p][q];
    if apq == 0.0 {
        return;
    }
    let theta = (a[q][q] - a[p][p]) / (2.0 * apq);
    let t = if theta.abs() > 1e150 {
        0.5 / theta
    } else {
        theta.signum() / (theta.abs() + (theta * theta + 1.0).sqrt())
    };
    let c = 1.0 / (t * t + 1.0).sqrt();
    let s = t * c;
    a[p][p] -= t * apq;
    a[q][q] += t * apq;
    a[p][q] = 0.0;
    a[q][p] = 0.0;
    for r in 0..a.len() {
        if r != p && r != q {
            let (arp, arq) = (a[r][p], a[r][q]);
            a[r][p] = c * arp - s * arq;
            a[r][q] = s * arp + c * arq;
            a[p][r] = a[r][p];
            a[q][r] = a[r][q];
        }
        let (vp, vq) = (v[r][p], v[r][q]);
        v[r][p] = c * vp - s * vq;
        v[r][q] = s * vp + c * vq;
    }
}
