//! The racers' settings changed while the race runs, a weight edited by hand, and the
//! scenarios a session writes back: its settings, its current parameters, a lesson on a few
//! examples.

use super::*;

impl Session {
    /// The racers' settings now, in `OptimizerKind::ALL` order.
    pub fn current_settings(&self) -> [OptimizerSettings; 4] {
        std::array::from_fn(|i| self.racer(OptimizerKind::ALL[i]).optimizer.settings)
    }

    /// Changes a racer's hyper-parameters (α, β, β1, β2, ε) in the running race: its state
    /// (V, S, t) and everything done so far stay.
    /// Changes at the same update for the same racer replace each other; a run keeps at most
    /// `MAX_LIVE_CHANGES` (its replay after a reload needs them all).
    pub fn set_settings(&mut self, settings: OptimizerSettings) -> Result<(), SessionError> {
        let at_batch = self.batches_done();
        let same = |c: &LiveChange| c.at_batch == at_batch && c.settings.kind() == settings.kind();
        if let Some(i) = self.changes.iter().rposition(same) {
            self.changes.remove(i);
        } else if self.changes.len() >= MAX_LIVE_CHANGES {
            return Err(SessionError::TooManyChanges {
                max: MAX_LIVE_CHANGES,
            });
        }
        self.undo.clear();
        self.apply_settings(settings);
        self.changes.push(LiveChange { at_batch, settings });
        self.settings_changed();
        Ok(())
    }

    pub(super) fn apply_settings(&mut self, settings: OptimizerSettings) {
        if let Some(run) = &mut self.surface {
            run.race.set_settings(settings);
        }
        if let Some(i) = self.index_of(settings.kind()) {
            self.stepper.race.racers[i].optimizer.settings = settings;
        }
    }

    /// Sets one parameter of the focused racer — W[l]_{row,col}, or b[l]_{row} when `bias` —
    /// and restarts the race from the focused racer's parameters so edited.
    pub fn edit_parameter(
        &mut self,
        layer: usize,
        bias: bool,
        row: usize,
        col: usize,
        value: f64,
    ) -> Result<(), SessionError> {
        self.network_only("editing a weight")?;
        if !value.is_finite() {
            return Err(SessionError::NotFinite(value));
        }
        self.check_layer(if bias { Quantity::B } else { Quantity::W }, layer)?;
        let mut net = self.focused().network.clone();
        let p = if bias {
            &mut net.layers[layer - 1].b
        } else {
            &mut net.layers[layer - 1].w
        };
        let (rows, cols) = p.dim();
        if row >= rows || col >= cols {
            return Err(SessionError::NoSuchWeight {
                layer,
                row,
                col,
                rows,
                cols,
            });
        }
        p[[row, col]] = value;
        let next = self.scenario().with_parameters(&net);
        let focus = self.stepper.focus;
        self.load(next);
        self.stepper.focus = focus;
        Ok(())
    }

    /// The scenario as loaded, with the racers' current settings: where a restart (a new
    /// network, new data) begins.
    pub fn settings_scenario(&self) -> Scenario {
        let mut s = self.base.clone();
        s.race = self.current_settings();
        s.optimizer = self.focused().optimizer.settings;
        s
    }

    /// A lesson on a few examples: these train examples (indices into the train set) as the
    /// whole training set and the one batch, from the focused racer's current parameters.
    pub fn lesson_scenario(&self, examples: &[usize]) -> Result<Scenario, SessionError> {
        self.network_only("a lesson on a few examples")?;
        let train = &self.stepper.race.data.train;
        if examples.is_empty() || examples.len() > 8 || examples.iter().any(|&i| i >= train.len()) {
            return Err(SessionError::Invalid(ScenarioError::new(
                "lesson",
                format!(
                    "pick 1 to 8 examples among the {} training examples",
                    train.len()
                ),
            )));
        }
        let picked = train.select(examples);
        let mut s = self.scenario();
        s.data = crate::scenario::Data::Explicit {
            train: picked,
            test: None,
            features: Vec::new(),
            classes: Vec::new(),
        };
        s.batch_size = examples.len();
        s.shuffle = false;
        Ok(s)
    }

    /// The scenario with the focused racer's current parameters as explicit weights, its
    /// settings as `optimizer` and the racers' current settings as `race`.
    pub fn scenario(&self) -> Scenario {
        let racer = self.focused();
        let mut s = self.base.with_parameters(&racer.network);
        s.optimizer = racer.optimizer.settings;
        s.race = self.current_settings();
        s
    }
}
