//! `playground`: replay a scenario file natively.
//!
//!   playground trace FILE   the trace of docs/scenario.md, as JSON on stdout
//!   playground race FILE    the four optimizers' losses per epoch, as a table (on a
//!                           surface lesson: f per update)
//!   playground landscape FILE [--plane pca|random] [--resolution N] [--span S] [--seed N]
//!                           the data cost over a plane in parameter space and the racers'
//!                           paths on it, after the scenario's epochs, as JSON (on a
//!                           surface lesson: f over its plot square, only --resolution)

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    std::process::exit(cli::run(std::env::args().skip(1).collect()));
}

// trunk builds every target of the package for the browser; there the tool is empty.
#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
mod cli {
    use backprop_playground::json::{Map, Value};
    use backprop_playground::math::optimizer::OptimizerKind;
    use backprop_playground::scenario::Scenario;
    use backprop_playground::scenario::trace::trace;
    use backprop_playground::training::landscape::{
        Landscape, LandscapeOptions, MAX_RESOLUTION, PlaneKind, landscape,
    };
    use backprop_playground::training::race::{EpochRecord, Racer};
    use backprop_playground::training::stepper::Stepper;
    use backprop_playground::training::surface_race::{StopReason, SurfaceRace};
    use std::io::Write;
    use std::time::{Duration, Instant};

    const USAGE: &str = "usage: playground trace FILE   write the trace of a scenario as JSON to stdout
       playground race FILE    train SGD, Momentum, RMSprop and Adam from the scenario and print their losses
       playground landscape FILE [--plane pca|random] [--resolution N] [--span S] [--seed N]
                               train the scenario's epochs, then write the cost over a plane in
                               parameter space with the racers' paths on it as JSON
On a surface lesson (a scenario with \"surface\"), race prints f after each of the epochs
updates and landscape writes f over the function's plot square (only --resolution applies).
FILE may be - for standard input.";

    pub fn run(args: Vec<String>) -> i32 {
        match args.as_slice() {
            [cmd, file] if cmd == "trace" || cmd == "race" => match load(file) {
                Ok(scenario) => {
                    if cmd == "trace" {
                        run_trace(&scenario)
                    } else {
                        run_race(&scenario)
                    }
                }
                Err(message) => {
                    eprintln!("playground: {message}");
                    1
                }
            },
            [cmd, file, options @ ..] if cmd == "landscape" => {
                match landscape_options(options).and_then(|o| Ok((load(file)?, o))) {
                    Ok((scenario, o)) => run_landscape(&scenario, &o),
                    Err(message) => {
                        eprintln!("playground: {message}");
                        if message.starts_with("--") { 2 } else { 1 }
                    }
                }
            }
            [flag] if flag == "-h" || flag == "--help" || flag == "help" => {
                write_stdout(&format!("{USAGE}\n"))
            }
            _ => {
                eprintln!("{USAGE}");
                2
            }
        }
    }

    fn load(file: &str) -> Result<Scenario, String> {
        let text = if file == "-" {
            let mut s = String::new();
            std::io::Read::read_to_string(&mut std::io::stdin(), &mut s)
                .map_err(|e| format!("standard input: {e}"))?;
            s
        } else {
            std::fs::read_to_string(file).map_err(|e| format!("{file}: {e}"))?
        };
        Scenario::from_json(&text).map_err(|e| format!("{file}: {e}"))
    }

    fn run_trace(scenario: &Scenario) -> i32 {
        let t = trace(scenario);
        if let Some(epoch) = t.first_non_finite_epoch() {
            eprintln!(
                "playground: a number stopped being finite in epoch {epoch}; it is written as null"
            );
        }
        write_stdout(&format!("{}\n", t.to_json()))
    }

    /// Writes `text` to stdout: 0, or 1 and one line on stderr when it cannot be written
    /// (a full disk, a closed pipe) — where `print!` would panic.
    fn write_stdout(text: &str) -> i32 {
        let mut out = std::io::stdout().lock();
        match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
            Ok(()) => 0,
            Err(e) => {
                eprintln!("playground: standard output: {e}");
                1
            }
        }
    }

    fn run_race(scenario: &Scenario) -> i32 {
        if let Some(race) = surface_race(scenario) {
            return write_stdout(&surface_table(&race));
        }
        let mut stepper = scenario.stepper();
        train(&mut stepper, scenario.epochs);
        write_stdout(&race_table(&stepper.race.racers, scenario.epochs))
    }

    /// `--plane`, `--resolution`, `--span`, `--seed` with their values, each at most once.
    fn landscape_options(args: &[String]) -> Result<LandscapeOptions, String> {
        let mut o = LandscapeOptions::default();
        let mut seen = Vec::new();
        for pair in args.chunks(2) {
            let [flag, value] = pair else {
                return Err(format!("{}: expected a value after it", pair[0]));
            };
            if seen.contains(flag) {
                return Err(format!("{flag}: given twice"));
            }
            seen.push(flag.clone());
            let bad = |what: &str| format!("{flag}: expected {what}, got \"{value}\"");
            match flag.as_str() {
                "--plane" => {
                    o.plane = PlaneKind::from_name(value).ok_or_else(|| bad("pca or random"))?
                }
                "--resolution" => {
                    o.resolution = value
                        .parse()
                        .ok()
                        .filter(|r| (2..=MAX_RESOLUTION).contains(r))
                        .ok_or_else(|| bad(&format!("a whole number from 2 to {MAX_RESOLUTION}")))?
                }
                "--span" => {
                    o.span = Some(
                        value
                            .parse::<f64>()
                            .ok()
                            .filter(|s| s.is_finite() && *s > 0.0)
                            .ok_or_else(|| bad("a finite number above 0"))?,
                    )
                }
                "--seed" => o.seed = value.parse().map_err(|_| bad("a whole number from 0"))?,
                _ => return Err(format!("{flag}: unknown option; see playground --help")),
            }
        }
        Ok(o)
    }

    /// Trains the scenario's epochs as `race` does, then writes the landscape as JSON.
    fn run_landscape(scenario: &Scenario, options: &LandscapeOptions) -> i32 {
        if let Some(race) = surface_race(scenario) {
            return surface_landscape(&race, options);
        }
        let mut stepper = scenario.stepper();
        train(&mut stepper, scenario.epochs);
        match landscape(&stepper.race, stepper.focus, options) {
            Ok(l) => write_stdout(&format!("{}\n", landscape_json(&l))),
            Err(e) => {
                eprintln!("playground: {e}");
                1
            }
        }
    }

    /// `{ plane, a, b, cost, paths: { sgd, … }, explained, examples, subsampled }`, a number
    /// that is not finite as null.
    fn landscape_json(l: &Landscape) -> Value {
        let mut m = grid_json(l.plane.name(), [&l.a, &l.b, &l.cost], &l.paths);
        m.insert("explained", l.explained.map(|e| e.to_vec()));
        m.insert("examples", l.examples);
        m.insert("subsampled", l.subsampled);
        Value::Object(m)
    }

    /// `{ plane, a, b, cost, paths: { sgd, … } }` of a landscape or a surface.
    fn grid_json(plane: &str, grid: [&Vec<f64>; 3], paths: &[(OptimizerKind, Vec<f64>)]) -> Map {
        let mut m = Map::new();
        m.insert("plane", plane);
        for (key, v) in ["a", "b", "cost"].into_iter().zip(grid) {
            m.insert(key, v.clone());
        }
        let paths: Map = paths.iter().map(|(k, p)| (k.name(), p.clone())).collect();
        m.insert("paths", paths);
        m
    }

    /// On a surface lesson, the race with the scenario's `race` settings after its `epochs`
    /// updates (at most `MAX_SURFACE_STEPS`, as the check makes sure).
    fn surface_race(scenario: &Scenario) -> Option<SurfaceRace> {
        let lesson = scenario.surface?;
        let mut race = SurfaceRace::new(lesson.surface, lesson.start, &scenario.race);
        race.run(scenario.epochs as u64)
            .expect("a checked surface scenario has at most MAX_SURFACE_STEPS epochs");
        Some(race)
    }

    /// The surface and the paths as JSON, in the network landscape's shape with `plane`
    /// "surface" and a, b the function's own x and y; only `--resolution` applies.
    fn surface_landscape(race: &SurfaceRace, options: &LandscapeOptions) -> i32 {
        let d = LandscapeOptions::default();
        if options.plane != d.plane || options.span.is_some() || options.seed != d.seed {
            eprintln!("playground: on a test surface only --resolution applies");
            return 2;
        }
        let l = match race.landscape(options.resolution) {
            Ok(l) => l,
            Err(e) => {
                eprintln!("playground: {e}");
                return 1;
            }
        };
        let mut m = grid_json("surface", [&l.a, &l.b, &l.cost], &l.paths);
        m.insert("function", race.surface.name());
        for key in ["explained", "examples", "subsampled"] {
            m.insert(key, Value::Null);
        }
        write_stdout(&format!("{}\n", Value::Object(m)))
    }

    /// One column per racer: f at the start (update 0) and after every update, "stopped"
    /// once a racer has stopped; then why each stopped racer stopped.
    fn surface_table(race: &SurfaceRace) -> String {
        let mut out = format!(
            "f per update on {} from ({}, {}) (update 0 is the start)\nupdate",
            race.surface.name(),
            race.start[0],
            race.start[1]
        );
        for r in &race.racers {
            out += &format!(" {:>12}", r.kind().label());
        }
        out.push('\n');
        for t in 0..=race.steps as usize {
            out += &format!("{t:>6}");
            for r in &race.racers {
                let cell = match r.losses.get(t) {
                    Some(f) => format!("{f:.6}"),
                    None => "stopped".into(),
                };
                out += &format!(" {cell:>12}");
            }
            out.push('\n');
        }
        for r in &race.racers {
            if let Some(stop) = r.stopped {
                let why = match stop.reason {
                    StopReason::LeftPlot => "left the plot",
                    StopReason::NonFinite => "stopped being finite",
                };
                out += &format!("{} {why} at update {}\n", r.kind().label(), stop.step);
            }
        }
        out
    }

    /// Trains `total` epochs. A run longer than 2 s shows its epoch on stderr (at most every
    /// 0.5 s) and, at the end, the time it took.
    fn train(stepper: &mut Stepper, total: usize) {
        let started = Instant::now();
        let mut shown = Instant::now();
        for epoch in 1..=total {
            stepper.train_epochs(1);
            if started.elapsed() > Duration::from_secs(2)
                && shown.elapsed() > Duration::from_millis(500)
            {
                eprint!("\rplayground: epoch {epoch}/{total}");
                shown = Instant::now();
            }
        }
        if started.elapsed() > Duration::from_secs(2) {
            eprintln!(
                "\rplayground: {total} epochs in {:.1} s",
                started.elapsed().as_secs_f64()
            );
        }
    }

    /// One column per racer: the train loss of every epoch, then the last epoch's test loss
    /// and accuracy, then where any racer diverged.
    fn race_table(racers: &[Racer], total: usize) -> String {
        let mut out = String::from("train loss per epoch (test loss in the last line)\n epoch");
        for kind in OptimizerKind::ALL {
            out += &format!(" {:>12}", kind.label());
        }
        out.push('\n');
        for epoch in 1..=total {
            out += &format!("{epoch:>6}");
            for r in racers {
                let cell = match r.history.get(epoch - 1) {
                    Some(rec) => format!("{:.6}", rec.train_loss),
                    None => "diverged".into(),
                };
                out += &format!(" {cell:>12}");
            }
            out.push('\n');
        }
        out += &format!("  test{}\n", last_epoch(racers, |r| r.test_loss));
        out += &format!(
            "   acc{}\n",
            last_epoch(racers, |r| r.test_accuracy.or(r.train_accuracy))
        );
        out += &divergences(racers);
        out
    }

    /// One cell per racer: `f` of its last epoch, or "—".
    fn last_epoch(racers: &[Racer], f: impl Fn(&EpochRecord) -> Option<f64>) -> String {
        racers
            .iter()
            .map(|r| match r.history.last().and_then(&f) {
                Some(v) => format!(" {v:>12.6}"),
                None => format!(" {:>12}", "—"),
            })
            .collect()
    }

    /// A line for each racer that diverged: where, and at which update.
    fn divergences(racers: &[Racer]) -> String {
        let mut out = String::new();
        for r in racers {
            if let Some(d) = &r.diverged {
                out += &format!(
                    "{} diverged in epoch {}, batch {} (update t = {})\n",
                    r.kind().label(),
                    d.epoch,
                    d.batch + 1,
                    d.step
                );
            }
        }
        out
    }
}
