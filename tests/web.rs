//! The browser build, in headless Chrome (`cargo test --target wasm32-unknown-unknown --test
//! web`): the JavaScript API, the same bits as the native build, and what the panels draw.
#![cfg(target_arch = "wasm32")]

#[path = "support/native_numbers.rs"]
mod native_numbers;

use backprop_playground::math::optimizer::OptimizerKind;
use backprop_playground::scenario::Scenario;
use backprop_playground::session::Session;
use backprop_playground::web::bindings::Playground;
use backprop_playground::web::{
    colors, panels::boundary, panels::contour_plot, panels::race_chart,
};
use js_sys::{Float64Array, Reflect};
use serde_json::Value;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn kept() -> Value {
    serde_json::from_str(include_str!("fixtures/native/numbers.json")).unwrap()
}

fn get(obj: &JsValue, key: &str) -> JsValue {
    Reflect::get(obj, &key.into()).unwrap()
}

/// `playground.matrix(name, l)` as [rows, cols, data] in JSON, like the fixture.
fn matrix(p: &Playground, name: &str, layer: u32) -> Value {
    let m = p.matrix(name.into(), layer.into()).unwrap();
    let data: Vec<f64> = get(&m, "data").unchecked_into::<Float64Array>().to_vec();
    serde_json::json!([
        get(&m, "rows").as_f64().unwrap() as usize,
        get(&m, "cols").as_f64().unwrap() as usize,
        data
    ])
}

fn error_message(e: JsValue) -> String {
    e.unchecked_into::<js_sys::Error>().message().into()
}

/// The constructor's name of a thrown error: "TypeError", "RangeError", "Error".
fn error_kind(e: &JsValue) -> String {
    e.unchecked_ref::<js_sys::Error>().name().into()
}

/// The page's pow (`math::pow`: `f64::powf`, in wasm32 compiler_builtins' copy of libm) gives
/// the bits of `libm::pow`, which the native build uses: on Adam's corrections β^t for every
/// t to 5,000, on random x in (0, 10) and y in (−60, 60), and on random bit patterns.
#[wasm_bindgen_test]
fn the_pages_pow_is_libms_bit_for_bit() {
    let mut state = 0x9E37_79B9_7F4A_7C15_u64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let unit = |bits: u64| (bits >> 11) as f64 / (1u64 << 53) as f64;
    let mut cases = Vec::new();
    for beta in [0.0, 0.5, 0.9, 0.95, 0.99, 0.999, 0.9999, 1.0] {
        cases.extend((1..=5000).map(|t| (beta, t as f64)));
    }
    for _ in 0..200_000 {
        cases.push((10.0 * unit(next()), 120.0 * unit(next()) - 60.0));
        cases.push((f64::from_bits(next()), f64::from_bits(next())));
    }
    for (x, y) in cases {
        let (page, libm) = (backprop_playground::math::pow(x, y), libm::pow(x, y));
        let same = page.to_bits() == libm.to_bits() || (page.is_nan() && libm.is_nan());
        assert!(
            same,
            "pow({x:e}, {y:e}): {page:e} in the page, {libm:e} by libm"
        );
    }
}

#[wasm_bindgen_test]
fn seeded_runs_give_exactly_the_native_numbers() {
    let kept = kept();
    let now = native_numbers::compute();
    for (key, value) in kept.as_object().unwrap() {
        assert!(&now[key] == value, "{key} differs from the native build");
    }
}

#[wasm_bindgen_test]
fn the_js_api_gives_the_native_first_step_bit_for_bit() {
    let kept = kept();
    for (i, (name, text)) in native_numbers::REFERENCE.iter().enumerate() {
        // half from JSON text, half from a JavaScript object
        let arg = if i % 2 == 0 {
            JsValue::from_str(text)
        } else {
            js_sys::JSON::parse(text).unwrap()
        };
        let p = Playground::new(arg).unwrap();
        p.forward().unwrap();
        p.backward().unwrap();
        let want = &kept[format!("first_step/{name}")];
        for (l, layer) in want.as_array().unwrap().iter().enumerate() {
            for m in ["z", "a", "delta", "dw", "db"] {
                assert!(
                    matrix(&p, m, l as u32 + 1) == layer[m],
                    "{name}: {m}[{}]",
                    l + 1
                );
            }
        }
    }
}

#[wasm_bindgen_test]
fn stepping_through_the_js_api() {
    let p = Playground::new(JsValue::UNDEFINED).unwrap();
    assert_eq!(p.focused().unwrap(), "adam");
    let done = p.next_step().unwrap();
    assert_eq!(get(&done, "phase").as_string().unwrap(), "forward");
    assert_eq!(get(&done, "layer").as_f64(), Some(1.0));
    let z = p.matrix("z".into(), 1.into()).unwrap();
    assert_eq!(get(&z, "rows").as_f64(), Some(8.0));
    assert_eq!(get(&z, "cols").as_f64(), Some(16.0));
    assert!(
        p.matrix("z".into(), 2.into()).is_err(),
        "layer 2 is not computed yet"
    );
    p.next_step().unwrap();
    p.next_step().unwrap();
    let done = p.next_step().unwrap();
    assert_eq!(get(&done, "phase").as_string().unwrap(), "cost");
    assert!(get(&done, "layer").is_null());
    assert!(p.cost().unwrap().unwrap() > 0.0);
    p.update().unwrap();
    assert_eq!(p.step().unwrap(), 1.0);
    let x = p.matrix("a".into(), 0.into()).unwrap();
    assert_eq!(get(&x, "rows").as_f64(), Some(2.0));
    p.train_epochs(2.into()).unwrap();
    for kind in ["sgd", "momentum", "rmsprop", "adam"] {
        assert_eq!(p.loss_history(kind.into()).unwrap().length(), 2);
    }
    p.focus("momentum".into()).unwrap();
    assert!(
        p.matrix("s".into(), 1.into()).is_err(),
        "momentum keeps no S"
    );
    assert!(p.matrix("v".into(), 1.into()).is_ok());
    let grid = p.predict_grid(10.into(), "sgd".into()).unwrap();
    assert_eq!(grid.length(), 100);
    // scenario() carries the focused racer's current weights and reads back
    let s = p.scenario().unwrap();
    let again = Playground::new(s).unwrap();
    assert!(matrix(&again, "w", 2) == matrix(&p, "w", 2));
    assert_eq!(again.focused().unwrap(), "momentum");
}

#[wasm_bindgen_test]
fn a_bad_scenario_throws_an_error_naming_the_field() {
    let bad = native_numbers::REFERENCE[0]
        .1
        .replace("\"adam\"", "\"adamw\"");
    let e = Playground::new(JsValue::from_str(&bad))
        .err()
        .expect("refused");
    assert!(error_message(e).starts_with("optimizer.kind: unknown optimizer \"adamw\""));
    // from an object: NaN cannot be written in JSON but can be in JavaScript
    let obj = js_sys::JSON::parse(native_numbers::REFERENCE[0].1).unwrap();
    Reflect::set(
        &get(&obj, "optimizer"),
        &"learning_rate".into(),
        &f64::NAN.into(),
    )
    .unwrap();
    let e = Playground::new(obj).err().expect("refused");
    let message = error_message(e);
    assert!(
        message.starts_with(
            "optimizer.learning_rate: invalid type: string \"NaN\", expected a number"
        ),
        "{message}"
    );
    let obj = js_sys::JSON::parse(native_numbers::REFERENCE[0].1).unwrap();
    Reflect::set(&obj, &"layers".into(), &"two".into()).unwrap();
    let e = Playground::new(obj).err().expect("refused");
    let message = error_message(e);
    assert!(message.starts_with("layers: invalid type"), "{message}");
    let p = Playground::new(JsValue::UNDEFINED).unwrap();
    assert!(error_message(p.focus("adagrad".into()).err().unwrap()).contains("unknown optimizer"));
    assert!(
        error_message(p.matrix("q".into(), 1.into()).err().unwrap()).contains("unknown matrix")
    );
    // a refused load leaves the playground as it was
    p.train_epochs(1.into()).unwrap();
    assert!(p.load(JsValue::from_str("{\"layers\": [2]}")).is_err());
    assert_eq!(p.epoch().unwrap(), 1.0);
}

#[wasm_bindgen_test]
fn predict_points_gives_the_native_outputs_bit_for_bit() {
    for (_, text) in native_numbers::REFERENCE {
        let p = Playground::new(JsValue::from_str(text)).unwrap();
        p.train_epochs(2.into()).unwrap();
        let native = {
            let mut s = Session::from_json(text).unwrap();
            s.train_epochs(2).unwrap();
            s
        };
        let n0 = native.base().layers[0];
        let points: Vec<f64> = (0..7 * n0).map(|i| (i as f64 * 0.37).sin() * 2.0).collect();
        for kind in OptimizerKind::ALL {
            let ours = p
                .predict_points(
                    js_sys::Float64Array::from(points.as_slice()).into(),
                    kind.name().into(),
                )
                .unwrap()
                .to_vec();
            let want = native.predict_points(&points, kind).unwrap();
            assert!(
                ours.iter()
                    .map(|v| v.to_bits())
                    .eq(want.iter().map(|v| v.to_bits())),
                "{kind:?}"
            );
        }
        if n0 > 1 {
            let e = p
                .predict_points(
                    js_sys::Float64Array::from(&points[..points.len() - 1]).into(),
                    JsValue::UNDEFINED,
                )
                .err()
                .unwrap();
            assert!(error_message(e).contains("not a whole number of points"));
        }
    }
}

/// The numbers of a `Float64Array` field as bits.
fn bits_of(obj: &JsValue, key: &str) -> Vec<u64> {
    let v = get(obj, key).unchecked_into::<Float64Array>().to_vec();
    v.iter().map(|x| x.to_bits()).collect()
}

fn bits(v: &[f64]) -> Vec<u64> {
    v.iter().map(|x| x.to_bits()).collect()
}

#[wasm_bindgen_test]
fn the_js_landscape_is_the_native_landscape_bit_for_bit() {
    use backprop_playground::session::{LandscapeOptions, PlaneKind};
    for (name, text) in native_numbers::REFERENCE {
        let p = Playground::new(JsValue::from_str(text)).unwrap();
        p.train_epochs(2.into()).unwrap();
        let mut native = Session::from_json(text).unwrap();
        native.train_epochs(2).unwrap();
        for (plane, seed) in [(PlaneKind::Pca, 0), (PlaneKind::Random, 7)] {
            let options = js_sys::Object::new();
            Reflect::set(&options, &"plane".into(), &plane.name().into()).unwrap();
            Reflect::set(&options, &"resolution".into(), &9.into()).unwrap();
            Reflect::set(&options, &"seed".into(), &(seed as f64).into()).unwrap();
            let ours = p.landscape(options.into()).unwrap();
            let want = native
                .landscape(&LandscapeOptions {
                    plane,
                    resolution: 9,
                    span: None,
                    seed,
                })
                .unwrap();
            let what = format!("{name}, {}", plane.name());
            assert_eq!(bits_of(&ours, "a"), bits(&want.a), "{what}");
            assert_eq!(bits_of(&ours, "b"), bits(&want.b), "{what}");
            assert_eq!(bits_of(&ours, "cost"), bits(&want.cost), "{what}");
            let paths = get(&ours, "paths");
            for (kind, path) in &want.paths {
                assert_eq!(bits_of(&paths, kind.name()), bits(path), "{what}");
            }
            match want.explained {
                Some(e) => assert_eq!(bits_of(&ours, "explained"), bits(&e), "{what}"),
                None => assert!(get(&ours, "explained").is_null(), "{what}"),
            }
        }
        // the defaults: PCA, 41 × 41
        let l = p.landscape(JsValue::UNDEFINED).unwrap();
        assert_eq!(
            get(&l, "cost").unchecked_into::<Float64Array>().length(),
            41 * 41
        );
    }
    // wrong options: TypeError or RangeError naming the field; PCA before an epoch: an Error
    let p = Playground::new(JsValue::UNDEFINED).unwrap();
    let fails = |options: &str| {
        let o = js_sys::JSON::parse(options).unwrap();
        let e = p.landscape(o).unwrap_err();
        (error_kind(&e), error_message(e))
    };
    let (kind, message) = fails(r#"{"plane": "random", "resolution": 42}"#);
    assert_eq!(kind, "RangeError");
    assert!(message.contains("options.resolution"), "{message}");
    let (kind, message) = fails(r#"{"plane": 3}"#);
    assert_eq!(kind, "TypeError");
    assert!(message.contains("options.plane"), "{message}");
    let (kind, message) = fails(r#"{"plane": "pcb"}"#);
    assert_eq!(kind, "RangeError");
    assert!(message.contains("pcb"), "{message}");
    let (kind, message) = fails(r#"{"plane": "random", "span": -1}"#);
    assert_eq!(kind, "RangeError");
    assert!(message.contains("options.span"), "{message}");
    let (kind, message) = fails(r#"{"seed": 0.5}"#);
    assert_eq!(kind, "RangeError");
    assert!(message.contains("options.seed"), "{message}");
    let (kind, message) = fails("7");
    assert_eq!(kind, "TypeError");
    assert!(message.contains("options"), "{message}");
    let (kind, message) = fails("{}");
    assert_eq!(kind, "Error");
    assert!(message.contains("train at least one epoch"), "{message}");
}

fn canvas(width: u32, height: u32) -> web_sys::HtmlCanvasElement {
    let doc = web_sys::window().unwrap().document().unwrap();
    let c: web_sys::HtmlCanvasElement = doc.create_element("canvas").unwrap().unchecked_into();
    c.style()
        .set_property("width", &format!("{width}px"))
        .unwrap();
    c.style()
        .set_property("height", &format!("{height}px"))
        .unwrap();
    doc.body().unwrap().append_child(&c).unwrap();
    c
}

fn pixels(c: &web_sys::HtmlCanvasElement) -> Vec<u8> {
    let ctx: web_sys::CanvasRenderingContext2d =
        c.get_context("2d").unwrap().unwrap().unchecked_into();
    ctx.get_image_data(0.0, 0.0, c.width() as f64, c.height() as f64)
        .unwrap()
        .data()
        .to_vec()
}

fn near(p: &[u8], c: colors::Rgb, tolerance: i32) -> bool {
    (p[0] as i32 - c.0 as i32).abs()
        + (p[1] as i32 - c.1 as i32).abs()
        + (p[2] as i32 - c.2 as i32).abs()
        <= tolerance
}

#[wasm_bindgen_test]
fn the_race_chart_draws_each_racer_in_its_colour_inside_the_plot() {
    // settings far apart so the four curves separate
    let mut s = Scenario::default();
    s.race[0] = backprop_playground::math::optimizer::OptimizerSettings::Sgd {
        learning_rate: 0.005,
    };
    s.race[3] = backprop_playground::math::optimizer::OptimizerSettings::Adam {
        learning_rate: 0.05,
        beta1: 0.9,
        beta2: 0.999,
        epsilon: 1e-8,
    };
    let mut session = Session::new(s);
    session.train_epochs(30).unwrap();
    let c = canvas(600, 300);
    race_chart::draw(&c, &session, false).unwrap();
    let (w, h) = (c.width() as usize, c.height() as usize);
    let px = pixels(&c);
    // the right half of the chart, below the legend strip and above the axis labels: the
    // curves' later epochs
    for kind in OptimizerKind::ALL {
        let colour = colors::racer(kind);
        let mut count = 0;
        for y in (h * 15 / 100)..(h * 8 / 10) {
            for x in (w / 2)..(w * 95 / 100) {
                let i = (y * w + x) * 4;
                if near(&px[i..i + 4], colour, 24) {
                    count += 1;
                }
            }
        }
        assert!(
            count >= 20,
            "{} drew {count} pixels of its colour in the plot",
            kind.label()
        );
    }
}

#[wasm_bindgen_test]
fn the_boundary_is_orange_over_class_1_and_blue_over_class_0() {
    // a line that is neither symmetric under x1 ↔ x2 nor under x2 → −x2: class 1 where
    // x1 − 0.5·x2 > 1 (a transposed or upside-down grid puts many points on the wrong side)
    let mut rng = backprop_playground::math::random::Random::new(9);
    let (mut xs, mut ys) = (vec![vec![], vec![]], vec![vec![]]);
    while xs[0].len() < 200 {
        let (x1, x2) = (rng.uniform_in(-4.0, 4.0), rng.uniform_in(-4.0, 4.0));
        let margin = x1 - 0.5 * x2 - 1.0;
        if margin.abs() > 0.6 {
            xs[0].push(x1);
            xs[1].push(x2);
            ys[0].push(if margin > 0.0 { 1.0 } else { 0.0 });
        }
    }
    let text = serde_json::json!({
        "layers": [2, 1], "activations": ["sigmoid"], "cost": "bce",
        "data": { "x": xs, "y": ys }, "batch_size": 20, "shuffle": false, "epochs": 60,
        "race": [{ "kind": "adam", "learning_rate": 0.1 }]
    })
    .to_string();
    let mut session = Session::from_json(&text).unwrap();
    session.train_epochs(60).unwrap();
    let res = 60;
    let rgba = boundary::field_rgba(&session, OptimizerKind::Adam, res, false).unwrap();
    assert_ne!(
        rgba,
        boundary::field_rgba(&session, OptimizerKind::Adam, res, true).unwrap(),
        "discretized differs"
    );
    let r = session.view_radius();
    let (mut right, mut total) = (0, 0);
    for j in 0..xs[0].len() {
        let (x1, x2) = (xs[0][j], xs[1][j]);
        let col = (((x1 + r) / (2.0 * r)) * res as f64) as usize;
        let row = (((r - x2) / (2.0 * r)) * res as f64) as usize;
        let i = (row * res + col) * 4;
        let (red, blue) = (rgba[i] as i32, rgba[i + 2] as i32);
        let orange = red > blue;
        total += 1;
        if orange == (ys[0][j] == 1.0) {
            right += 1;
        }
    }
    assert_eq!(
        right, total,
        "{right} of {total} points sit on their class's colour"
    );
}

#[wasm_bindgen_test]
fn the_matrix_panel_shows_the_engines_numbers_with_their_shapes() {
    use backprop_playground::session::fmt_num;
    use backprop_playground::web::panels::matrices;
    let mut s = Session::from_json(backprop_playground::scenario::presets::PRESETS[0].1).unwrap();
    let before = matrices::render(&s, None, 4);
    assert!(
        before.contains("Press"),
        "before a step the panel says what to do"
    );
    let mut last = None;
    for _ in 0..5 {
        last = Some(s.next_step()); // forward 1, 2, cost, backward 2, 1
    }
    let html = matrices::render(&s, last, 3);
    // each card has its export menu, named for screen readers, offering the places asked
    assert!(
        html.contains("<details class=\"export\" data-m=\"w\" data-l=\"1\"><summary aria-label=\"Export W[1]\""),
        "W[1]'s card has its export menu"
    );
    assert!(html.contains("type=\"number\" min=\"0\" max=\"12\" value=\"3\""));
    for (name, label) in [
        ("z", "Z"),
        ("a", "A"),
        ("delta", "δ"),
        ("dw", "dW"),
        ("db", "db"),
        ("w", "W"),
    ] {
        for l in 1..=2 {
            let m = s
                .matrix(backprop_playground::session::quantity(name).unwrap(), l)
                .unwrap();
            let head = format!(
                "<b>{label}[{l}]</b> <span class=\"shape\">{} × {}</span>",
                m.rows, m.cols
            );
            assert!(html.contains(&head), "{head}");
            for v in &m.data {
                assert!(
                    html.contains(&format!(">{}</td>", fmt_num(*v))),
                    "{label}[{l}] shows {}",
                    fmt_num(*v)
                );
            }
        }
    }
    // backward layer 1 computed δ[1], dW[1], db[1] and read W[2], δ[2], Z[1], X
    assert!(html.contains("class=\"matrix computed\" data-name=\"delta\" data-layer=\"1\""));
    assert!(html.contains("class=\"matrix read\" data-name=\"w\" data-layer=\"2\""));
    assert!(html.contains("class=\"matrix read\" data-name=\"a\" data-layer=\"0\""));
    assert!(html.contains("<math"), "equations in MathML");
}

#[wasm_bindgen_test]
fn the_gradient_check_is_green_on_a_right_net_and_red_on_a_corrupted_gradient() {
    use backprop_playground::web::panels::matrices;
    let mut s = Session::from_json(backprop_playground::scenario::presets::PRESETS[0].1).unwrap();
    s.next_step();
    let mut rows = s.gradient_check(1).unwrap().rows;
    let good = matrices::check_table(1, &rows);
    assert_eq!(
        good.matches("<tr class=\"good\">").count(),
        rows.len(),
        "{good}"
    );
    rows[2].backprop *= 1.5; // a wrong gradient, as a bug in backprop would give
    let bad = matrices::check_table(1, &rows);
    assert_eq!(bad.matches("<tr class=\"wrong\">").count(), 1, "{bad}");
}

/// Each failure the hardening issue listed, through the API as JavaScript calls it: wrong
/// types throw TypeError, bad numbers RangeError, each naming the argument; nothing traps.
#[wasm_bindgen_test]
fn wrong_arguments_throw_type_and_range_errors_naming_the_argument() {
    let p = Playground::new(JsValue::UNDEFINED).unwrap();
    let check = |r: Result<JsValue, JsValue>, kind: &str, needle: &str| {
        let e = r.expect_err("refused");
        let message = error_message(e.clone());
        assert_eq!(error_kind(&e), kind, "{message}");
        assert!(
            message.contains(needle),
            "{message} should contain {needle:?}"
        );
    };
    let unit = |r: Result<(), JsValue>| r.map(|_| JsValue::UNDEFINED);
    // focus(1), matrix(2, 1), lossHistory(10n) trapped with "memory access out of bounds"
    check(
        unit(p.focus(1.into())),
        "TypeError",
        "kind: expected a string, got the number 1",
    );
    check(
        p.matrix(2.into(), 1.into()),
        "TypeError",
        "name: expected a string",
    );
    let big = js_sys::BigInt::from(10u32);
    check(
        p.loss_history(big.into()).map(JsValue::from),
        "TypeError",
        "kind: expected a string, got a bigint",
    );
    // matrix('w', 2**32 + 1) wrapped to layer 1
    check(
        p.matrix("w".into(), 4294967297.0.into()),
        "RangeError",
        "layer: must be from 0 to 3, got 4294967297",
    );
    check(
        p.matrix("w".into(), 2.5.into()),
        "RangeError",
        "layer: expected a whole number",
    );
    check(
        p.matrix("w".into(), f64::NAN.into()),
        "RangeError",
        "got NaN",
    );
    check(
        p.matrix("w".into(), "1".into()),
        "TypeError",
        "layer: expected a number",
    );
    // trainEpochs(-1) was read as 4294967295 and froze the page; 1e9 and 100000 too
    check(
        unit(p.train_epochs((-1.0).into())),
        "RangeError",
        "n: must be from 0",
    );
    check(
        unit(p.train_epochs(1e9.into())),
        "RangeError",
        "one call may do at most",
    );
    check(
        unit(p.train_epochs(100000.into())),
        "RangeError",
        "trainEpochs(100000)",
    );
    check(
        p.predict_grid(0.into(), JsValue::UNDEFINED)
            .map(JsValue::from),
        "RangeError",
        "resolution",
    );
    // predictPoints({length: 1e9}) trapped
    let fake = js_sys::Object::new();
    Reflect::set(&fake, &"length".into(), &1e9.into()).unwrap();
    check(
        p.predict_points(fake.into(), JsValue::UNDEFINED)
            .map(JsValue::from),
        "TypeError",
        "points: expected a Float64Array",
    );
    let huge = js_sys::Float64Array::new_with_length(1 << 26);
    check(
        p.predict_points(huge.into(), JsValue::UNDEFINED)
            .map(JsValue::from),
        "RangeError",
        "one call may do at most",
    );
    let mixed = js_sys::Array::of2(&1.0.into(), &"x".into());
    check(
        p.predict_points(mixed.into(), JsValue::UNDEFINED)
            .map(JsValue::from),
        "TypeError",
        "points[1]",
    );
    // and the instance goes on
    assert_eq!(p.epoch().unwrap(), 0.0);
    p.train_epochs(1.into()).unwrap();
    assert_eq!(p.epoch().unwrap(), 1.0);
    assert!(p.matrix("w".into(), 1.into()).is_ok());
}

#[wasm_bindgen_test]
fn a_scenario_that_is_not_an_object_is_refused() {
    for bad in [
        js_sys::JSON::parse("[1, [2, 1]]").unwrap(),
        JsValue::from(5),
        JsValue::from_str("[]"),
        js_sys::BigInt::from(3u32).into(),
    ] {
        let message = error_message(Playground::new(bad).err().expect("refused"));
        assert!(
            message.starts_with("(root): expected an object"),
            "{message}"
        );
    }
    // a byte-order mark before JSON text is skipped
    let with_bom = format!("\u{feff}{}", native_numbers::REFERENCE[0].1);
    assert!(Playground::new(JsValue::from_str(&with_bom)).is_ok());
}

/// Reading an argument can run the caller's code (a getter, a Proxy): it must neither find
/// the playground borrowed (a panic) nor leave it borrowed when it throws (a trap later).
#[wasm_bindgen_test]
fn a_getter_that_calls_back_or_throws_while_points_are_read_breaks_nothing() {
    use std::rc::Rc;
    use wasm_bindgen::closure::Closure;
    let p = Rc::new(Playground::new(JsValue::UNDEFINED).unwrap());
    let with_getter = |get: &Closure<dyn FnMut() -> JsValue>| {
        let points = js_sys::Array::of2(&0.5.into(), &0.5.into());
        let descriptor = js_sys::Object::new();
        Reflect::set(&descriptor, &"get".into(), get.as_ref()).unwrap();
        js_sys::Object::define_property(&points, &"0".into(), &descriptor);
        points
    };
    let inner = p.clone();
    let calls_back = Closure::<dyn FnMut() -> JsValue>::new(move || {
        let _ = inner.next_step(); // changes the playground while its caller reads the points
        JsValue::from(0.25)
    });
    let out = p
        .predict_points(with_getter(&calls_back).into(), JsValue::UNDEFINED)
        .unwrap();
    assert_eq!(out.length(), 1);
    assert_eq!(
        get(&p.upcoming().unwrap(), "layer").as_f64(),
        Some(2.0),
        "it still answers"
    );
    let throws = Closure::<dyn FnMut() -> JsValue>::new(|| {
        wasm_bindgen::throw_str("a getter that throws");
    });
    let e = p
        .predict_points(with_getter(&throws).into(), JsValue::UNDEFINED)
        .unwrap_err();
    assert_eq!(error_kind(&e), "TypeError");
    assert!(error_message(e).contains("points: could not be read"));
    // not left borrowed: the next calls work
    p.next_step().unwrap();
    p.train_epochs(1.into()).unwrap();
    assert_eq!(p.epoch().unwrap(), 1.0);
}

#[wasm_bindgen_test]
fn a_scenario_object_holding_a_huge_array_is_refused_without_walking_it() {
    let obj = js_sys::JSON::parse(native_numbers::REFERENCE[0].1).unwrap();
    let huge = js_sys::Float64Array::new_with_length(1 << 23);
    Reflect::set(&obj, &"layers".into(), &huge).unwrap();
    let t0 = js_sys::Date::now();
    let message = error_message(Playground::new(obj.clone()).err().expect("refused"));
    assert!(
        js_sys::Date::now() - t0 < 500.0,
        "took {} ms",
        js_sys::Date::now() - t0
    );
    assert!(
        message.starts_with("layers: invalid type: string \"a typed array\""),
        "{message}"
    );
    let long = js_sys::Array::new_with_length(1 << 24);
    Reflect::set(&obj, &"layers".into(), &long).unwrap();
    let message = error_message(Playground::new(obj).err().expect("refused"));
    assert!(
        message.contains("an array of 16777216 elements"),
        "{message}"
    );
}

#[wasm_bindgen_test]
fn a_seed_javascript_cannot_hold_exactly_is_refused_and_scenario_is_never_null() {
    let mut v: Value = serde_json::from_str(native_numbers::REFERENCE[0].1).unwrap();
    v["shuffle_seed"] = serde_json::json!(9007199254740993u64);
    let message = error_message(
        Playground::new(JsValue::from_str(&v.to_string()))
            .err()
            .expect("refused"),
    );
    assert!(
        message.starts_with("shuffle_seed: must be a whole number from 0 to 9007199254740991"),
        "{message}"
    );
    v["shuffle_seed"] = serde_json::json!(9007199254740991u64);
    let p = Playground::new(JsValue::from_str(&v.to_string())).unwrap();
    let s = p.scenario().unwrap();
    assert!(s.is_object());
    assert_eq!(get(&s, "shuffle_seed").as_f64(), Some(9007199254740991.0));
}

/// A heatmap's longer side is 120 CSS px and the shorter in proportion, at least 12 px: by
/// hand, 64 × 64 → 120 × 120, 8 × 32 → 120 wide, 30 tall, 64 × 2 → 12 wide (3.75 raised), 120 tall.
#[wasm_bindgen_test]
fn heatmaps_keep_the_matrix_shape_with_the_longer_side_120_px() {
    use backprop_playground::web::panels::matrices::heat_size;
    assert_eq!(heat_size(64, 64), (120.0, 120.0));
    assert_eq!(heat_size(8, 32), (120.0, 30.0));
    assert_eq!(heat_size(64, 2), (12.0, 120.0));
}

/// f = x² + 4y² on [−2, 2]² (81 × 81 samples, row 0 at y = 2), levels 1, 2, 3: ellipses
/// with semi-axes √L along x and √L/2 along y.
fn ellipse_view() -> contour_plot::ContourView {
    let n = 81;
    let values = (0..n * n)
        .map(|k| {
            let (r, c) = (k / n, k % n);
            let (x, y) = (-2.0 + c as f64 * 0.05, 2.0 - r as f64 * 0.05);
            x * x + 4.0 * y * y
        })
        .collect();
    contour_plot::ContourView {
        x_range: [-2.0, 2.0],
        y_range: [-2.0, 2.0],
        rows: n,
        cols: n,
        values,
        levels: vec![1.0, 2.0, 3.0],
        log_levels: false,
        heatmap: false,
        axis_names: ["x".into(), "y".into()],
        paths: vec![contour_plot::RacerPath {
            kind: OptimizerKind::Sgd,
            points: vec![[-1.5, 1.0], [0.0, 0.0]],
            stopped: false,
            followed: true,
        }],
        markers: vec![contour_plot::Marker {
            at: [0.0, 0.0],
            shape: contour_plot::MarkerShape::Minimum,
        }],
        arrows: vec![],
        caption: "f = x² + 4y²".into(),
    }
}

/// Whether some pixel within `radius` of `at` (device pixels) passes `test`.
fn any_near(px: &[u8], w: usize, at: [f64; 2], radius: i64, test: impl Fn(&[u8]) -> bool) -> bool {
    let (cx, cy) = (at[0].round() as i64, at[1].round() as i64);
    (-radius..=radius).any(|dy| {
        (-radius..=radius).any(|dx| {
            let i = (((cy + dy) as usize) * w + (cx + dx) as usize) * 4;
            test(&px[i..i + 4])
        })
    })
}

#[wasm_bindgen_test]
fn the_contour_plot_draws_the_ellipses_the_path_and_maps_clicks_back() {
    let c = canvas(400, 400);
    let view = ellipse_view();
    let frame = contour_plot::draw(&c, &view).unwrap();
    let (w, px) = (c.width() as usize, pixels(&c));
    // a contour line: grey, darker than the white page; blank: near white
    let line = |p: &[u8]| p[0] < 215 && p[0].max(p[1]).max(p[2]) - p[0].min(p[1]).min(p[2]) < 30;
    let blank = |p: &[u8]| p[0] > 235 && p[1] > 235 && p[2] > 235;
    // the lower half (the labels sit at the upper right, the path at the upper left)
    let on = |level: f64, degrees: f64| {
        let t = degrees.to_radians();
        frame.to_pixel([level.sqrt() * t.cos(), level.sqrt() / 2.0 * t.sin()])
    };
    for degrees in (0..=7).map(|k| 200.0 + 20.0 * k as f64) {
        for level in [1.0, 2.0, 3.0] {
            let at = on(level, degrees);
            assert!(
                any_near(&px, w, at, 2, line),
                "no line of {level} at {degrees}°, {at:?}"
            );
        }
        for between in [1.5, 2.5, 3.6] {
            let at = on(between, degrees);
            assert!(
                !any_near(&px, w, at, 2, |p| !blank(p)),
                "ink at f = {between}, {degrees}°"
            );
        }
    }
    // the path in SGD's colour from (−1.5, 1) to the minimum, the star on top at (0, 0)
    let sgd = colors::racer(OptimizerKind::Sgd);
    for t in [0.2, 0.35, 0.5, 0.65, 0.8] {
        let at = frame.to_pixel([-1.5 * (1.0 - t), 1.0 - t]);
        assert!(
            any_near(&px, w, at, 2, |p| near(p, sgd, 40)),
            "no path at t = {t}"
        );
    }
    let centre = frame.to_pixel([0.0, 0.0]);
    assert!(any_near(&px, w, centre, 1, |p| p[0] < 80
        && p[1] < 80
        && p[2] < 80));
    // a click (CSS pixels) comes back as the data point drawn there
    let ratio = c.width() as f64 / c.client_width() as f64;
    for p in [[-1.5, 1.0], [0.3, -1.7], [1.9, 1.9], [-2.0, -2.0]] {
        let [x, y] = frame.to_pixel(p);
        let back = contour_plot::click_to_data(&c, &frame, x / ratio, y / ratio).unwrap();
        assert!(
            (back[0] - p[0]).abs() < 1e-9 && (back[1] - p[1]).abs() < 1e-9,
            "{back:?}"
        );
    }
    assert_eq!(
        contour_plot::click_to_data(&c, &frame, 1.0, 1.0),
        None,
        "the margin"
    );
    // up is up: f = x² + 4(y − ½)², level 1 passes (0, 1) and not (0, −1) (an upside-down
    // grid would put it the other way round)
    let mut shifted = ellipse_view();
    shifted.values = (0..81 * 81)
        .map(|k| {
            let (x, y) = (-2.0 + (k % 81) as f64 * 0.05, 2.0 - (k / 81) as f64 * 0.05);
            x * x + 4.0 * (y - 0.5) * (y - 0.5)
        })
        .collect();
    shifted.levels = vec![1.0];
    shifted.paths.clear();
    shifted.markers.clear();
    let frame = contour_plot::draw(&c, &shifted).unwrap();
    let px = pixels(&c);
    assert!(any_near(&px, w, frame.to_pixel([0.0, 1.0]), 2, line));
    assert!(!any_near(&px, w, frame.to_pixel([0.0, -1.0]), 3, |p| {
        !blank(p)
    }));
}

#[wasm_bindgen_test]
fn the_contour_plot_draws_any_input_and_refuses_only_a_misshapen_grid() {
    let c = canvas(300, 200);
    let mut view = ellipse_view();
    view.heatmap = true;
    view.log_levels = true;
    view.values[100] = f64::NAN;
    view.paths[0].points.insert(1, [f64::NAN, 0.0]);
    view.paths[0].stopped = true;
    view.arrows.push(contour_plot::Arrow {
        from: [-1.5, 1.0],
        vector: [1e9, -1e-9],
        colour: colors::racer(OptimizerKind::Sgd),
        label: "∇f".into(),
    });
    assert!(contour_plot::draw(&c, &view).is_ok());
    let mut odd = view.clone();
    odd.values = vec![f64::NAN; odd.values.len()];
    odd.x_range = [f64::NAN, 1.0];
    odd.y_range = [3.0, 3.0];
    odd.paths.push(contour_plot::RacerPath {
        kind: OptimizerKind::Adam,
        points: vec![],
        stopped: false,
        followed: false,
    });
    odd.arrows[0].vector = [0.0, 0.0];
    odd.levels = vec![f64::NAN, f64::INFINITY];
    assert!(contour_plot::draw(&c, &odd).is_ok());
    odd.rows = 0;
    odd.cols = 0;
    odd.values = vec![];
    assert!(contour_plot::draw(&c, &odd).is_ok());
    odd.rows = 3;
    assert!(
        contour_plot::draw(&c, &odd).is_ok(),
        "3 × 0 holds no values"
    );
    odd.cols = 2;
    assert!(
        contour_plot::draw(&c, &odd).is_err(),
        "3 × 2 with no values"
    );
}
