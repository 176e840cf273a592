//! What a teacher takes away (issue 13): the loss histories and the data as CSV, the trace
//! JSON of the run so far, and matrices and a whole step as LaTeX or Markdown (`export/`).

use super::*;
use crate::scenario::trace::trace;

mod latex;
mod step;
pub use latex::{MAX_DIGITS, MatrixFormat, bmatrix, markdown};
pub use step::MAX_STEP_SIDE;

/// What `export_csv` writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CsvExport {
    /// the four racers' losses and accuracies per epoch
    Losses,
    /// the data set: inputs, label, split
    Data,
}

impl CsvExport {
    pub const ALL: [CsvExport; 2] = [CsvExport::Losses, CsvExport::Data];

    pub fn name(self) -> &'static str {
        match self {
            CsvExport::Losses => "losses",
            CsvExport::Data => "data",
        }
    }

    pub fn from_name(name: &str) -> Option<CsvExport> {
        CsvExport::ALL.into_iter().find(|c| c.name() == name)
    }
}

/// The columns each racer has in the losses CSV, after its kind's name and `_`.
const LOSS_COLUMNS: [&str; 4] = ["train_loss", "test_loss", "train_accuracy", "test_accuracy"];

impl Session {
    /// `what` as CSV text.
    pub fn export_csv(&self, what: CsvExport) -> String {
        match what {
            CsvExport::Losses => self.losses_csv(),
            CsvExport::Data => crate::scenario::csv::data_csv(&self.base),
        }
    }

    /// `epoch,sgd_train_loss,sgd_test_loss,sgd_train_accuracy,sgd_test_accuracy,momentum_…,
    /// …,adam_test_accuracy`, then one row per epoch done (1, 2, …). A cell is empty where
    /// the value does not exist: the test columns without a test set, the accuracies with
    /// mse (a regression has none), a racer's epochs after it stopped on a number that was
    /// not finite. A non-finite value is written `NaN`, `inf` or `-inf`.
    fn losses_csv(&self) -> String {
        let kinds = OptimizerKind::ALL;
        let mut out = String::from("epoch");
        for kind in kinds {
            for column in LOSS_COLUMNS {
                out.push_str(&format!(",{}_{column}", kind.name()));
            }
        }
        out.push('\n');
        let epochs = kinds
            .iter()
            .map(|&k| self.racer(k).history.len())
            .max()
            .unwrap_or(0);
        let cell = |v: Option<f64>| v.map_or(String::new(), crate::scenario::csv::num);
        for e in 0..epochs {
            out.push_str(&(e + 1).to_string());
            for kind in kinds {
                let r = self.racer(kind).history.get(e);
                let values = [
                    r.map(|r| r.train_loss),
                    r.and_then(|r| r.test_loss),
                    r.and_then(|r| r.train_accuracy),
                    r.and_then(|r| r.test_accuracy),
                ];
                for v in values {
                    out.push(',');
                    out.push_str(&cell(v));
                }
            }
            out.push('\n');
        }
        out
    }

    /// The scenario `trace` replays for this run: the settings (what Save writes without the
    /// current weights) with `epochs` the epochs done (at least 1, the fewest a scenario has).
    pub fn trace_scenario(&self) -> Scenario {
        let mut s = self.settings_scenario();
        s.epochs = self.epochs_done().max(1);
        s
    }

    /// The trace JSON of `trace_scenario`: what `playground trace` writes for it, without
    /// the final line break. It replays the run's epochs for one racer (a quarter of the
    /// race's work), so a run longer than one call's work is refused (the CLI has no limit).
    pub fn trace_json(&self) -> Result<String, SessionError> {
        let s = self.trace_scenario();
        let work = s.epochs as f64 * self.race_cost().epoch() / budget::RACERS;
        if work > budget::MAX_CALL_WORK && s.epochs > 1 {
            return Err(TooMuchWork {
                call: "traceJson()".into(),
                work,
                hint: format!(
                    "the run's {} epochs take too long to replay here: save the scenario and run `playground trace`",
                    s.epochs
                ),
            }
            .into());
        }
        Ok(trace(&s).to_json())
    }
}

#[cfg(test)]
mod tests;
