//! `optimizer` and `race`: a known kind, only the hyper-parameters that kind takes, each one
//! possible.

use super::{Result, fail, names};
use crate::math::optimizer::{HyperParam, OptimizerKind, OptimizerSettings};
use crate::scenario::file::OptimizerFile;

/// An optimizer in file form, checked: a known kind, no hyper-parameter the kind does not
/// take (`HyperParam::of`), α and ε > 0, the decays β, β1, β2 in [0, 1); an omitted one
/// takes the kind's default.
pub fn check_optimizer(o: &OptimizerFile, path: &str) -> Result<OptimizerSettings> {
    let Some(kind) = OptimizerKind::from_name(&o.kind) else {
        return fail(
            format!("{path}.kind"),
            format!(
                "unknown optimizer \"{}\"; one of {}",
                o.kind,
                names(&OptimizerKind::ALL, OptimizerKind::name)
            ),
        );
    };
    let takes = HyperParam::of(kind);
    if let Some(h) = HyperParam::ALL
        .into_iter()
        .find(|h| o.get(*h).is_some() && !takes.contains(h))
    {
        return fail(
            format!("{path}.{}", h.key()),
            format!(
                "{} does not use {}; it takes {}",
                kind.name(),
                h.key(),
                names(takes, HyperParam::key)
            ),
        );
    }
    let mut settings = kind.defaults();
    for &h in takes {
        let default = settings
            .get(h)
            .expect("a kind has a default for what it takes");
        let v = hyper_param(path, h, o.get(h).unwrap_or(default))?;
        settings = settings
            .with(h, v)
            .expect("a kind takes what HyperParam::of lists");
    }
    Ok(settings)
}

/// `v` if it is possible for `h`: a decay (β, β1, β2) at least 0 and below 1, the others
/// (α, ε) a positive number.
fn hyper_param(path: &str, h: HyperParam, v: f64) -> Result<f64> {
    if h.is_decay() {
        if !(0.0..1.0).contains(&v) {
            return fail(
                format!("{path}.{}", h.key()),
                format!("must be at least 0 and below 1, got {v}"),
            );
        }
    } else if !(v.is_finite() && v > 0.0) {
        return fail(
            format!("{path}.{}", h.key()),
            format!("must be a positive number, got {v}"),
        );
    }
    Ok(v)
}

/// The race's four settings in `OptimizerKind::ALL` order. A kind the race leaves out takes
/// its `fallback` (`race_fallback` in `check.rs`).
pub(super) fn check_race(
    race: Option<&[OptimizerFile]>,
    fallback: [OptimizerSettings; 4],
) -> Result<[OptimizerSettings; 4]> {
    let mut out: [Option<OptimizerSettings>; 4] = [None; 4];
    for (i, o) in race.unwrap_or(&[]).iter().enumerate() {
        let path = format!("race[{i}]");
        let s = check_optimizer(o, &path)?;
        let slot = OptimizerKind::ALL
            .iter()
            .position(|&k| k == s.kind())
            .expect("a kind");
        if out[slot].is_some() {
            return fail(
                format!("{path}.kind"),
                format!("{} appears twice; the race has one racer per kind", o.kind),
            );
        }
        out[slot] = Some(s);
    }
    Ok(std::array::from_fn(|i| out[i].unwrap_or(fallback[i])))
}
