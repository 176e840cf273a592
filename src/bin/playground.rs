//! `playground`: replay a scenario file natively.
//!
//!   playground trace FILE   the trace of docs/scenario.md, as JSON on stdout
//!   playground race FILE    the four optimizers' losses per epoch, as a table

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    std::process::exit(cli::run(std::env::args().skip(1).collect()));
}

// trunk builds every target of the package for the browser; there the tool is empty.
#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
mod cli {
    use backprop_playground::math::optimizer::OptimizerKind;
    use backprop_playground::scenario::Scenario;
    use backprop_playground::scenario::trace::trace;
    use backprop_playground::training::race::{EpochRecord, Racer};
    use backprop_playground::training::stepper::Stepper;
    use std::io::Write;
    use std::time::{Duration, Instant};

    const USAGE: &str = "usage: playground trace FILE   write the trace of a scenario as JSON to stdout
       playground race FILE    train SGD, Momentum, RMSprop and Adam from the scenario and print their losses
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
        let mut stepper = scenario.stepper();
        train(&mut stepper, scenario.epochs);
        write_stdout(&race_table(&stepper.race.racers, scenario.epochs))
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
