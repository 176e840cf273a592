//! `init`: a scheme (kind, scale, seed) or explicit weights of the network's shapes.

use super::{Result, fail, matrix, names, seed};
use crate::math::init::InitScheme;
use crate::scenario::defaults;
use crate::scenario::file::{InitFile, LayerFile};
use crate::scenario::{Init, ScenarioError};
use ndarray::Array2;

pub(super) fn check_init(init: Option<&InitFile>, layers: &[usize]) -> Result<Init> {
    let Some(init) = init else {
        return Ok(Init::Scheme {
            scheme: defaults::INIT_SCHEME,
            scale: defaults::INIT_SCALE,
            seed: defaults::SEED,
        });
    };
    if let Some(weights) = &init.weights {
        for (field, given) in [
            ("kind", init.kind.is_some()),
            ("scale", init.scale.is_some()),
            ("seed", init.seed.is_some()),
        ] {
            if given {
                return fail(
                    format!("init.{field}"),
                    "give either a scheme (kind, scale, seed) or explicit weights, not both",
                );
            }
        }
        return check_weights(weights, layers).map(Init::Explicit);
    }
    let scheme = match &init.kind {
        None => defaults::INIT_SCHEME,
        Some(name) => InitScheme::from_name(name).ok_or_else(|| {
            ScenarioError::new(
                "init.kind",
                format!(
                    "unknown scheme \"{name}\"; one of {} (or give init.weights)",
                    names(&InitScheme::ALL, InitScheme::name)
                ),
            )
        })?,
    };
    let scale = init.scale.unwrap_or(defaults::INIT_SCALE);
    if !(scale.is_finite() && (0.0..=1000.0).contains(&scale)) {
        return fail(
            "init.scale",
            format!("must be a number from 0 to 1000, got {scale}"),
        );
    }
    Ok(Init::Scheme {
        scheme,
        scale,
        seed: seed(init.seed, "init.seed")?,
    })
}

/// (W[l], b[l]) for l = 1..L: W[l] is n[l] × n[l−1], b[l] is n[l] × 1.
fn check_weights(
    weights: &[LayerFile],
    layers: &[usize],
) -> Result<Vec<(Array2<f64>, Array2<f64>)>> {
    let depth = layers.len() - 1;
    if weights.len() != depth {
        return fail(
            "init.weights",
            format!(
                "{} layers given; the network has {depth} (layers 1..L)",
                weights.len()
            ),
        );
    }
    weights
        .iter()
        .enumerate()
        .map(|(i, lw)| {
            let path = format!("init.weights[{i}]");
            let (n_out, n_in) = (layers[i + 1], layers[i]);
            let l = i + 1;
            let w = matrix(
                &lw.w,
                &format!("{path}.w"),
                n_out,
                n_in,
                &format!("W[{l}] is n[{l}] × n[{i}] = {n_out} × {n_in}"),
            )?;
            let b = matrix(
                &lw.b,
                &format!("{path}.b"),
                n_out,
                1,
                &format!("b[{l}] is n[{l}] × 1 = {n_out} × 1"),
            )?;
            Ok((w, b))
        })
        .collect()
}
