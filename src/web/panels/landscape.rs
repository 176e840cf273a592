//! The race's loss landscape (issue 12): the data cost C over a plane through parameter space
//! as contours (`contour_plot`), each racer's path projected onto it with a disc at its
//! current point (a ✕ once diverged), θc as a ring; beside it, in words, what the slice is,
//! how its directions were chosen (with the PCA shares) and on which examples C is computed.
//! The canvas's `data-plane`, `data-side`, `data-epoch` and `data-points` (the paths' points,
//! all racers together) say what is drawn, for tests.

use super::contour_plot::{self, ContourView, Marker, MarkerShape, RacerPath};
use crate::math::contour::Grid;
use crate::session::{Landscape, PlaneKind, Session};
use crate::web::dom;

/// The contour levels drawn.
const LEVELS: usize = 12;
/// Log-spaced levels when the largest finite cost is this many times the smallest.
const LOG_RATIO: f64 = 30.0;

/// Draws the picture (or clears the canvas and says why there is none), and the words.
pub fn draw(picture: Option<&(Landscape, usize)>, problem: Option<&str>, session: &Session) {
    let canvas = dom::canvas("landscape");
    let empty = dom::element("landscape-empty");
    let Some((l, epoch)) = picture else {
        let (w, h, _) = dom::fit_canvas(&canvas);
        let ctx = dom::context_2d(&canvas);
        ctx.set_fill_style_str("#fff");
        ctx.fill_rect(0.0, 0.0, w as f64, h as f64);
        let _ = canvas.set_attribute("data-points", "0");
        empty.set_text_content(Some(problem.unwrap_or("Computing the landscape…")));
        empty.set_hidden(false);
        dom::element("landscape-words").set_hidden(true);
        return;
    };
    empty.set_hidden(true);
    dom::element("landscape-words").set_hidden(false);
    let view = contour_view(l, session);
    if let Err(e) = contour_plot::draw(&canvas, &view) {
        crate::web::errors::show(&format!("The loss landscape could not be drawn: {e}"));
    }
    let points: usize = l.paths.iter().map(|(_, p)| p.len() / 2).sum();
    for (name, value) in [
        ("data-plane", l.plane.name().to_string()),
        ("data-side", l.a.len().to_string()),
        ("data-epoch", epoch.to_string()),
        ("data-points", points.to_string()),
    ] {
        let _ = canvas.set_attribute(name, &value);
    }
    words(l, *epoch, session);
}

/// The contour plot of a landscape: the cost grid, the racers' paths (the followed one on
/// top, a diverged one stopped), the ring at θc = (0, 0).
fn contour_view(l: &Landscape, session: &Session) -> ContourView {
    let n = l.a.len();
    let log = log_scale(&l.cost);
    let levels = Grid::new(&l.cost, n, n)
        .map(|g| g.levels(LEVELS, log))
        .unwrap_or_default();
    let racers = &session.stepper().race.racers;
    let paths = l
        .paths
        .iter()
        .map(|(kind, flat)| RacerPath {
            kind: *kind,
            points: flat.chunks_exact(2).map(|p| [p[0], p[1]]).collect(),
            stopped: racers
                .iter()
                .any(|r| r.kind() == *kind && r.diverged.is_some()),
            followed: *kind == session.focused_kind(),
        })
        .collect();
    ContourView {
        x_range: [l.a[0], l.a[n - 1]],
        y_range: [l.b[0], l.b[n - 1]],
        rows: n,
        cols: n,
        values: l.cost.clone(),
        levels,
        log_levels: log,
        heatmap: true,
        axis_names: ["a".into(), "b".into()],
        paths,
        markers: vec![Marker {
            at: [0.0, 0.0],
            shape: MarkerShape::Start,
        }],
        arrows: Vec::new(),
        caption: format!("{n} × {n} grid"),
    }
}

/// Log-spaced levels when the positive finite costs span more than `LOG_RATIO`.
fn log_scale(cost: &[f64]) -> bool {
    let (lo, hi) = cost
        .iter()
        .filter(|v| v.is_finite() && **v > 0.0)
        .fold((f64::INFINITY, 0.0f64), |(lo, hi), &v| {
            (lo.min(v), hi.max(v))
        });
    hi > LOG_RATIO * lo
}

/// The numbers in the words beside the plot (the words are in `www/index.html`): P, the PCA
/// shares or the racer at the centre, the examples, the epoch.
fn words(l: &Landscape, epoch: usize, session: &Session) {
    let race = &session.stepper().race;
    let pca = l.plane == PlaneKind::Pca;
    for (id, shown) in [
        ("landscape-pca", pca),
        ("landscape-random", !pca),
        ("landscape-sub", l.subsampled),
        ("landscape-drawn", l.subsampled),
        ("landscape-all", !l.subsampled),
    ] {
        dom::element(id).set_hidden(!shown);
    }
    let [e1, e2] = l.explained.unwrap_or_default();
    for (id, text) in [
        (
            "landscape-p",
            race.racers[0].network.parameter_count().to_string(),
        ),
        ("landscape-e1", percent(e1)),
        ("landscape-e2", percent(e2)),
        (
            "landscape-centre",
            session.focused_kind().label().to_string(),
        ),
        ("landscape-used", l.examples.to_string()),
        ("landscape-m", race.data.train.len().to_string()),
        ("landscape-epoch", epoch.to_string()),
    ] {
        dom::set_text(id, &text);
    }
}

/// A share as a percentage: "93%", "0.4%".
fn percent(x: f64) -> String {
    let p = 100.0 * x;
    if p >= 10.0 {
        format!("{p:.0}%")
    } else {
        format!("{p:.1}%")
    }
}
