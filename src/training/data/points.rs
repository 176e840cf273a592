//! The clean points of each generated data set, in about [−1, 1]², and the noise added to
//! them. Every shape draws its random numbers in a fixed order: a seed gives the same points
//! natively and in the browser.

use super::{Dataset, Task};
use crate::math::random::Random;
use std::f64::consts::PI;

/// One clean point and its class (or value, for regression).
pub(super) type Point = ([f64; 2], f64);

/// `samples` points of the data set, class by class (classes as even as they can be).
pub(super) fn draw(dataset: Dataset, samples: usize, noise: f64, rng: &mut Random) -> Vec<Point> {
    let classes = dataset.classes();
    let mut points = Vec::with_capacity(samples);
    for class in 0..classes {
        let n = samples / classes + usize::from(class < samples % classes);
        for i in 0..n {
            let t = (i as f64 + 0.5) / n as f64;
            points.push(point(dataset, class, t, rng));
        }
    }
    if dataset.task() == Task::Regression {
        for p in &mut points {
            p.1 += noise * rng.normal();
        }
    } else {
        for p in &mut points {
            p.0[0] += noise * rng.normal();
            p.0[1] += noise * rng.normal();
        }
    }
    points
}

/// One clean point of `class`; t ∈ (0, 1) is its position along the class (for spirals).
fn point(dataset: Dataset, class: usize, t: f64, rng: &mut Random) -> Point {
    let label = class as f64;
    match dataset {
        Dataset::Circle => (circle(class, rng), label),
        Dataset::Xor => (xor(class, rng), label),
        Dataset::Gaussian => (gaussian(class, rng), label),
        Dataset::Spiral | Dataset::Spiral3 => (spiral(label, dataset.classes(), t), label),
        Dataset::Moons => (moon(class, rng), label),
        Dataset::Blobs3 => (blob3(label, rng), label),
        Dataset::Plane => plane(rng),
        Dataset::Sine => sine(rng),
    }
}

/// Class 1 inside radius 0.5, class 0 in the ring 0.7 .. 1.0.
fn circle(class: usize, rng: &mut Random) -> [f64; 2] {
    let r = if class == 1 {
        rng.uniform_in(0.0, 0.5)
    } else {
        rng.uniform_in(0.7, 1.0)
    };
    let angle = rng.uniform_in(0.0, 2.0 * PI);
    [r * libm::sin(angle), r * libm::cos(angle)]
}

/// Label 1 where x1·x2 > 0; points kept 0.05 away from the axes.
fn xor(class: usize, rng: &mut Random) -> [f64; 2] {
    let pad = |v: f64| if v >= 0.0 { v + 0.05 } else { v - 0.05 };
    let (x1, x2) = (
        pad(rng.uniform_in(-0.95, 0.95)),
        pad(rng.uniform_in(-0.95, 0.95)),
    );
    let x2 = if (x1 * x2 > 0.0) == (class == 1) {
        x2
    } else {
        -x2
    };
    [x1, x2]
}

/// Two round blobs of spread 0.15 at ±(0.4, 0.4).
fn gaussian(class: usize, rng: &mut Random) -> [f64; 2] {
    let c = if class == 1 { 0.4 } else { -0.4 };
    [c + 0.15 * rng.normal(), c + 0.15 * rng.normal()]
}

/// Arms of 1.25 turns from the centre out to radius 1, each arm turned by 2π/classes:
/// θ = 1.25 · 2π t + 2π · label / classes, (x1, x2) = t · (sin θ, cos θ).
fn spiral(label: f64, classes: usize, t: f64) -> [f64; 2] {
    let turns = 1.25;
    let classes = classes as f64;
    let angle = turns * 2.0 * PI * t + 2.0 * PI * label / classes;
    [t * libm::sin(angle), t * libm::cos(angle)]
}

/// sklearn's two moons, centred and scaled into [−1, 1] × [−0.5, 0.5].
fn moon(class: usize, rng: &mut Random) -> [f64; 2] {
    let a = rng.uniform_in(0.0, PI);
    let (x, y) = if class == 0 {
        (libm::cos(a), libm::sin(a))
    } else {
        (1.0 - libm::cos(a), 0.5 - libm::sin(a))
    };
    [(x - 0.5) / 1.5, (y - 0.25) / 1.5]
}

/// Three blobs of spread 0.15 on a circle of radius 0.55, at θ = π/2 + 2π · label / 3.
fn blob3(label: f64, rng: &mut Random) -> [f64; 2] {
    let angle = PI / 2.0 + 2.0 * PI * label / 3.0;
    let (cx, cy) = (0.55 * libm::cos(angle), 0.55 * libm::sin(angle));
    [cx + 0.15 * rng.normal(), cy + 0.15 * rng.normal()]
}

/// y = (x1 + x2) / 2
fn plane(rng: &mut Random) -> Point {
    let (x1, x2) = (rng.uniform_in(-1.0, 1.0), rng.uniform_in(-1.0, 1.0));
    ([x1, x2], (x1 + x2) / 2.0)
}

/// y = 0.8 · sin(π x1) · cos(π x2 / 2)
fn sine(rng: &mut Random) -> Point {
    let (x1, x2) = (rng.uniform_in(-1.0, 1.0), rng.uniform_in(-1.0, 1.0));
    (
        [x1, x2],
        0.8 * libm::sin(PI * x1) * libm::cos(PI * x2 / 2.0),
    )
}
