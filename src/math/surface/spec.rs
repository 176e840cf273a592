//! The test surface as a scenario file writes it (`"surface": {"function": "bowl", "kappa":
//! 50, "angle": 0, "start": [-1.5, 2.5]}`): a plain serde struct, unknown fields refused, and
//! its check. The scenario file's field `surface` (`scenario::file`); the scenario checker
//! reports an error here at the path `surface.<field()>`, with the error's text as the problem.

use super::{MAX_KAPPA, Surface};
use serde::{Deserialize, Deserializer, Serialize};

/// The bowl's κ when the file omits it: a ravine ten times steeper across than along.
pub const DEFAULT_KAPPA: f64 = 10.0;
/// The bowl's θ when the file omits it, in degrees: the axes of H are then not the
/// coordinate axes, where RMSprop's and Adam's per-coordinate scaling helps least.
pub const DEFAULT_ANGLE: f64 = 30.0;
/// The largest |θ| in degrees.
pub const MAX_ANGLE: f64 = 360.0;

/// A number that must be a number when present (`null` refused, as in the scenario file).
fn number<'de, D: Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
    f64::deserialize(d).map(Some)
}

fn point<'de, D: Deserializer<'de>>(d: D) -> Result<Option<[f64; 2]>, D::Error> {
    <[f64; 2]>::deserialize(d).map(Some)
}

/// `"surface"` of a scenario file: the function by name, the bowl's κ and θ (degrees), and
/// the common start (x, y); omitted ones take the defaults (`DEFAULT_KAPPA`,
/// `DEFAULT_ANGLE`, `Surface::default_start`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SurfaceSpec {
    pub function: String,
    #[serde(
        default,
        deserialize_with = "number",
        skip_serializing_if = "Option::is_none"
    )]
    pub kappa: Option<f64>,
    #[serde(
        default,
        deserialize_with = "number",
        skip_serializing_if = "Option::is_none"
    )]
    pub angle: Option<f64>,
    #[serde(
        default,
        deserialize_with = "point",
        skip_serializing_if = "Option::is_none"
    )]
    pub start: Option<[f64; 2]>,
}

/// What a `SurfaceSpec` can get wrong; `field()` names the field, the text says why.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum SurfaceSpecError {
    #[error(
        "unknown test function \"{0}\"; one of bowl, rosenbrock, beale, himmelblau, saddle, rastrigin"
    )]
    UnknownFunction(String),
    #[error("only the bowl takes {field}, not {function}")]
    NotTaken {
        field: &'static str,
        function: &'static str,
    },
    #[error("the condition number κ must be between 1 and {MAX_KAPPA:e}, got {0}")]
    Kappa(f64),
    #[error("the angle θ must be between −{MAX_ANGLE} and {MAX_ANGLE} degrees, got {0}")]
    Angle(f64),
    #[error("must be two finite numbers, got [{0}, {1}]")]
    StartNotFinite(f64, f64),
    #[error("({x}, {y}) is outside the plot square [{x0}, {x1}] × [{y0}, {y1}]")]
    StartOutside {
        x: f64,
        y: f64,
        x0: f64,
        x1: f64,
        y0: f64,
        y1: f64,
    },
}

impl SurfaceSpecError {
    /// The field at fault: function, kappa, angle or start.
    pub fn field(&self) -> &'static str {
        match self {
            SurfaceSpecError::UnknownFunction(_) => "function",
            SurfaceSpecError::NotTaken { field, .. } => field,
            SurfaceSpecError::Kappa(_) => "kappa",
            SurfaceSpecError::Angle(_) => "angle",
            SurfaceSpecError::StartNotFinite(..) | SurfaceSpecError::StartOutside { .. } => "start",
        }
    }
}

impl SurfaceSpec {
    /// The surface and the start, checked: a known function; κ and θ for the bowl only, κ in
    /// [1, `MAX_KAPPA`], |θ| ≤ `MAX_ANGLE`; a start of two finite numbers inside the plot
    /// square (`Surface::domain`, edges included). Omitted values take the defaults.
    pub fn check(&self) -> Result<(Surface, [f64; 2]), SurfaceSpecError> {
        let Some(mut surface) = Surface::from_name(&self.function) else {
            return Err(SurfaceSpecError::UnknownFunction(self.function.clone()));
        };
        if let Surface::Bowl { kappa, angle } = &mut surface {
            *kappa = self.kappa.unwrap_or(DEFAULT_KAPPA);
            *angle = self.angle.unwrap_or(DEFAULT_ANGLE);
            if !(1.0..=MAX_KAPPA).contains(kappa) {
                return Err(SurfaceSpecError::Kappa(*kappa));
            }
            if !(-MAX_ANGLE..=MAX_ANGLE).contains(angle) {
                return Err(SurfaceSpecError::Angle(*angle));
            }
        } else if let Some(field) = [("kappa", self.kappa), ("angle", self.angle)]
            .into_iter()
            .find_map(|(name, v)| v.map(|_| name))
        {
            let function = surface.name();
            return Err(SurfaceSpecError::NotTaken { field, function });
        }
        let start = self.start.unwrap_or_else(|| surface.default_start());
        check_start(&surface, start)?;
        Ok((surface, start))
    }

    /// The spec that `check` turns back into this surface and start: the bowl with its κ and
    /// θ, the start always written.
    pub fn of(surface: &Surface, start: [f64; 2]) -> SurfaceSpec {
        let (kappa, angle) = match *surface {
            Surface::Bowl { kappa, angle } => (Some(kappa), Some(angle)),
            _ => (None, None),
        };
        SurfaceSpec {
            function: surface.name().to_string(),
            kappa,
            angle,
            start: Some(start),
        }
    }
}

/// A start of two finite numbers inside the plot square.
pub fn check_start(surface: &Surface, start: [f64; 2]) -> Result<(), SurfaceSpecError> {
    let [x, y] = start;
    if !(x.is_finite() && y.is_finite()) {
        return Err(SurfaceSpecError::StartNotFinite(x, y));
    }
    let square = surface.domain();
    if !square.contains(start) {
        let ([x0, x1], [y0, y1]) = (square.x_range(), square.y_range());
        return Err(SurfaceSpecError::StartOutside {
            x,
            y,
            x0,
            x1,
            y0,
            y1,
        });
    }
    Ok(())
}
