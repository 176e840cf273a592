//! The six test functions f(x, y), each beside its gradient ∇f = (∂f/∂x, ∂f/∂y), derived by
//! hand (the formulas in the doc comments). Plain IEEE operations and `libm`'s sin and cos
//! only, so the browser computes the native bits.

use std::f64::consts::PI;

/// cos θ and sin θ of an angle in degrees (`libm`, the same bits on every target).
pub(super) fn cos_sin_degrees(angle: f64) -> (f64, f64) {
    let theta = angle * (PI / 180.0);
    (libm::cos(theta), libm::sin(theta))
}

/// The bowl's eigen-coordinates (u, v) of (x, y): u = c x + s y along the shallow axis
/// (c, s) (eigenvalue 1), v = −s x + c y along the steep axis (−s, c) (eigenvalue κ), with
/// c = cos θ, s = sin θ.
pub fn bowl_eigen_coordinates(angle: f64, x: f64, y: f64) -> (f64, f64) {
    let (c, s) = cos_sin_degrees(angle);
    (c * x + s * y, -s * x + c * y)
}

/// f = ½ (x, y) H (x, y)ᵀ = ½ (u² + κ v²), with (u, v) the eigen-coordinates of
/// `bowl_eigen_coordinates` and H = R(θ) diag(1, κ) R(θ)ᵀ.
pub fn bowl(kappa: f64, angle: f64, x: f64, y: f64) -> f64 {
    let (u, v) = bowl_eigen_coordinates(angle, x, y);
    0.5 * (u * u + kappa * v * v)
}

/// ∇f = H (x, y)ᵀ = R(θ) (u, κ v)ᵀ = (c u − s κ v, s u + c κ v).
pub fn bowl_gradient(kappa: f64, angle: f64, x: f64, y: f64) -> [f64; 2] {
    let (c, s) = cos_sin_degrees(angle);
    let (u, v) = (c * x + s * y, -s * x + c * y);
    let kv = kappa * v;
    [c * u - s * kv, s * u + c * kv]
}

/// Rosenbrock (a = 1, b = 100): f = (1 − x)² + 100 (y − x²)².
pub fn rosenbrock(x: f64, y: f64) -> f64 {
    let (a, r) = (1.0 - x, y - x * x);
    a * a + 100.0 * r * r
}

/// ∇f = (−2 (1 − x) − 400 x (y − x²), 200 (y − x²)).
pub fn rosenbrock_gradient(x: f64, y: f64) -> [f64; 2] {
    let r = y - x * x;
    [-2.0 * (1.0 - x) - 400.0 * x * r, 200.0 * r]
}

/// Beale: f = t₁² + t₂² + t₃² with t₁ = 1.5 − x + x y, t₂ = 2.25 − x + x y²,
/// t₃ = 2.625 − x + x y³.
pub fn beale(x: f64, y: f64) -> f64 {
    let [t1, t2, t3] = beale_terms(x, y);
    t1 * t1 + t2 * t2 + t3 * t3
}

/// ∇f = (2 t₁ (y − 1) + 2 t₂ (y² − 1) + 2 t₃ (y³ − 1), 2 t₁ x + 4 t₂ x y + 6 t₃ x y²).
pub fn beale_gradient(x: f64, y: f64) -> [f64; 2] {
    let [t1, t2, t3] = beale_terms(x, y);
    let (y2, y3) = (y * y, y * y * y);
    [
        2.0 * t1 * (y - 1.0) + 2.0 * t2 * (y2 - 1.0) + 2.0 * t3 * (y3 - 1.0),
        2.0 * t1 * x + 4.0 * t2 * x * y + 6.0 * t3 * x * y2,
    ]
}

/// (t₁, t₂, t₃) of `beale`.
fn beale_terms(x: f64, y: f64) -> [f64; 3] {
    let (y2, y3) = (y * y, y * y * y);
    [1.5 - x + x * y, 2.25 - x + x * y2, 2.625 - x + x * y3]
}

/// Himmelblau: f = (x² + y − 11)² + (x + y² − 7)².
pub fn himmelblau(x: f64, y: f64) -> f64 {
    let (p, q) = (x * x + y - 11.0, x + y * y - 7.0);
    p * p + q * q
}

/// ∇f = (4 x p + 2 q, 2 p + 4 y q), p = x² + y − 11, q = x + y² − 7.
pub fn himmelblau_gradient(x: f64, y: f64) -> [f64; 2] {
    let (p, q) = (x * x + y - 11.0, x + y * y - 7.0);
    [4.0 * x * p + 2.0 * q, 2.0 * p + 4.0 * y * q]
}

/// The saddle: f = x² − y².
pub fn saddle(x: f64, y: f64) -> f64 {
    x * x - y * y
}

/// ∇f = (2x, −2y).
pub fn saddle_gradient(x: f64, y: f64) -> [f64; 2] {
    [2.0 * x, -2.0 * y]
}

/// Rastrigin (A = 10, n = 2): f = 2A + Σᵢ (xᵢ² − A cos 2πxᵢ) over xᵢ ∈ {x, y}.
pub fn rastrigin(x: f64, y: f64) -> f64 {
    let term = |z: f64| z * z - 10.0 * libm::cos(2.0 * PI * z);
    20.0 + term(x) + term(y)
}

/// ∇f = (2x + 2πA sin 2πx, 2y + 2πA sin 2πy), A = 10.
pub fn rastrigin_gradient(x: f64, y: f64) -> [f64; 2] {
    let d = |z: f64| 2.0 * z + 20.0 * PI * libm::sin(2.0 * PI * z);
    [d(x), d(y)]
}
