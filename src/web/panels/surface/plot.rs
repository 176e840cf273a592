//! The surface's contour plot: the ground (f's contours over the plot square, computed once
//! per surface and drawn again only when the canvas's size or text scale changes) and the
//! marks over it (the four paths, the minima, the start, the followed racer's ∇f and step),
//! redrawn when the race moves.

use crate::math::optimizer::OptimizerKind;
use crate::math::surface::{CriticalKind, Surface};
use crate::session::Session;
use crate::web::colors;
use crate::web::panels::contour_plot::{
    self, Arrow, ContourView, Frame, Marker, MarkerShape, RacerPath,
};

/// The grid's side: 121 × 121 samples of f (about 15,000 evaluations, once per surface).
const SIDE: usize = 121;
/// How many contour levels.
const LEVELS: usize = 18;

/// f over the plot square and its levels, for one surface.
pub struct Ground {
    pub surface: Surface,
    view: ContourView,
    /// where the plot went, and at which canvas size and text scale it was drawn
    pub frame: Option<(Frame, (u32, u32, f64))>,
}

impl Ground {
    /// f on a `SIDE` × `SIDE` grid over `surface.domain()`, row 0 at the top (largest y), and
    /// its levels (`Surface::levels`: log-spaced or even, as the surface says).
    pub fn new(surface: Surface) -> Ground {
        let square = surface.domain();
        let ([x0, x1], [y0, y1]) = (square.x_range(), square.y_range());
        let at = |lo: f64, hi: f64, k: usize| lo + (hi - lo) * k as f64 / (SIDE - 1) as f64;
        let values = (0..SIDE)
            .flat_map(|r| (0..SIDE).map(move |c| [at(x0, x1, c), at(y1, y0, r)]))
            .map(|p| surface.value(p))
            .collect();
        let view = ContourView {
            x_range: [x0, x1],
            y_range: [y0, y1],
            rows: SIDE,
            cols: SIDE,
            values,
            levels: surface.levels(LEVELS),
            log_levels: surface.log_levels(),
            heatmap: true,
            axis_names: ["x".into(), "y".into()],
            paths: Vec::new(),
            markers: Vec::new(),
            arrows: Vec::new(),
            caption: caption(&surface),
        };
        Ground {
            surface,
            view,
            frame: None,
        }
    }

    /// Draws the ground when it has not been drawn at this size and text scale.
    pub fn draw(&mut self, canvas: &web_sys::HtmlCanvasElement) -> Result<bool, String> {
        let (w, h, _) = crate::web::dom::fit_canvas(canvas);
        let key = (w, h, crate::web::dom::text_scale());
        if self.frame.is_some_and(|(_, k)| k == key) {
            return Ok(false);
        }
        let frame = contour_plot::draw_ground(canvas, &self.view).map_err(|e| e.to_string())?;
        self.frame = Some((frame, key));
        Ok(true)
    }
}

/// The formula under the plot.
fn caption(surface: &Surface) -> String {
    match *surface {
        Surface::Bowl { kappa, angle } => format!(
            "f = ½ xᵀHx, κ = {}, θ = {}°",
            crate::session::fmt_num(kappa),
            crate::session::fmt_num(angle)
        ),
        Surface::Rosenbrock => "f = (1 − x)² + 100 (y − x²)²".into(),
        Surface::Beale => "Beale's function".into(),
        Surface::Himmelblau => "f = (x² + y − 11)² + (x + y² − 7)²".into(),
        Surface::Saddle => "f = x² − y²".into(),
        Surface::Rastrigin => "Rastrigin: 20 + Σ (x² − 10 cos 2πx)".into(),
    }
}

/// The marks of the race as it is: every racer's path (✕ where it stopped), the minima, the
/// common start, and the followed racer's ∇f at its point and its last step (ending there).
pub fn marks(session: &Session) -> ContourView {
    let mut view = ContourView {
        x_range: [0.0, 1.0],
        y_range: [0.0, 1.0],
        rows: 0,
        cols: 0,
        values: Vec::new(),
        levels: Vec::new(),
        log_levels: false,
        heatmap: false,
        axis_names: ["x".into(), "y".into()],
        paths: Vec::new(),
        markers: Vec::new(),
        arrows: Vec::new(),
        caption: String::new(),
    };
    let Some(run) = session.surface() else {
        return view;
    };
    let followed = session.focused_kind();
    view.paths = run
        .race
        .racers
        .iter()
        .map(|r| RacerPath {
            kind: r.kind(),
            points: r.path.clone(),
            stopped: r.stopped.is_some(),
            followed: r.kind() == followed,
        })
        .collect();
    view.markers = run
        .race
        .surface
        .critical_points()
        .iter()
        .map(|c| Marker {
            at: c.point,
            shape: match c.kind {
                CriticalKind::Minimum => MarkerShape::Minimum,
                CriticalKind::Saddle => MarkerShape::Saddle,
            },
        })
        .chain([Marker {
            at: run.race.start,
            shape: MarkerShape::Start,
        }])
        .collect();
    if let Some(r) = run.race.racer(followed) {
        view.arrows = arrows(&run.race.surface, r, followed);
    }
    view
}

/// ∇f at the followed racer's point (grey), and its last step ΔP from the point before to
/// this one (its colour).
fn arrows(surface: &Surface, r: &crate::session::SurfaceRacer, kind: OptimizerKind) -> Vec<Arrow> {
    let p = r.position();
    let mut out = vec![Arrow {
        from: p,
        vector: r.gradient(surface),
        colour: (90, 90, 90),
        label: "∇f".into(),
    }];
    if let (Some(step), [.., before, _]) = (r.effective_step(), r.path.as_slice()) {
        out.push(Arrow {
            from: *before,
            vector: step,
            colour: colors::racer(kind),
            label: "step".into(),
        });
    }
    out
}
